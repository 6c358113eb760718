import { foldWidth } from './fold-width';
import { MaskSpan, maskAlnum, maskSpan } from './mask-span';

// GB 11643-1999: weights of the 17 body digits, and the check character for each remainder mod 11.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** First two digits of the division code (GB/T 2260); 81–83 are the Hong Kong, Macao and Taiwan residence permits. */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43',
  '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]);

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const EARLIEST_BIRTH_YEAR = 1900;

/** A whole letters-and-digits token of 18 (last may be X) or 15 characters: never a piece of a longer number. */
const ID_TOKEN = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;

export function idCheckCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) sum += Number(body[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

/** 18-character resident ID: known province, real birth date not after today (Shanghai), valid check character. */
export function isValidIdNumber(value: string, today: Date = new Date()): boolean {
  const id = foldWidth(value);
  return (
    /^\d{17}[\dXx]$/.test(id) &&
    PROVINCE_CODES.has(id.slice(0, 2)) &&
    isBirthDate(id.slice(6, 14), today) &&
    idCheckCharacter(id) === id[17].toUpperCase()
  );
}

/** 15-digit ID issued before 1999: known province and a real 19YYMMDD birth date; it has no check digit. */
export function isValidLegacyIdNumber(value: string, today: Date = new Date()): boolean {
  const id = foldWidth(value);
  return /^\d{15}$/.test(id) && PROVINCE_CODES.has(id.slice(0, 2)) && isBirthDate(`19${id.slice(6, 12)}`, today);
}

/** Keeps the first 2 (province) and last 3 characters: 37*************973. */
export function findIdNumbers(text: string, folded: string): MaskSpan[] {
  const today = new Date();
  const spans: MaskSpan[] = [];
  for (const match of folded.matchAll(ID_TOKEN)) {
    const token = match[0];
    const valid = token.length === 18 ? isValidIdNumber(token, today) : isValidLegacyIdNumber(token, today);
    if (!valid) continue;
    const start = match.index;
    const end = start + token.length;
    spans.push(maskSpan(text, 'id-number', start, end, maskAlnum(text.slice(start, end), 2, 3)));
  }
  return spans;
}

function isBirthDate(yyyymmdd: string, today: Date): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  const todayInShanghai = new Date(today.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
  return real && year >= EARLIEST_BIRTH_YEAR && yyyymmdd <= todayInShanghai;
}
