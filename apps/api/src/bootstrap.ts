import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Request, text } from 'express';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import type { TimeSource } from '@wenzheng/calendar';
import { projectRoot, type HubConfig } from '@wenzheng/config';
import { ApiModule } from './api.module';
import { setupOpenApi } from './openapi';

export const BODY_LIMIT = '64kb';
/** An iCalendar upload: a whole multi-year public feed is a few hundred KiB. */
export const ICS_BODY_LIMIT = '1mb';

/** Starts the HTTP API on config.http (port 0 picks a free port; read it back from the returned app). */
export async function bootstrapApi(config: HubConfig, time?: TimeSource): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.create(config, time), {
    bodyParser: false,
    logger: config.env === 'test' ? ['error', 'warn'] : undefined,
  });
  // Behind a reverse proxy the client address (login limits per address) comes from X-Forwarded-For.
  app.set('trust proxy', config.http.trustProxy);
  // Platform webhooks push XML (WeChat) or JSON (Weibo) with whatever content type; read as text, small (a push is a
  // few KiB), before the JSON parser, which would otherwise take Weibo's pushes and leave no text to check.
  // The answer budget counts from arrival, so time queued behind a busy event loop is spent from it too.
  app.use('/channels', (request: Request & { arrivedAt?: number }, _response: unknown, next: () => void) => {
    request.arrivedAt = performance.now();
    next();
  });
  app.use('/channels', text({ type: () => true, limit: BODY_LIMIT }));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  // Raw bytes, not text: RFC 5545 folds at 75 octets, which may split a UTF-8 character; ics.ts unfolds before decoding.
  app.useBodyParser('raw', { type: 'text/calendar', limit: ICS_BODY_LIMIT });
  // The citizen's status page posts its rating form without JavaScript.
  app.useBodyParser('urlencoded', { extended: false, limit: BODY_LIMIT });
  // The staff console: static files, not built; they sit in the source tree, so resolve from the root, not from dist/.
  app.useStaticAssets(join(projectRoot(), 'apps/api/console'), { prefix: '/console/' });
  setupOpenApi(app);
  await app.listen(config.http.port, config.http.host);
  return app;
}
