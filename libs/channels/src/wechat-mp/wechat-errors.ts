/**
 * What the sender should do about a WeChat `errcode`. Sources: 全局返回码 (Global_Return_Code), getAccessToken /
 * getStableAccessToken, 客服消息 rules (developers.weixin.qq.com); see the table's `meaning`.
 */

export type WechatErrorKind =
  /** errcode 0 (or none). */
  | 'ok'
  /** The access_token is invalid or expired: refresh it once and retry. */
  | 'tokenInvalid'
  /** 45015: no interaction within 48 h, or the citizen unfollowed; use another channel. */
  | 'windowClosed'
  /** 45047: the messages allowed by the citizen's last interaction are used up. */
  | 'quotaUsed'
  /** Try again later with backoff (`retryAfterSeconds` hints how long). */
  | 'retryable'
  /** Retrying does not help: configuration, recipient or request is wrong. */
  | 'permanent';

export type WechatEndpoint = 'api' | 'token';

interface WechatErrorEntry {
  kind: WechatErrorKind;
  meaning: string;
  retryAfterSeconds?: number;
}

export const WECHAT_ERRORS: Readonly<Record<number, WechatErrorEntry>> = {
  [-1]: { kind: 'retryable', meaning: 'system busy (系统繁忙), try again later' },
  40001: { kind: 'tokenInvalid', meaning: 'access_token invalid or not latest (on the token endpoint: wrong AppSecret)' },
  40014: { kind: 'tokenInvalid', meaning: 'illegal access_token' },
  42001: { kind: 'tokenInvalid', meaning: 'access_token expired' },
  45015: { kind: 'windowClosed', meaning: 'response out of time limit or subscription is canceled' },
  45047: { kind: 'quotaUsed', meaning: 'out of response count limit (客服接口下行条数超过上限)' },
  45009: { kind: 'retryable', meaning: 'reach max api daily quota limit; resets daily', retryAfterSeconds: 3600 },
  45011: { kind: 'retryable', meaning: 'api minute-quota reach limit, retry next minute', retryAfterSeconds: 60 },
  40003: { kind: 'permanent', meaning: 'invalid OpenID (not a follower of this account)' },
  43004: { kind: 'permanent', meaning: 'require subscribe: the citizen does not follow the account' },
  48001: { kind: 'permanent', meaning: 'api unauthorized for this account' },
  40013: { kind: 'permanent', meaning: 'invalid AppID' },
  40125: { kind: 'permanent', meaning: 'invalid AppSecret' },
  40164: { kind: 'permanent', meaning: 'caller IP not in the account’s whitelist' },
  89503: { kind: 'permanent', meaning: 'token call from this IP awaits the administrator’s confirmation' },
};

/** On the token endpoints, 40001 means a wrong AppSecret, which no token refresh can fix. */
const TOKEN_ENDPOINT_OVERRIDES: Readonly<Record<number, WechatErrorKind>> = { 40001: 'permanent', 40014: 'permanent', 42001: 'permanent' };

export function classifyWechatError(errcode: number | undefined | null, endpoint: WechatEndpoint = 'api'): WechatErrorKind {
  if (errcode === undefined || errcode === null || errcode === 0) return 'ok';
  if (endpoint === 'token' && TOKEN_ENDPOINT_OVERRIDES[errcode]) return TOKEN_ENDPOINT_OVERRIDES[errcode];
  return WECHAT_ERRORS[errcode]?.kind ?? 'permanent';
}

/** Seconds to wait before retrying, for the codes that say; undefined leaves it to the caller's backoff. */
export function wechatRetryAfterSeconds(errcode: number): number | undefined {
  return WECHAT_ERRORS[errcode]?.retryAfterSeconds;
}
