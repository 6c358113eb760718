import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { JobName, JobQueue, PeriodicTask } from '@wenzheng/queue';

const BATCH = 500;

/**
 * Re-enqueues tickets stuck in a pending pipeline state (received, analyzed) and replies waiting for delivery, for
 * longer than SWEEP_AFTER_MS.
 * This is what survives a Redis flush or a lost job: PostgreSQL says what is unfinished, the job ids keep it idempotent.
 */
@Injectable()
export class PipelineSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PipelineSweeper');
  private readonly task = new PeriodicTask(this.logger, 'pipeline sweep', () => this.sweep());

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.queue.sweepIntervalMs);
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
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
    // Replies approved but not yet delivered (their job lost with Redis, or never relayed).
    const undelivered: { ticket_id: string; round: number }[] = await this.dataSource.query(
      `SELECT ticket_id, round FROM ticket_deliveries
        WHERE state = 'pending' AND updated_at < now() - make_interval(secs => $1)
        ORDER BY updated_at LIMIT $2`,
      [olderThanMs / 1000, BATCH],
    );
    for (const delivery of undelivered) {
      await this.jobs.enqueue({ name: JobName.DeliverReply, data: { ticketId: delivery.ticket_id, round: delivery.round } });
    }
    const total = stuck.length + undelivered.length;
    if (total) this.logger.log(`re-enqueued ${stuck.length} stuck ticket(s) and ${undelivered.length} undelivered reply(ies)`);
    return total;
  }
}
