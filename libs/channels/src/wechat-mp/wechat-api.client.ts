import { UnrecoverableError } from 'bullmq';
import type Redis from 'ioredis';
import { AccessTokenCache, FetchedToken, PlatformApp } from './wechat-access-tokens';
import { customTextMessage, readErrorResponse, readTokenResponse } from './wechat-api.types';
import { WechatErrorKind, classifyWechatError } from './wechat-errors';

const TIMEOUT_MS = 10_000;

/** A refusal by the WeChat API, classified; `permanent` ones are BullMQ-unrecoverable (no retry can help). */
export class WechatApiError extends Error {
  override name = 'WechatApiError';
  constructor(
    readonly kind: Exclude<WechatErrorKind, 'ok'>,
    readonly errcode: number,
    errmsg: string,
    path: string,
  ) {
    super(`WeChat ${path} answered ${errcode} ${errmsg} (${kind})`);
  }
}

/** Wraps a permanent refusal so the queue stops retrying; others stay as they are (retried with backoff). */
export function asJobError(error: unknown): unknown {
  return error instanceof WechatApiError && error.kind === 'permanent' ? new UnrecoverableError(error.message) : error;
}

export interface TemplateMessage {
  templateId: string;
  url: string;
  data: Record<string, string>;
}

/**
 * The outbound WeChat official-account API (base URL from config): stable access tokens shared through Redis,
 * customer-service text messages and template messages. A token the platform rejects is refreshed once.
 */
export class WechatApiClient {
  private readonly tokens: AccessTokenCache;

  constructor(
    private readonly baseUrl: string,
    redis: Redis,
    redisPrefix: string,
  ) {
    this.tokens = new AccessTokenCache(redis, redisPrefix, (app, force) => this.fetchStableToken(app, force));
  }

  sendText(app: PlatformApp, openId: string, content: string): Promise<void> {
    return this.call(app, '/cgi-bin/message/custom/send', customTextMessage(openId, content));
  }

  sendTemplate(app: PlatformApp, openId: string, message: TemplateMessage): Promise<void> {
    return this.call(app, '/cgi-bin/message/template/send', {
      touser: openId,
      template_id: message.templateId,
      url: message.url,
      data: Object.fromEntries(Object.entries(message.data).map(([key, value]) => [key, { value }])),
    });
  }

  private async call(app: PlatformApp, path: string, body: unknown): Promise<void> {
    let token = await this.tokens.get(app);
    for (let attempt = 1; ; attempt++) {
      const answer = readErrorResponse(await this.post(`${path}?access_token=${encodeURIComponent(token)}`, body));
      const kind = classifyWechatError(answer.errcode);
      if (kind === 'ok') return;
      if (kind === 'tokenInvalid' && attempt === 1) {
        token = await this.tokens.refreshAfterRejection(app, token);
        continue;
      }
      throw new WechatApiError(kind === 'tokenInvalid' ? 'retryable' : kind, answer.errcode, answer.errmsg, path);
    }
  }

  private async fetchStableToken(app: PlatformApp, force: boolean): Promise<FetchedToken> {
    const path = '/cgi-bin/stable_token';
    const result = readTokenResponse(
      await this.post(path, { grant_type: 'client_credential', appid: app.appId, secret: app.appSecret, force_refresh: force }),
    );
    if (!result.ok) {
      const kind = classifyWechatError(result.errcode, 'token');
      throw new WechatApiError(kind === 'ok' ? 'retryable' : kind, result.errcode, result.errmsg, path);
    }
    return { token: result.accessToken, expiresInSeconds: result.expiresIn };
  }

  /** HTTP failures (timeouts, 5xx, unreadable bodies) surface as -1 "system busy": retried with backoff. */
  private async post(pathAndQuery: string, body: unknown): Promise<unknown> {
    try {
      const response = await fetch(`${this.baseUrl}${pathAndQuery}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!response.ok) return { errcode: -1, errmsg: `HTTP ${response.status}` };
      return await response.json();
    } catch (error) {
      return { errcode: -1, errmsg: (error as Error).message };
    }
  }
}
