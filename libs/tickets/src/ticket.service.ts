import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { CLOCK_POLICIES, ClockSpec, TIME_SOURCE, TimeSource, WorkingDayCalendar } from '@wenzheng/calendar';
import { TicketEntity } from './ticket.entity';
import { TicketEventEntity } from './ticket-event.entity';
import type { TicketStatus } from './ticket-status';
import { IllegalTransitionError, canTransition } from './ticket-transitions';
import { formatTrackingNo, isQueryCodeValid, queryCodeFor } from './tracking-number';
import { ticketDeadlines } from './ticket-deadlines';

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
  changes?: Partial<Pick<TicketEntity, 'leadUnitId' | 'assistingUnitIds'>>;
}

/** Opens tickets and moves them through their life; every move writes its event in the caller's transaction. */
@Injectable()
export class TicketService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: WorkingDayCalendar,
    @Inject(CLOCK_POLICIES) private readonly policies: Readonly<Record<string, ClockSpec>>,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async open(manager: EntityManager, opening: TicketOpening): Promise<TicketEntity> {
    const [{ seq }] = await manager.query(`SELECT nextval('tracking_no_seq') AS seq`);
    const deadlines = ticketDeadlines(this.calendar, this.policies, opening.kind, opening.receivedAt);
    const ticket = manager.create(TicketEntity, {
      trackingNo: formatTrackingNo(opening.receivedAt, Number(seq)),
      messageId: opening.messageId,
      kind: opening.kind,
      status: 'received',
      leadUnitId: null,
      assistingUnitIds: [],
      receivedAt: opening.receivedAt,
      dispatchDueAt: deadlines.dispatch.dueAt,
      replyDueAt: deadlines.reply.dueAt,
      deadlineProvisional: deadlines.provisional,
    });
    await manager.insert(TicketEntity, ticket);
    await this.record(manager, ticket.id, {
      type: 'received',
      actor: opening.actor,
      fromStatus: null,
      toStatus: 'received',
      data: { dispatchDue: deadlines.dispatch.due, replyDue: deadlines.reply.due, provisional: deadlines.provisional },
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
    await this.record(manager, ticketId, {
      type: move.to,
      actor: move.actor,
      fromStatus: move.from,
      toStatus: move.to,
      reason: move.reason ?? null,
      data: move.data ?? {},
    });
    return true;
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

  private async record(
    manager: EntityManager,
    ticketId: string,
    event: Pick<TicketEventEntity, 'type' | 'actor' | 'fromStatus' | 'toStatus'> & Partial<TicketEventEntity>,
  ): Promise<void> {
    await manager.insert(TicketEventEntity, { ticketId, at: this.time.now(), reason: null, data: {}, ...event });
  }
}
