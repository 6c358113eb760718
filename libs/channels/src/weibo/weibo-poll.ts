import { parseWeiboTime } from './weibo-push';

/**
 * The polling fallback for accounts without push (or without Weibo's @mention permission): the mentions and comments
 * timelines of the open API, read newest first with a since_id cursor. See README.md beside this file.
 */

export type WeiboTimeline = 'status-mentions' | 'comment-mentions' | 'comments-to-me';

export interface WeiboTimelineEndpoint {
  path: string;
  /** The array in the answer. */
  field: 'statuses' | 'comments';
  kind: 'mention' | 'comment';
}

export const WEIBO_TIMELINES: Readonly<Record<WeiboTimeline, WeiboTimelineEndpoint>> = {
  /** Posts that @ the account. */
  'status-mentions': { path: '/2/statuses/mentions.json', field: 'statuses', kind: 'mention' },
  /** Comments that @ the account. */
  'comment-mentions': { path: '/2/comments/mentions.json', field: 'comments', kind: 'mention' },
  /** Comments on the account's own posts. */
  'comments-to-me': { path: '/2/comments/to_me.json', field: 'comments', kind: 'comment' },
};

/** Items per page (the timelines take up to 200). */
export const WEIBO_PAGE_SIZE = 100;
/** Pages per timeline and poll: keeps one poll inside the hourly call limit; the rest is read on the next poll. */
export const WEIBO_MAX_PAGES = 3;

/** One public post or comment as the hub keeps it. */
export interface WeiboPublicItem {
  /** The post's or comment's id (idstr). */
  id: string;
  /** For a comment: the post it belongs to (needed to answer it). */
  statusId?: string;
  /** 'post' answers with comments/create, 'comment' with comments/reply. */
  itemType: 'post' | 'comment';
  authorId: string;
  createdAt: string;
  createdAtMs?: number;
  text: string;
}

export class WeiboTimelineError extends Error {
  override name = 'WeiboTimelineError';
}

const ID = /^[1-9]\d{0,19}$/;

function idOf(value: Record<string, unknown> | undefined, what: string): string {
  const idstr = value?.idstr;
  if (typeof idstr === 'string' && ID.test(idstr)) return idstr;
  const id = value?.id;
  if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) return String(id);
  if (typeof id === 'string' && ID.test(id)) return id;
  throw new WeiboTimelineError(`${what} has no usable id`);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads one page of a timeline answer; throws WeiboTimelineError when its shape is not the documented one. */
export function readWeiboTimeline(body: unknown, timeline: WeiboTimeline): WeiboPublicItem[] {
  const { field } = WEIBO_TIMELINES[timeline];
  const list = isRecord(body) ? body[field] : undefined;
  if (!Array.isArray(list)) throw new WeiboTimelineError(`answer has no "${field}" array`);
  return list.map((entry, index) => {
    if (!isRecord(entry)) throw new WeiboTimelineError(`${field}[${index}] is not an object`);
    const createdAt = typeof entry.created_at === 'string' ? entry.created_at : '';
    const item: WeiboPublicItem = {
      id: idOf(entry, `${field}[${index}]`),
      itemType: field === 'statuses' ? 'post' : 'comment',
      authorId: idOf(isRecord(entry.user) ? entry.user : undefined, `${field}[${index}].user`),
      createdAt,
      text: typeof entry.text === 'string' ? entry.text : '',
    };
    const createdAtMs = parseWeiboTime(createdAt);
    if (createdAtMs !== undefined) item.createdAtMs = createdAtMs;
    if (field === 'comments') item.statusId = idOf(isRecord(entry.status) ? entry.status : undefined, `${field}[${index}].status`);
    return item;
  });
}

/**
 * Where a timeline's reading stands. `sinceId`: everything up to it is read. A poll that ran out of pages before
 * reaching `sinceId` leaves `resumeMaxId` (go on below it next time) and `resumeNewestId` (becomes `sinceId` once done).
 */
export interface WeiboPollCursor {
  sinceId: string | null;
  resumeMaxId: string | null;
  resumeNewestId: string | null;
}

export interface WeiboPageRequest {
  sinceId?: string;
  maxId?: string;
}

export type WeiboPollStep = { next: WeiboPageRequest; newestId: string | null } | { done: WeiboPollCursor };

const big = (id: string) => BigInt(id);
const maxOf = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : big(a) >= big(b) ? a : b);

/** The first request of a poll. */
export function firstWeiboPage(cursor: WeiboPollCursor): WeiboPageRequest {
  return { ...(cursor.sinceId ? { sinceId: cursor.sinceId } : {}), ...(cursor.resumeMaxId ? { maxId: cursor.resumeMaxId } : {}) };
}

/**
 * After page `page` (1-based) of a poll answered `items` (newest first) for `request`: the next request, or the cursor
 * to store. A first poll (no cursor yet) reads one page and starts from there: the account's history is not back-filled.
 */
export function afterWeiboPage(
  cursor: WeiboPollCursor,
  request: WeiboPageRequest,
  newestSoFar: string | null,
  items: readonly Pick<WeiboPublicItem, 'id'>[],
  page: number,
  { pageSize = WEIBO_PAGE_SIZE, maxPages = WEIBO_MAX_PAGES } = {},
): WeiboPollStep {
  const newest = items.reduce<string | null>((acc, item) => maxOf(acc, item.id), maxOf(newestSoFar, cursor.resumeNewestId));
  const reachedEnd = items.length < pageSize || cursor.sinceId === null;
  if (reachedEnd) return { done: { sinceId: maxOf(newest, cursor.sinceId), resumeMaxId: null, resumeNewestId: null } };
  const oldest = items.reduce((acc, item) => (big(item.id) < big(acc) ? item.id : acc), items[0].id);
  const below = String(big(oldest) - 1n);
  if (page >= maxPages) return { done: { sinceId: cursor.sinceId, resumeMaxId: below, resumeNewestId: newest } };
  return { next: { ...(request.sinceId ? { sinceId: request.sinceId } : {}), maxId: below }, newestId: newest };
}
