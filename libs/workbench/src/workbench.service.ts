import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { StaffPrincipal } from '@wenzheng/auth';
import { CalendarStore, TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { ClockError, ClockService, ExtensionService } from '@wenzheng/clocks';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { AccessError, InputError, NotFoundError, StateError, isUuid, parseInput } from '@wenzheng/errors';
import { Outbox } from '@wenzheng/intake';
import { PublicationService } from '@wenzheng/publishing';
import { JobName, JobRequest } from '@wenzheng/queue';
import {
  TICKET_STATUS_TEXT,
  TICKET_SUBJECT,
  TicketAction,
  TicketEntity,
  TicketService,
  TicketStatus,
  WorkflowFacts,
  allowedActions,
  decideAction,
  recordTicketEvent,
} from '@wenzheng/tickets';
import { TicketScope, positionOf, scopeOf } from './ticket-scope';
import { RoutingSummary, TicketDetail, TicketPage, TicketSummary, UnitRef } from './ticket-views';
import { OPEN_STATUSES, TicketRow, WorkbenchTicketRepository } from './workbench-tickets.repository';
import {
  approveSchema,
  assignSchema,
  emptySchema,
  extensionDecisionSchema,
  extensionRequestSchema,
  mergeSchema,
  rejectSchema,
  replySchema,
  returnSchema,
  textSchema,
  ticketListQuerySchema,
} from './workbench.schemas';

interface ActionContext {
  manager: EntityManager;
  ticket: TicketEntity;
  staff: StaffPrincipal;
  to: TicketStatus | null;
  event: string | null;
  now: Date;
  actor: string;
  /** Jobs to publish once the transaction has committed (they are in the outbox already). */
  jobs: JobRequest[];
}

const actorOf = (staff: StaffPrincipal) => `staff:${staff.username}`;

/**
 * The unit workbench (承办单位工作台): reads scoped to the caller's unit, and every action checked by the pure workflow
 * module, applied under the ticket's row lock, with its event, in one transaction.
 */
@Injectable()
export class WorkbenchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: WorkbenchTicketRepository,
    private readonly tickets: TicketService,
    private readonly clocks: ClockService,
    private readonly extensions: ExtensionService,
    private readonly calendars: CalendarStore,
    private readonly outbox: Outbox,
    private readonly publications: PublicationService,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async list(staff: StaffPrincipal, rawQuery: unknown): Promise<TicketPage> {
    const query = parseInput(ticketListQuerySchema, rawQuery, 'the query');
    const scope = scopeOf(staff);
    const { rows, total } = await this.repository.list(scope, query, this.time.now());
    const units = await this.units();
    return { items: rows.map((row) => this.summary(row, staff, units)), total, page: query.page, pageSize: query.pageSize };
  }

  async units(): Promise<Map<string, UnitRef & { kind: string }>> {
    const rows: (UnitRef & { kind: string })[] = await this.dataSource.query(`SELECT id, code, name, kind FROM units ORDER BY code`);
    return new Map(rows.map((u) => [u.id, u]));
  }

  /** `scope` is overridden only to answer an action that moved the ticket out of the caller's scope (a return). */
  async detail(staff: StaffPrincipal, ticketId: string, scope: TicketScope = scopeOf(staff)): Promise<TicketDetail> {
    const row = await this.repository.row(scope, ticketId);
    const ticket = await this.dataSource.manager.findOneByOrFail(TicketEntity, { id: row.id });
    const units = await this.units();
    const q = (sql: string, params: unknown[] = [row.id]) => this.dataSource.query(sql, params);
    const [[message], [reply], opinions, notes, events, clocks, extensions, merged, [mergedInto]] = await Promise.all([
      q(`SELECT m.title, m.body, m.channel, m.sender_name, m.sender_phone, m.received_at, m.public_consent, m.analysis
           FROM inbound_messages m JOIN tickets t ON t.message_id = m.id WHERE t.id = $1`),
      q(
        `SELECT r.round, r.body, r.state, s.display_name AS author_name, r.updated_at, r.review_comment
           FROM ticket_replies r JOIN staff_users s ON s.id = r.author_id WHERE r.ticket_id = $1 AND r.round = $2`,
        [row.id, ticket.round],
      ),
      q(`SELECT o.id, o.unit_id, s.display_name AS author, o.body, o.updated_at FROM ticket_opinions o
           JOIN staff_users s ON s.id = o.author_id WHERE o.ticket_id = $1 ORDER BY o.updated_at`),
      q(`SELECT n.id, s.display_name AS author, n.body, n.created_at FROM ticket_notes n
           JOIN staff_users s ON s.id = n.author_id WHERE n.ticket_id = $1 ORDER BY n.created_at, n.id`),
      q(`SELECT at, actor, type, from_status, to_status, reason, data FROM ticket_events WHERE ticket_id = $1 ORDER BY id`),
      q(`SELECT id, purpose, state, due_at, provisional FROM clocks WHERE subject_type = 'ticket' AND subject_id = $1 ORDER BY created_at`),
      q(`SELECT x.* FROM clock_extensions x JOIN clocks c ON c.id = x.clock_id
          WHERE c.subject_type = 'ticket' AND c.subject_id = $1 ORDER BY x.requested_at`),
      q(`SELECT id, tracking_no FROM tickets WHERE merged_into_id = $1 ORDER BY tracking_no`),
      ticket.mergedIntoId ? q(`SELECT id, tracking_no FROM tickets WHERE id = $1`, [ticket.mergedIntoId]) : Promise.resolve([]),
    ]);
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    const windowEnd = this.returnWindowEnd(ticket);
    return {
      ...this.summary(row, staff, units),
      message: {
        title: message.title,
        body: message.body,
        channel: message.channel,
        senderName: message.sender_name,
        senderPhone: message.sender_phone,
        receivedAt: message.received_at.toISOString(),
        publicConsent: message.public_consent,
      },
      keywords: message.analysis?.keywords ?? [],
      round: ticket.round,
      reply: reply
        ? {
            round: reply.round,
            body: reply.body,
            state: reply.state,
            authorName: reply.author_name,
            updatedAt: reply.updated_at.toISOString(),
            reviewComment: reply.review_comment,
          }
        : null,
      opinions: opinions.map((o: { id: string; unit_id: string; author: string; body: string; updated_at: Date }) => ({
        id: o.id,
        unit: unitRef(units, o.unit_id) as UnitRef,
        author: o.author,
        body: o.body,
        at: o.updated_at.toISOString(),
      })),
      notes: notes.map((n: { id: string; author: string; body: string; created_at: Date }) => ({
        id: n.id,
        author: n.author,
        body: n.body,
        at: n.created_at.toISOString(),
      })),
      events: events.map((e: { at: Date; actor: string; type: string; from_status: string | null; to_status: string | null; reason: string | null; data: object }) => ({
        at: e.at.toISOString(),
        actor: e.actor,
        type: e.type,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        reason: e.reason,
        data: e.data,
      })),
      clocks: clocks.map((c: { id: string; purpose: string; state: string; due_at: Date | null; provisional: boolean }) => ({
        id: c.id,
        purpose: c.purpose,
        state: c.state,
        dueAt: iso(c.due_at),
        provisional: c.provisional,
        extensions: extensions
          .filter((x: { clock_id: string }) => x.clock_id === c.id)
          .map((x: { id: string; length: number; reason: string; status: string; requested_by: string; requested_at: Date; decided_by: string | null; decision_note: string | null }) => ({
            id: x.id,
            length: x.length,
            reason: x.reason,
            status: x.status,
            requestedBy: x.requested_by,
            requestedAt: x.requested_at.toISOString(),
            decidedBy: x.decided_by,
            decisionNote: x.decision_note,
          })),
      })),
      mergedInto: mergedInto ? { id: mergedInto.id, trackingNo: mergedInto.tracking_no } : null,
      mergedTickets: merged.map((m: { id: string; tracking_no: string }) => ({ id: m.id, trackingNo: m.tracking_no })),
      returnWindowEndsAt: iso(windowEnd),
      category: ticket.category === null ? null : { label: ticket.category, probability: ticket.categoryProbability },
      routing: routingSummary(events, units),
      actions: allowedActions(await this.facts(this.dataSource.manager, ticket, staff)),
    };
  }

  // ——— actions ———

  claim(staff: StaffPrincipal, id: string, body: unknown): Promise<TicketDetail> {
    parseInput(emptySchema, body ?? {});
    return this.act(staff, id, 'claim', async (c) => {
      await this.move(c, { claimedBy: c.staff.id }, c.ticket.claimedBy ? `taken over from ${c.ticket.claimedBy}` : undefined);
    });
  }

  draft(staff: StaffPrincipal, id: string, body: unknown): Promise<TicketDetail> {
    const { body: text } = parseInput(replySchema, body);
    return this.act(staff, id, 'draft', async (c) => {
      await c.manager.query(
        `INSERT INTO ticket_replies (ticket_id, round, body, state, author_id, created_at, updated_at) VALUES ($1, $2, $3, 'draft', $4, $5, $5)
         ON CONFLICT (ticket_id, round) DO UPDATE SET body = EXCLUDED.body, author_id = EXCLUDED.author_id, state = 'draft', updated_at = $5`,
        [c.ticket.id, c.ticket.round, text, c.staff.id, c.now],
      );
    });
  }

  submit(staff: StaffPrincipal, id: string, body: unknown): Promise<TicketDetail> {
    parseInput(emptySchema, body ?? {});
    return this.act(staff, id, 'submit', async (c) => {
      await c.manager.query(`UPDATE ticket_replies SET state = 'submitted', updated_at = $3 WHERE ticket_id = $1 AND round = $2`, [
        c.ticket.id,
        c.ticket.round,
        c.now,
      ]);
      await this.move(c, {});
    });
  }

  approve(staff: StaffPrincipal, id: string, body: unknown): Promise<TicketDetail> {
    const { comment } = parseInput(approveSchema, body ?? {});
    return this.act(staff, id, 'approve', async (c) => {
      const [reply]: { id: string }[] = await c.manager.query(
        `UPDATE ticket_replies SET state = 'approved', approved_by = $3, approved_at = $4, review_comment = $5, updated_at = $4
          WHERE ticket_id = $1 AND round = $2 RETURNING id`,
        [c.ticket.id, c.ticket.round, c.staff.id, c.now, comment || null],
      ).then((result: [{ id: string }[], number]) => result[0]);
      await this.move(c, {}, comment, { round: c.ticket.round });
      await this.tickets.stopClock(c.manager, c.ticket.id, 'reply', { actor: c.actor, reason: 'reply approved' });
      await c.manager.query(
        `INSERT INTO routing_examples (ticket_id, message_id, kind, final_unit_id, actor) VALUES ($1, $2, 'resolved', $3, $4)`,
        [c.ticket.id, c.ticket.messageId, c.ticket.leadUnitId, c.actor],
      );
      // The citizen of this ticket and of every ticket merged into it get this reply.
      const recipients: { id: string }[] = await c.manager.query(`SELECT id FROM tickets WHERE id = $1 OR merged_into_id = $1`, [c.ticket.id]);
      await this.deliver(c, reply.id, c.ticket.round, recipients.map((r) => r.id));
      // With the citizen's consent the answer goes to the public archive within 3 working days, masked first.
      const publishing = await this.publications.planReply(c.manager, c.ticket, c.ticket.round, c.now, c.actor);
      await this.outbox.add(c.manager, publishing);
      c.jobs.push(...publishing);
    });
  }

  reject(staff: StaffPrincipal, id: string, body: unknown): Promise<TicketDetail> {
    const { comment } = parseInput(rejectSchema, body);
    return this.act(staff, id, 'reject', async (c) => {
      await c.manager.query(
        `UPDATE ticket_replies SET state = 'draft', review_comment = $3, updated_at = $4 WHERE ticket_id = $1 AND round = $2`,
        [c.ticket.id, c.ticket.round, comment, c.now],
      );
      await this.move(c, {}, comment);
    });
  }

  returnTicket(staff: StaffPrincipal, id: string, body: unknown): Promise<TicketDetail> {
    const { reason } = parseInput(returnSchema, body);
    return this.act(staff, id, 'return', async (c) => {
      const wrongUnit = c.ticket.leadUnitId;
      await this.move(c, { leadUnitId: null, assistingUnitIds: [], claimedBy: null, assignedAt: null }, reason, { wrongUnit });
      await c.manager.query(
        `INSERT INTO routing_examples (ticket_id, message_id, kind, wrong_unit_id, reason, actor) VALUES ($1, $2, 'returned', $3, $4, $5)`,
        [c.ticket.id, c.ticket.messageId, wrongUnit, reason, c.actor],
      );
      // Back on the dispatchers' desk with a fresh dispatch clock; the citizen's reply clock keeps running.
      await this.tickets.stopClock(c.manager, c.ticket.id, 'dispatch', { actor: c.actor, reason: 'returned' });
      const clock = await this.clocks.start(c.manager, { type: TICKET_SUBJECT, id: c.ticket.id }, 'dispatch', 'dispatch', c.now, { actor: c.actor });
      await c.manager.update(TicketEntity, { id: c.ticket.id }, { dispatchDueAt: clock.dueAt as Date });
    });
  }

  assign(staff: StaffPrincipal, id: string, body: unknown): Promise<TicketDetail> {
    const input = parseInput(assignSchema, body);
    return this.act(staff, id, 'assign', async (c) => {
      const codes = [input.leadUnit, ...input.assistingUnits];
      const found: { id: string; code: string }[] = await c.manager.query(`SELECT id, code FROM units WHERE code = ANY($1)`, [codes]);
      const idOf = (code: string, field: string) => {
        const unit = found.find((u) => u.code === code);
        if (!unit) throw new InputError(field, `no unit with code ${code}`);
        return unit.id;
      };
      const lead = idOf(input.leadUnit, 'leadUnit');
      const assisting = [...new Set(input.assistingUnits.map((code) => idOf(code, 'assistingUnits')))];
      if (assisting.includes(lead)) throw new InputError('assistingUnits', 'the lead unit cannot also assist');
      const previousLead = c.ticket.leadUnitId;
      await this.move(c, { leadUnitId: lead, assistingUnitIds: assisting, claimedBy: null, assignedAt: c.now }, undefined, {
        leadUnit: input.leadUnit,
        assistingUnits: input.assistingUnits,
      });
      await this.tickets.stopClock(c.manager, c.ticket.id, 'dispatch', { actor: c.actor, reason: 'assigned' });
      // The returns waiting for their answer learn which unit finally took the ticket.
      await c.manager.query(`UPDATE routing_examples SET final_unit_id = $2 WHERE ticket_id = $1 AND kind = 'returned' AND final_unit_id IS NULL`, [
        c.ticket.id,
        lead,
      ]);
      if (previousLead && previousLead !== lead) {
        await c.manager.query(
          `INSERT INTO routing_examples (ticket_id, message_id, kind, wrong_unit_id, final_unit_id, actor) VALUES ($1, $2, 'reassigned', $3, $4, $5)`,
          [c.ticket.id, c.ticket.messageId, previousLead, lead, c.actor],
        );
      }
    });
  }

  merge(staff: StaffPrincipal, id: string, body: unknown): Promise<TicketDetail> {
    const { into } = parseInput(mergeSchema, body);
    return this.act(staff, id, 'merge', async (c) => {
      const [main]: { id: string; status: TicketStatus; merged_into_id: string | null; round: number }[] = await c.manager.query(
        `SELECT id, status, merged_into_id, round FROM tickets WHERE tracking_no = $1 FOR UPDATE`,
        [into],
      );
      if (!main) throw new InputError('into', `no ticket with tracking number ${into}`);
      if (main.id === c.ticket.id) throw new InputError('into', 'a ticket cannot be merged into itself');
      if (main.status === 'merged') throw new StateError(`ticket ${into} is itself merged; merge into its main ticket`, c.ticket.status);
      await this.move(c, { mergedIntoId: main.id, claimedBy: null }, undefined, { into });
      for (const purpose of ['dispatch', 'reply']) {
        await this.tickets.stopClock(c.manager, c.ticket.id, purpose, { actor: c.actor, reason: `merged into ${into}` });
      }
      await recordTicketEvent(c.manager, main.id, c.now, { type: 'merge.joined', actor: c.actor, data: { ticket: c.ticket.trackingNo } });
      // Joining a main ticket that has answered already: its reply goes to this citizen now.
      const [approved]: { id: string; round: number }[] = await c.manager.query(
        `SELECT id, round FROM ticket_replies WHERE ticket_id = $1 AND state = 'approved' ORDER BY round DESC LIMIT 1`,
        [main.id],
      );
      if (approved) await this.deliver(c, approved.id, approved.round, [c.ticket.id]);
    });
  }

  addOpinion(staff: StaffPrincipal, id: string, body: unknown): Promise<TicketDetail> {
    const { body: text } = parseInput(textSchema, body);
    return this.act(staff, id, 'opinion', async (c) => {
      await c.manager.query(
        `INSERT INTO ticket_opinions (ticket_id, unit_id, author_id, body, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (ticket_id, unit_id) DO UPDATE SET body = EXCLUDED.body, author_id = EXCLUDED.author_id, updated_at = EXCLUDED.updated_at`,
        [c.ticket.id, c.staff.unit.id, c.staff.id, text, c.now],
      );
      await this.record(c, { unit: c.staff.unit.code });
    });
  }

  addNote(staff: StaffPrincipal, id: string, body: unknown): Promise<TicketDetail> {
    const { body: text } = parseInput(textSchema, body);
    return this.act(staff, id, 'note', async (c) => {
      await c.manager.query(`INSERT INTO ticket_notes (ticket_id, author_id, body, created_at) VALUES ($1, $2, $3, $4)`, [
        c.ticket.id,
        c.staff.id,
        text,
        c.now,
      ]);
      await this.record(c, {});
    });
  }

  requestExtension(staff: StaffPrincipal, id: string, body: unknown): Promise<TicketDetail> {
    const ask = parseInput(extensionRequestSchema, body);
    return this.act(staff, id, 'request-extension', async (c) => {
      const clock = await this.clocks.live(c.manager, { type: TICKET_SUBJECT, id: c.ticket.id }, 'reply');
      if (!clock) throw new StateError('the ticket has no running reply clock', c.ticket.status);
      await clockCall(() => this.extensions.request(c.manager, clock.id, { ...ask, actor: c.actor }), c.ticket.status);
    });
  }

  decideExtension(staff: StaffPrincipal, id: string, extensionId: string, body: unknown): Promise<TicketDetail> {
    const decision = parseInput(extensionDecisionSchema, body);
    return this.act(staff, id, 'decide-extension', async (c) => {
      const [owned]: { id: string }[] = isUuid(extensionId)
        ? await c.manager.query(
            `SELECT x.id FROM clock_extensions x JOIN clocks k ON k.id = x.clock_id
              WHERE x.id = $1 AND k.subject_type = 'ticket' AND k.subject_id = $2`,
            [extensionId, c.ticket.id],
          )
        : [];
      if (!owned) throw new NotFoundError(`no extension request ${extensionId} on this ticket`);
      await clockCall(() => this.extensions.decide(c.manager, extensionId, { ...decision, actor: c.actor }), c.ticket.status);
    });
  }

  // ——— helpers ———

  private async act(staff: StaffPrincipal, ticketId: string, action: TicketAction, work: (c: ActionContext) => Promise<void>): Promise<TicketDetail> {
    const scope = scopeOf(staff);
    const jobs: JobRequest[] = [];
    await this.dataSource.transaction(async (manager) => {
      const ticket = await this.repository.lock(manager, scope, ticketId);
      const decision = decideAction(action, await this.facts(manager, ticket, staff));
      if (!decision.allowed) {
        throw decision.reason === 'forbidden' ? new AccessError(decision.message) : new StateError(decision.message, ticket.status);
      }
      await work({ manager, ticket, staff, to: decision.to, event: decision.event, now: this.time.now(), actor: actorOf(staff), jobs });
    });
    await this.outbox.publish(jobs);
    // A return hands the ticket back to the dispatchers; the unit that returned it is shown the result once.
    return this.detail(staff, ticketId, action === 'return' ? { kind: 'all' } : scope);
  }

  private async facts(manager: EntityManager, ticket: TicketEntity, staff: StaffPrincipal): Promise<WorkflowFacts> {
    const [reply]: { state: string; author_id: string }[] = await manager.query(
      `SELECT state, author_id FROM ticket_replies WHERE ticket_id = $1 AND round = $2`,
      [ticket.id, ticket.round],
    );
    const [pending]: { n: number }[] = await manager.query(
      `SELECT 1 AS n FROM clock_extensions x JOIN clocks c ON c.id = x.clock_id
        WHERE c.subject_type = 'ticket' AND c.subject_id = $1 AND x.status = 'requested' LIMIT 1`,
      [ticket.id],
    );
    const windowEnd = this.returnWindowEnd(ticket);
    return {
      status: ticket.status,
      roles: staff.roles,
      position: positionOf(staff.unit.id, ticket),
      claimedByCaller: ticket.claimedBy === null ? null : ticket.claimedBy === staff.id,
      hasDraft: reply?.state === 'draft',
      replyByCaller: reply?.author_id === staff.id,
      returnWindowOpen: windowEnd !== null && this.time.now() <= windowEnd,
      extensionPending: Boolean(pending),
    };
  }

  /** 退回 is allowed until the end of the configured number of working days after assignment. */
  private returnWindowEnd(ticket: TicketEntity): Date | null {
    if (!ticket.assignedAt) return null;
    return this.calendars.current().addWorkingDays(ticket.assignedAt, this.config.workbench.returnWindowDays).dueAt;
  }

  /** The action's status move (conditional on the locked status) and its event. */
  private async move(c: ActionContext, changes: NonNullable<Parameters<TicketService['transition']>[2]['changes']>, reason?: string, data?: Record<string, unknown>) {
    await this.tickets.transition(c.manager, c.ticket.id, {
      from: c.ticket.status,
      to: c.to as TicketStatus,
      event: c.event ?? undefined,
      actor: c.actor,
      reason,
      data,
      changes,
    });
  }

  private async record(c: ActionContext, data: object): Promise<void> {
    if (c.event) await recordTicketEvent(c.manager, c.ticket.id, c.now, { type: c.event, actor: c.actor, data });
  }

  /** Delivery rows (pending) and their jobs, in the action's transaction; the sweeper re-sends any left pending. */
  private async deliver(c: ActionContext, replyId: string, round: number, ticketIds: string[]): Promise<void> {
    await c.manager.query(
      `INSERT INTO ticket_deliveries (ticket_id, round, reply_id, channel, state)
       SELECT t.id, $2, $3, m.channel, 'pending' FROM tickets t JOIN inbound_messages m ON m.id = t.message_id
        WHERE t.id = ANY($1) ON CONFLICT (ticket_id, round) DO NOTHING`,
      [ticketIds, round, replyId],
    );
    const jobs: JobRequest[] = ticketIds.map((ticketId) => ({ name: JobName.DeliverReply, data: { ticketId, round } }));
    await this.outbox.add(c.manager, jobs);
    c.jobs.push(...jobs);
  }

  private summary(row: TicketRow, staff: StaffPrincipal, units: Map<string, UnitRef>): TicketSummary {
    const now = this.time.now();
    const overdue = OPEN_STATUSES.includes(row.status) && row.due_at < now;
    const calendar = this.calendars.current();
    const days = row.due_at >= now ? calendar.workingDaysBetween(now, row.due_at).days : -calendar.workingDaysBetween(row.due_at, now).days;
    return {
      id: row.id,
      trackingNo: row.tracking_no,
      title: row.title,
      kind: row.kind,
      status: row.status,
      statusText: TICKET_STATUS_TEXT[row.status as TicketStatus],
      receivedAt: row.received_at.toISOString(),
      dueAt: row.due_at.toISOString(),
      dueClock: row.dispatch_phase ? 'dispatch' : 'reply',
      workingDaysLeft: days,
      overdue,
      leadUnit: unitRef(units, row.lead_unit_id),
      assistingUnits: row.assisting_unit_ids.map((id) => unitRef(units, id) as UnitRef),
      position: positionOf(staff.unit.id, { leadUnitId: row.lead_unit_id, assistingUnitIds: row.assisting_unit_ids }),
      claimedBy: row.claimed_by ? { id: row.claimed_by, displayName: row.claimer_name ?? '' } : null,
    };
  }
}

/** The router's last decision on the ticket, as its event recorded it (older events carry no suggestions). */
function routingSummary(events: { actor: string; type: string; reason: string | null; data: RouteEventData }[], units: Map<string, UnitRef>): RoutingSummary | null {
  const event = events.filter((e) => e.actor === 'system:route').at(-1);
  const decision = event?.data.decision;
  if (!event || !decision) return null;
  const byCode = new Map([...units.values()].map((unit) => [unit.code, unit]));
  return {
    outcome: decision.outcome,
    basis: decision.outcome === 'assigned' ? (decision.by ?? 'rule') : (decision.reason ?? 'no-match'),
    reason: event.reason,
    suggestions: (decision.suggestions ?? []).flatMap((s) => {
      const unit = byCode.get(s.unit);
      return unit ? [{ unit, probability: s.probability }] : [];
    }),
  };
}

interface RouteEventData {
  decision?: { outcome: 'assigned' | 'dispatching'; by?: string; reason?: string; suggestions?: { unit: string; probability: number }[] };
}

function unitRef(units: Map<string, UnitRef>, id: string | null): UnitRef | null {
  const unit = id ? units.get(id) : undefined;
  return unit ? { id: unit.id, code: unit.code, name: unit.name } : null;
}

/** Clock refusals in workbench terms: bad numbers are input errors, the rest are state conflicts. */
async function clockCall<T>(call: () => Promise<T>, status: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ClockError)) throw error;
    if (error.code === 'invalid') throw new InputError('length', error.message);
    if (error.code === 'not-found') throw new NotFoundError(error.message);
    throw new StateError(error.message, status);
  }
}
