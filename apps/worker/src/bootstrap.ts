import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { TimeSource } from '@wenzheng/calendar';
import type { HubConfig } from '@wenzheng/config';
import { WorkerModule } from './worker.module';

export async function bootstrapWorker(config: HubConfig, time?: TimeSource): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.create(config, time), {
    logger: config.env === 'test' ? ['error', 'warn'] : undefined,
  });
  await app.init();
  return app;
}
