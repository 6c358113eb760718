import { MaskSpan, maskAlnum, maskSpan } from './mask-span';

/**
 * Mainland mobile: 1[3-9] + 9 digits, as 11 digits or 3-4-4 with one kind of separator, optionally after
 * +86 / 0086 / 86. The prefix belongs to the span so that it is never left behind as a stray number.
 */
const MOBILE =
  /(?<![0-9A-Za-z+])(?<prefix>(?:\+|00)?86[ -]?)?(?<number>1[3-9]\d(?:([ -])\d{4}\3\d{4}|\d{8}))(?![0-9A-Za-z])/g;

/**
 * Landline: area code (010, 02x or a 4-digit 0[3-9]xx, optionally in parentheses) + a 7–8 digit local number that
 * starts with 2–9. Without an area code a local number is only taken right after 电话/座机/固话.
 */
const AREA_CODE = '0(?:10|2\\d|[3-9]\\d\\d)';
const LOCAL_NUMBER = '(?<number>[2-9]\\d{6,7})(?![0-9A-Za-z])';
const LANDLINES = [
  new RegExp(`(?<![0-9A-Za-z])(?<area>\\(${AREA_CODE}\\)[ -]?|${AREA_CODE}[ -]?)${LOCAL_NUMBER}`, 'g'),
  new RegExp(`(?<=(?:电话|座机|固话)(?:号码)?[:是为]?\\s*)${LOCAL_NUMBER}`, 'g'),
];

const LANDLINE_MASKED_DIGITS = 4;

/** Keeps the prefix, the first 3 and the last 4 digits; separators stay: +86 138-****-5678. */
export function findMobiles(text: string, folded: string): MaskSpan[] {
  return [...folded.matchAll(MOBILE)].map((match) => {
    const numberStart = match.index + (match.groups?.prefix?.length ?? 0);
    const end = match.index + match[0].length;
    const replacement = text.slice(match.index, numberStart) + maskAlnum(text.slice(numberStart, end), 3, 4);
    return maskSpan(text, 'mobile', match.index, end, replacement);
  });
}

/** Keeps the area code and masks the first 4 digits of the local number: 0532-****8888, (0532)****888. */
export function findLandlines(text: string, folded: string): MaskSpan[] {
  return LANDLINES.flatMap((pattern) =>
    [...folded.matchAll(pattern)].map((match) => {
      const numberStart = match.index + (match.groups?.area?.length ?? 0);
      const end = match.index + match[0].length;
      const local = text.slice(numberStart, end);
      const masked = maskAlnum(local, 0, local.length - LANDLINE_MASKED_DIGITS);
      return maskSpan(text, 'landline', match.index, end, text.slice(match.index, numberStart) + masked);
    }),
  );
}
