import { Inject, Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { ReplyChannel, ReplyToDeliver } from '@wenzheng/tickets';
import { ChannelAccountsService } from '../accounts/channel-accounts.service';
import { ChannelContactsRepository } from '../accounts/channel-contacts.repository';
import type { ChatAcknowledger } from '../chat/chat-intake';
import { replyParts } from '../chat/reply-parts';
import { replyOnStatusPageText, replyText } from '../chat/chat-texts';
import { statusPageUrl } from '../portal/status-page';
import { WeiboApiClient, WeiboApiError, asWeiboJobError } from './weibo-api.client';
import { fitWeiboText, WEIBO_REPLY_TEXT_LIMIT } from './weibo-reply';
import { WEIBO_CHANNEL } from './weibo-webhook.service';

export const WEIBO_API = Symbol('WEIBO_API');

/** A private message holds 300 characters; past four the rest is on the status page. */
const PART_LIMITS = { partLength: WEIBO_REPLY_TEXT_LIMIT, maxParts: 4 };

/**
 * Replies and receipts to Weibo citizens who wrote a private message: through the reply API inside the 48-hour window;
 * outside it, or when the platform refuses (window closed, unfollowed), the status page, where the citizen reads it
 * with the tracking number and query code of the receipt. The method used is recorded on the delivery.
 */
@Injectable()
export class WeiboReplyChannel implements ReplyChannel, ChatAcknowledger {
  readonly channel = WEIBO_CHANNEL;

  constructor(
    private readonly accounts: ChannelAccountsService,
    private readonly contacts: ChannelContactsRepository,
    @Inject(WEIBO_API) private readonly api: WeiboApiClient,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {}

  async deliver(reply: ReplyToDeliver): Promise<string> {
    const account = await this.accounts.resolveOf(reply.accountId, 'weibo');
    const uid = reply.senderId;
    if (!account || !uid || !(await this.contacts.insideServiceWindow(account.id, uid, this.time.now()))) return 'status-page';
    const url = `${this.config.publicBaseUrl}${statusPageUrl(reply.trackingNo)}`;
    try {
      for (const part of replyParts(replyText(reply), replyOnStatusPageText(reply.trackingNo, url), PART_LIMITS)) {
        await this.api.sendText(account.credentials.accessToken, uid, part);
      }
      return 'private-message';
    } catch (error) {
      // The platform's own window (or an unfollow) says no, although the hub thought it open.
      if (error instanceof WeiboApiError && error.kind === 'refused') return 'status-page';
      throw asWeiboJobError(error);
    }
  }

  async acknowledge(accountId: string, senderId: string, text: string): Promise<string> {
    const account = await this.accounts.resolveOf(accountId, 'weibo');
    if (!account) throw new UnrecoverableError(`Weibo account ${accountId} is unknown or disabled`);
    try {
      await this.api.sendText(account.credentials.accessToken, senderId, fitWeiboText(text));
      return 'private-message';
    } catch (error) {
      throw asWeiboJobError(error);
    }
  }

}
