/**
 * JSON pushes of the Weibo fan-service platform (粉丝服务平台): private messages (text, position, voice, image),
 * events (follow, subscribe, menu clicks, QR scans) and, where Weibo granted the permission, @mentions.
 * See README.md beside this file for sources and what is unsure.
 */

export type WeiboPushFailure = 'malformed' | 'missingField' | 'invalidField';

export class WeiboPushError extends Error {
  override name = 'WeiboPushError';
  constructor(
    readonly reason: WeiboPushFailure,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

interface WeiboPushCommon {
  /** The raw `type`. */
  type: string;
  /** Weibo uid of the citizen, as a decimal string. */
  senderId: string;
  /** Weibo uid of the account. */
  receiverId: string;
  /** As sent, e.g. "Mon Jul 16 18:09:20 +0800 2012" (second precision). */
  createdAt: string;
  /** `createdAt` in epoch milliseconds, when it has the documented form. */
  createdAtMs?: number;
  /** The message text, or the platform's default wording for events ("关注事件消息"). */
  text: string;
  data: Record<string, unknown>;
}

export interface WeiboTextPush extends WeiboPushCommon {
  kind: 'text';
}
export interface WeiboPositionPush extends WeiboPushCommon {
  kind: 'position';
  longitude?: string;
  latitude?: string;
}
/** Voice and image messages: `data` holds the media ids (vfid, tovfid) as sent. */
export interface WeiboMediaPush extends WeiboPushCommon {
  kind: 'voice' | 'image';
}
export interface WeiboEventPush extends WeiboPushCommon {
  kind: 'event';
  /** follow, unfollow, subscribe, unsubscribe, scan, scan_follow, click, view, … as sent. */
  subtype: string;
  key?: string;
  ticket?: string;
}
/** An @mention of the account (needs a permission Weibo grants on request); `data` kept as sent. */
export interface WeiboMentionPush extends WeiboPushCommon {
  kind: 'mention';
}
export interface WeiboCommentPush extends WeiboPushCommon {
  kind: 'comment';
}
/** Any other type: the platform asks receivers to tolerate and ignore unknown types. */
export interface WeiboUnknownPush extends WeiboPushCommon {
  kind: 'unknown';
}

export type WeiboPush =
  | WeiboTextPush
  | WeiboPositionPush
  | WeiboMediaPush
  | WeiboEventPush
  | WeiboMentionPush
  | WeiboCommentPush
  | WeiboUnknownPush;

// Uids are int64 in the JSON; quoting them before JSON.parse keeps any beyond 2^53 exact. Inside a JSON string the
// quotes would be escaped (\"sender_id\"), so only real keys match.
const ID_NUMBER = /("(?:sender_id|receiver_id)"\s*:\s*)(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

/** Parses a raw push body. Throws `WeiboPushError`. */
export function parseWeiboPush(body: string): WeiboPush {
  if (typeof body !== 'string' || !body.trim()) throw new WeiboPushError('malformed', 'body is empty, expected JSON');
  let value: unknown;
  try {
    value = JSON.parse(body.replace(ID_NUMBER, '$1"$2"'));
  } catch (error) {
    throw new WeiboPushError('malformed', `malformed JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return readWeiboPush(value);
}

/** Validates an already-parsed body (uids beyond 2^53 are then refused, as they lost precision). */
export function readWeiboPush(value: unknown): WeiboPush {
  if (!isRecord(value)) throw new WeiboPushError('malformed', 'body must be a JSON object');
  const type = requiredString(value, 'type');
  const common: WeiboPushCommon = {
    type,
    senderId: uid(value, 'sender_id'),
    receiverId: uid(value, 'receiver_id'),
    createdAt: requiredString(value, 'created_at'),
    text: optionalString(value, 'text') ?? '',
    data: dataOf(value),
  };
  const createdAtMs = parseWeiboTime(common.createdAt);
  if (createdAtMs !== undefined) common.createdAtMs = createdAtMs;

  switch (type) {
    case 'text':
      if (typeof value.text !== 'string') throw new WeiboPushError('missingField', 'text message without "text"', 'text');
      return { ...common, kind: 'text' };
    case 'position':
      return {
        ...common,
        kind: 'position',
        ...definedStrings({ longitude: scalar(common.data.longitude), latitude: scalar(common.data.latitude) }),
      };
    case 'voice':
    case 'image':
      return { ...common, kind: type };
    case 'event': {
      const subtype = scalar(common.data.subtype);
      if (!subtype) throw new WeiboPushError('missingField', 'event without "data.subtype"', 'data.subtype');
      if (subtype === 'mention') return { ...common, kind: 'mention' };
      return { ...common, kind: 'event', subtype, ...definedStrings({ key: scalar(common.data.key), ticket: scalar(common.data.ticket) }) };
    }
    case 'mention':
      return { ...common, kind: 'mention' };
    case 'comment':
      return { ...common, kind: 'comment' };
    default:
      return { ...common, kind: 'unknown' };
  }
}

/**
 * The push carries no message id; the platform's documented key is sender_id + created_at (it retries 3 times). A
 * polled post or comment (author + created_at) gets the same key, so push and poll meet on it.
 */
export function weiboDedupeKey(push: Pick<WeiboPush, 'senderId' | 'createdAt'>): string {
  return `weibo:${push.senderId}:${push.createdAt}`;
}

export type WeiboReplyAllowance = 'window48h' | 'singleReply' | 'none';

const WINDOW_EVENTS = new Set(['follow', 'subscribe', 'scan', 'scan_follow', 'click']);

/**
 * What `messages/reply.json` allows after this push: unlimited replies for 48 h after a private message, follow,
 * subscribe, menu click or QR scan; one reply within 48 h after an @mention; nothing after unfollowing.
 */
export function weiboReplyAllowance(push: WeiboPush): WeiboReplyAllowance {
  switch (push.kind) {
    case 'text':
    case 'position':
    case 'voice':
    case 'image':
      return 'window48h';
    case 'event':
      return WINDOW_EVENTS.has(push.subtype) ? 'window48h' : 'none';
    case 'mention':
      return 'singleReply';
    default:
      return 'none';
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEIBO_TIME = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/;

/** "Mon Jul 16 18:09:20 +0800 2012" → epoch ms; undefined for any other form. */
export function parseWeiboTime(value: string): number | undefined {
  const match = WEIBO_TIME.exec(value);
  if (!match) return undefined;
  const [, mon, day, hh, mm, ss, sign, offH, offM, year] = match;
  const month = MONTHS.indexOf(mon);
  if (month < 0) return undefined;
  const local = Date.UTC(Number(year), month, Number(day), Number(hh), Number(mm), Number(ss));
  const check = new Date(local);
  if (check.getUTCDate() !== Number(day) || check.getUTCHours() !== Number(hh)) return undefined;
  const offset = (Number(offH) * 60 + Number(offM)) * 60_000 * (sign === '+' ? 1 : -1);
  return local - offset;
}

/** Formats epoch ms the way the platform writes created_at, in Beijing time. */
export function formatWeiboTime(epochMs: number): string {
  const beijing = new Date(epochMs + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][beijing.getUTCDay()];
  return (
    `${weekday} ${MONTHS[beijing.getUTCMonth()]} ${pad(beijing.getUTCDate())} ` +
    `${pad(beijing.getUTCHours())}:${pad(beijing.getUTCMinutes())}:${pad(beijing.getUTCSeconds())} +0800 ${beijing.getUTCFullYear()}`
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requiredString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (value === undefined || value === null || value === '') throw new WeiboPushError('missingField', `"${name}" is missing`, name);
  if (typeof value !== 'string') throw new WeiboPushError('invalidField', `"${name}" must be a string`, name);
  return value;
}

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new WeiboPushError('invalidField', `"${name}" must be a string`, name);
  return value;
}

function uid(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (value === undefined || value === null || value === '') throw new WeiboPushError('missingField', `"${name}" is missing`, name);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new WeiboPushError('invalidField', `"${name}" must be a positive integer that survived JSON parsing exactly`, name);
    }
    return String(value);
  }
  if (typeof value === 'string' && /^[1-9]\d{0,19}$/.test(value)) return value;
  throw new WeiboPushError('invalidField', `"${name}" must be a positive integer uid`, name);
}

function dataOf(body: Record<string, unknown>): Record<string, unknown> {
  const value = body.data;
  if (value === undefined || value === null || value === '') return {};
  if (isRecord(value)) return value;
  throw new WeiboPushError('invalidField', '"data" must be an object', 'data');
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function definedStrings<T extends Record<string, string | undefined>>(values: T): Partial<Record<keyof T, string>> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<Record<keyof T, string>>;
}
