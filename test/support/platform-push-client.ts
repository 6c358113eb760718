import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { WechatMessageCrypto } from '../../libs/channels/src/wechat-mp/wechat-crypto';
import { messageSignature, signaturesMatch, urlSignature } from '../../libs/channels/src/wechat-mp/wechat-signature';
import { cdata, parseWechatEnvelope } from '../../libs/channels/src/wechat-mp/wechat-xml';
import { weiboSignature } from '../../libs/channels/src/weibo/weibo-signature';
import { formatWeiboTime } from '../../libs/channels/src/weibo/weibo-push';

/**
 * Pushes to the hub's webhooks the way the platforms do: WeChat in plain, compatible or safe mode (XML, signed query,
 * AES envelope) and Weibo fan-service JSON, with the platforms' "no answer in 5 s → send the same push again, 3 times
 * in all" behaviour.
 */

export interface PreparedPush {
  url: string;
  method: 'GET' | 'POST';
  contentType?: string;
  body?: string;
}

export type AttemptOutcome = 'answered' | 'httpError' | 'timeout' | 'networkError';

export interface PushAttempt {
  attempt: number;
  outcome: AttemptOutcome;
  status?: number;
  body?: string;
  latencyMs: number;
  error?: string;
}

export interface PushReport {
  /** A 2xx arrived within the timeout. */
  delivered: boolean;
  attempts: PushAttempt[];
  /** Body of the answer that ended the pushes (the last attempt's otherwise). */
  body?: string;
}

export interface RetryOptions {
  /** How long the platform waits for an answer (5 s for both platforms). */
  timeoutMs?: number;
  /** Sends in all, the first included (3 for both platforms). */
  attempts?: number;
}

/** One HTTP exchange with a deadline; never throws. */
export async function sendOnce(push: PreparedPush, timeoutMs: number, attempt = 1): Promise<PushAttempt> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(push.url, {
      method: push.method,
      headers: push.contentType ? { 'content-type': push.contentType } : {},
      body: push.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.text();
    return { attempt, outcome: response.ok ? 'answered' : 'httpError', status: response.status, body, latencyMs: latency() };
  } catch (error) {
    // Checked by name: under Jest the DOMException comes from another realm and fails `instanceof Error`.
    const name = (error as { name?: unknown } | null)?.name;
    const timedOut = name === 'TimeoutError' || name === 'AbortError';
    return { attempt, outcome: timedOut ? 'timeout' : 'networkError', latencyMs: latency(), error: String(error) };
  }
}

/** Sends the same push until a 2xx arrives in time, at most `attempts` times, right after each failure. */
export async function sendWithRetries(push: PreparedPush, { timeoutMs = 5000, attempts = 3 }: RetryOptions = {}): Promise<PushReport> {
  const report: PushAttempt[] = [];
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const result = await sendOnce(push, timeoutMs, attempt);
    report.push(result);
    if (result.outcome === 'answered') return { delivered: true, attempts: report, body: result.body };
  }
  return { delivered: false, attempts: report, body: report[report.length - 1]?.body };
}

const seconds = (ms: number) => String(Math.floor(ms / 1000));
const defaultNonce = () => String(randomBytes(4).readUInt32BE(0));

function withQuery(url: string, params: Record<string, string>): string {
  const target = new URL(url);
  for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
  return target.toString();
}

// ---------------------------------------------------------------- WeChat

export type WechatPushField = string | number | bigint;

/** Inbound XML as the platform writes it: strings in CDATA, numbers (CreateTime, MsgId) bare. */
export function wechatPushXml(fields: Record<string, WechatPushField>): string {
  const inner = Object.entries(fields)
    .map(([name, value]) => `<${name}>${typeof value === 'string' ? cdata(value) : String(value)}</${name}>`)
    .join('');
  return `<xml>${inner}</xml>`;
}

export interface WechatPushCommon {
  /** The account's original id (gh_…). */
  toUser: string;
  /** The citizen's OpenID. */
  fromUser: string;
  /** Seconds; the client's clock when omitted. */
  createTime?: number;
}

export interface WechatPushClientOptions {
  /** The hub's webhook URL. */
  url: string;
  token: string;
  mode?: 'plain' | 'compatible' | 'safe';
  /** Needed for compatible and safe mode. */
  encodingAesKey?: string;
  appId?: string;
  /** Epoch ms. */
  now?: () => number;
  nonce?: () => string;
}

export class WechatPushClient {
  readonly crypto?: WechatMessageCrypto;
  private readonly now: () => number;
  private readonly nonce: () => string;
  private readonly mode: 'plain' | 'compatible' | 'safe';
  private msgIds = 24_000_000_000_000_000_000n;

  constructor(private readonly options: WechatPushClientOptions) {
    this.mode = options.mode ?? 'plain';
    this.now = options.now ?? Date.now;
    this.nonce = options.nonce ?? defaultNonce;
    if (this.mode !== 'plain') {
      if (!options.encodingAesKey || !options.appId) throw new Error(`${this.mode} mode needs encodingAesKey and appId`);
      this.crypto = new WechatMessageCrypto({ encodingAesKey: options.encodingAesKey, appId: options.appId });
    }
  }

  /** A text message; MsgId is a fresh 20-digit id (beyond 2^53) unless given. */
  textXml({ toUser, fromUser, createTime, content, msgId }: WechatPushCommon & { content: string; msgId?: string }): string {
    return wechatPushXml({
      ToUserName: toUser,
      FromUserName: fromUser,
      CreateTime: createTime ?? Number(seconds(this.now())),
      MsgType: 'text',
      Content: content,
      MsgId: BigInt(msgId ?? String((this.msgIds += 1n))),
    });
  }

  /** An event (subscribe, unsubscribe, CLICK, VIEW, SCAN, LOCATION…) with optional EventKey and extra fields. */
  eventXml({ toUser, fromUser, createTime, event, eventKey, extra = {} }: WechatPushCommon & {
    event: string;
    eventKey?: string;
    extra?: Record<string, WechatPushField>;
  }): string {
    return wechatPushXml({
      ToUserName: toUser,
      FromUserName: fromUser,
      CreateTime: createTime ?? Number(seconds(this.now())),
      MsgType: 'event',
      Event: event,
      ...(eventKey !== undefined ? { EventKey: eventKey } : {}),
      ...extra,
    });
  }

  /** The URL check (GET with echostr). */
  urlCheck(echostr = defaultNonce()): PreparedPush {
    const timestamp = seconds(this.now());
    const nonce = this.nonce();
    const signature = urlSignature(this.options.token, timestamp, nonce);
    return { method: 'GET', url: withQuery(this.options.url, { signature, timestamp, nonce, echostr }) };
  }

  /** Signs (and in safe/compatible mode encrypts) one push; send the result as often as needed. */
  prepare(xml: string, openId = this.openIdOf(xml)): PreparedPush {
    const timestamp = seconds(this.now());
    const nonce = this.nonce();
    const query: Record<string, string> = {
      signature: urlSignature(this.options.token, timestamp, nonce),
      timestamp,
      nonce,
      openid: openId,
    };
    let body = xml;
    if (this.crypto) {
      const encrypt = this.crypto.encrypt(xml);
      const toUser = /<ToUserName><!\[CDATA\[(.*?)\]\]><\/ToUserName>/.exec(xml)?.[1] ?? '';
      const envelope = `<ToUserName>${cdata(toUser)}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt>`;
      body = this.mode === 'safe' ? `<xml>${envelope}</xml>` : xml.replace(/<\/xml>$/, `<Encrypt>${cdata(encrypt)}</Encrypt></xml>`);
      query.encrypt_type = 'aes';
      query.msg_signature = messageSignature(this.options.token, timestamp, nonce, encrypt);
    }
    return { method: 'POST', url: withQuery(this.options.url, query), contentType: 'text/xml; charset=utf-8', body };
  }

  push(xml: string, timeoutMs = 5000): Promise<PushAttempt> {
    return sendOnce(this.prepare(xml), timeoutMs);
  }

  /** The platform's delivery: the same signed body again after each timeout or error, 3 sends in all. */
  pushWithRetries(xml: string, options?: RetryOptions): Promise<PushReport> {
    return sendWithRetries(this.prepare(xml), options);
  }

  /**
   * Reads the hub's answer: '' or 'success' → no reply; otherwise the reply XML (decrypted and signature-checked in
   * safe mode). Throws when a safe-mode reply is unsigned, badly signed or not encrypted.
   */
  readReply(body: string): string | undefined {
    if (body === '' || body === 'success') return undefined;
    if (!this.crypto) return body;
    if (this.mode === 'compatible' && !body.includes('<Encrypt>')) return body;
    const encrypt = parseWechatEnvelope(body).encrypt;
    const signature = /<MsgSignature><!\[CDATA\[(.*?)\]\]><\/MsgSignature>/.exec(body)?.[1];
    const timestamp = /<TimeStamp>(?:<!\[CDATA\[)?(\d+)(?:\]\]>)?<\/TimeStamp>/.exec(body)?.[1];
    const nonce = /<Nonce><!\[CDATA\[(.*?)\]\]><\/Nonce>/.exec(body)?.[1];
    if (!timestamp || nonce === undefined) throw new Error('encrypted reply lacks TimeStamp or Nonce');
    if (!signaturesMatch(messageSignature(this.options.token, timestamp, nonce, encrypt), signature)) {
      throw new Error('encrypted reply has a wrong MsgSignature');
    }
    return this.crypto.decrypt(encrypt);
  }

  private openIdOf(xml: string): string {
    return /<FromUserName><!\[CDATA\[(.*?)\]\]><\/FromUserName>/.exec(xml)?.[1] ?? '';
  }
}

// ---------------------------------------------------------------- Weibo

export interface WeiboPushPayload {
  type: string;
  senderId: string;
  receiverId: string;
  /** The platform's created_at text; the client's clock (Beijing time) when omitted. */
  createdAt?: string;
  text?: string;
  data?: Record<string, unknown>;
}

/** The push JSON with uids as bare numbers, as the platform sends them (exact even beyond 2^53). */
export function weiboPushJson(payload: Required<WeiboPushPayload>): string {
  for (const id of [payload.senderId, payload.receiverId]) {
    if (!/^[1-9]\d*$/.test(id)) throw new RangeError(`uid must be digits, got "${id}"`);
  }
  return (
    `{"type":${JSON.stringify(payload.type)},"receiver_id":${payload.receiverId},"sender_id":${payload.senderId},` +
    `"created_at":${JSON.stringify(payload.createdAt)},"text":${JSON.stringify(payload.text)},"data":${JSON.stringify(payload.data)}}`
  );
}

export interface WeiboPushClientOptions {
  url: string;
  appSecret: string;
  now?: () => number;
  nonce?: () => string;
}

export class WeiboPushClient {
  private readonly now: () => number;
  private readonly nonce: () => string;

  constructor(private readonly options: WeiboPushClientOptions) {
    this.now = options.now ?? Date.now;
    this.nonce = options.nonce ?? defaultNonce;
  }

  /** Query of every request: the fan-service timestamp is in milliseconds. */
  private signedQuery(): Record<string, string> {
    const timestamp = String(this.now());
    const nonce = this.nonce();
    return { signature: weiboSignature(this.options.appSecret, timestamp, nonce), timestamp, nonce };
  }

  urlCheck(echostr = defaultNonce()): PreparedPush {
    return { method: 'GET', url: withQuery(this.options.url, { ...this.signedQuery(), echostr }) };
  }

  json({ type, senderId, receiverId, createdAt, text, data }: WeiboPushPayload): string {
    return weiboPushJson({ type, senderId, receiverId, createdAt: createdAt ?? formatWeiboTime(this.now()), text: text ?? '', data: data ?? {} });
  }

  prepare(json: string): PreparedPush {
    return { method: 'POST', url: withQuery(this.options.url, this.signedQuery()), contentType: 'application/json', body: json };
  }

  push(json: string, timeoutMs = 5000): Promise<PushAttempt> {
    return sendOnce(this.prepare(json), timeoutMs);
  }

  pushWithRetries(json: string, options?: RetryOptions): Promise<PushReport> {
    return sendWithRetries(this.prepare(json), options);
  }
}
