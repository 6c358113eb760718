import { Inject, Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { ReplyChannel, ReplyToDeliver } from '@wenzheng/tickets';
import { ChannelAccountsService } from '../accounts/channel-accounts.service';
import { ChannelContactsRepository } from '../accounts/channel-contacts.repository';
import type { OpenChannelAccount } from '../accounts/channel-account.types';
import type { ChatAcknowledger } from '../chat/chat-intake';
import { replyOnStatusPageText, replyText } from '../chat/chat-texts';
import { statusPageUrl } from '../portal/status-page';
import { WechatApiClient, WechatApiError, asJobError } from './wechat-api.client';
import { WECHAT_CHANNEL } from './wechat-webhook.service';

/** The platform lets an account write to a citizen this long after the citizen's last message or event. */
export const SERVICE_WINDOW_MS = 48 * 3_600_000;
/** Characters per customer-service text; longer replies are split, and past MAX_PARTS the rest is on the status page. */
const PART_LENGTH = 600;
const MAX_PARTS = 4;

export const WECHAT_API = Symbol('WECHAT_API');

type WechatAccount = Extract<OpenChannelAccount, { platform: 'wechat-mp' }>;

/** Splits a reply into customer-service texts: at most MAX_PARTS, the last one pointing to the status page if cut. */
export function replyParts(body: string, overflow: string): string[] {
  const chars = [...body];
  if (chars.length <= PART_LENGTH * MAX_PARTS) {
    const parts: string[] = [];
    for (let i = 0; i < chars.length; i += PART_LENGTH) parts.push(chars.slice(i, i + PART_LENGTH).join(''));
    return parts.length ? parts : [''];
  }
  return [...replyParts(chars.slice(0, PART_LENGTH * (MAX_PARTS - 1)).join(''), overflow), overflow];
}

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
    const account = await this.wechatAccount(reply.accountId);
    const openId = reply.senderId;
    // A disabled account cannot send; the citizen has the number and code for the status page.
    if (!account || !openId) return 'status-page';
    const url = `${this.config.publicBaseUrl}${statusPageUrl(reply.trackingNo)}`;
    try {
      if (await this.insideWindow(account, openId)) {
        const parts = replyParts(replyText(reply), replyOnStatusPageText(reply.trackingNo, url));
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
    const account = await this.wechatAccount(accountId);
    if (!account) throw new UnrecoverableError(`WeChat account ${accountId} is unknown or disabled`);
    try {
      await this.api.sendText(this.app(account), senderId, text);
      return 'customer-service';
    } catch (error) {
      throw asJobError(error);
    }
  }

  private async insideWindow(account: WechatAccount, openId: string): Promise<boolean> {
    const last = await this.contacts.lastInteractionAt(account.id, openId);
    return last !== null && this.time.now().getTime() - last.getTime() < SERVICE_WINDOW_MS;
  }

  private async wechatAccount(id: string | null): Promise<WechatAccount | undefined> {
    const account = id ? await this.accounts.resolve(id) : undefined;
    return account?.platform === 'wechat-mp' ? account : undefined;
  }

  private app(account: WechatAccount) {
    return { appId: account.appId, appSecret: account.credentials.appSecret };
  }
}
