import { createHmac } from 'node:crypto';

/**
 * The pseudonym a stored signature keeps of its sender: an HMAC of who sent it, keyed with the hub's secret and set
 * apart from the secret's other uses by a label. Enough to tell two messages of one sender from two of two, and no
 * more: a plain hash of a phone number is undone by trying the 10¹¹ numbers there are. A new secret gives new
 * pseudonyms, so a resend across the change is taken for someone else's copy.
 */
export function senderKeyOf(identity: string | null, secret: string): string | null {
  if (identity === null) return null;
  return createHmac('sha256', secret).update(`monitor-sender\u0000${identity}`).digest('base64url');
}
