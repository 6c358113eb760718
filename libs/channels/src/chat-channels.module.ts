import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { IntakeModule } from '@wenzheng/intake';
import { TicketsModule } from '@wenzheng/tickets';
import { ChannelAccountsService } from './accounts/channel-accounts.service';
import { ChannelContactsRepository } from './accounts/channel-contacts.repository';
import { CHAT_ACKNOWLEDGERS } from './chat/chat-intake';
import { ReceiveChatMessageJob } from './chat/receive-chat-message.job';
import { PortalModule } from './portal/portal.module';
import { WechatApiClient } from './wechat-mp/wechat-api.client';
import { WECHAT_API, WechatReplyChannel } from './wechat-mp/wechat-reply.channel';
import { WechatWebhookService } from './wechat-mp/wechat-webhook.service';

const CHANNELS_REDIS = Symbol('CHANNELS_REDIS');

/** The platform channels (WeChat official accounts; Weibo next): accounts, webhooks, receipts and reply delivery. */
@Module({
  imports: [IntakeModule, TicketsModule, PortalModule],
  providers: [
    { provide: CHANNELS_REDIS, inject: [HUB_CONFIG], useFactory: (config: HubConfig) => new Redis(config.redis.url, { maxRetriesPerRequest: 1 }) },
    {
      provide: WECHAT_API,
      inject: [HUB_CONFIG, CHANNELS_REDIS],
      useFactory: (config: HubConfig, redis: Redis) => new WechatApiClient(config.channels.wechatApiBaseUrl, redis, config.redis.queuePrefix),
    },
    ChannelAccountsService,
    ChannelContactsRepository,
    WechatWebhookService,
    WechatReplyChannel,
    ReceiveChatMessageJob,
    { provide: CHAT_ACKNOWLEDGERS, inject: [WechatReplyChannel], useFactory: (...acknowledgers: unknown[]) => acknowledgers },
  ],
  exports: [ChannelAccountsService, WechatWebhookService, WechatReplyChannel, ReceiveChatMessageJob],
})
export class ChatChannelsModule implements OnApplicationShutdown {
  constructor(@Inject(CHANNELS_REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
