import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { JobName, JobQueue } from '@wenzheng/queue';

const BATCH = 500;

/**
 * Re-enqueues tickets stuck in a pending pipeline state (received, analyzed) for longer than SWEEP_AFTER_MS.
 * This is what survives a Redis flush or a lost job: PostgreSQL says what is unfinished, the job ids keep it idempotent.
 */
@Injectable()
export class PipelineSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PipelineSweeper');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.queue.sweepIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.sweep().catch((error) => this.logger.warn(`sweep failed: ${(error as Error).message}`));
    await this.running;
    this.running = undefined;
  }

  /** Returns how many jobs were re-enqueued. */
  async sweep(olderThanMs = this.config.queue.sweepAfterMs): Promise<number> {
    const stuck: { id: string; message_id: string; status: 'received' | 'analyzed' }[] = await this.dataSource.query(
      `SELECT id, message_id, status FROM tickets
        WHERE status IN ('received', 'analyzed') AND updated_at < now() - make_interval(secs => $1)
        ORDER BY updated_at LIMIT $2`,
      [olderThanMs / 1000, BATCH],
    );
    for (const ticket of stuck) {
      if (ticket.status === 'received') {
        await this.jobs.enqueue({ name: JobName.AnalyzeMessage, data: { messageId: ticket.message_id, ticketId: ticket.id } });
      } else {
        await this.jobs.enqueue({ name: JobName.RouteTicket, data: { ticketId: ticket.id } });
      }
    }
    if (stuck.length) this.logger.log(`re-enqueued ${stuck.length} stuck ticket(s)`);
    return stuck.length;
  }
}
