import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export class LexiconError extends Error {
  override readonly name = 'LexiconError';
}

/** How a list file treats the number after a word: positive and optional (default 1), positive and required, required and non-zero, or absent. */
export type LexiconWeights = 'optional' | 'required' | 'signed' | 'none';

/** One word per line, `#` comment lines, optional `word weight` (see lexicon/README.md). */
export function parseLexiconList(text: string, source: string, weights: LexiconWeights): Map<string, number> {
  const entries = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `${source} line ${index + 1}`;
    const fields = line.split(/\s+/);
    if (fields.length > 2) throw new LexiconError(`${where}: expected "word" or "word weight", got ${JSON.stringify(raw)}`);
    const word = fields[0].normalize('NFKC');
    let weight = 1;
    if (fields.length === 2) {
      if (weights === 'none') throw new LexiconError(`${where}: this list takes no weight, got ${JSON.stringify(raw)}`);
      weight = Number(fields[1]);
      if (weights === 'signed' ? !Number.isFinite(weight) || weight === 0 : !Number.isFinite(weight) || weight <= 0) {
        const expected = weights === 'signed' ? 'a non-zero number' : 'a positive number';
        throw new LexiconError(`${where}: the weight must be ${expected}, got ${JSON.stringify(fields[1])}`);
      }
    } else if (weights === 'required' || weights === 'signed') {
      throw new LexiconError(`${where}: this list needs "word weight", got ${JSON.stringify(raw)}`);
    }
    if (entries.has(word)) throw new LexiconError(`${where}: ${word} is listed twice`);
    entries.set(word, weight);
  });
  return entries;
}

export interface SentimentLexicon {
  positive: ReadonlyMap<string, number>;
  negative: ReadonlyMap<string, number>;
  complaints: ReadonlyMap<string, number>;
  negations: ReadonlySet<string>;
  degrees: ReadonlyMap<string, number>;
  requests: ReadonlySet<string>;
}

/** The contents (not paths) of the six list files. */
export type SentimentLexiconFiles = Record<keyof SentimentLexicon, string>;

export const LEXICON_FILE_NAMES: Readonly<SentimentLexiconFiles> = {
  positive: 'positive.txt',
  negative: 'negative.txt',
  complaints: 'complaint-cues.txt',
  negations: 'negations.txt',
  degrees: 'degree-words.txt',
  requests: 'request-cues.txt',
};

const WEIGHTS: Readonly<Record<keyof SentimentLexicon, LexiconWeights>> = {
  positive: 'optional',
  negative: 'optional',
  complaints: 'optional',
  negations: 'none',
  degrees: 'signed',
  requests: 'none',
};

/** A word in two lists would be read two ways, so it is refused. */
export function sentimentLexiconFromFiles(files: SentimentLexiconFiles): SentimentLexicon {
  const lists = {} as Record<keyof SentimentLexicon, Map<string, number>>;
  const owner = new Map<string, string>();
  for (const key of Object.keys(LEXICON_FILE_NAMES) as (keyof SentimentLexicon)[]) {
    const name = LEXICON_FILE_NAMES[key];
    lists[key] = parseLexiconList(files[key], name, WEIGHTS[key]);
    for (const word of lists[key].keys()) {
      const other = owner.get(word);
      if (other !== undefined) throw new LexiconError(`${word} is in both ${other} and ${name}`);
      owner.set(word, name);
    }
  }
  return {
    positive: lists.positive,
    negative: lists.negative,
    complaints: lists.complaints,
    negations: new Set(lists.negations.keys()),
    degrees: lists.degrees,
    requests: new Set(lists.requests.keys()),
  };
}

/**
 * `libs/monitor/lexicon` under the repository root, found by walking up from this file to the
 * folder holding package.json: the same answer from `libs/monitor/src` (ts-jest) and from
 * `dist/libs/monitor/src` (built), since the build does not copy .txt files into dist.
 */
export function defaultLexiconDirectory(start: string = __dirname): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new LexiconError(`no package.json above ${start}`);
    dir = parent;
  }
  return join(dir, 'libs', 'monitor', 'lexicon');
}

export function loadDefaultSentimentLexicon(directory: string = defaultLexiconDirectory()): SentimentLexicon {
  const read = (name: string): string => readFileSync(join(directory, name), 'utf8');
  return sentimentLexiconFromFiles({
    positive: read(LEXICON_FILE_NAMES.positive),
    negative: read(LEXICON_FILE_NAMES.negative),
    complaints: read(LEXICON_FILE_NAMES.complaints),
    negations: read(LEXICON_FILE_NAMES.negations),
    degrees: read(LEXICON_FILE_NAMES.degrees),
    requests: read(LEXICON_FILE_NAMES.requests),
  });
}
