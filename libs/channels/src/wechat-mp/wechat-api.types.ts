/**
 * Shapes of the WeChat official-account API calls the hub makes, and readers that turn an unknown JSON body into
 * them. Sources: getAccessToken / getStableAccessToken and 客服消息 send in developers.weixin.qq.com docs.
 */

/** Every error answer; success answers of `custom/send` are `{ errcode: 0, errmsg: "ok" }`. */
export interface WechatErrorResponse {
  errcode: number;
  errmsg: string;
}

/** `GET /cgi-bin/token?grant_type=client_credential&appid=&secret=` */
export interface WechatTokenQuery {
  grant_type: 'client_credential';
  appid: string;
  secret: string;
}

/**
 * `POST /cgi-bin/stable_token` (JSON body). Without `force_refresh` the same token is returned while valid, and a
 * fresh one from 5 minutes before expiry, the old one staying usable those 5 minutes; `force_refresh: true`
 * invalidates the previous token at once (20 times a day, 30 s apart).
 */
export interface WechatStableTokenRequest {
  grant_type: 'client_credential';
  appid: string;
  secret: string;
  force_refresh?: boolean;
}

/** Answer of both token endpoints; `expires_in` is in seconds, at most 7200. */
export interface WechatTokenSuccess {
  access_token: string;
  expires_in: number;
}

export type WechatTokenResponse = WechatTokenSuccess | WechatErrorResponse;

/** `POST /cgi-bin/message/custom/send?access_token=` text message (客服消息). */
export interface WechatCustomTextMessage {
  touser: string;
  msgtype: 'text';
  text: { content: string };
}

export type WechatCustomSendResponse = WechatErrorResponse;

export function customTextMessage(openId: string, content: string): WechatCustomTextMessage {
  if (!openId) throw new RangeError('openId must not be empty');
  return { touser: openId, msgtype: 'text', text: { content } };
}

export type WechatTokenResult =
  | { ok: true; accessToken: string; expiresIn: number }
  | { ok: false; errcode: number; errmsg: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a token-endpoint body. An unreadable body is reported as errcode -1 (try again), not thrown. */
export function readTokenResponse(body: unknown): WechatTokenResult {
  if (isRecord(body)) {
    const { access_token: accessToken, expires_in: expiresIn, errcode, errmsg } = body;
    if (typeof errcode === 'number' && errcode !== 0) {
      return { ok: false, errcode, errmsg: typeof errmsg === 'string' ? errmsg : '' };
    }
    if (typeof accessToken === 'string' && accessToken && typeof expiresIn === 'number' && expiresIn > 0) {
      return { ok: true, accessToken, expiresIn };
    }
  }
  return { ok: false, errcode: -1, errmsg: 'unreadable token response' };
}

/** Reads an `{ errcode, errmsg }` body (custom send and the like). A missing errcode counts as -1, not as success. */
export function readErrorResponse(body: unknown): WechatErrorResponse {
  if (isRecord(body) && typeof body.errcode === 'number') {
    return { errcode: body.errcode, errmsg: typeof body.errmsg === 'string' ? body.errmsg : '' };
  }
  return { errcode: -1, errmsg: 'unreadable response' };
}
