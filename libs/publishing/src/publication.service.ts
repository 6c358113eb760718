import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { StaffPrincipal, seesAllTickets } from '@wenzheng/auth';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { AccessError, StateError, parseInput, requiredText } from '@wenzheng/errors';
import { SEGMENTER, Segmenter } from '@wenzheng/nlp';
import { JobName, JobRequest } from '@wenzheng/queue';
import { TICKET_SUBJECT, TicketEntity, TicketService, recordTicketEvent } from '@wenzheng/tickets';
import { ClockService } from '@wenzheng/clocks';
import { PublicationEntity, PublicationState } from './publication.entity';
import { indexText } from './search-text';
import { findInUnitScope } from './unit-scoped';

export const PUBLICATION_PURPOSE = 'publication';

const editSchema = z
  .object({
    title: requiredText('title', 200).optional(),
    messageText: requiredText('messageText', 5000).optional(),
    replyText: requiredText('replyText', 10000).optional(),
  })
  .strict();
const reasonSchema = z.object({ reason: requiredText('reason', 1000) }).strict();

export interface StaffPublicationView {
  id: string;
  state: PublicationState;
  ticket: { id: string; trackingNo: string } | null;
  round: number | null;
  unitId: string | null;
  title: string;
  messageText: string;
  replyText: string;
  /** The unmasked texts (staff of the unit only) and the spans masking changed in them, for the reviewer's diff. */
  original: { title: string; messageText: string; replyText: string } | null;
  masks: PublicationEntity['masks'];
  reason: string | null;
  publishedAt: string | null;
  createdAt: string;
}

/**
 * The publication flow (公开): an approved reply with the citizen's consent gets a 3-working-day publication clock and
 * a masked draft; the unit's reviewer edits, releases or withholds it; a released entry can be withdrawn (a tombstone).
 */
@Injectable()
export class PublicationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketService,
    private readonly clocks: ClockService,
    @Inject(SEGMENTER) private readonly segmenter: Segmenter,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {}

  /** In the approval's transaction: with consent, start the publication clock and ask for a draft. Returns the jobs. */
  async planReply(manager: EntityManager, ticket: TicketEntity, round: number, at: Date, actor: string): Promise<JobRequest[]> {
    const [message]: { public_consent: boolean }[] = await manager.query(`SELECT public_consent FROM inbound_messages WHERE id = $1`, [
      ticket.messageId,
    ]);
    if (!message?.public_consent) return [];
    // A re-opened ticket publishes its latest answer: the previous round's clock gives way.
    await this.tickets.stopClock(manager, ticket.id, PUBLICATION_PURPOSE, { actor, reason: `round ${round} approved` });
    await this.clocks.start(manager, { type: TICKET_SUBJECT, id: ticket.id }, PUBLICATION_PURPOSE, PUBLICATION_PURPOSE, at, { actor });
    return [{ name: JobName.PreparePublication, data: { ticketId: ticket.id, round } }];
  }

  async list(staff: StaffPrincipal, state: string | undefined): Promise<StaffPublicationView[]> {
    const states = state ? [state] : ['draft'];
    const all = seesAllTickets(staff.roles);
    const rows = await this.dataSource
      .getRepository(PublicationEntity)
      .createQueryBuilder('p')
      .where('p.state IN (:...states)', { states })
      .andWhere(all ? 'true' : 'p.unit_id = :unit', { unit: staff.unit.id })
      .orderBy('p.created_at', 'ASC')
      .limit(200)
      .getMany();
    return Promise.all(rows.map((row) => this.view(row, false)));
  }

  async get(staff: StaffPrincipal, id: string): Promise<StaffPublicationView> {
    return this.view(await findInUnitScope(this.dataSource.manager, PublicationEntity, staff, id, { lock: false, what: 'publication' }), true);
  }

  edit(staff: StaffPrincipal, id: string, body: unknown): Promise<StaffPublicationView> {
    const change = parseInput(editSchema, body);
    return this.act(staff, id, ['draft'], async (manager, p) => {
      await manager.update(PublicationEntity, { id: p.id }, { ...change, updatedAt: this.time.now() });
      return { event: 'publication.edited', data: { fields: Object.keys(change) } };
    });
  }

  release(staff: StaffPrincipal, id: string): Promise<StaffPublicationView> {
    return this.act(staff, id, ['draft'], (manager, p) => this.publish(manager, p, `staff:${staff.username}`));
  }

  withhold(staff: StaffPrincipal, id: string, body: unknown): Promise<StaffPublicationView> {
    const { reason } = parseInput(reasonSchema, body);
    return this.act(staff, id, ['draft'], async (manager, p) => {
      await manager.update(PublicationEntity, { id: p.id }, { state: 'withheld', reason, updatedAt: this.time.now() });
      await this.stopClock(manager, p, `staff:${staff.username}`, 'withheld');
      return { event: 'publication.withheld', reason };
    });
  }

  withdraw(staff: StaffPrincipal, id: string, body: unknown): Promise<StaffPublicationView> {
    const { reason } = parseInput(reasonSchema, body);
    return this.act(staff, id, ['published'], async (manager, p) => {
      await manager.update(PublicationEntity, { id: p.id }, { state: 'withdrawn', reason, searchVector: null, updatedAt: this.time.now() });
      return { event: 'publication.withdrawn', reason };
    });
  }

  /** Publishes a draft: the search index from its masked texts, the clock stopped, the ticket `published`. */
  async publish(manager: EntityManager, p: PublicationEntity, actor: string): Promise<{ event: string }> {
    const now = this.time.now();
    await manager.query(
      `UPDATE publications SET state = 'published', published_at = $2, updated_at = $2,
              search_vector = setweight(to_tsvector('simple', $3), 'A') || setweight(to_tsvector('simple', $4), 'B')
                           || setweight(to_tsvector('simple', $5), 'C')
        WHERE id = $1`,
      [p.id, now, indexText(this.segmenter, p.title), indexText(this.segmenter, p.replyText), indexText(this.segmenter, p.messageText)],
    );
    await this.stopClock(manager, p, actor, 'published');
    if (p.ticketId) {
      await this.tickets.transition(manager, p.ticketId, { from: 'resolved', to: 'published', actor, data: { publicationId: p.id } });
    }
    return { event: 'publication.released' };
  }

  private async act(
    staff: StaffPrincipal,
    id: string,
    from: PublicationState[],
    work: (manager: EntityManager, p: PublicationEntity) => Promise<{ event: string; reason?: string; data?: object }>,
  ): Promise<StaffPublicationView> {
    if (!staff.roles.includes('reviewer') && !staff.roles.includes('dispatcher')) {
      throw new AccessError('publishing is for the unit’s reviewer or a dispatcher');
    }
    await this.dataSource.transaction(async (manager) => {
      const p = await findInUnitScope(manager, PublicationEntity, staff, id, { lock: true, what: 'publication' });
      if (!from.includes(p.state)) throw new StateError(`the publication is ${p.state}; this needs ${from.join(' or ')}`, p.state);
      const done = await work(manager, p);
      if (p.ticketId) {
        await recordTicketEvent(manager, p.ticketId, this.time.now(), {
          type: done.event,
          actor: `staff:${staff.username}`,
          reason: done.reason,
          data: { publicationId: p.id, ...done.data },
        });
      }
    });
    return this.get(staff, id);
  }

  private async stopClock(manager: EntityManager, p: PublicationEntity, actor: string, reason: string): Promise<void> {
    if (p.ticketId) await this.tickets.stopClock(manager, p.ticketId, PUBLICATION_PURPOSE, { actor, reason });
  }

  private async view(p: PublicationEntity, withOriginal: boolean): Promise<StaffPublicationView> {
    const [ticket]: { id: string; tracking_no: string; title: string; body: string; reply: string | null }[] = p.ticketId
      ? await this.dataSource.query(
          `SELECT t.id, t.tracking_no, m.title, m.body, r.body AS reply FROM tickets t JOIN inbound_messages m ON m.id = t.message_id
             LEFT JOIN ticket_replies r ON r.ticket_id = t.id AND r.round = $2 WHERE t.id = $1`,
          [p.ticketId, p.round],
        )
      : [];
    return {
      id: p.id,
      state: p.state,
      ticket: ticket ? { id: ticket.id, trackingNo: ticket.tracking_no } : null,
      round: p.round,
      unitId: p.unitId,
      title: p.title,
      messageText: p.messageText,
      replyText: p.replyText,
      original: withOriginal && ticket ? { title: ticket.title, messageText: ticket.body, replyText: ticket.reply ?? '' } : null,
      masks: p.masks,
      reason: p.reason,
      publishedAt: p.publishedAt?.toISOString() ?? null,
      createdAt: p.createdAt.toISOString(),
    };
  }
}
