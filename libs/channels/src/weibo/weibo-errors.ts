/**
 * What the sender should do about a Weibo `error_code` (Error_code table of open.weibo.com; see README.md beside this
 * file for what is unsure).
 */
export type WeiboErrorKind =
  /** The access token is invalid, expired or revoked: it is entered by an admin (valid about a year), so no retry helps. */
  | 'tokenInvalid'
  /** 10022/10023/10024: calls per IP, user or API and hour used up; wait before calling again. */
  | 'rateLimited'
  /** A system-level fault (busy, unavailable, timeout): retry with backoff. */
  | 'retryable'
  /** The platform refuses this request (no reply allowed, post deleted, repeated content…); retrying gives the same. */
  | 'refused'
  /** The request itself is wrong (parameters, permissions): a defect or a misconfiguration. */
  | 'permanent';

/** HTTP failures (timeouts, 5xx, unreadable bodies) are reported with this code and retried. */
export const WEIBO_HTTP_FAILURE = -1;

const TOKEN_ERRORS = new Set([21314, 21315, 21316, 21317, 21319, 21327, 21332]);
const RATE_LIMITS = new Set([10022, 10023, 10024]);
const RETRYABLE = new Set([WEIBO_HTTP_FAILURE, 10001, 10002, 10003, 10009, 10010, 10011, 10013]);

export function classifyWeiboError(code: number): WeiboErrorKind {
  if (TOKEN_ERRORS.has(code)) return 'tokenInvalid';
  if (RATE_LIMITS.has(code)) return 'rateLimited';
  if (RETRYABLE.has(code)) return 'retryable';
  // 1xxxx are system-level errors of the request (parameters, permissions); 2xxxx are the service saying no.
  return code >= 20000 && code < 30000 ? 'refused' : 'permanent';
}

/** Polling pause after the `strikes`-th rate-limit answer in a row (0 first): 2, 4, 8 … poll intervals, at most an hour (the limits are hourly). */
export function rateLimitPauseMs(strikes: number, pollIntervalMs: number): number {
  return Math.min(3_600_000, pollIntervalMs * 2 ** (Math.max(0, strikes) + 1));
}
