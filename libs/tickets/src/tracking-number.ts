import { createHmac, timingSafeEqual } from 'node:crypto';
import { shanghaiDateOf } from '@wenzheng/calendar';

/**
 * Tracking number (受理编号): Shanghai receipt date YYMMDD + a 6-digit (or longer) sequence, all digits so a
 * citizen can type it on a phone keypad. Not secret: the query code is what proves the asker wrote the message.
 */
export function formatTrackingNo(receivedAt: Date, sequence: number): string {
  const date = shanghaiDateOf(receivedAt).replace(/-/g, '').slice(2);
  return `${date}${String(sequence).padStart(6, '0')}`;
}

export const TRACKING_NO_PATTERN = /^\d{12,16}$/;

// No 0/O, 1/I/L: read aloud and typed back without confusion.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 8;

/**
 * Query code (查询码) derived from the tracking number with a server secret: nothing to store, so a database
 * dump alone reveals no codes, and a replayed request can be answered with the same code.
 */
export function queryCodeFor(trackingNo: string, secret: string): string {
  const digest = createHmac('sha256', secret).update(trackingNo).digest();
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[digest[i] % CODE_ALPHABET.length];
  return code;
}

export function isQueryCodeValid(trackingNo: string, code: string, secret: string): boolean {
  const expected = Buffer.from(queryCodeFor(trackingNo, secret));
  const given = Buffer.from(code.trim().toUpperCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}
