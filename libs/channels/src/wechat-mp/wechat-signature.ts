import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * SHA-1 hex of the parts sorted and joined. Sorting compares UTF-8 bytes (code-point order), as the platforms'
 * PHP/Python samples do, not JavaScript's UTF-16 order.
 */
export function sortedSha1(parts: readonly string[]): string {
  const sorted = [...parts].sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
  return createHash('sha1').update(sorted.join(''), 'utf8').digest('hex');
}

/** The `signature` query parameter of the URL check and of every push: sha1(sort[token, timestamp, nonce]). */
export function urlSignature(token: string, timestamp: string, nonce: string): string {
  return sortedSha1([token, timestamp, nonce]);
}

/** The `msg_signature` of safe mode: sha1(sort[token, timestamp, nonce, Encrypt]). */
export function messageSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return sortedSha1([token, timestamp, nonce, encrypt]);
}

const HEX_SHA1 = /^[0-9a-f]{40}$/;

/** Compares a computed signature with a received one without leaking where they differ; anything but 40 hex digits fails. */
export function signaturesMatch(expected: string, received: unknown): boolean {
  if (typeof received !== 'string') return false;
  const a = expected.toLowerCase();
  const b = received.toLowerCase();
  if (!HEX_SHA1.test(a) || !HEX_SHA1.test(b)) return false;
  return timingSafeEqual(Buffer.from(a, 'ascii'), Buffer.from(b, 'ascii'));
}
