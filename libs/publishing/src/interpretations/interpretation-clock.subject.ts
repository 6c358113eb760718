import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClockChange, ClockEntity, ClockSubjectHandler, ClockTimerEntity } from '@wenzheng/clocks';
import { NOTIFICATION_PORT, Notice, NotificationPort } from '@wenzheng/notifications';

/** What an interpretation's clock means: its due column follows the clock; reminders and 督办 go out as for replies. */
@Injectable()
export class InterpretationClockSubject implements ClockSubjectHandler {
  readonly subjectType = 'interpretation';

  constructor(@Inject(NOTIFICATION_PORT) private readonly notifications: NotificationPort) {}

  async onChange(manager: EntityManager, change: ClockChange): Promise<void> {
    if (change.clock.dueAt && change.clock.state !== 'stopped') {
      await manager.query(`UPDATE policy_interpretations SET due_at = $2 WHERE id = $1`, [change.clock.subjectId, change.clock.dueAt]);
    }
  }

  async onTimer(manager: EntityManager, clock: ClockEntity, timer: ClockTimerEntity): Promise<void> {
    const [row]: { unit_id: string; title: string; doc_number: string }[] = await manager.query(
      `SELECT i.unit_id, d.title, d.doc_number FROM policy_interpretations i JOIN policy_documents d ON d.id = i.document_id WHERE i.id = $1`,
      [clock.subjectId],
    );
    if (!row) return;
    const overdue = timer.name === 'overdue' || timer.name === 'seriously-overdue';
    const dispatchers: { id: string }[] = overdue ? await manager.query(`SELECT id FROM units WHERE kind = 'dispatcher'`) : [];
    const recipients: Pick<Notice, 'recipientUnitId' | 'recipientRole'>[] = overdue
      ? [{ recipientUnitId: row.unit_id, recipientRole: 'reviewer' }, ...dispatchers.map((d) => ({ recipientUnitId: d.id, recipientRole: 'dispatcher' as const }))]
      : [{ recipientUnitId: row.unit_id, recipientRole: 'handler' }];
    const title = overdue ? `督办：${row.doc_number} 的政策解读已超期` : `提醒：${row.doc_number} 的政策解读即将到期`;
    await this.notifications.send(
      manager,
      recipients.map((r) => ({
        ...r,
        kind: overdue ? 'clock.overdue' : 'clock.reminder',
        title,
        body: `《${row.title}》的政策解读应于文件公开后 3 个工作日内发布。`,
        ticketId: null,
        cause: `timer:${timer.id}`,
      })),
    );
  }
}
