import { WEIBO_TIMELINES, WeiboTimeline } from '../../libs/channels/src/weibo/weibo-poll';
import {
  readWeiboReplyForm,
  WEIBO_COMMENT_CREATE_PATH,
  WEIBO_COMMENT_LIMIT,
  WEIBO_COMMENT_REPLY_PATH,
  WEIBO_REPLY_PATH,
  WEIBO_REPLY_TEXT_LIMIT,
} from '../../libs/channels/src/weibo/weibo-reply';
import { formatWeiboTime } from '../../libs/channels/src/weibo/weibo-push';
import { FakeFaults, FakeRequest, JsonReply, LoggedRequest, serveJson, StartedFake } from './fake-wechat-api';

/**
 * A local stand-in for the fan-service reply API (`POST /2/messages/reply.json`): unlimited replies for 48 h after a
 * private message (or follow / menu click), one reply within 48 h after an @mention, nothing otherwise. Also the open
 * API's mentions and comments timelines (since_id / max_id / count, newest first) and public comments
 * (`comments/create`, `comments/reply`), with the rate-limit answer on demand.
 *
 * The token codes are Weibo's documented ones; the platform does not document the code it answers when no reply is
 * allowed, so `FAKE_WEIBO_ERRORS.noReplyQuota` is this fake's own — code that sees any other non-token error after
 * the window should treat it as "window closed".
 */
export const FAKE_WEIBO_ERRORS = {
  invalidToken: { code: 21332, error: 'invalid_access_token' },
  expiredToken: { code: 21327, error: 'expired_token' },
  systemError: { code: 10001, error: 'system error' },
  paramError: { code: 10008, error: 'param error, see doc for more info' },
  noReplyQuota: { code: 29999, error: 'fake: no reply quota for this receiver' },
  userRateLimit: { code: 10023, error: 'User requests out of rate limit!' },
} as const;

export interface FakeWeiboApiOptions {
  /** Fan-service access tokens the fake accepts (shown once a year on the platform's developer page). */
  accessTokens?: string[];
  /** Epoch ms clock. */
  now?: () => number;
}

export interface SentWeiboReply {
  receiverId: string;
  type: string;
  text: string;
  saveSenderBox: string | undefined;
  accessToken: string;
  at: number;
}

export interface PublicWeiboComment {
  /** The post commented on. */
  statusId: string;
  /** The comment answered (comments/reply), if any. */
  commentId?: string;
  text: string;
  accessToken: string;
}

/** A post (status) or comment on a timeline. */
export interface FakeWeiboItem {
  id: string;
  authorId: string;
  createdAt: string;
  text: string;
  /** Comments: the post they belong to. */
  statusId?: string;
}

export interface FakeWeiboState {
  replies: SentWeiboReply[];
  comments: PublicWeiboComment[];
  requests: LoggedRequest[];
}

const WINDOW_MS = 48 * 3600 * 1000;

interface Allowance {
  kind: 'message' | 'mention';
  until: number;
  /** Replies still allowed; Infinity after a private message. */
  left: number;
}

const weiboError = ({ code, error }: { code: number; error: string }, status = 400): JsonReply => ({
  status,
  body: { request: WEIBO_REPLY_PATH, error_code: String(code), error },
});

export class FakeWeiboApi {
  readonly faults = new FakeFaults();
  readonly state: FakeWeiboState = { replies: [], comments: [], requests: [] };
  private readonly timelines = new Map<string, FakeWeiboItem[]>();
  private readonly tokens: Set<string>;
  private readonly expired = new Set<string>();
  private readonly now: () => number;
  private readonly allowances = new Map<string, Allowance[]>();
  private nextId = 4_100_000_000_000_000;

  constructor(options: FakeWeiboApiOptions = {}) {
    this.tokens = new Set(options.accessTokens ?? ['fake-weibo-token']);
    this.now = options.now ?? Date.now;
  }

  async start(): Promise<StartedFake<FakeWeiboState>> {
    const server = await serveJson((request) => this.handle(request));
    return { baseUrl: server.baseUrl, state: this.state, close: server.close };
  }

  /** A private message (or follow, menu click, QR scan) from `uid`: unlimited replies for 48 h from now. */
  recordPrivateMessage(uid: string): void {
    this.add(uid, { kind: 'message', until: this.now() + WINDOW_MS, left: Number.POSITIVE_INFINITY });
  }

  /** An @mention by `uid`: one reply within 48 h from now. */
  recordMention(uid: string): void {
    this.add(uid, { kind: 'mention', until: this.now() + WINDOW_MS, left: 1 });
  }

  expireToken(token: string): void {
    this.expired.add(token);
  }

  systemErrorNext(count: number): void {
    this.faults.errorNext(count, { request: WEIBO_REPLY_PATH, error_code: String(FAKE_WEIBO_ERRORS.systemError.code), error: FAKE_WEIBO_ERRORS.systemError.error });
  }

  /** Answers the next `count` timeline calls with the per-user rate-limit error. */
  rateLimitNext(count: number): void {
    const { code, error } = FAKE_WEIBO_ERRORS.userRateLimit;
    this.faults.errorNext(count, { request: '/2/statuses/mentions.json', error_code: String(code), error }, 'timeline');
  }

  /** Puts a post or comment on a timeline; its id is the next (higher) one. */
  addToTimeline(timeline: WeiboTimeline, item: Omit<FakeWeiboItem, 'id' | 'createdAt'> & { createdAt?: string }): FakeWeiboItem {
    const added = { ...item, id: String(this.nextId++), createdAt: item.createdAt ?? formatWeiboTime(this.now()) };
    this.timelines.set(timeline, [...(this.timelines.get(timeline) ?? []), added]);
    return added;
  }

  /** Timeline requests answered so far. */
  timelineCalls(): LoggedRequest[] {
    return this.state.requests.filter((request) => request.method === 'GET');
  }

  repliesTo(uid: string): SentWeiboReply[] {
    return this.state.replies.filter((reply) => reply.receiverId === uid);
  }

  private add(uid: string, allowance: Allowance): void {
    this.allowances.set(uid, [...(this.allowances.get(uid) ?? []), allowance]);
  }

  private async handle(request: FakeRequest): Promise<JsonReply> {
    const timeline = (Object.keys(WEIBO_TIMELINES) as WeiboTimeline[]).find((name) => WEIBO_TIMELINES[name].path === request.url.pathname);
    const scope = timeline ? 'timeline' : request.url.pathname === WEIBO_REPLY_PATH ? 'reply' : 'comment';
    const reply = (await this.faults.take(scope)) ?? (timeline ? this.timeline(request, timeline) : scope === 'comment' ? this.comment(request) : this.route(request));
    const code = (reply.body as { error_code?: unknown })?.error_code;
    this.state.requests.push({
      method: request.method,
      path: request.url.pathname,
      status: reply.status,
      ...(typeof code === 'string' ? { code: Number(code) } : {}),
      at: this.now(),
    });
    return reply;
  }

  private timeline(request: FakeRequest, timeline: WeiboTimeline): JsonReply {
    const query = request.url.searchParams;
    const token = query.get('access_token');
    if (!token || !this.tokens.has(token)) return weiboError(FAKE_WEIBO_ERRORS.invalidToken, 401);
    const since = BigInt(query.get('since_id') ?? '0');
    const max = query.get('max_id') ? BigInt(query.get('max_id') as string) : undefined;
    const count = Number(query.get('count') ?? '20');
    const items = (this.timelines.get(timeline) ?? [])
      .filter((item) => BigInt(item.id) > since && (max === undefined || BigInt(item.id) <= max))
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
      .slice(0, count)
      .map((item) => ({
        id: Number(item.id),
        idstr: item.id,
        created_at: item.createdAt,
        text: item.text,
        user: { id: Number(item.authorId), idstr: item.authorId, screen_name: `用户${item.authorId.slice(-4)}` },
        ...(item.statusId ? { status: { id: Number(item.statusId), idstr: item.statusId } } : {}),
      }));
    return { status: 200, body: { [WEIBO_TIMELINES[timeline].field]: items, total_number: items.length } };
  }

  private comment(request: FakeRequest): JsonReply {
    const path = request.url.pathname;
    if (request.method !== 'POST' || (path !== WEIBO_COMMENT_CREATE_PATH && path !== WEIBO_COMMENT_REPLY_PATH)) return { status: 404, body: 'not found' };
    const form = new URLSearchParams(request.body);
    const token = form.get('access_token');
    if (!token || !this.tokens.has(token)) return weiboError(FAKE_WEIBO_ERRORS.invalidToken, 401);
    const [statusId, commentId, text] = [form.get('id'), form.get('cid'), form.get('comment')];
    if (!statusId || !text || [...text].length > WEIBO_COMMENT_LIMIT || (path === WEIBO_COMMENT_REPLY_PATH) !== Boolean(commentId)) {
      return weiboError(FAKE_WEIBO_ERRORS.paramError);
    }
    this.state.comments.push({ statusId, ...(commentId ? { commentId } : {}), text, accessToken: token });
    const id = this.nextId++;
    return { status: 200, body: { id, idstr: String(id), created_at: formatWeiboTime(this.now()), text } };
  }

  private route(request: FakeRequest): JsonReply {
    if (request.method !== 'POST' || request.url.pathname !== WEIBO_REPLY_PATH) return { status: 404, body: 'not found' };
    const form = readWeiboReplyForm(request.body, request.url.searchParams);
    if (!form.accessToken || !this.tokens.has(form.accessToken)) return weiboError(FAKE_WEIBO_ERRORS.invalidToken, 401);
    if (this.expired.has(form.accessToken)) return weiboError(FAKE_WEIBO_ERRORS.expiredToken, 401);

    const text = (form.data as { text?: unknown } | undefined)?.text;
    if (form.type !== 'text' || !form.receiverId || !/^\d+$/.test(form.receiverId)) return weiboError(FAKE_WEIBO_ERRORS.paramError);
    if (typeof text !== 'string' || !text || [...text].length > WEIBO_REPLY_TEXT_LIMIT) return weiboError(FAKE_WEIBO_ERRORS.paramError);

    const now = this.now();
    // A private-message window is used before a mention's single reply.
    const open = (this.allowances.get(form.receiverId) ?? [])
      .filter((allowance) => allowance.until > now && allowance.left > 0)
      .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'message' ? -1 : 1));
    if (open.length === 0) return weiboError(FAKE_WEIBO_ERRORS.noReplyQuota, 403);
    open[0].left -= 1;

    this.state.replies.push({
      receiverId: form.receiverId,
      type: form.type,
      text,
      saveSenderBox: form.saveSenderBox,
      accessToken: form.accessToken,
      at: now,
    });
    const id = this.nextId++;
    return {
      status: 200,
      body: { id, idstr: String(id), created_at: formatWeiboTime(now), text, recipient_id: Number(form.receiverId), type: form.type },
    };
  }
}
