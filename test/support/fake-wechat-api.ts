import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for api.weixin.qq.com: access tokens (both endpoints) and customer-service text messages with
 * the 48-hour window and its quota. Tests point the hub's WeChat base URL at `baseUrl`, tell the fake when a citizen
 * interacted, and read `state` to see what was sent. Rules follow developers.weixin.qq.com (getAccessToken,
 * getStableAccessToken, 客服消息下发规则); see libs/channels/src/wechat-mp/wechat-errors.ts for the codes.
 */

export interface JsonReply {
  status: number;
  body: unknown;
}

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  /** errcode (WeChat) or error_code (Weibo) of the answer, when it had one. */
  code?: number;
  at: number;
}

/** Injected failures shared by the fakes: slow answers, HTTP 500s, and error bodies for the next calls. */
export class FakeFaults {
  private delayMs = 0;
  private delaysLeft = 0;
  private http500Left = 0;
  private errors: { left: number; body: unknown; scope?: string } = { left: 0, body: undefined };

  /** Delays the next `count` answers (all of them by default) by `ms`. */
  delayNext(ms: number, count = Number.POSITIVE_INFINITY): void {
    this.delayMs = ms;
    this.delaysLeft = count;
  }

  http500Next(count: number): void {
    this.http500Left = count;
  }

  /** Answers the next `count` calls (of `scope` only, when given) with `body` and HTTP 200. */
  errorNext(count: number, body: unknown, scope?: string): void {
    this.errors = { left: count, body, scope };
  }

  reset(): void {
    this.delayMs = this.delaysLeft = this.http500Left = 0;
    this.errors = { left: 0, body: undefined };
  }

  /** Waits out a delay, then returns the injected answer for this call, if any. */
  async take(scope: string): Promise<JsonReply | undefined> {
    if (this.delaysLeft > 0) {
      this.delaysLeft -= 1;
      await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    }
    if (this.http500Left > 0) {
      this.http500Left -= 1;
      return { status: 500, body: 'Internal Server Error' };
    }
    if (this.errors.left > 0 && (!this.errors.scope || this.errors.scope === scope)) {
      this.errors.left -= 1;
      return { status: 200, body: this.errors.body };
    }
    return undefined;
  }
}

export interface FakeRequest {
  method: string;
  url: URL;
  body: string;
}

export interface StartedFake<S> {
  baseUrl: string;
  state: S;
  close: () => Promise<void>;
}

const MAX_BODY = 1_000_000;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: JsonReply): void {
  if (res.destroyed) return;
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': typeof reply.body === 'string' ? 'text/plain' : 'application/json; encoding=utf-8' });
  res.end(text);
}

/** A loopback HTTP server answering with `handle`; `close` also drops connections still waiting on a delay. */
export async function serveJson(
  handle: (request: FakeRequest) => Promise<JsonReply>,
): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const url = new URL(req.url ?? '/', 'http://fake.local');
        send(res, await handle({ method: req.method ?? 'GET', url, body: await readBody(req) }));
      } catch (error) {
        send(res, { status: 500, body: `fake failed: ${String(error)}` });
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

export interface FakeWechatApiOptions {
  appId?: string;
  appSecret?: string;
  /** `expires_in` of issued tokens. */
  tokenTtlSeconds?: number;
  /** How long a token stays usable after a newer one was fetched (the platform documents 5 minutes). */
  overlapSeconds?: number;
  /** Clock in epoch ms; tests pass a settable one to cross the 48-hour window or expire tokens. */
  now?: () => number;
}

type TokenSource = 'token' | 'stable';

interface IssuedToken {
  value: string;
  source: TokenSource;
  issuedAt: number;
  expiresAt: number;
  /** Set when a newer token of the same source was fetched; usable until then. */
  supersededUntil?: number;
}

export interface SentCustomMessage {
  touser: string;
  msgtype: string;
  content: string;
  accessToken: string;
  at: number;
}

/** A template message (模板消息): no 48-hour window, the citizen only has to follow the account. */
export interface SentTemplateMessage {
  touser: string;
  templateId: string;
  url: string;
  data: Record<string, string>;
}

export interface FakeWechatState {
  templates: SentTemplateMessage[];
  /** Calls of GET /cgi-bin/token that issued a token. */
  tokenFetches: number;
  /** Calls of POST /cgi-bin/stable_token that answered a token (new or current). */
  stableTokenFetches: number;
  sent: SentCustomMessage[];
  requests: LoggedRequest[];
}

/** Quota of one citizen action (客服消息下发规则): a message gives 5 sends in 48 h; a menu click, follow or scan 3 in 1 min. */
export type WechatInteraction = 'message' | 'click' | 'subscribe' | 'scan';

const QUOTA: Record<WechatInteraction, { sends: number; seconds: number }> = {
  message: { sends: 5, seconds: 48 * 3600 },
  click: { sends: 3, seconds: 60 },
  subscribe: { sends: 3, seconds: 60 },
  scan: { sends: 3, seconds: 60 },
};

interface Window {
  kind: WechatInteraction;
  openedAt: number;
  until: number;
  allowed: number;
  used: number;
}

const error = (errcode: number, errmsg: string): JsonReply => ({ status: 200, body: { errcode, errmsg: `${errmsg} rid: fake` } });

export class FakeWechatApi {
  readonly faults = new FakeFaults();
  readonly state: FakeWechatState = { templates: [], tokenFetches: 0, stableTokenFetches: 0, sent: [], requests: [] };
  private readonly appId: string;
  private readonly appSecret: string;
  private readonly now: () => number;
  private tokenTtlSeconds: number;
  private overlapSeconds: number;
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly windows = new Map<string, Window[]>();

  constructor(options: FakeWechatApiOptions = {}) {
    this.appId = options.appId ?? 'wx0000000000000001';
    this.appSecret = options.appSecret ?? 'fake-app-secret';
    this.tokenTtlSeconds = options.tokenTtlSeconds ?? 7200;
    this.overlapSeconds = options.overlapSeconds ?? 300;
    this.now = options.now ?? Date.now;
  }

  async start(): Promise<StartedFake<FakeWechatState>> {
    const server = await serveJson((request) => this.handle(request));
    return { baseUrl: server.baseUrl, state: this.state, close: server.close };
  }

  /**
   * The citizen did something that opens a window (a message by default), at the fake's current time. A new message
   * restarts the 48-hour window with a fresh quota of 5; events add their own short windows.
   */
  recordInteraction(openId: string, kind: WechatInteraction = 'message'): void {
    const at = this.now();
    const { sends, seconds } = QUOTA[kind];
    const list = (this.windows.get(openId) ?? []).filter((window) => kind !== 'message' || window.kind !== 'message');
    list.push({ kind, openedAt: at, until: at + seconds * 1000, allowed: sends, used: 0 });
    this.windows.set(openId, list);
  }

  setTokenTtl(seconds: number): void {
    this.tokenTtlSeconds = seconds;
  }

  setOverlap(seconds: number): void {
    this.overlapSeconds = seconds;
  }

  /** Makes every issued token unusable (as when the AppSecret is reset). */
  revokeAllTokens(): void {
    this.tokens.clear();
  }

  /** Shorthand for the platform's `-1 system busy` on the next calls. */
  systemBusyNext(count: number, scope?: 'token' | 'send'): void {
    this.faults.errorNext(count, { errcode: -1, errmsg: 'system error rid: fake' }, scope);
  }

  sentTo(openId: string): SentCustomMessage[] {
    return this.state.sent.filter((message) => message.touser === openId);
  }

  private async handle(request: FakeRequest): Promise<JsonReply> {
    const route = `${request.method} ${request.url.pathname}`;
    const scope = route.includes('/message/') ? 'send' : 'token';
    const reply = (await this.faults.take(scope)) ?? this.route(route, request);
    const body = reply.body as { errcode?: unknown };
    this.state.requests.push({
      method: request.method,
      path: request.url.pathname,
      status: reply.status,
      ...(typeof body?.errcode === 'number' ? { code: body.errcode } : {}),
      at: this.now(),
    });
    return reply;
  }

  private route(route: string, request: FakeRequest): JsonReply {
    switch (route) {
      case 'GET /cgi-bin/token':
        return this.token(request.url.searchParams);
      case 'POST /cgi-bin/stable_token':
        return this.stableToken(parseJson(request.body));
      case 'POST /cgi-bin/message/custom/send':
        return this.customSend(request.url.searchParams.get('access_token'), parseJson(request.body));
      case 'POST /cgi-bin/message/template/send':
        return this.templateSend(request.url.searchParams.get('access_token'), parseJson(request.body));
      default:
        return { status: 404, body: 'not found' };
    }
  }

  private credentialsError(grantType: unknown, appId: unknown, secret: unknown): JsonReply | undefined {
    if (grantType !== 'client_credential') return error(40002, 'invalid grant_type');
    if (appId !== this.appId) return error(40013, 'invalid appid');
    if (secret !== this.appSecret) return error(40001, 'invalid credential, access_token is invalid or not latest');
    return undefined;
  }

  private token(query: URLSearchParams): JsonReply {
    const refused = this.credentialsError(query.get('grant_type'), query.get('appid'), query.get('secret'));
    if (refused) return refused;
    this.state.tokenFetches += 1;
    const issued = this.issue('token', this.overlapSeconds);
    return { status: 200, body: { access_token: issued.value, expires_in: this.tokenTtlSeconds } };
  }

  private stableToken(body: unknown): JsonReply {
    if (typeof body !== 'object' || body === null) return error(47001, 'data format error');
    const { grant_type: grantType, appid, secret, force_refresh: forceRefresh } = body as Record<string, unknown>;
    const refused = this.credentialsError(grantType, appid, secret);
    if (refused) return refused;
    this.state.stableTokenFetches += 1;
    const now = this.now();
    const current = [...this.tokens.values()].find((t) => t.source === 'stable' && !t.supersededUntil && t.expiresAt > now);
    // Normal mode hands out the current token until its last `overlap` seconds; force_refresh ends it at once.
    const refreshDue = !current || current.expiresAt - now <= this.overlapSeconds * 1000;
    const issued = forceRefresh === true ? this.issue('stable', 0) : refreshDue ? this.issue('stable', this.overlapSeconds) : current;
    return { status: 200, body: { access_token: issued.value, expires_in: Math.floor((issued.expiresAt - now) / 1000) } };
  }

  private issue(source: TokenSource, overlapSeconds: number): IssuedToken {
    const now = this.now();
    for (const token of this.tokens.values()) {
      if (token.source === source && !token.supersededUntil) {
        token.supersededUntil = Math.min(token.expiresAt, now + overlapSeconds * 1000);
      }
    }
    const token: IssuedToken = {
      value: `fake_${source}_${randomBytes(12).toString('hex')}`,
      source,
      issuedAt: now,
      expiresAt: now + this.tokenTtlSeconds * 1000,
    };
    this.tokens.set(token.value, token);
    return token;
  }

  private tokenError(accessToken: string | null): JsonReply | undefined {
    if (!accessToken) return error(41001, 'access_token missing');
    const token = this.tokens.get(accessToken);
    const now = this.now();
    if (!token) return error(40001, 'invalid credential, access_token is invalid or not latest');
    if (token.supersededUntil !== undefined && now >= token.supersededUntil && now < token.expiresAt) {
      return error(40001, 'invalid credential, access_token is invalid or not latest');
    }
    if (now >= token.expiresAt) return error(42001, 'access_token expired');
    return undefined;
  }

  private templateSend(accessToken: string | null, body: unknown): JsonReply {
    const refused = this.tokenError(accessToken);
    if (refused) return refused;
    const { touser, template_id: templateId, url, data } = (body ?? {}) as { touser?: unknown; template_id?: unknown; url?: unknown; data?: unknown };
    if (typeof touser !== 'string' || !touser) return error(40003, 'invalid openid');
    if (typeof templateId !== 'string' || !templateId) return error(40037, 'invalid template_id');
    const values = Object.entries((data ?? {}) as Record<string, { value?: unknown }>).map(([key, field]) => [key, String(field?.value ?? '')]);
    this.state.templates.push({ touser, templateId, url: typeof url === 'string' ? url : '', data: Object.fromEntries(values) });
    return { status: 200, body: { errcode: 0, errmsg: 'ok', msgid: this.state.templates.length } };
  }

  private customSend(accessToken: string | null, body: unknown): JsonReply {
    const refused = this.tokenError(accessToken);
    if (refused) return refused;
    if (typeof body !== 'object' || body === null) return error(47001, 'data format error');
    const { touser, msgtype, text } = body as { touser?: unknown; msgtype?: unknown; text?: { content?: unknown } };
    if (typeof touser !== 'string' || !touser) return error(40003, 'invalid openid');
    if (msgtype !== 'text') return error(40008, 'invalid message type');
    const content = text?.content;
    if (typeof content !== 'string' || !content) return error(44004, 'empty content');

    const now = this.now();
    const open = (this.windows.get(touser) ?? []).filter((window) => window.until > now);
    if (open.length === 0) return error(45015, 'response out of time limit or subscription is canceled');
    const usable = open.find((window) => window.used < window.allowed);
    if (!usable) return error(45047, 'out of response count limit');
    usable.used += 1;
    this.state.sent.push({ touser, msgtype, content, accessToken: accessToken as string, at: now });
    return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
  }
}
