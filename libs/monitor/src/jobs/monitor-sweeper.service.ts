import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { JobName, JobQueue, JobRequest, PeriodicService } from '@wenzheng/queue';

const BATCH = 500;

/** What the monitor takes, each with the query of those of the window ($2 s) left without a row for $1 s. */
const SWEPT: readonly { what: string; sql: string; job: (id: string) => JobRequest }[] = [
  {
    what: 'message(s)',
    sql: `SELECT m.id FROM inbound_messages m
           WHERE m.analyzed_at < now() - make_interval(secs => $1) AND m.analyzed_at > now() - make_interval(secs => $2)
             AND m.channel <> 'monitor'
             AND NOT EXISTS (SELECT 1 FROM monitor_messages mm WHERE mm.message_id = m.id)
           ORDER BY m.analyzed_at LIMIT $3`,
    job: (messageId) => ({ name: JobName.MonitorMessage, data: { messageId } }),
  },
  {
    what: 'public post(s)',
    sql: `SELECT p.id FROM channel_public_posts p
           WHERE p.received_at < now() - make_interval(secs => $1) AND p.received_at > now() - make_interval(secs => $2)
             AND NOT EXISTS (SELECT 1 FROM monitor_public_posts mp WHERE mp.post_id = p.id)
           ORDER BY p.received_at LIMIT $3`,
    job: (postId) => ({ name: JobName.MonitorPublicPost, data: { postId } }),
  },
];

/**
 * Re-enqueues analyzed messages and public posts of the monitor's window that have no monitor row after
 * SWEEP_AFTER_MS: their job was lost (Redis flushed, or the run that recorded them died between commit and enqueue).
 */
@Injectable()
export class MonitorSweeper extends PeriodicService {
  private readonly logger: Logger;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {
    const logger = new Logger('MonitorSweeper');
    super(logger, 'monitor sweep');
    this.logger = logger;
  }

  protected intervalMs(): number {
    return this.config.queue.sweepIntervalMs;
  }

  protected runOnce(): Promise<number> {
    return this.sweep();
  }

  async sweep(olderThanMs = this.config.queue.sweepAfterMs): Promise<number> {
    let found = 0;
    for (const { what, sql, job } of SWEPT) {
      const missing: { id: string }[] = await this.dataSource.query(sql, [olderThanMs / 1000, this.config.monitor.windowMs / 1000, BATCH]);
      for (const { id } of missing) await this.jobs.enqueue(job(id));
      if (missing.length) this.logger.log(`re-enqueued ${missing.length} ${what} for the monitor`);
      found += missing.length;
    }
    return found;
  }
}
