import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobQueue, JobRequest } from '@wenzheng/queue';
import { OutboxEntity } from './outbox.entity';

/** How long a caller (often a citizen or a clerk waiting for an answer) may wait for Redis before the relay takes over. */
const PUBLISH_TIMEOUT_MS = 1000;

/**
 * The transactional outbox: jobs are written with the business rows they follow from, then published right after
 * commit for low latency. The OutboxRelay sends whatever the quick publish could not (Redis away).
 */
@Injectable()
export class Outbox {
  private readonly logger = new Logger('Outbox');

  constructor(private readonly jobs: JobQueue) {}

  async add(manager: EntityManager, jobs: readonly JobRequest[]): Promise<void> {
    if (jobs.length) await manager.insert(OutboxEntity, jobs.map((job) => ({ jobName: job.name, payload: { ...job.data } })));
  }

  /**
   * Best effort, after commit. The outbox rows are not touched here (one statement less per job): the relay marks
   * rows in batches, re-adding their jobs, which the deterministic job ids make a no-op.
   */
  async publish(jobs: readonly JobRequest[]): Promise<void> {
    for (const job of jobs) {
      try {
        await this.jobs.enqueue(job, { timeoutMs: PUBLISH_TIMEOUT_MS });
      } catch (error) {
        this.logger.warn(`queue unavailable, job ${job.name} left to the outbox relay: ${(error as Error).message}`);
      }
    }
  }
}
