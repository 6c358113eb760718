import type { Queue } from 'bullmq';
import type { HubConfig } from '@wenzheng/config';
import { JOB_QUEUE, JobRequest, QueueName, jobIdOf } from './job-catalogue';

/**
 * The one way to enqueue: typed request in, deterministic job id, retries with exponential backoff.
 * Built by QueueModule's factory with every registered queue.
 */
export class JobQueue {
  private readonly queues: ReadonlyMap<string, Queue>;

  constructor(
    private readonly config: HubConfig,
    queues: readonly Queue[],
  ) {
    this.queues = new Map(queues.map((q) => [q.name, q]));
  }

  async enqueue(request: JobRequest): Promise<void> {
    const queue = this.queue(JOB_QUEUE[request.name]);
    await queue.add(request.name, request.data, {
      jobId: jobIdOf(request),
      attempts: this.config.queue.attempts,
      backoff: { type: 'exponential', delay: this.config.queue.backoffMs },
      // Completed ids are dropped after an hour so a later deliberate re-run is possible; failures stay for replay.
      removeOnComplete: { age: 3600, count: 10000 },
      removeOnFail: false,
    });
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
