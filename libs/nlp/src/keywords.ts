import { readFileSync } from 'node:fs';

import { jiebaDataPaths } from './jieba-dictionary';
import { charLength, isNumberToken, isWordToken } from './tokens';

export interface Keyword {
  term: string;
  weight: number;
}

/** `word idf` per line, as in cppjieba's idf.utf8. */
export function parseIdfTable(text: string, source = 'IDF table'): Map<string, number> {
  const idf = new Map<string, number>();
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const [word, value, extra] = line.trim().split(/\s+/);
    const number = Number(value);
    if (extra !== undefined || !Number.isFinite(number) || number < 0) {
      throw new Error(`${source} line ${index + 1}: expected "word idf", got ${JSON.stringify(line)}`);
    }
    idf.set(word.normalize('NFKC'), number);
  });
  if (idf.size === 0) throw new Error(`${source} is empty`);
  return idf;
}

/** One word per line; `#` starts a comment line. */
export function parseStopWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const line of text.split('\n')) {
    const word = line.trim();
    if (word !== '' && !word.startsWith('#')) words.add(word.normalize('NFKC'));
  }
  return words;
}

export function median(values: Iterable<number>): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) throw new Error('median of nothing');
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface KeywordExtractorFiles {
  stopWordsPath: string;
  /** Defaults to the IDF table shipped with nodejieba, read in place from node_modules. */
  idfPath?: string;
}

/**
 * TF-IDF over tokens that are already segmented: tf is a term's share of the candidate tokens
 * (stop words, punctuation, numbers and single characters are not candidates), idf comes from
 * the table, and a word the table does not know (most user-dictionary terms) gets the median.
 */
export class KeywordExtractor {
  readonly unknownIdf: number;

  constructor(
    private readonly idf: ReadonlyMap<string, number>,
    private readonly stopWords: ReadonlySet<string>,
  ) {
    this.unknownIdf = median(idf.values());
  }

  static fromFiles(files: KeywordExtractorFiles): KeywordExtractor {
    const idfPath = files.idfPath ?? jiebaDataPaths().idfDict;
    return new KeywordExtractor(
      parseIdfTable(readFileSync(idfPath, 'utf8'), idfPath),
      parseStopWords(readFileSync(files.stopWordsPath, 'utf8')),
    );
  }

  isCandidate(token: string): boolean {
    return (
      charLength(token) > 1 && isWordToken(token) && !isNumberToken(token) && !this.stopWords.has(token)
    );
  }

  idfOf(term: string): number {
    return this.idf.get(term) ?? this.unknownIdf;
  }

  /** The `topN` heaviest terms, heaviest first; equal weights in the fixed (UTF-16 code-unit) order of the term, never in Map or locale order. */
  extract(tokens: readonly string[], topN = 10): Keyword[] {
    if (topN <= 0) return [];
    const counts = new Map<string, number>();
    let total = 0;
    for (const token of tokens) {
      if (!this.isCandidate(token)) continue;
      counts.set(token, (counts.get(token) ?? 0) + 1);
      total += 1;
    }
    const keywords: Keyword[] = [];
    for (const [term, count] of counts) {
      keywords.push({ term, weight: (count / total) * this.idfOf(term) });
    }
    keywords.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
    return keywords.slice(0, topN);
  }
}
