import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { dutyGroupsFor } from './duty-group-routes';
import { InAppNotifications } from './in-app-notifications';
import type { Notice, NotificationPort } from './notification.port';

/**
 * The notification port as wired: every notice to the in-app inbox, and the kinds routed by BOT_DUTY_GROUPS also to
 * those WeChat duty groups (rows the bot sends). Both in the caller's transaction, so neither exists without its cause.
 */
@Injectable()
export class RoutedNotifications implements NotificationPort {
  constructor(
    private readonly inApp: InAppNotifications,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {}

  async send(manager: EntityManager, notices: readonly Notice[]): Promise<number> {
    const count = await this.inApp.send(manager, notices);
    const rows = notices.flatMap((n) => dutyGroupsFor(this.config.bot.dutyGroups, n.kind).map((group) => ({ group, notice: n })));
    if (!rows.length) return count;
    const now = this.time.now();
    await manager.query(
      `INSERT INTO duty_group_notices (group_topic, kind, title, body, ticket_id, cause, created_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::timestamptz[])
       ON CONFLICT (group_topic, cause) DO NOTHING`,
      [
        rows.map((r) => r.group),
        rows.map((r) => r.notice.kind),
        rows.map((r) => r.notice.title),
        rows.map((r) => r.notice.body),
        rows.map((r) => r.notice.ticketId),
        rows.map((r) => r.notice.cause),
        rows.map(() => now),
      ],
    );
    return count;
  }
}
