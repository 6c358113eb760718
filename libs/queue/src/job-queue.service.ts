import { BeforeApplicationShutdown, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { HubConfig } from '@wenzheng/config';
import { JOB_QUEUE, JobRequest, QueueName, jobIdOf } from './job-catalogue';
import { withTimeout } from './with-timeout';

const ENQUEUE_TIMEOUT_MS = 2000;

/**
 * The one way to enqueue: typed request in, deterministic job id, retries with exponential backoff.
 * Built by QueueModule's factory with every registered queue.
 */
export class JobQueue implements BeforeApplicationShutdown {
  private readonly queues: ReadonlyMap<string, Queue>;

  constructor(
    private readonly config: HubConfig,
    queues: readonly Queue[],
  ) {
    this.queues = new Map(queues.map((q) => [q.name, q]));
    // A connection error (Redis away, or a command while the app closes) is an 'error' event: without a listener
    // Node throws it and the process dies. Callers see their own failed command; this keeps the process alive.
    const logger = new Logger('JobQueue');
    for (const queue of queues) queue.on('error', (error) => logger.warn(`queue ${queue.name}: ${error.message}`));
  }

  /**
   * Lets every queue's connection finish starting before the app closes them: BullMQ re-emits a start that fails after
   * `close()` (a short CLI command) as an 'error' on a connection that no longer has a listener, and Node exits.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(
      [...this.queues.values()].map((queue) => withTimeout(queue.waitUntilReady(), ENQUEUE_TIMEOUT_MS, `start of queue ${queue.name}`).catch(() => undefined)),
    );
  }

  /** Waits at most `timeoutMs` for Redis: a caller is never stuck behind an unreachable Redis. */
  async enqueue(request: JobRequest, options: { delayMs?: number; timeoutMs?: number } = {}): Promise<void> {
    const queue = this.queue(JOB_QUEUE[request.name]);
    const added = queue.add(request.name, request.data, {
      jobId: jobIdOf(request),
      delay: options.delayMs && options.delayMs > 0 ? options.delayMs : undefined,
      attempts: this.config.queue.attempts,
      backoff: { type: 'exponential', delay: this.config.queue.backoffMs },
      // Completed ids are dropped after an hour so a later deliberate re-run is possible; failures stay for replay.
      removeOnComplete: { age: 3600, count: 10000 },
      removeOnFail: false,
    });
    await withTimeout(added, options.timeoutMs ?? ENQUEUE_TIMEOUT_MS, `enqueue ${request.name}`);
  }

  /**
   * Makes sure the job will run at `at` (judged by `now`, which may be simulated): adds it delayed when absent,
   * and runs a waiting delayed copy at once when its moment has come. Idempotent.
   */
  async schedule(request: JobRequest, at: Date, now: Date): Promise<void> {
    const queue = this.queue(JOB_QUEUE[request.name]);
    const existing = await queue.getJob(jobIdOf(request));
    const delayMs = at.getTime() - now.getTime();
    if (!existing) return this.enqueue(request, { delayMs });
    if (delayMs <= 0 && (await existing.isDelayed())) await existing.promote();
  }

  /** Drops a job that is no longer wanted (best effort: handlers re-check PostgreSQL anyway). */
  async remove(request: JobRequest): Promise<void> {
    await this.queue(JOB_QUEUE[request.name]).remove(jobIdOf(request));
  }

  /** A real round trip to the queues' Redis (for health checks). */
  async ping(): Promise<void> {
    await this.queue(QueueName.Analyze).getJobCounts('wait');
  }

  queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`queue ${name} is not registered`);
    return queue;
  }
}
