import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { JobQueue, parseJobRequest, PeriodicTask } from '@wenzheng/queue';

const BATCH = 200;

/**
 * Sends every outbox row to the queue and marks it dispatched, in batches. Most rows were already enqueued by
 * the API right after commit (then the add is a no-op: same job id); the others are what the API could not
 * enqueue (Redis was down, or the process died between commit and enqueue).
 * Rows are claimed with SKIP LOCKED so several workers relay without sending one row twice at once;
 * a duplicate send is harmless anyway (deterministic job ids).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private readonly task = new PeriodicTask(this.logger, 'outbox relay', () => this.relayPending());

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(Math.max(200, Math.min(this.config.queue.sweepIntervalMs, 2000)));
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Relays rows older than one second (the API sends younger ones itself). Returns the count sent. */
  async relayPending(minAgeMs = 1000): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { id: string; job_name: string; payload: Record<string, unknown> }[] = await manager.query(
        `SELECT id, job_name, payload FROM outbox
          WHERE dispatched_at IS NULL AND created_at < now() - make_interval(secs => $1)
          ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [minAgeMs / 1000, BATCH],
      );
      const sent: string[] = [];
      for (const row of rows) {
        const request = parseJobRequest(row.job_name, row.payload);
        if (!request) {
          this.logger.error(`outbox row ${row.id} holds no valid ${row.job_name} job; left in place`);
          continue;
        }
        await this.jobs.enqueue(request);
        sent.push(row.id);
      }
      if (sent.length) {
        await manager.query(`UPDATE outbox SET dispatched_at = now(), attempts = attempts + 1 WHERE id = ANY($1)`, [sent]);
      }
      return sent.length;
    });
  }
}
