/**
 * The text two messages are compared on: what a citizen (or a copy-paste campaign) may change
 * without changing the message. NFKC folds full-width letters, digits and punctuation into
 * ASCII; case, whitespace, punctuation, symbols and emoji are dropped; greeting and sign-off
 * formulas are removed because nearly every message carries one and they would make unrelated
 * messages look alike.
 */

import { codeUnitFolder } from './code-unit-folder';

const NOT_LETTER_OR_NUMBER = /[^\p{L}\p{N}]+/gu;

/** NFKC, lower case, letters and numbers only. */
const compactText = codeUnitFolder((text) => text.normalize('NFKC').toLowerCase().replace(NOT_LETTER_OR_NUMBER, ''));

const ADDRESSEE = '(?:领导|市长|书记|县长|区长|局长|主任|镇长|乡长|部长|处长|同志|工作人员|相关部门|有关部门)';
const HELLO = '(?:您好|你好|好)';

/** Applied in this order to the compacted text (no spaces or punctuation left), each everywhere it occurs. */
export const DEFAULT_TEMPLATE_PATTERNS: readonly RegExp[] = [
  new RegExp(`尊敬的[\\p{Script=Han}]{0,8}?${ADDRESSEE}们?${HELLO}?`, 'gu'),
  new RegExp(`(?:各位|亲爱的)${ADDRESSEE}们?${HELLO}?`, 'gu'),
  new RegExp(`${ADDRESSEE}们?${HELLO}`, 'gu'),
  /(?:您好|你好|你们好|大家好)/gu,
  /此致敬礼|此致|敬礼/gu,
  /(?:万分|非常|十分|衷心)?(?:感谢|谢谢)(?:领导|您|你们|各位领导|政府)?(?:的关注|的支持|的帮助)?/gu,
  /(?:盼|望|请|期待|静候)(?:您的|尽快)?(?:回复|答复|佳音)|盼复|望复/gu,
];

/**
 * For each default pattern, the literals it cannot match without (one of them): a text with none skips the pattern.
 * Most messages have a greeting or a thank-you at most, and each regular expression scanned the whole text.
 */
const DEFAULT_TEMPLATE_LITERALS: readonly (readonly string[])[] = [
  ['尊敬的'],
  ['各位', '亲爱的'],
  ['好'],
  ['好'],
  ['此致', '敬礼'],
  ['感谢', '谢谢'],
  ['复', '佳音'],
];

export interface FingerprintTextOptions {
  /** Replaces `DEFAULT_TEMPLATE_PATTERNS`; each must have the `g` flag. */
  templatePatterns?: readonly RegExp[];
  /** Code points kept, to bound the cost of a pathological message; default 20,000. */
  maxLength?: number;
}

export const DEFAULT_FINGERPRINT_MAX_LENGTH = 20_000;

export function fingerprintText(text: string, options: FingerprintTextOptions = {}): string {
  let compact = compactText(text);
  if (options.templatePatterns === undefined) {
    for (let p = 0; p < DEFAULT_TEMPLATE_PATTERNS.length; p += 1) {
      if (DEFAULT_TEMPLATE_LITERALS[p].some((literal) => compact.includes(literal))) compact = compact.replace(DEFAULT_TEMPLATE_PATTERNS[p], '');
    }
  } else {
    for (const pattern of options.templatePatterns) compact = compact.replace(pattern, '');
  }
  const maxLength = options.maxLength ?? DEFAULT_FINGERPRINT_MAX_LENGTH;
  if (compact.length <= maxLength) return compact;
  return Array.from(compact).slice(0, maxLength).join('');
}
