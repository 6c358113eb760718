import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { ClockChange, ClockEntity, ClockExtensionEntity, ClockSubjectHandler, ClockTimerEntity } from '@wenzheng/clocks';
import { NOTIFICATION_PORT, Notice, NotificationPort } from '@wenzheng/notifications';
import { recordTicketEvent } from './ticket-events';

export const TICKET_SUBJECT = 'ticket';

const PURPOSE_TEXT: Record<string, string> = {
  dispatch: '派单',
  reply: '答复',
  publication: '公开',
  sentimentResponse: '舆情回应',
  sentimentPressConference: '舆情发布会',
};
const TIMER_EVENT: Record<string, string> = {
  'remind-before': 'clock.reminder',
  'remind-due-day': 'clock.reminder',
  overdue: 'clock.overdue',
  'seriously-overdue': 'clock.seriously-overdue',
};

interface TicketSummary {
  tracking_no: string;
  lead_unit_id: string | null;
}

/**
 * What a ticket's clocks mean for the ticket: history events, the due columns shown to citizens and staff,
 * and notices — reminders to the handling unit, 督办 to its leader and the dispatchers when overdue.
 */
@Injectable()
export class TicketClockSubject implements ClockSubjectHandler {
  readonly subjectType = TICKET_SUBJECT;

  constructor(
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
    @Inject(NOTIFICATION_PORT) private readonly notifications: NotificationPort,
  ) {}

  async onChange(manager: EntityManager, change: ClockChange): Promise<void> {
    // A ticket's first clocks are part of its opening: the `received` event already carries their due dates.
    if (change.kind === 'started') return;
    const { clock } = change;
    await recordTicketEvent(manager, clock.subjectId, this.time.now(), {
      type: `clock.${change.kind}`,
      actor: change.actor,
      reason: change.reason,
      data: {
        clockId: clock.id,
        purpose: clock.purpose,
        previousDueAt: change.previousDueAt?.toISOString() ?? null,
        dueAt: clock.dueAt?.toISOString() ?? null,
        provisional: clock.provisional,
        state: clock.state,
      },
    });
    const column = clock.purpose === 'reply' ? 'reply_due_at' : clock.purpose === 'dispatch' ? 'dispatch_due_at' : null;
    if (column && clock.dueAt && clock.state !== 'stopped') {
      await manager.query(
        `UPDATE tickets SET ${column} = $2,
           deadline_provisional = EXISTS (SELECT 1 FROM clocks c WHERE c.subject_type = 'ticket' AND c.subject_id = $1
                                          AND c.state <> 'stopped' AND c.provisional)
         WHERE id = $1`,
        [clock.subjectId, clock.dueAt],
      );
    }
  }

  async onTimer(manager: EntityManager, clock: ClockEntity, timer: ClockTimerEntity): Promise<void> {
    const type = TIMER_EVENT[timer.name];
    await recordTicketEvent(manager, clock.subjectId, this.time.now(), {
      type,
      actor: 'system:clock',
      data: { clockId: clock.id, purpose: clock.purpose, timer: timer.name, dueAt: clock.dueAt?.toISOString() ?? null },
    });
    const ticket = await this.ticket(manager, clock.subjectId);
    const what = `${PURPOSE_TEXT[clock.purpose] ?? clock.purpose}期限`;
    const due = clock.dueAt ? formatShanghai(clock.dueAt) : '';
    const [title, body, roles]: [string, string, ('handler' | 'reviewer' | 'dispatcher')[]] =
      timer.name === 'overdue'
        ? [`督办：工单 ${ticket.tracking_no} 已超期`, `${what}已于 ${due} 届满，请尽快办理。`, ['reviewer', 'dispatcher']]
        : timer.name === 'seriously-overdue'
          ? [`严重超期：工单 ${ticket.tracking_no}`, `${what}（${due}）已超过 5 个工作日，需书面通报。`, ['reviewer', 'dispatcher']]
          : [`提醒：工单 ${ticket.tracking_no} 即将到期`, `${what}将于 ${due} 届满。`, ['handler']];
    const notices = await this.recipients(manager, clock.purpose, ticket, roles);
    await this.notifications.send(
      manager,
      notices.map((r) => ({ ...r, kind: type, title, body, ticketId: clock.subjectId, cause: `timer:${timer.id}` })),
    );
  }

  async onExtension(manager: EntityManager, clock: ClockEntity, extension: ClockExtensionEntity): Promise<void> {
    await recordTicketEvent(manager, clock.subjectId, this.time.now(), {
      type: `extension.${extension.status}`,
      actor: extension.status === 'requested' ? extension.requestedBy : (extension.decidedBy ?? 'unknown'),
      reason: extension.status === 'requested' ? extension.reason : extension.decisionNote,
      data: { extensionId: extension.id, clockId: clock.id, purpose: clock.purpose, length: extension.length },
    });
    const ticket = await this.ticket(manager, clock.subjectId);
    const asked = extension.status === 'requested';
    const roles: ('handler' | 'dispatcher')[] = asked ? ['dispatcher'] : ['handler'];
    const title = asked
      ? `延期申请：工单 ${ticket.tracking_no}`
      : `延期${extension.status === 'approved' ? '已批准' : '未批准'}：工单 ${ticket.tracking_no}`;
    const notices = await this.recipients(manager, clock.purpose, ticket, roles);
    await this.notifications.send(
      manager,
      notices.map((r) => ({
        ...r,
        kind: `extension.${extension.status}`,
        title,
        body: `申请延期 ${extension.length} 个工作日：${extension.reason}`,
        ticketId: clock.subjectId,
        cause: `extension:${extension.id}:${extension.status}`,
      })),
    );
  }

  private async ticket(manager: EntityManager, ticketId: string): Promise<TicketSummary> {
    const [ticket] = await manager.query(`SELECT tracking_no, lead_unit_id FROM tickets WHERE id = $1`, [ticketId]);
    return ticket;
  }

  /** Unit roles go to the lead unit (or to the dispatchers while there is none); `dispatcher` to every dispatcher unit. */
  private async recipients(
    manager: EntityManager,
    purpose: string,
    ticket: TicketSummary,
    roles: ('handler' | 'reviewer' | 'dispatcher')[],
  ): Promise<Pick<Notice, 'recipientUnitId' | 'recipientRole'>[]> {
    const dispatchers: { id: string }[] = await manager.query(`SELECT id FROM units WHERE kind = 'dispatcher' ORDER BY code`);
    const toDispatchers = dispatchers.map((d) => ({ recipientUnitId: d.id, recipientRole: 'dispatcher' as const }));
    const unitOwned = purpose !== 'dispatch' && ticket.lead_unit_id !== null;
    const result: Pick<Notice, 'recipientUnitId' | 'recipientRole'>[] = [];
    for (const role of roles) {
      if (role === 'dispatcher' || !unitOwned) result.push(...toDispatchers);
      else result.push({ recipientUnitId: ticket.lead_unit_id as string, recipientRole: role });
    }
    const seen = new Set<string>();
    return result.filter((r) => !seen.has(`${r.recipientUnitId}|${r.recipientRole}`) && seen.add(`${r.recipientUnitId}|${r.recipientRole}`));
  }
}

function formatShanghai(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
