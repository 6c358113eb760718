export const SEGMENTER_NAMES = ['nodejieba', 'rs-jieba'] as const;

export type SegmenterName = (typeof SEGMENTER_NAMES)[number];

/**
 * Chinese word segmentation in jieba's precise mode with HMM for unknown words.
 * Whitespace only separates: no token contains or is whitespace, so text that is already
 * segmented with spaces is never re-joined across a space. Punctuation tokens are kept;
 * the analyzer decides what to drop.
 */
export interface Segmenter {
  readonly name: SegmenterName;
  cut(text: string): string[];
  /**
   * jieba's search mode: the precise cut plus the shorter words inside long ones (棚户区改造 → 棚户, 户区, 棚户区,
   * 改造, 棚户区改造), for indexing text that queries cut in precise mode must find.
   */
  cutForSearch(text: string): string[];
}

export interface SegmenterOptions {
  /** jieba user dictionary, `word freq tag` per line (see config/nlp/README.md). */
  userDictPath: string;
}

const WHITESPACE_RUN = /\s+/gu;

/**
 * One ASCII space is a hard separator for both libraries (cppjieba lists it among its
 * separators, jieba-rs splits on `\s`), whereas `\r`, U+3000 or U+00A0 are not for cppjieba.
 * Collapsing every whitespace run to one space makes both cut at exactly the same places.
 */
export function toSegmenterInput(text: string): string {
  return text.replace(WHITESPACE_RUN, ' ').trim();
}

/** Trims tokens and drops whitespace-only ones; splits a token should a library ever return one spanning a space. */
export function cleanTokens(raw: readonly string[]): string[] {
  const tokens: string[] = [];
  for (const token of raw) {
    for (const part of token.split(WHITESPACE_RUN)) {
      if (part.length > 0) tokens.push(part);
    }
  }
  return tokens;
}
