import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { ClockService } from '@wenzheng/clocks';
import { TicketEntity } from './ticket.entity';
import { TICKET_SUBJECT } from './ticket-clock.subject';
import { recordTicketEvent } from './ticket-events';
import type { TicketStatus } from './ticket-status';
import { IllegalTransitionError, canTransition } from './ticket-transitions';
import { formatTrackingNo, isQueryCodeValid, queryCodeFor } from './tracking-number';

export interface TicketOpening {
  messageId: string;
  kind: string;
  receivedAt: Date;
  actor: string;
}

export interface TicketTransition {
  from: TicketStatus;
  to: TicketStatus;
  actor: string;
  reason?: string;
  data?: Record<string, unknown>;
  changes?: Partial<Pick<TicketEntity, 'leadUnitId' | 'assistingUnitIds' | 'assignedAt' | 'claimedBy' | 'mergedIntoId' | 'round' | 'reopenCount' | 'replyDueAt' | 'deadlineProvisional' | 'category' | 'categoryProbability'>>;
  /** The event type when it is not the new status (claimed, submitted, returned, ...). */
  event?: string;
}

/** Opens tickets and moves them through their life; every move writes its event in the caller's transaction. */
@Injectable()
export class TicketService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clocks: ClockService,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /** Opens the ticket with its two clocks, dispatch (派单) and reply by message kind, both from the receipt moment. */
  async open(manager: EntityManager, opening: TicketOpening): Promise<TicketEntity> {
    const [{ seq }] = await manager.query(`SELECT nextval('tracking_no_seq') AS seq`);
    const subject = { type: TICKET_SUBJECT, id: randomUUID() };
    const by = { actor: opening.actor };
    const [dispatch, reply] = await this.clocks.startMany(
      manager,
      subject,
      [
        { purpose: 'dispatch', policy: 'dispatch' },
        { purpose: 'reply', policy: `reply.${opening.kind}` },
      ],
      opening.receivedAt,
      by,
    );
    const provisional = dispatch.provisional || reply.provisional;
    const ticket = manager.create(TicketEntity, {
      id: subject.id,
      trackingNo: formatTrackingNo(opening.receivedAt, Number(seq)),
      messageId: opening.messageId,
      kind: opening.kind,
      status: 'received',
      leadUnitId: null,
      assistingUnitIds: [],
      receivedAt: opening.receivedAt,
      dispatchDueAt: dispatch.dueAt as Date,
      replyDueAt: reply.dueAt as Date,
      deadlineProvisional: provisional,
      unansweredAlarm: null,
    });
    await manager.insert(TicketEntity, ticket);
    await recordTicketEvent(manager, ticket.id, this.time.now(), {
      type: 'received',
      actor: opening.actor,
      toStatus: 'received',
      data: { dispatchDueAt: dispatch.dueAt, replyDueAt: reply.dueAt, provisional },
    });
    return ticket;
  }

  /**
   * Moves a ticket only if it is still in `from` (a conditional UPDATE, safe under concurrent workers).
   * Returns false when another run already moved it: the caller reports "skipped".
   */
  async transition(manager: EntityManager, ticketId: string, move: TicketTransition): Promise<boolean> {
    if (!canTransition(move.from, move.to)) throw new IllegalTransitionError(move.from, move.to);
    const result = await manager
      .createQueryBuilder()
      .update(TicketEntity)
      .set({ status: move.to, ...move.changes })
      .where('id = :id AND status = :from', { id: ticketId, from: move.from })
      .execute();
    if (!result.affected) return false;
    await recordTicketEvent(manager, ticketId, this.time.now(), {
      type: move.event ?? move.to,
      actor: move.actor,
      fromStatus: move.from,
      toStatus: move.to,
      reason: move.reason,
      data: move.data,
    });
    return true;
  }

  /** Stops the ticket's live clock for `purpose` (e.g. dispatch once assigned), if it has one. */
  async stopClock(manager: EntityManager, ticketId: string, purpose: string, by: { actor: string; reason: string }): Promise<void> {
    const clock = await this.clocks.live(manager, { type: TICKET_SUBJECT, id: ticketId }, purpose);
    if (clock) await this.clocks.stop(manager, clock.id, by);
  }

  queryCode(trackingNo: string): string {
    return queryCodeFor(trackingNo, this.config.security.trackingSecret);
  }

  /** The ticket for a citizen's query; undefined both for an unknown number and a wrong code (no oracle). */
  async findForCitizen(trackingNo: string, code: string): Promise<TicketEntity | undefined> {
    const ticket = await this.dataSource.getRepository(TicketEntity).findOne({ where: { trackingNo } });
    const valid = isQueryCodeValid(trackingNo, code, this.config.security.trackingSecret);
    return ticket && valid ? ticket : undefined;
  }
}
