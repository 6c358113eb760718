import { Inject, Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { ReplyChannel, ReplyToDeliver } from '@wenzheng/tickets';
import { ChannelAccountsService } from '../accounts/channel-accounts.service';
import { ChannelContactsRepository } from '../accounts/channel-contacts.repository';
import type { PlatformAccount } from '../accounts/channel-account.types';
import type { ChatAcknowledger } from '../chat/chat-intake';
import { replyOnStatusPageText, replyText } from '../chat/chat-texts';
import { replyParts } from '../chat/reply-parts';
import { statusPageUrl } from '../portal/status-page';
import { WechatApiClient, WechatApiError, asJobError } from './wechat-api.client';
import { WECHAT_CHANNEL } from './wechat-webhook.service';

/** Characters per customer-service text; longer replies are split, and past four parts the rest is on the status page. */
const PART_LIMITS = { partLength: 600, maxParts: 4 };

export const WECHAT_API = Symbol('WECHAT_API');

type WechatAccount = PlatformAccount<'wechat-mp'>;

/**
 * Replies and receipts to WeChat citizens: customer-service messages inside the 48-hour window; outside it (or
 * when the platform says the window closed or its quota is used) the account's reply-notice template linking to
 * the status page, or the status page alone. The method used is recorded on the delivery.
 */
@Injectable()
export class WechatReplyChannel implements ReplyChannel, ChatAcknowledger {
  readonly channel = WECHAT_CHANNEL;

  constructor(
    private readonly accounts: ChannelAccountsService,
    private readonly contacts: ChannelContactsRepository,
    @Inject(WECHAT_API) private readonly api: WechatApiClient,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {}

  async deliver(reply: ReplyToDeliver): Promise<string> {
    const account = await this.accounts.resolveOf(reply.accountId, 'wechat-mp');
    const openId = reply.senderId;
    // A disabled account cannot send; the citizen has the number and code for the status page.
    if (!account || !openId) return 'status-page';
    const url = `${this.config.publicBaseUrl}${statusPageUrl(reply.trackingNo)}`;
    try {
      if (await this.contacts.insideServiceWindow(account.id, openId, this.time.now())) {
        const parts = replyParts(replyText(reply), replyOnStatusPageText(reply.trackingNo, url), PART_LIMITS);
        try {
          for (const part of parts) await this.api.sendText(this.app(account), openId, part);
          return 'customer-service';
        } catch (error) {
          if (!(error instanceof WechatApiError) || (error.kind !== 'windowClosed' && error.kind !== 'quotaUsed')) throw error;
        }
      }
      const notice = account.settings.replyNotice;
      if (!notice) return 'status-page';
      const values = { trackingNo: reply.trackingNo, unit: reply.unitName ?? '', status: '已答复' };
      const data = Object.fromEntries(Object.entries(notice.data).map(([key, value]) => [key, value.replace(/\{(trackingNo|unit|status)\}/g, (_, name: keyof typeof values) => values[name])]));
      await this.api.sendTemplate(this.app(account), openId, { templateId: notice.templateId, url, data });
      return 'template';
    } catch (error) {
      throw asJobError(error);
    }
  }

  async acknowledge(accountId: string, senderId: string, text: string): Promise<string> {
    const account = await this.accounts.resolveOf(accountId, 'wechat-mp');
    if (!account) throw new UnrecoverableError(`WeChat account ${accountId} is unknown or disabled`);
    try {
      await this.api.sendText(this.app(account), senderId, text);
      return 'customer-service';
    } catch (error) {
      throw asJobError(error);
    }
  }


  private app(account: WechatAccount) {
    return { appId: account.appId, appSecret: account.credentials.appSecret };
  }
}
