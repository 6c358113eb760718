import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotificationEntity } from './notification.entity';
import type { Notice, NotificationPort } from './notification.port';

/** The in-app inbox: one row per recipient, deduplicated by cause. Returns how many were new. */
@Injectable()
export class InAppNotifications implements NotificationPort {
  async send(manager: EntityManager, notices: readonly Notice[]): Promise<number> {
    if (!notices.length) return 0;
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(
        notices.map((n) => ({
          recipientUnitId: n.recipientUnitId,
          recipientRole: n.recipientRole,
          kind: n.kind,
          title: n.title,
          body: n.body,
          ticketId: n.ticketId,
          dedupeKey: `${n.cause}|${n.recipientUnitId}|${n.recipientRole}`,
        })),
      )
      .orIgnore()
      .returning(['id'])
      .execute();
    return result.raw.length;
  }
}
