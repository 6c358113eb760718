import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { IntakeReceipt, IntakeService } from '@wenzheng/intake';
import { JobName, JobQueue } from '@wenzheng/queue';
import { ChannelContactsRepository } from '../accounts/channel-contacts.repository';
import { ChannelAccountsService } from '../accounts/channel-accounts.service';
import type { OpenChannelAccount } from '../accounts/channel-account.types';
import { chatIntakeInput } from '../chat/chat-intake';
import { OwnTicket, ownTicketsText, receiptText } from '../chat/chat-texts';
import { PortalService } from '../portal/portal.service';
import { WechatCryptoError, WechatMessageCrypto } from './wechat-crypto';
import { WechatPushPlan, planWechatPush } from './wechat-push-plan';
import { messageSignature, signaturesMatch, urlSignature } from './wechat-signature';
import { WechatInbound, WechatXmlError, encryptedReplyEnvelope, parseWechatEnvelope, parseWechatInbound, passiveTextReply, wechatDedupeKey } from './wechat-xml';

export const WECHAT_CHANNEL = 'wechat-mp';

/** The HTTP answer to a push or URL check. */
export interface WebhookAnswer {
  status: number;
  contentType: 'text/plain' | 'application/xml';
  body: string;
}

type WechatAccount = Extract<OpenChannelAccount, { platform: 'wechat-mp' }>;

const plain = (status: number, body: string): WebhookAnswer => ({ status, contentType: 'text/plain', body });
// "success" tells the platform the push arrived and nothing will be said back; it stops its retries.
const RECEIVED = plain(200, 'success');
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * The server URL of a WeChat official account: URL check, and pushes in plain, compatible and safe mode. Every push
 * is answered within the platform's 5 seconds: a message becomes a ticket and its receipt is the passive reply; when
 * PostgreSQL does not take it within CHANNEL_REPLY_BUDGET_MS the message goes to a queue job, the push is answered
 * "success", and the receipt follows through the customer-service API.
 */
@Injectable()
export class WechatWebhookService {
  private readonly logger = new Logger('WechatWebhook');

  constructor(
    private readonly accounts: ChannelAccountsService,
    private readonly contacts: ChannelContactsRepository,
    private readonly intake: IntakeService,
    private readonly portal: PortalService,
    private readonly queue: JobQueue,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {}

  async verifyUrl(accountId: string, query: Record<string, unknown>): Promise<WebhookAnswer> {
    const account = await this.account(accountId);
    if (!account) return plain(404, 'unknown account');
    const [timestamp, nonce, echostr] = [text(query.timestamp), text(query.nonce), text(query.echostr)];
    if (!echostr || !signaturesMatch(urlSignature(account.credentials.token, timestamp, nonce), query.signature)) {
      this.logger.warn(`URL check for account ${account.id} with a wrong signature refused`);
      return plain(403, 'signature mismatch');
    }
    return plain(200, echostr);
  }

  /** `arrivedAt` is `performance.now()` when the request arrived: the answer budget counts from there. */
  async receive(accountId: string, query: Record<string, unknown>, body: string, arrivedAt = performance.now()): Promise<WebhookAnswer> {
    const account = await this.account(accountId);
    if (!account) return plain(404, 'unknown account');
    const [timestamp, nonce] = [text(query.timestamp), text(query.nonce)];
    const encrypted = query.encrypt_type === 'aes';
    const opened = encrypted ? this.openEncrypted(account, timestamp, nonce, query.msg_signature, body) : this.checkPlain(account, timestamp, nonce, query.signature, body);
    if ('refused' in opened) {
      this.logger.warn(`push to account ${account.id} refused: ${opened.refused.body}`);
      return opened.refused;
    }
    if ('undecryptable' in opened) {
      // Signed but not decryptable: a changed EncodingAESKey. Kept whole, to be read once the key is fixed.
      this.logger.error(`push to account ${account.id} does not decrypt: ${opened.undecryptable.reason}`);
      await this.keepUnreadable(account, 'undecryptable', opened.undecryptable);
      return RECEIVED;
    }
    const age = Math.abs(this.time.now().getTime() / 1000 - Number(timestamp));
    if (!/^\d{1,12}$/.test(timestamp) || age > this.config.channels.maxPushAgeSeconds) {
      this.logger.warn(`push to account ${account.id} refused: timestamp ${timestamp} outside ${this.config.channels.maxPushAgeSeconds} s`);
      return plain(403, 'stale timestamp');
    }
    const { xml } = opened;
    let push: WechatInbound;
    try {
      push = parseWechatInbound(xml);
    } catch (error) {
      if (!(error instanceof WechatXmlError)) throw error;
      // Signed, so it came from the platform: keep it for a look, and stop the platform's retries.
      this.logger.error(`unreadable push to account ${account.id}: ${error.message}`);
      await this.keepUnreadable(account, 'unreadable', { reason: error.reason, body: xml.slice(0, 4000) });
      return RECEIVED;
    }
    const answer = await this.answer(account, push, planWechatPush(push, account.settings), arrivedAt);
    if (answer === undefined) return RECEIVED;
    const reply = passiveTextReply({ toUser: push.fromUserName, fromUser: push.toUserName, createTime: Math.floor(this.time.now().getTime() / 1000), content: answer });
    if (!encrypted) return { status: 200, contentType: 'application/xml', body: reply };
    const sealed = this.crypto(account).encrypt(reply);
    return {
      status: 200,
      contentType: 'application/xml',
      body: encryptedReplyEnvelope({ encrypt: sealed, signature: messageSignature(account.credentials.token, timestamp, nonce, sealed), timestamp, nonce }),
    };
  }

  /** Carries out a plan; the text to answer with, or undefined for "success". */
  private async answer(account: WechatAccount, push: WechatInbound, plan: WechatPushPlan, arrivedAt: number): Promise<string | undefined> {
    const senderId = push.fromUserName;
    if (plan.do !== 'intake' && plan.record) {
      await this.contacts.recordEvent({ accountId: account.id, senderId, dedupeKey: wechatDedupeKey(push), ...plan.record, receivedAt: this.time.now() });
    }
    switch (plan.do) {
      case 'intake':
        return this.takeIn(account, senderId, `${account.id}:${wechatDedupeKey(push)}`, plan.text, arrivedAt);
      case 'own-tickets':
        return ownTicketsText(await this.ownTickets(account, senderId, plan.trackingNo, plan.queryCode), plan.trackingNo);
      case 'answer':
        return plan.text;
      case 'record':
        if (plan.record.kind === 'event:unsubscribe') this.logger.log(`account ${account.id}: ${senderId} unfollowed`);
        return undefined;
    }
  }

  private async takeIn(account: WechatAccount, senderId: string, externalId: string, message: string, arrivedAt: number): Promise<string | undefined> {
    const chat = { channel: WECHAT_CHANNEL, accountId: account.id, senderId, externalId, text: message };
    const intake = this.intake.receive(chatIntakeInput(chat));
    let timer: NodeJS.Timeout | undefined;
    const budgetLeft = Math.max(0, this.config.channels.replyBudgetMs - (performance.now() - arrivedAt));
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), budgetLeft)));
    const outcome = await Promise.race([intake.then((receipt): IntakeReceipt => receipt, (error: unknown) => ({ error })), late]).finally(() => clearTimeout(timer));
    if (outcome !== 'late' && !('error' in outcome)) return receiptText(outcome);
    // Too slow or failed: the job is the message's durable copy before the push is answered (Redis down → throws → 5xx → the platform retries).
    intake.catch((error: unknown) => this.logger.warn(`intake of ${externalId} failed in the push; the queued job takes over: ${(error as Error).message}`));
    this.logger.warn(`intake of ${externalId} ${outcome === 'late' ? `took over ${this.config.channels.replyBudgetMs} ms` : 'failed'}; receipt will follow by the API`);
    await this.queue.enqueue({ name: JobName.ReceiveChatMessage, data: chat });
    return undefined;
  }

  /** Own tickets by OpenID; a number with its query code also finds a ticket written elsewhere. */
  private async ownTickets(account: WechatAccount, senderId: string, trackingNo: string | null, queryCode: string | null): Promise<OwnTicket[]> {
    const own = await this.contacts.ownTickets(account.id, senderId, trackingNo);
    if (own.length || !trackingNo || !queryCode) return own;
    const status = await this.portal.status(trackingNo, queryCode);
    if (!status) return [];
    return [{ trackingNo, title: '', statusText: status.statusText, replyDueAt: new Date(status.replyDueAt), unitName: status.leadUnit }];
  }

  private async account(id: string): Promise<WechatAccount | undefined> {
    const account = await this.accounts.resolve(id);
    return account?.platform === 'wechat-mp' ? account : undefined;
  }

  private checkPlain(account: WechatAccount, timestamp: string, nonce: string, signature: unknown, body: string): { xml: string } | { refused: WebhookAnswer } {
    if (account.mode === 'safe') return { refused: plain(403, 'this account takes encrypted pushes only') };
    if (!signaturesMatch(urlSignature(account.credentials.token, timestamp, nonce), signature)) return { refused: plain(403, 'signature mismatch') };
    return { xml: body };
  }

  private openEncrypted(
    account: WechatAccount,
    timestamp: string,
    nonce: string,
    signature: unknown,
    body: string,
  ): { xml: string } | { refused: WebhookAnswer } | { undecryptable: { reason: string; encrypt: string } } {
    if (account.mode === 'plain' || !account.credentials.encodingAesKey) return { refused: plain(403, 'this account takes plain pushes only') };
    let encrypt: string;
    try {
      encrypt = parseWechatEnvelope(body).encrypt;
    } catch {
      return { refused: plain(400, 'not an encrypted push') };
    }
    if (!signaturesMatch(messageSignature(account.credentials.token, timestamp, nonce, encrypt), signature)) {
      return { refused: plain(403, 'signature mismatch') };
    }
    try {
      return { xml: this.crypto(account).decrypt(encrypt) };
    } catch (error) {
      if (!(error instanceof WechatCryptoError)) throw error;
      return { undecryptable: { reason: error.message, encrypt } };
    }
  }

  private async keepUnreadable(account: WechatAccount, kind: string, payload: Record<string, unknown>): Promise<void> {
    const digest = createHash('sha1').update(JSON.stringify(payload)).digest('hex');
    await this.contacts
      .recordEvent({ accountId: account.id, senderId: '', dedupeKey: `${kind}:${digest}`, kind, payload, receivedAt: this.time.now() })
      .catch((error: unknown) => this.logger.error(`could not keep the ${kind} push: ${(error as Error).message}`));
  }

  private crypto(account: WechatAccount): WechatMessageCrypto {
    return new WechatMessageCrypto({ encodingAesKey: account.credentials.encodingAesKey as string, appId: account.appId });
  }
}
