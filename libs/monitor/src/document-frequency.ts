/**
 * Document frequencies that fade: every count halves after `halfLifeMs`, so the IDF follows
 * what citizens write about lately and a term nobody has used for weeks drops out. Decay is
 * applied lazily per term (each keeps the time it was last brought up to date).
 */

export interface DocumentFrequencyState {
  documents: number;
  documentsAt: number;
  /** `[term, decayed count, time of that count]`, sorted by term. */
  terms: [string, number, number][];
}

export class DocumentFrequency {
  private documents = 0;
  private documentsAt = 0;
  private readonly terms = new Map<string, { count: number; at: number }>();

  constructor(readonly halfLifeMs: number) {
    if (!(halfLifeMs > 0)) throw new RangeError(`halfLifeMs must be positive, got ${halfLifeMs}`);
  }

  static fromJSON(state: DocumentFrequencyState, halfLifeMs: number): DocumentFrequency {
    const frequency = new DocumentFrequency(halfLifeMs);
    frequency.documents = state.documents;
    frequency.documentsAt = state.documentsAt;
    for (const [term, count, at] of state.terms) frequency.terms.set(term, { count, at });
    return frequency;
  }

  get size(): number {
    return this.terms.size;
  }

  /** One document containing each of `terms` (pass each term once). */
  observe(terms: Iterable<string>, at: number): void {
    this.documents = this.decayed(this.documents, this.documentsAt, at) + 1;
    this.documentsAt = Math.max(this.documentsAt, at);
    for (const term of terms) {
      const entry = this.terms.get(term);
      if (entry === undefined) {
        this.terms.set(term, { count: 1, at });
      } else {
        entry.count = this.decayed(entry.count, entry.at, at) + 1;
        entry.at = Math.max(entry.at, at);
      }
    }
  }

  /** Decayed number of documents containing `term` at time `at`. */
  frequency(term: string, at: number): number {
    const entry = this.terms.get(term);
    return entry === undefined ? 0 : this.decayed(entry.count, entry.at, at);
  }

  /** Smoothed IDF, ln((1 + N) / (1 + df)) + 1: positive, and 1 for a term in every document. */
  idf(term: string, at: number): number {
    const documents = this.decayed(this.documents, this.documentsAt, at);
    return Math.log((1 + documents) / (1 + this.frequency(term, at))) + 1;
  }

  /** Forgets terms whose decayed count fell below `minCount`. */
  prune(at: number, minCount: number): void {
    for (const [term, entry] of this.terms) {
      if (this.decayed(entry.count, entry.at, at) < minCount) this.terms.delete(term);
    }
  }

  toJSON(): DocumentFrequencyState {
    const terms: [string, number, number][] = [];
    for (const [term, { count, at }] of this.terms) terms.push([term, count, at]);
    terms.sort((a, b) => compareStrings(a[0], b[0]));
    return { documents: this.documents, documentsAt: this.documentsAt, terms };
  }

  /** A count never grows when read at an earlier time than it was written (a message arriving late). */
  private decayed(count: number, since: number, at: number): number {
    if (count === 0 || at <= since) return count;
    return count * 2 ** (-(at - since) / this.halfLifeMs);
  }
}

/** UTF-16 code-unit order, the same in every process (not locale order). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
