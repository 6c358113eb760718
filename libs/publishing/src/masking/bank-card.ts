import { foldWidth } from './fold-width';
import { MaskSpan, maskAlnum, maskSpan } from './mask-span';

/**
 * 16–19 digits written in one run, or in groups of four separated by one kind of separator (a shorter last group
 * for 17–19 digits). A grouped card must not continue with another group: 6222 0212 3456 7890 1234 is not a card.
 */
const CARD_PATTERNS = [
  /(?<![0-9A-Za-z])\d{16,19}(?![0-9A-Za-z])/g,
  /(?<![0-9A-Za-z]|\d[ -])\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?(?![0-9A-Za-z]|[ -]\d)/g,
];

/** Luhn (mod 10) check over the digits of `value`; other characters are ignored. */
export function luhnValid(value: string): boolean {
  const digits = foldWidth(value).replace(/\D/g, '');
  if (digits.length === 0) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Keeps the first 4 (issuer) and last 4 digits; separators stay: 6222 **** **** 0123. */
export function findBankCards(text: string, folded: string): MaskSpan[] {
  const spans: MaskSpan[] = [];
  for (const pattern of CARD_PATTERNS) {
    for (const match of folded.matchAll(pattern)) {
      if (!luhnValid(match[0])) continue;
      const start = match.index;
      const end = start + match[0].length;
      spans.push(maskSpan(text, 'bank-card', start, end, maskAlnum(text.slice(start, end), 4, 4)));
    }
  }
  return spans;
}
