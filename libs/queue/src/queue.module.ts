import { DynamicModule, Global, Module } from '@nestjs/common';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { QueueName } from './job-catalogue';
import { JobQueue } from './job-queue.service';
import { redisOptionsFromUrl } from './redis-options';

/** Producers for every queue. Processors are registered only by the worker app (JobWorkerHost). */
@Global()
@Module({})
export class QueueModule {
  static forRoot(): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        BullModule.forRootAsync({
          inject: [HUB_CONFIG],
          useFactory: (config: HubConfig) => ({
            prefix: config.redis.queuePrefix,
            // Fail fast when Redis is away: the outbox row already holds the job and the relay sends it later.
            connection: { ...redisOptionsFromUrl(config.redis.url), enableOfflineQueue: false, maxRetriesPerRequest: 1 },
          }),
        }),
        BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
      ],
      providers: [
        {
          provide: JobQueue,
          inject: [HUB_CONFIG, ...Object.values(QueueName).map((name) => getQueueToken(name))],
          useFactory: (config: HubConfig, ...queues: Queue[]) => new JobQueue(config, queues),
        },
      ],
      exports: [JobQueue, BullModule],
    };
  }
}
