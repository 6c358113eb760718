import type { Segmenter } from '@wenzheng/nlp';

/** A token worth indexing or searching: it holds a letter or a digit (punctuation and symbols carry no meaning). */
const MEANINGFUL = /[\p{L}\p{N}]/u;

/**
 * The text of a publication as the search index stores it: jieba's search-mode tokens joined by spaces, so
 * PostgreSQL's `simple` parser (which cannot segment Chinese) sees one lexeme per word. Search mode adds the shorter
 * words inside long ones, so a query for 棚户区 also finds 棚户区改造.
 */
export function indexText(segmenter: Segmenter, text: string): string {
  return segmenter
    .cutForSearch(text)
    .filter((token) => MEANINGFUL.test(token))
    .join(' ');
}

/**
 * The words of a query, cut in precise mode: 棚户区改造 stays one word and matches only texts that contain it
 * whole, not texts about 棚户区 alone. Duplicates are dropped; at most `limit` words are kept.
 */
export function queryTerms(segmenter: Segmenter, query: string, limit = 12): string[] {
  const terms = segmenter.cut(query).filter((token) => MEANINGFUL.test(token));
  return [...new Set(terms)].slice(0, limit);
}

export interface TextPiece {
  text: string;
  hit: boolean;
}

/**
 * Splits text into pieces with the query terms marked, for highlighting (the page escapes each piece). Longer terms
 * win where terms overlap; case-insensitive for Latin letters.
 */
export function highlight(text: string, terms: readonly string[]): TextPiece[] {
  const wanted = [...new Set(terms.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  if (!wanted.length) return text ? [{ text, hit: false }] : [];
  const haystack = text.toLowerCase();
  const marks: boolean[] = new Array(text.length).fill(false);
  for (const term of wanted) {
    const needle = term.toLowerCase();
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
      for (let i = at; i < at + needle.length; i += 1) marks[i] = true;
    }
  }
  const pieces: TextPiece[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const last = pieces.at(-1);
    if (last && last.hit === marks[i]) last.text += text[i];
    else pieces.push({ text: text[i], hit: marks[i] });
  }
  return pieces;
}
