import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { IntakeModule } from '@wenzheng/intake';
import { TicketsModule } from '@wenzheng/tickets';
import { ChannelAccountsService } from './accounts/channel-accounts.service';
import { ChannelContactsRepository } from './accounts/channel-contacts.repository';
import { ChannelPublicPostsRepository } from './accounts/channel-public-posts.repository';
import { PublicPostIntake } from './accounts/public-post-intake.service';
import { ChatConversationService } from './chat/chat-conversation.service';
import { CHAT_ACKNOWLEDGERS } from './chat/chat-intake';
import { ReceiveChatMessageJob } from './chat/receive-chat-message.job';
import { PortalModule } from './portal/portal.module';
import { WechatApiClient } from './wechat-mp/wechat-api.client';
import { WECHAT_API, WechatReplyChannel } from './wechat-mp/wechat-reply.channel';
import { WechatWebhookService } from './wechat-mp/wechat-webhook.service';
import { AcknowledgePublicPostJob } from './weibo/acknowledge-public-post.job';
import { WeiboApiClient } from './weibo/weibo-api.client';
import { WEIBO_API, WeiboReplyChannel } from './weibo/weibo-reply.channel';
import { WeiboWebhookService } from './weibo/weibo-webhook.service';

const CHANNELS_REDIS = Symbol('CHANNELS_REDIS');

/** Provided here and used by the apps: webhooks (api), reply channels and jobs (worker). */
const SHARED = [
  ChannelAccountsService,
  ChannelPublicPostsRepository,
  PublicPostIntake,
  WechatWebhookService,
  WechatReplyChannel,
  WeiboWebhookService,
  WeiboReplyChannel,
  ReceiveChatMessageJob,
  AcknowledgePublicPostJob,
];

/** The platform channels (WeChat official accounts, Weibo): accounts, webhooks, receipts, public posts and reply delivery. */
@Module({
  imports: [IntakeModule, TicketsModule, PortalModule],
  providers: [
    { provide: CHANNELS_REDIS, inject: [HUB_CONFIG], useFactory: (config: HubConfig) => new Redis(config.redis.url, { maxRetriesPerRequest: 1 }) },
    {
      provide: WECHAT_API,
      inject: [HUB_CONFIG, CHANNELS_REDIS],
      useFactory: (config: HubConfig, redis: Redis) => new WechatApiClient(config.channels.wechatApiBaseUrl, redis, config.redis.queuePrefix),
    },
    {
      provide: WEIBO_API,
      inject: [HUB_CONFIG],
      useFactory: (config: HubConfig) => new WeiboApiClient(config.channels.weiboApiBaseUrl, config.channels.weiboMessagesBaseUrl),
    },
    ChannelContactsRepository,
    ChatConversationService,
    ...SHARED,
    { provide: CHAT_ACKNOWLEDGERS, inject: [WechatReplyChannel, WeiboReplyChannel], useFactory: (...acknowledgers: unknown[]) => acknowledgers },
  ],
  // The worker's Weibo poller needs the API client and the Outbox besides these.
  exports: [IntakeModule, WEIBO_API, ...SHARED],
})
export class ChatChannelsModule implements OnApplicationShutdown {
  constructor(@Inject(CHANNELS_REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
