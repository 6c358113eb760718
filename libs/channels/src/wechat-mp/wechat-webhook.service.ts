import { performance } from 'node:perf_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { ChannelAccountsService } from '../accounts/channel-accounts.service';
import type { PlatformAccount } from '../accounts/channel-account.types';
import { ChatConversationService } from '../chat/chat-conversation.service';
import { WebhookAnswer, plainAnswer as plain, pushTimestampFresh, queryText as text, urlCheckAnswer } from '../chat/webhook-answer';
import { WechatCryptoError, WechatMessageCrypto } from './wechat-crypto';
import { planWechatPush } from './wechat-push-plan';
import { messageSignature, signaturesMatch, urlSignature } from './wechat-signature';
import { WechatInbound, WechatXmlError, encryptedReplyEnvelope, parseWechatEnvelope, parseWechatInbound, passiveTextReply, wechatDedupeKey } from './wechat-xml';

export const WECHAT_CHANNEL = 'wechat-mp';

type WechatAccount = PlatformAccount<'wechat-mp'>;

// "success" tells the platform the push arrived and nothing will be said back; it stops its retries.
const RECEIVED = plain(200, 'success');

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
    private readonly conversation: ChatConversationService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {}

  async verifyUrl(accountId: string, query: Record<string, unknown>): Promise<WebhookAnswer> {
    const account = await this.accounts.resolveOf(accountId, 'wechat-mp');
    if (!account) return plain(404, 'unknown account');
    const answer = urlCheckAnswer(signaturesMatch(urlSignature(account.credentials.token, text(query.timestamp), text(query.nonce)), query.signature), text(query.echostr));
    if (answer.status !== 200) this.logger.warn(`URL check for account ${account.id} with a wrong signature refused`);
    return answer;
  }

  /** `arrivedAt` is `performance.now()` when the request arrived: the answer budget counts from there. */
  async receive(accountId: string, query: Record<string, unknown>, body: string, arrivedAt = performance.now()): Promise<WebhookAnswer> {
    const account = await this.accounts.resolveOf(accountId, 'wechat-mp');
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
      await this.conversation.keepUnreadable(account.id, 'undecryptable', opened.undecryptable);
      return RECEIVED;
    }
    if (!pushTimestampFresh(timestamp, 1000, this.time.now(), this.config.channels.maxPushAgeSeconds)) {
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
      await this.conversation.keepUnreadable(account.id, 'unreadable', { reason: error.reason, body: xml.slice(0, 4000) });
      return RECEIVED;
    }
    const context = { channel: WECHAT_CHANNEL, accountId: account.id, senderId: push.fromUserName, dedupeKey: wechatDedupeKey(push) };
    const answer = await this.conversation.carryOut(context, planWechatPush(push, account.settings), arrivedAt);
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

  private crypto(account: WechatAccount): WechatMessageCrypto {
    return new WechatMessageCrypto({ encodingAesKey: account.credentials.encodingAesKey as string, appId: account.appId });
  }
}
