/** Indices ascending and unique, one value each. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

export interface FeatureOptions {
  /** Adjacent words, after stop words are dropped, as one more feature each. */
  readonly wordBigrams: boolean;
  /**
   * The character pairs of every word of two characters or more: 棚户区改造 also counts as 棚户, 户区,
   * 区改, 改造, so a message cut differently by another segmenter still shares most of its features.
   */
  readonly charBigrams: boolean;
  /** Terms seen in fewer training documents are left out of the vocabulary. */
  readonly minDocumentFrequency: number;
  readonly stopWords: readonly string[];
}

export type Weighting = 'counts' | 'tfidf';

// Control characters never occur inside a word token, so these keep the three kinds of term apart.
const BIGRAM_JOINER = '\u0000';
const CHAR_PREFIX = '\u0001';
const UPPER_CASE = /\p{Lu}/u;

function normaliseWord(token: string): string {
  return UPPER_CASE.test(token) ? token.toLowerCase() : token;
}

/** The terms a word contributes by itself: the word, and its character pairs when asked for. */
function wordTerms(word: string, options: FeatureOptions): string[] {
  const terms = [word];
  if (options.charBigrams) {
    const characters = Array.from(word);
    for (let i = 1; i < characters.length; i += 1) terms.push(CHAR_PREFIX + characters[i - 1] + characters[i]);
  }
  return terms;
}

function wordBigramTerm(first: string, second: string): string {
  return first + BIGRAM_JOINER + second;
}

/** The terms counted for a message, as strings: what `TermEncoder` encodes, spelt out for specs and debugging. */
export function extractTerms(tokens: readonly string[], options: FeatureOptions): string[] {
  const stopWords = new Set(options.stopWords.map(normaliseWord));
  const words = tokens.map(normaliseWord).filter((word) => !stopWords.has(word));
  const terms = words.flatMap((word) => wordTerms(word, options));
  if (options.wordBigrams) {
    for (let i = 1; i < words.length; i += 1) terms.push(wordBigramTerm(words[i - 1], words[i]));
  }
  return terms;
}

/** A readable form of a term, for reports and debugging. */
export function describeTerm(term: string): string {
  if (term.startsWith(CHAR_PREFIX)) return `char:${term.slice(CHAR_PREFIX.length)}`;
  return term.split(BIGRAM_JOINER).join(' ');
}

/** Slot numbers of two words must fit side by side in one exact integer key. */
const PAIR_STRIDE = 2 ** 22;

/**
 * Encodes messages as the ids of their terms, the same multiset as `extractTerms`, but a word's
 * own terms are built and looked up once and then reused for every occurrence: a corpus has about
 * thirty times more word occurrences than distinct words. `idOf` interns a term (training) or finds
 * its vocabulary column (prediction); a negative id drops the term.
 */
export class TermEncoder {
  private readonly stopWords: ReadonlySet<string>;
  /** Token as cut → slot; -1 for a stop word. */
  private readonly slots = new Map<string, number>();
  private readonly slotWords: string[] = [];
  private readonly slotIds: Int32Array[] = [];
  private readonly pairIds = new Map<number, number>();

  constructor(
    private readonly options: FeatureOptions,
    private readonly idOf: (term: string) => number,
    /** A long-running classifier meets new words forever; past this many the caches start again. */
    private readonly maxWords = 500_000,
  ) {
    if (maxWords > PAIR_STRIDE) throw new Error(`a term encoder holds at most ${PAIR_STRIDE} words`);
    this.stopWords = new Set(options.stopWords.map(normaliseWord));
  }

  encode(tokens: readonly string[]): Int32Array {
    if (this.slotWords.length >= this.maxWords) this.clear();
    const ids: number[] = [];
    let previous = -1;
    for (const token of tokens) {
      const slot = this.slotOf(token);
      if (slot < 0) continue;
      for (const id of this.slotIds[slot]) if (id >= 0) ids.push(id);
      if (this.options.wordBigrams && previous >= 0) {
        const id = this.pairIdOf(previous, slot);
        if (id >= 0) ids.push(id);
      }
      previous = slot;
    }
    return Int32Array.from(ids);
  }

  private slotOf(token: string): number {
    const known = this.slots.get(token);
    if (known !== undefined) return known;
    const word = normaliseWord(token);
    let slot = -1;
    if (!this.stopWords.has(word)) {
      slot = this.slotWords.length;
      this.slotWords.push(word);
      this.slotIds.push(Int32Array.from(wordTerms(word, this.options), (term) => this.idOf(term)));
    }
    this.slots.set(token, slot);
    return slot;
  }

  private pairIdOf(first: number, second: number): number {
    const key = first * PAIR_STRIDE + second;
    let id = this.pairIds.get(key);
    if (id === undefined) {
      id = this.idOf(wordBigramTerm(this.slotWords[first], this.slotWords[second]));
      this.pairIds.set(key, id);
    }
    return id;
  }

  private clear(): void {
    this.slots.clear();
    this.slotWords.length = 0;
    this.slotIds.length = 0;
    this.pairIds.clear();
  }
}

/**
 * Documents as integer ids into one table of terms. Training builds each term string once here;
 * the vocabularies of the calibration folds and of the final model are then counted over ids.
 */
export class TermCorpus {
  private constructor(
    readonly table: readonly string[],
    readonly documents: readonly Int32Array[],
  ) {}

  static of(tokenLists: readonly (readonly string[])[], options: FeatureOptions): TermCorpus {
    const ids = new Map<string, number>();
    const table: string[] = [];
    const encoder = new TermEncoder(options, (term) => {
      let id = ids.get(term);
      if (id === undefined) {
        id = table.length;
        ids.set(term, id);
        table.push(term);
      }
      return id;
    });
    return new TermCorpus(
      table,
      tokenLists.map((tokens) => encoder.encode(tokens)),
    );
  }
}

/** A vocabulary fitted on part of a corpus, with the column of each corpus term id (-1 when left out). */
export interface CorpusVocabulary {
  readonly vocabulary: Vocabulary;
  readonly columnOf: Int32Array;
}

/**
 * The terms kept for a model with their document frequencies. Columns follow the terms' sorted
 * order, so the same training set always gives the same vocabulary and the same weights file.
 */
export class Vocabulary {
  private readonly index = new Map<string, number>();
  private readonly idf: Float64Array;

  constructor(
    readonly terms: readonly string[],
    readonly documentFrequencies: readonly number[],
    readonly documentCount: number,
  ) {
    if (terms.length !== documentFrequencies.length) {
      throw new Error(`vocabulary has ${terms.length} terms but ${documentFrequencies.length} document frequencies`);
    }
    terms.forEach((term, column) => {
      if (this.index.has(term)) throw new Error(`vocabulary lists ${JSON.stringify(describeTerm(term))} twice`);
      this.index.set(term, column);
    });
    // Smoothed as if one more document held every term: no idf is zero or infinite.
    this.idf = Float64Array.from(documentFrequencies, (df) => Math.log((1 + documentCount) / (1 + df)) + 1);
  }

  /** Fits on the corpus documents listed in `documents` only (a training fold). */
  static fitCorpus(corpus: TermCorpus, documents: readonly number[], minDocumentFrequency: number): CorpusVocabulary {
    if (!Number.isInteger(minDocumentFrequency) || minDocumentFrequency < 1) {
      throw new Error(`minimum document frequency must be a positive integer, got ${minDocumentFrequency}`);
    }
    const frequencies = new Int32Array(corpus.table.length);
    const lastSeenIn = new Int32Array(corpus.table.length).fill(-1);
    for (const document of documents) {
      for (const id of corpus.documents[document]) {
        if (lastSeenIn[id] === document) continue;
        lastSeenIn[id] = document;
        frequencies[id] += 1;
      }
    }
    const kept: number[] = [];
    frequencies.forEach((frequency, id) => {
      if (frequency >= minDocumentFrequency) kept.push(id);
    });
    const table = corpus.table;
    kept.sort((a, b) => (table[a] < table[b] ? -1 : table[a] > table[b] ? 1 : 0));
    const columnOf = new Int32Array(table.length).fill(-1);
    kept.forEach((id, column) => {
      columnOf[id] = column;
    });
    const vocabulary = new Vocabulary(
      kept.map((id) => table[id]),
      kept.map((id) => frequencies[id]),
      documents.length,
    );
    return { vocabulary, columnOf };
  }

  get size(): number {
    return this.terms.length;
  }

  /** -1 for a term outside the vocabulary. */
  columnOf(term: string): number {
    return this.index.get(term) ?? -1;
  }

  /**
   * From the column of each term occurrence (-1 for a term outside the vocabulary): raw counts, or
   * (1 + ln tf) · idf scaled to unit length so that long messages do not outweigh short ones.
   */
  vectorizeColumns(columns: Int32Array, weighting: Weighting): SparseVector {
    const sorted = Int32Array.from(columns).sort();
    let start = 0;
    while (start < sorted.length && sorted[start] < 0) start += 1;
    const indices: number[] = [];
    const values: number[] = [];
    for (let i = start; i < sorted.length; i += 1) {
      if (i > start && sorted[i] === sorted[i - 1]) values[values.length - 1] += 1;
      else {
        indices.push(sorted[i]);
        values.push(1);
      }
    }
    const vector = { indices: Int32Array.from(indices), values: Float64Array.from(values) };
    if (weighting === 'tfidf') this.toUnitTfidf(vector);
    return vector;
  }

  private toUnitTfidf({ indices, values }: SparseVector): void {
    let squares = 0;
    for (let i = 0; i < indices.length; i += 1) {
      values[i] = (1 + Math.log(values[i])) * this.idf[indices[i]];
      squares += values[i] * values[i];
    }
    if (squares === 0) return;
    const norm = Math.sqrt(squares);
    for (let i = 0; i < values.length; i += 1) values[i] /= norm;
  }
}
