import { UnrecoverableError } from 'bullmq';
import { classifyWeiboError, WEIBO_HTTP_FAILURE, WeiboErrorKind } from './weibo-errors';
import { readWeiboTimeline, WEIBO_PAGE_SIZE, WEIBO_TIMELINES, WeiboPageRequest, WeiboPublicItem, WeiboTimeline } from './weibo-poll';
import {
  readWeiboError,
  WEIBO_COMMENT_CREATE_PATH,
  WEIBO_COMMENT_REPLY_PATH,
  WEIBO_REPLY_CONTENT_TYPE,
  WEIBO_REPLY_PATH,
  weiboCommentBody,
  WeiboPublicComment,
  weiboTextReplyBody,
} from './weibo-reply';

const TIMEOUT_MS = 10_000;

/** A refusal by the Weibo API, classified. */
export class WeiboApiError extends Error {
  override name = 'WeiboApiError';
  constructor(
    readonly kind: WeiboErrorKind,
    readonly errorCode: number,
    error: string,
    path: string,
  ) {
    super(`Weibo ${path} answered ${errorCode} ${error} (${kind})`);
  }
}

/** Stops the queue's retries where none can help (a token an admin must re-enter, a wrong request); others are retried. */
export function asWeiboJobError(error: unknown): unknown {
  return error instanceof WeiboApiError && (error.kind === 'tokenInvalid' || error.kind === 'permanent') ? new UnrecoverableError(error.message) : error;
}

/**
 * The outbound Weibo API: private-message replies on the fan-service host, the mentions and comments timelines and
 * public comments on the open API host; both base URLs from config. The access token is the account's (entered by an
 * admin; the platform shows it on the developer-mode page), so a rejected token is an error, not a refresh.
 */
export class WeiboApiClient {
  constructor(
    private readonly apiBaseUrl: string,
    private readonly messagesBaseUrl: string,
  ) {}

  async sendText(accessToken: string, receiverId: string, text: string): Promise<void> {
    await this.call('POST', `${this.messagesBaseUrl}${WEIBO_REPLY_PATH}`, WEIBO_REPLY_PATH, weiboTextReplyBody({ accessToken, receiverId, text }));
  }

  async comment(comment: WeiboPublicComment): Promise<void> {
    const path = comment.commentId ? WEIBO_COMMENT_REPLY_PATH : WEIBO_COMMENT_CREATE_PATH;
    await this.call('POST', `${this.apiBaseUrl}${path}`, path, weiboCommentBody(comment));
  }

  /** One page of a timeline, newest first. */
  async timeline(accessToken: string, timeline: WeiboTimeline, request: WeiboPageRequest, count = WEIBO_PAGE_SIZE): Promise<WeiboPublicItem[]> {
    const { path } = WEIBO_TIMELINES[timeline];
    const query = new URLSearchParams({ access_token: accessToken, count: String(count) });
    if (request.sinceId) query.set('since_id', request.sinceId);
    if (request.maxId) query.set('max_id', request.maxId);
    const body = await this.call('GET', `${this.apiBaseUrl}${path}?${query}`, path);
    try {
      return readWeiboTimeline(body, timeline);
    } catch (error) {
      throw new WeiboApiError('retryable', WEIBO_HTTP_FAILURE, (error as Error).message, path);
    }
  }

  private async call(method: 'GET' | 'POST', url: string, path: string, form?: string): Promise<unknown> {
    let status: number;
    let body: unknown;
    try {
      const response = await fetch(url, {
        method,
        headers: form ? { 'Content-Type': WEIBO_REPLY_CONTENT_TYPE } : {},
        body: form,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      status = response.status;
      const text = await response.text();
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    } catch (error) {
      throw new WeiboApiError('retryable', WEIBO_HTTP_FAILURE, (error as Error).message, path);
    }
    // Error answers come with 4xx statuses and a JSON error body; a status without one is an HTTP failure.
    const error = readWeiboError(body);
    if (error) throw new WeiboApiError(classifyWeiboError(error.errorCode), error.errorCode, error.error, path);
    if (status < 200 || status >= 300 || body === undefined) throw new WeiboApiError('retryable', WEIBO_HTTP_FAILURE, `HTTP ${status}`, path);
    return body;
  }
}
