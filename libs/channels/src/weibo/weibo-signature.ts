import { signaturesMatch, sortedSha1 } from '../wechat-mp/wechat-signature';

/**
 * Fan-service platform (粉丝服务平台) push signature: the WeChat scheme with the app's AppSecret in place of the token,
 * sha1(sort[appSecret, timestamp, nonce]). The timestamp is in milliseconds. Every push carries it, not only the URL check.
 */
export function weiboSignature(appSecret: string, timestamp: string, nonce: string): string {
  return sortedSha1([appSecret, timestamp, nonce]);
}

export interface WeiboSignedQuery {
  signature?: unknown;
  timestamp?: unknown;
  nonce?: unknown;
}

/** True when the query's `signature` matches; missing or repeated parameters fail. */
export function weiboSignatureValid(appSecret: string, query: WeiboSignedQuery): boolean {
  const { signature, timestamp, nonce } = query;
  if (!appSecret || typeof timestamp !== 'string' || typeof nonce !== 'string') return false;
  return signaturesMatch(weiboSignature(appSecret, timestamp, nonce), signature);
}
