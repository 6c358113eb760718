import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, Job, UnrecoverableError, Worker } from 'bullmq';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { JobName, QueueName, isJobName, jobNamesOf } from './job-catalogue';
import { JOB_HANDLERS, JobHandler, checkHandlerCoverage } from './job-handler';
import { redisOptionsFromUrl } from './redis-options';

/** Multi-value token: the queues this process consumes (WORKER_QUEUES in the worker, BOT_QUEUES in the bot). */
export const HOSTED_QUEUES = Symbol('HOSTED_QUEUES');

/**
 * Runs one BullMQ worker per hosted queue and hands each job to its handler.
 * A job whose name has no handler fails for good; handler errors are re-thrown so BullMQ retries with backoff.
 * A worker that dies mid-job leaves its job locked; once the lock expires another worker takes it (stalled-job check).
 */
@Injectable()
export class JobWorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobWorker');
  private readonly workers: Worker[] = [];
  private readonly handlers: Map<JobName, JobHandler>;

  constructor(
    @Inject(JOB_HANDLERS) handlers: JobHandler[],
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(HOSTED_QUEUES) private readonly queues: readonly QueueName[],
  ) {
    checkHandlerCoverage(handlers, jobNamesOf(queues));
    this.handlers = new Map(handlers.map((h) => [h.jobName, h]));
  }

  onApplicationBootstrap(): void {
    for (const queueName of this.queues) this.workers.push(this.startWorker(queueName));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }

  private startWorker(queueName: QueueName): Worker {
    const { queue } = this.config;
    const worker = new Worker(queueName, (job, token) => this.run(job, token), {
      connection: { ...redisOptionsFromUrl(this.config.redis.url), maxRetriesPerRequest: null },
      prefix: this.config.redis.queuePrefix,
      concurrency: this.concurrencyOf(queueName),
      lockDuration: queue.lockDurationMs,
      stalledInterval: queue.stalledIntervalMs,
      maxStalledCount: 5,
    });
    worker.on('failed', (job, error) =>
      this.logger.warn(`${queueName}/${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`),
    );
    worker.on('error', (error) => this.logger.error(`${queueName} worker: ${error.message}`));
    return worker;
  }

  private concurrencyOf(queueName: QueueName): number {
    // Training takes a whole core for seconds: one at a time per worker process.
    if (queueName === QueueName.Learn) return 1;
    // Monitor jobs wait in the monitor's group commit, not on a connection: a whole batch of them in flight fills it.
    if (queueName === QueueName.Monitor) return Math.max(this.config.queue.concurrency, this.config.monitor.batchSize);
    return this.config.queue.concurrency;
  }

  private async run(job: Job, token: string | undefined): Promise<string> {
    const handler = isJobName(job.name) ? this.handlers.get(job.name) : undefined;
    if (!handler) throw new UnrecoverableError(`no handler for job "${job.name}"`);
    const outcome = await handler.handle(job.data);
    if (typeof outcome === 'string') return outcome;
    await job.moveToDelayed(outcome.notBefore.getTime(), token);
    throw new DelayedError();
  }
}
