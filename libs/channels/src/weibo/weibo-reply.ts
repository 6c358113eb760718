/**
 * Requests to the fan-service reply API (发送客服消息): `POST https://m.api.weibo.com/2/messages/reply.json`,
 * `application/x-www-form-urlencoded`. The host comes from config; see README.md.
 */

export const WEIBO_REPLY_PATH = '/2/messages/reply.json';
export const WEIBO_REPLY_CONTENT_TYPE = 'application/x-www-form-urlencoded';
/** The documented limit for `data.text`: "less than 300 Chinese characters". */
export const WEIBO_REPLY_TEXT_LIMIT = 300;

export interface WeiboTextReply {
  accessToken: string;
  /** The citizen's uid (the push's sender_id). */
  receiverId: string;
  text: string;
  /** Keep a copy in the account's private-message outbox (platform default: yes). */
  saveSenderBox?: boolean;
}

const encode = (value: string) => encodeURIComponent(value);

/**
 * The form body. `data` is the JSON `{"text": …}`, URL-encoded once as a form value (the documented curl example);
 * spaces become %20 rather than "+", which every form decoder accepts.
 */
export function weiboTextReplyBody({ accessToken, receiverId, text, saveSenderBox = true }: WeiboTextReply): string {
  if (!accessToken) throw new RangeError('accessToken must not be empty');
  if (!/^[1-9]\d{0,19}$/.test(receiverId)) throw new RangeError(`receiverId must be a uid, got "${receiverId}"`);
  const length = [...text].length;
  if (length === 0) throw new RangeError('text must not be empty');
  if (length > WEIBO_REPLY_TEXT_LIMIT) {
    throw new RangeError(`text has ${length} characters; the reply API takes at most ${WEIBO_REPLY_TEXT_LIMIT}`);
  }
  return [
    `access_token=${encode(accessToken)}`,
    `type=text`,
    `data=${encode(JSON.stringify({ text }))}`,
    `receiver_id=${receiverId}`,
    `save_sender_box=${saveSenderBox ? 1 : 0}`,
  ].join('&');
}

export interface WeiboReplyForm {
  accessToken?: string;
  type?: string;
  data?: unknown;
  receiverId?: string;
  saveSenderBox?: string;
}

/** Reads a reply form (the fake platform uses it; the query's access_token, if any, wins as on the platform's curl). */
export function readWeiboReplyForm(body: string, query: URLSearchParams = new URLSearchParams()): WeiboReplyForm {
  const form = new URLSearchParams(body);
  const rawData = form.get('data');
  let data: unknown = undefined;
  if (rawData !== null) {
    try {
      data = JSON.parse(rawData);
    } catch {
      data = rawData;
    }
  }
  const pick = (name: string) => query.get(name) ?? form.get(name) ?? undefined;
  const result: WeiboReplyForm = {};
  const accessToken = pick('access_token');
  if (accessToken !== undefined) result.accessToken = accessToken;
  const type = form.get('type');
  if (type !== null) result.type = type;
  if (data !== undefined) result.data = data;
  const receiverId = form.get('receiver_id');
  if (receiverId !== null) result.receiverId = receiverId;
  const saveSenderBox = form.get('save_sender_box');
  if (saveSenderBox !== null) result.saveSenderBox = saveSenderBox;
  return result;
}

/** Weibo API errors: `{ "request": "/2/messages/reply.json", "error_code": "21332", "error": "…" }`. */
export interface WeiboErrorBody {
  errorCode: number;
  error: string;
}

/** The error in a Weibo API answer, or undefined when the answer is not an error. */
export function readWeiboError(body: unknown): WeiboErrorBody | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { error_code: code, error } = body as Record<string, unknown>;
  const errorCode = typeof code === 'number' ? code : typeof code === 'string' && /^\d+$/.test(code) ? Number(code) : undefined;
  if (errorCode === undefined) return undefined;
  return { errorCode, error: typeof error === 'string' ? error : '' };
}

/** Cuts a text to the reply limit (the last character an ellipsis), so a long 查询 answer still goes out. */
export function fitWeiboText(text: string, limit = WEIBO_REPLY_TEXT_LIMIT): string {
  const chars = [...text];
  return chars.length <= limit ? text : `${chars.slice(0, limit - 1).join('')}…`;
}

/**
 * The passive reply (发送被动响应消息): the push's answer body, from the account (`sender_id`) to the citizen
 * (`receiver_id`), `data` the URL-encoded JSON `{"text": …}`. Uids stay strings, exactly as documented in the sample.
 */
export function weiboPassiveTextReply({ accountId, citizenId, text }: { accountId: string; citizenId: string; text: string }): string {
  return JSON.stringify({ result: true, sender_id: accountId, receiver_id: citizenId, type: 'text', data: encode(JSON.stringify({ text: fitWeiboText(text) })) });
}

/** Public comments (the answer to a polled @mention or comment): `comments/create` on a post, `comments/reply` to a comment. */
export const WEIBO_COMMENT_CREATE_PATH = '/2/comments/create.json';
export const WEIBO_COMMENT_REPLY_PATH = '/2/comments/reply.json';
/** A comment holds at most 140 characters. */
export const WEIBO_COMMENT_LIMIT = 140;

export interface WeiboPublicComment {
  accessToken: string;
  /** The post commented on. */
  statusId: string;
  /** Answering a comment: its id. */
  commentId?: string;
  text: string;
}

export function weiboCommentBody({ accessToken, statusId, commentId, text }: WeiboPublicComment): string {
  const length = [...text].length;
  if (length === 0 || length > WEIBO_COMMENT_LIMIT) throw new RangeError(`a comment has 1–${WEIBO_COMMENT_LIMIT} characters, got ${length}`);
  return [`access_token=${encode(accessToken)}`, `id=${statusId}`, ...(commentId ? [`cid=${commentId}`] : []), `comment=${encode(text)}`].join('&');
}
