import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { TimeSource } from '@wenzheng/calendar';
import type { HubConfig } from '@wenzheng/config';
import { ApiModule } from './api.module';

export const BODY_LIMIT = '64kb';
/** An iCalendar upload: a whole multi-year public feed is a few hundred KiB. */
export const ICS_BODY_LIMIT = '1mb';

/** Starts the HTTP API on config.http (port 0 picks a free port; read it back from the returned app). */
export async function bootstrapApi(config: HubConfig, time?: TimeSource): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.create(config, time), {
    bodyParser: false,
    logger: config.env === 'test' ? ['error', 'warn'] : undefined,
  });
  app.useBodyParser('json', { limit: BODY_LIMIT });
  // Raw bytes, not text: RFC 5545 folds at 75 octets, which may split a UTF-8 character; ics.ts unfolds before decoding.
  app.useBodyParser('raw', { type: 'text/calendar', limit: ICS_BODY_LIMIT });
  await app.listen(config.http.port, config.http.host);
  return app;
}
