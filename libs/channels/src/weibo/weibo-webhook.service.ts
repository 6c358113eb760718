import { performance } from 'node:perf_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { ChannelAccountsService } from '../accounts/channel-accounts.service';
import type { PlatformAccount } from '../accounts/channel-account.types';
import { PublicPostIntake } from '../accounts/public-post-intake.service';
import { ChatConversationService } from '../chat/chat-conversation.service';
import { WebhookAnswer, plainAnswer as plain, pushTimestampFresh, queryText as text, urlCheckAnswer } from '../chat/webhook-answer';
import { WeiboPush, WeiboPushError, parseWeiboPush, weiboDedupeKey } from './weibo-push';
import { planWeiboPush, publicAcknowledgementText } from './weibo-push-plan';
import { weiboPassiveTextReply } from './weibo-reply';
import { weiboSignatureValid } from './weibo-signature';

export const WEIBO_CHANNEL = 'weibo';

type WeiboAccount = PlatformAccount<'weibo'>;

// An empty body tells the platform the push arrived and nothing will be said back; it stops its retries.
const RECEIVED = plain(200, '');

/**
 * The callback URL of a Weibo account (粉丝服务平台 开发模式): URL check and signed JSON pushes. Private messages take the
 * common chat path (tickets, 查询, 帮助; the receipt as the passive reply, or by the reply API after a slow intake);
 * @mentions and comments are recorded for the monitor and answered only with the account's short public text.
 */
@Injectable()
export class WeiboWebhookService {
  private readonly logger = new Logger('WeiboWebhook');

  constructor(
    private readonly accounts: ChannelAccountsService,
    private readonly conversation: ChatConversationService,
    private readonly publicPosts: PublicPostIntake,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {}

  async verifyUrl(accountId: string, query: Record<string, unknown>): Promise<WebhookAnswer> {
    const account = await this.accounts.resolveOf(accountId, 'weibo');
    if (!account) return plain(404, 'unknown account');
    const answer = urlCheckAnswer(weiboSignatureValid(account.credentials.appSecret, query), text(query.echostr));
    if (answer.status !== 200) this.logger.warn(`URL check for account ${account.id} with a wrong signature refused`);
    return answer;
  }

  /** `arrivedAt` is `performance.now()` when the request arrived: the answer budget counts from there. */
  async receive(accountId: string, query: Record<string, unknown>, body: string, arrivedAt = performance.now()): Promise<WebhookAnswer> {
    const account = await this.accounts.resolveOf(accountId, 'weibo');
    if (!account) return plain(404, 'unknown account');
    if (!weiboSignatureValid(account.credentials.appSecret, query)) {
      this.logger.warn(`push to account ${account.id} refused: signature mismatch`);
      return plain(403, 'signature mismatch');
    }
    // The fan-service timestamp is in milliseconds.
    const timestamp = text(query.timestamp);
    if (!pushTimestampFresh(timestamp, 1, this.time.now(), this.config.channels.maxPushAgeSeconds)) {
      this.logger.warn(`push to account ${account.id} refused: timestamp ${timestamp} outside ${this.config.channels.maxPushAgeSeconds} s`);
      return plain(403, 'stale timestamp');
    }
    let push: WeiboPush;
    try {
      push = parseWeiboPush(body);
    } catch (error) {
      if (!(error instanceof WeiboPushError)) throw error;
      // Signed, so it came from the platform: keep it for a look, and stop the platform's retries.
      this.logger.error(`unreadable push to account ${account.id}: ${error.message}`);
      await this.conversation.keepUnreadable(account.id, 'unreadable', { reason: error.reason, field: error.field ?? null, body: body.slice(0, 4000) });
      return RECEIVED;
    }
    const answer = await this.answer(account, push, arrivedAt);
    if (answer === undefined) return RECEIVED;
    return { status: 200, contentType: 'application/json', body: weiboPassiveTextReply({ accountId: push.receiverId, citizenId: push.senderId, text: answer }) };
  }

  private async answer(account: WeiboAccount, push: WeiboPush, arrivedAt: number): Promise<string | undefined> {
    const plan = planWeiboPush(push, account.settings);
    const dedupeKey = weiboDedupeKey(push);
    if (plan.do !== 'public') return this.conversation.carryOut({ channel: WEIBO_CHANNEL, accountId: account.id, senderId: push.senderId, dedupeKey }, plan, arrivedAt);
    // With the monitor's job (the outbox's, should Redis be away).
    const recorded = await this.publicPosts.record({
      accountId: account.id,
      kind: plan.kind,
      dedupeKey,
      source: 'push',
      authorId: push.senderId,
      text: push.text,
      postedAt: push.createdAtMs === undefined ? null : new Date(push.createdAtMs),
      payload: push.data,
      receivedAt: this.time.now(),
      acknowledgedVia: plan.acknowledge ? 'passive-reply' : 'none',
    });
    // A retry of the push is answered again (the first answer was lost); a post the poll answered already is not.
    return plan.acknowledge && recorded.acknowledgedVia === 'passive-reply' ? publicAcknowledgementText(account.settings) : undefined;
  }

}
