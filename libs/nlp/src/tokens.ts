const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;
const NUMBER = /^\p{N}+(?:[.,:]\p{N}+)*%?$/u;

/** A token carrying at least one letter (Han characters included) or digit; the rest is punctuation, symbols and emoji. */
export function isWordToken(token: string): boolean {
  return LETTER_OR_NUMBER.test(token);
}

/** 12345, 2026, 3.5, 1,000, 50%. */
export function isNumberToken(token: string): boolean {
  return NUMBER.test(token);
}

/** Length in code points, so that a character outside the BMP counts as one. */
export function charLength(token: string): number {
  let length = 0;
  for (const _ of token) length += 1;
  return length;
}
