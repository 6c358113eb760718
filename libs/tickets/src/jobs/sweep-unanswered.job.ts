import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { NOTIFICATION_PORT, NotificationPort } from '@wenzheng/notifications';
import { JobHandler, JobName, JobOutcome, SweepUnansweredData } from '@wenzheng/queue';
import { recordTicketEvent } from '../ticket-events';

/** Statuses in which the citizen has an answer (or the ticket was merged into one that will get it). */
const ANSWERED = ['approved', 'resolved', 'published', 'merged'];

const LEVELS = [
  { level: 'warning', months: 2, text: '留言超过 2 个月未答复（政府网站检查扣分）' },
  { level: 'critical', months: 3, text: '留言超过 3 个月未答复（政府网站检查单项否决）' },
] as const;

/**
 * The daily look for messages left unanswered: 2 months → warning, 3 months → critical. Each level is raised
 * once per ticket (a conditional UPDATE), with an event and a notice to the dispatchers.
 */
@Injectable()
export class SweepUnansweredJob implements JobHandler<JobName.SweepUnanswered> {
  readonly jobName = JobName.SweepUnanswered;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
    @Inject(NOTIFICATION_PORT) private readonly notifications: NotificationPort,
  ) {}

  async handle(_data: SweepUnansweredData): Promise<JobOutcome> {
    const now = this.time.now();
    let raised = 0;
    for (const { level, months, text } of LEVELS) {
      await this.dataSource.transaction(async (manager) => {
        // Month arithmetic in Shanghai time, clamped to month end like the calendar's calendar-month clocks.
        // TypeORM answers an UPDATE … RETURNING with [rows, affected].
        const [tickets]: [{ id: string; tracking_no: string }[], number] = await manager.query(
          `UPDATE tickets SET unanswered_alarm = $1
            WHERE status <> ALL ($2)
              AND ((received_at AT TIME ZONE 'Asia/Shanghai') + make_interval(months => $3)) <= ($4::timestamptz AT TIME ZONE 'Asia/Shanghai')
              AND (unanswered_alarm IS NULL OR ($1 = 'critical' AND unanswered_alarm = 'warning'))
            RETURNING id, tracking_no`,
          [level, ANSWERED, months, now],
        );
        if (!tickets.length) return;
        raised += tickets.length;
        const dispatchers: { id: string }[] = await manager.query(`SELECT id FROM units WHERE kind = 'dispatcher'`);
        for (const ticket of tickets) {
          await recordTicketEvent(manager, ticket.id, now, { type: `unanswered.${level}`, actor: 'system:clock', reason: text });
          await this.notifications.send(
            manager,
            dispatchers.map((d) => ({
              recipientUnitId: d.id,
              recipientRole: 'dispatcher' as const,
              kind: `unanswered.${level}`,
              title: `未答复预警：工单 ${ticket.tracking_no}`,
              body: text,
              ticketId: ticket.id,
              cause: `unanswered:${ticket.id}:${level}`,
            })),
          );
        }
      });
    }
    return raised ? 'done' : 'skipped';
  }
}
