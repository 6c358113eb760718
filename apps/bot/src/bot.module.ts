import { DynamicModule, Module } from '@nestjs/common';
import { TimeSource } from '@wenzheng/calendar';
import { SendBotReplyJob, WechatyBotModule } from '@wenzheng/channels';
import { HubConfig } from '@wenzheng/config';
import { BOT_QUEUES, HOSTED_QUEUES, JOB_HANDLERS, JobWorkerHost } from '@wenzheng/queue';
import { hubCore } from '../../hub/src/hub-core';

/** The bot process: no HTTP; the Wechaty session, and a worker for the bot's own queue (replies to send). */
@Module({})
export class BotModule {
  static create(config: HubConfig, options: { time?: TimeSource; puppet?: unknown } = {}): DynamicModule {
    const core = hubCore(config, options.time);
    return {
      module: BotModule,
      imports: [...core.imports, WechatyBotModule.forRoot(options.puppet)],
      providers: [
        ...core.providers,
        { provide: HOSTED_QUEUES, useValue: BOT_QUEUES },
        { provide: JOB_HANDLERS, inject: [SendBotReplyJob], useFactory: (...handlers: unknown[]) => handlers },
        JobWorkerHost,
      ],
    };
  }
}
