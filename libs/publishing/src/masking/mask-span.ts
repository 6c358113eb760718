import { foldWidth } from './fold-width';

export type MaskKind = 'id-number' | 'mobile' | 'landline' | 'bank-card' | 'plate' | 'email' | 'address' | 'name';

/** Offsets are in the original text (UTF-16 code units). */
export interface MaskSpan {
  kind: MaskKind;
  start: number;
  end: number;
  original: string;
  replacement: string;
}

export const MASK_CHARACTER = '*';

const ALNUM = /[0-9A-Za-z]/;

export function maskSpan(text: string, kind: MaskKind, start: number, end: number, replacement: string): MaskSpan {
  return { kind, start, end, original: text.slice(start, end), replacement };
}

/**
 * Replaces the letters and digits of `original` (full-width ones included) by `*`, except the first
 * `keepFirst` and the last `keepLast` of them; separators (spaces, dashes, parentheses) stay in place.
 */
export function maskAlnum(original: string, keepFirst: number, keepLast: number): string {
  const folded = foldWidth(original);
  let total = 0;
  for (const c of folded) if (ALNUM.test(c)) total += 1;
  let seen = 0;
  let masked = '';
  for (let i = 0; i < original.length; i++) {
    if (!ALNUM.test(folded[i])) {
      masked += original[i];
      continue;
    }
    masked += seen >= keepFirst && seen < total - keepLast ? MASK_CHARACTER : original[i];
    seen += 1;
  }
  return masked;
}
