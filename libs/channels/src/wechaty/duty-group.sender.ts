import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { PeriodicTask } from '@wenzheng/queue';
import { BOT_SENDER, BotSender } from './bot-sender';
import { DutyNotice, planDutyFlush } from './duty-digest';

/** Pending notices read per group per flush; a larger storm is sent over the following flushes. */
const BATCH = 200;

/**
 * Sends duty-group notices (rows written with their cause through the notification port) to their WeChat groups,
 * at most one message per group per BOT_DUTY_MIN_INTERVAL_MS: what piles up meanwhile goes as one digest.
 * A failed send is counted on the rows and retried at the next flush; sent rows are marked in the same step.
 */
@Injectable()
export class DutyGroupSender implements OnApplicationShutdown {
  private readonly logger = new Logger('DutyGroups');
  private readonly task = new PeriodicTask(this.logger, 'duty-group flush', () => this.flush());
  private readonly consoleUrl: string;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(BOT_SENDER) private readonly sender: BotSender,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {
    this.consoleUrl = `${config.publicBaseUrl}/console/`;
  }

  start(): void {
    this.task.start(this.config.bot.dutyPollMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** One pass over every group with pending notices; answers how many messages went out. */
  async flush(): Promise<number> {
    const groups: { group_topic: string; last_sent_at: Date | null }[] = await this.dataSource.query(
      `SELECT p.group_topic, (SELECT max(s.sent_at) FROM duty_group_notices s WHERE s.group_topic = p.group_topic) AS last_sent_at
         FROM (SELECT DISTINCT group_topic FROM duty_group_notices WHERE sent_at IS NULL) p`,
    );
    let sent = 0;
    for (const group of groups) {
      if (await this.flushGroup(group.group_topic, group.last_sent_at)) sent++;
    }
    return sent;
  }

  private async flushGroup(topic: string, lastSentAt: Date | null): Promise<boolean> {
    const rows: { id: string; title: string; body: string; ticket_id: string | null; created_at: Date }[] = await this.dataSource.query(
      `SELECT id, title, body, ticket_id, created_at FROM duty_group_notices WHERE group_topic = $1 AND sent_at IS NULL ORDER BY created_at, id LIMIT ${BATCH}`,
      [topic],
    );
    const pending: DutyNotice[] = rows.map((r) => ({ id: r.id, title: r.title, body: r.body, ticketId: r.ticket_id, createdAt: r.created_at }));
    const now = this.time.now();
    const plan = planDutyFlush(pending, lastSentAt, now, { gatherMs: this.config.bot.dutyGatherMs, minIntervalMs: this.config.bot.dutyMinIntervalMs }, this.consoleUrl);
    if (!plan.send) return false;
    try {
      await this.sender.sendToGroup(topic, plan.text);
    } catch (error) {
      await this.dataSource.query(`UPDATE duty_group_notices SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::uuid[])`, [plan.ids, (error as Error).message.slice(0, 1000)]);
      this.logger.warn(`${plan.ids.length} notice(s) for 「${topic}」 not sent: ${(error as Error).message}`);
      return false;
    }
    await this.dataSource.query(`UPDATE duty_group_notices SET sent_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::uuid[])`, [plan.ids, now]);
    return true;
  }
}
