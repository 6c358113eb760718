import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { TimeSource } from '@wenzheng/calendar';
import type { HubConfig } from '@wenzheng/config';
import { BotModule } from './bot.module';

/** `puppet`: a puppet instance instead of BOT_PUPPET's package (tests use wechaty-puppet-mock). */
export async function bootstrapBot(config: HubConfig, options: { time?: TimeSource; puppet?: unknown } = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(BotModule.create(config, options), {
    logger: config.env === 'test' ? ['error', 'warn'] : undefined,
  });
  await app.init();
  return app;
}
