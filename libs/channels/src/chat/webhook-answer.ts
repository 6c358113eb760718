/** The HTTP answer to a platform push or URL check. */
export interface WebhookAnswer {
  status: number;
  contentType: 'text/plain' | 'application/xml' | 'application/json';
  body: string;
}

export const plainAnswer = (status: number, body: string): WebhookAnswer => ({ status, contentType: 'text/plain', body });

/** A query parameter as a string ('' when missing or repeated). */
export const queryText = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The URL check both platforms make when a server URL is entered: echo `echostr` when signed, 403 and nothing else otherwise. */
export function urlCheckAnswer(signed: boolean, echostr: string): WebhookAnswer {
  return signed && echostr ? plainAnswer(200, echostr) : plainAnswer(403, 'signature mismatch');
}

/**
 * Whether a push's signed timestamp lies within `maxAgeSeconds` of now, either way (a replay is refused):
 * `unitMs` is 1000 for WeChat's seconds, 1 for Weibo's milliseconds.
 */
export function pushTimestampFresh(timestamp: string, unitMs: 1 | 1000, now: Date, maxAgeSeconds: number): boolean {
  if (!/^\d{1,15}$/.test(timestamp)) return false;
  return Math.abs(now.getTime() - Number(timestamp) * unitMs) <= maxAgeSeconds * 1000;
}
