import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { TimeSource } from '@wenzheng/calendar';
import type { HubConfig } from '@wenzheng/config';
import { ApiModule } from './api.module';

export const BODY_LIMIT = '64kb';

/** Starts the HTTP API on config.http (port 0 picks a free port; read it back from the returned app). */
export async function bootstrapApi(config: HubConfig, time?: TimeSource): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.create(config, time), {
    bodyParser: false,
    logger: config.env === 'test' ? ['error', 'warn'] : undefined,
  });
  app.useBodyParser('json', { limit: BODY_LIMIT });
  await app.listen(config.http.port, config.http.host);
  return app;
}
