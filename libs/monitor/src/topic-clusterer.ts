import { compareStrings, DocumentFrequency, DocumentFrequencyState } from './document-frequency';
import { grown } from './grown';
import { IndexedMinHeap } from './indexed-min-heap';
import { keepBest } from './keep-best';
import { TokenTable } from './token-table';
import { DAY_MS, HOUR_MS, RECENT_BUCKET_MS, toEpochMs } from './time';

export interface TopicClustererOptions {
  /** Minimum cosine similarity between a message and a cluster centroid to join it; default 0.2. */
  threshold?: number;
  /** A cluster with no message for this long is dropped; default 72 h. */
  windowMs?: number;
  /** Older messages weigh half as much in a centroid after this long; default 24 h. */
  halfLifeMs?: number;
  /**
   * A fixed IDF (e.g. `KeywordExtractor.idfOf`). Without it the clusterer keeps its own
   * document frequencies, fading with `documentFrequencyHalfLifeMs`, in its state.
   */
  idf?: (term: string) => number;
  /**
   * Which tokens are terms (e.g. `KeywordExtractor.isCandidate`: no stop words, punctuation or numbers); by default
   * every non-empty token. Must depend on the token alone: the answer is kept per token.
   */
  isTerm?: (token: string) => boolean;
  /** Default 7 days. */
  documentFrequencyHalfLifeMs?: number;
  /** A message is represented by its heaviest terms only; default 24. */
  maxTermsPerMessage?: number;
  /** Default 100. */
  maxCentroidTerms?: number;
  /** Terms in a cluster's label; default 5. */
  labelSize?: number;
  /** Ids kept per cluster as first messages, and again as most central ones; default 3. */
  sampleSize?: number;
  /** Hourly counts kept per cluster; default 72. */
  hourlyBuckets?: number;
  /** Daily counts kept per cluster; default 30. */
  dailyBuckets?: number;
  /** Ten-minute counts kept per cluster (`RECENT_BUCKET_MS`: a burst's current window); default 6, an hour. */
  recentBuckets?: number;
  /** Days begin at midnight in this offset from UTC; default 480 (Asia/Shanghai). */
  utcOffsetMinutes?: number;
}

type Settings = Required<Omit<TopicClustererOptions, 'idf' | 'isTerm'>>;

export const DEFAULT_TOPIC_CLUSTERER_OPTIONS: Readonly<Settings> = {
  threshold: 0.2,
  windowMs: 72 * HOUR_MS,
  halfLifeMs: 24 * HOUR_MS,
  documentFrequencyHalfLifeMs: 7 * DAY_MS,
  maxTermsPerMessage: 24,
  maxCentroidTerms: 100,
  labelSize: 5,
  sampleSize: 3,
  hourlyBuckets: 72,
  dailyBuckets: 30,
  recentBuckets: 6,
  utcOffsetMinutes: 480,
};

/** Tokens a clusterer keeps ids for before it starts over (a bound on memory, not on results). */
const TOKEN_CACHE_LIMIT = 200_000;

/** What `TopicClusterer.tokenKinds` holds per token id. */
const UNSEEN = 0;
const TERM = 1;
const NOT_TERM = 2;

/** Token ids the per-token arrays hold before they first grow. */
const INITIAL_TOKENS = 1 << 12;

/** Clusters the dense arrays hold before they first grow. */
const INITIAL_CAPACITY = 256;

/** Terms a summary lists with their shares. */
const SUMMARY_TERMS = 10;

/** Sample vectors keep this many terms: enough to rank samples, and it halves the size of the state. */
const CENTRAL_SAMPLE_TERMS = 8;

/** Document frequencies below this (after fading) are forgotten, once per hour of message time. */
const DOCUMENT_FREQUENCY_FLOOR = 0.05;

export interface TopicMessage {
  id: string;
  at: Date | number;
  /** Segmenter output; only the tokens `isTerm` accepts count. */
  tokens: readonly string[];
  channel?: string;
  unitCode?: string;
  /** Sentiment score in [−1, 1], averaged per cluster. */
  sentiment?: number;
  /** A near-duplicate of someone else's earlier message (a post: post), counted per ten minutes as `recentCopies`. */
  copy?: boolean;
  /**
   * A near-duplicate of its sender's own earlier message (催问): a message of the cluster like any other, counted
   * apart as well (`hourlyResends`, `recentResends`), since a burst is judged on how many people write, not letters.
   */
  resent?: boolean;
}

export interface TopicAssignment {
  clusterId: string;
  created: boolean;
  /** Cosine similarity to the centroid the message joined; 1 for a new cluster. */
  similarity: number;
}

export type TermVector = [string, number][];

export interface TopicClusterState {
  id: string;
  seq: number;
  createdAt: number;
  lastAt: number;
  /** When `centroid` and `weight` were last faded. */
  decayedAt: number;
  /** Faded number of messages. */
  weight: number;
  messageCount: number;
  /** Sum of the faded unit vectors of the messages, sorted by term. */
  centroid: TermVector;
  /** `[bucket start, messages]`, ascending. */
  hourly: [number, number][];
  daily: [number, number][];
  /** Per `RECENT_BUCKET_MS`, ascending; absent in states written before there were ten-minute counts. */
  recent?: [number, number][];
  /** The copies among them, likewise. */
  recentCopies?: [number, number][];
  /** The resends among the messages, per hour and per ten minutes; absent in states written before they were. */
  hourlyResends?: [number, number][];
  recentResends?: [number, number][];
  channels: [string, number][];
  unitCodes: [string, number][];
  sentimentSum: number;
  sentimentCount: number;
  firstMessageIds: string[];
  central: { id: string; vector: TermVector }[];
}

export interface TopicClustererState {
  version: 1;
  /** Latest message time seen; windows are measured from it. */
  clock: number | null;
  nextSeq: number;
  documentFrequency: DocumentFrequencyState | null;
  documentFrequencyPrunedAt: number | null;
  clusters: TopicClusterState[];
}

export interface TopicClusterSummary {
  id: string;
  label: string[];
  /** Heaviest centroid terms, weights as shares of the centroid's total. */
  terms: { term: string; weight: number }[];
  messageCount: number;
  weight: number;
  createdAt: number;
  lastAt: number;
  hourly: { start: number; count: number }[];
  daily: { start: number; count: number }[];
  channels: { name: string; count: number }[];
  unitCodes: { code: string; count: number }[];
  /** Mean of the scores given with messages; null when none was. */
  sentimentAverage: number | null;
  /** First messages, then the most central ones not already listed. */
  sampleMessageIds: string[];
}

/**
 * The clusters whose centroid has a term, in parallel arrays (iterated for every term of every message, so no Map
 * entries are allocated). A removal moves the last slot into the gap and tells that cluster where its slot went.
 */
interface Posting {
  readonly term: string;
  /** `Cluster.index` of each cluster. */
  clusters: number[];
  weights: number[];
  /** False once the last cluster left: a cached reference must look the term up again. */
  live: boolean;
}

/**
 * What the burst check reads of a cluster, taken after every message: a summary would sort and copy every list the
 * cluster keeps.
 */
export interface TopicClusterPulse {
  id: string;
  /** The label's terms. */
  label: string[];
  /** The label, then the next heaviest terms, as many as a summary lists. */
  terms: string[];
  /** `[bucket start, messages]`, as the cluster keeps them (read only, not in order). */
  hourly: ReadonlyMap<number, number>;
  /** Likewise, per `RECENT_BUCKET_MS`. */
  recent: ReadonlyMap<number, number>;
  /** The copies among them (`TopicMessage.copy`). */
  recentCopies: ReadonlyMap<number, number>;
  /** The resends among the messages (`TopicMessage.resent`), per hour and per ten minutes. */
  hourlyResends: ReadonlyMap<number, number>;
  recentResends: ReadonlyMap<number, number>;
  sentimentAverage: number | null;
}

/** A central-sample candidate: its id and heaviest terms, in term order, as parallel arrays. */
interface Sample {
  id: string;
  terms: string[];
  keys: number[];
  weights: number[];
}

interface Cluster {
  id: string;
  seq: number;
  createdAt: number;
  lastAt: number;
  /** `weight` and the centroid's weights are the faded values at this time. */
  decayedAt: number;
  weight: number;
  messageCount: number;
  /**
   * The centroid, in parallel arrays in `compareStrings` order of the terms (the order its norm is summed in, in every
   * process): a join merges the message's sorted terms into it, and its weights are contiguous. Weights are as of
   * `decayedAt`; `keys[k]` is `termKey(terms[k])`, `postings[k]` holds the term's posting and `slots[k]` the cluster's
   * place in it.
   */
  terms: string[];
  keys: number[];
  weights: number[];
  postings: Posting[];
  slots: number[];
  norm: number;
  hourly: Map<number, number>;
  daily: Map<number, number>;
  recent: Map<number, number>;
  recentCopies: Map<number, number>;
  hourlyResends: Map<number, number>;
  recentResends: Map<number, number>;
  channels: Map<string, number>;
  unitCodes: Map<string, number>;
  sentimentSum: number;
  sentimentCount: number;
  firstMessageIds: string[];
  central: Sample[];
  /** Where the dense arrays of the clusterer keep this cluster's norm and scores. */
  index: number;
  /** Position in the expiry heap. */
  heapIndex: number;
}

/**
 * Single-pass incremental clustering of messages on TF-IDF vectors: a message joins the most
 * similar live cluster above the threshold, else starts one. Candidates come from an inverted
 * index term → clusters, rebuilt from the centroids when state is loaded. All state is plain
 * data (`toJSON` / `fromJSON`) and every choice is made in a fixed order, so the same messages
 * in the same order give the same JSON, whether or not the state went through JSON in between.
 * The caller adds each message once: the state keeps no list of message ids.
 */
export class TopicClusterer {
  private readonly settings: Settings;
  private readonly fixedIdf: ((term: string) => number) | undefined;
  private readonly isTerm: (token: string) => boolean;
  /**
   * Per token id: whether it is a term, its idf when fixed, and the count and weight of the message being added (with
   * the pass they belong to). One cheap lookup per token instead of one Map lookup to filter it, two to count it and
   * one for its idf: those lookups were most of the time per message.
   */
  private readonly tokens = new TokenTable();
  private tokenKinds = new Uint8Array(INITIAL_TOKENS);
  private tokenIdfs = new Float64Array(INITIAL_TOKENS);
  private tokenPasses = new Int32Array(INITIAL_TOKENS);
  private tokenCounts = new Int32Array(INITIAL_TOKENS);
  private tokenWeights = new Float64Array(INITIAL_TOKENS);
  /** The posting of each token last seen (undefined when it had none): a stale one is no longer `live`. */
  private readonly tokenPostings: (Posting | undefined)[] = new Array<Posting | undefined>(INITIAL_TOKENS).fill(undefined);
  /** Scratch of `countTerms`: the distinct term ids of the message being added. */
  private readonly countedIds: number[] = [];
  /** Token id of each term of the vector being added (in `vectorOf`, heaviest first until it sorts them). */
  private readonly vectorIds: number[] = [];
  private tokenPass = 0;
  /** Scratch of `join`. */
  private readonly addedTerms: number[] = [];
  private frequency: DocumentFrequency | null;
  private readonly clusters = new Map<string, Cluster>();
  /** term → clusters whose centroid has it, with the term's centroid weight (kept equal to `centroid`). */
  private readonly postings = new Map<string, Posting>();
  /** Live clusters, the one whose last message is oldest first. */
  private readonly expiry = new IndexedMinHeap<Cluster>((a, b) => a.lastAt < b.lastAt || (a.lastAt === b.lastAt && a.seq < b.seq));
  /**
   * Per `Cluster.index`: the cluster, its norm, and the scratch of `bestMatch` (dot product, and the pass it belongs
   * to). Scoring a message reads these contiguous arrays rather than hundreds of cluster objects spread over the heap.
   */
  private byIndex: (Cluster | undefined)[] = [];
  private readonly freeIndices: number[] = [];
  private norms = new Float64Array(INITIAL_CAPACITY);
  private dots = new Float64Array(INITIAL_CAPACITY);
  private stamps = new Float64Array(INITIAL_CAPACITY);
  private touched = new Int32Array(INITIAL_CAPACITY);
  private pass = 0;
  private clock: number | null = null;
  private nextSeq = 1;
  private frequencyPrunedAt: number | null = null;

  constructor(options: TopicClustererOptions = {}) {
    const { idf, isTerm, ...rest } = options;
    this.settings = validSettings({ ...DEFAULT_TOPIC_CLUSTERER_OPTIONS, ...withoutUndefined(rest) });
    this.fixedIdf = idf;
    this.isTerm = isTerm ?? (() => true);
    this.frequency = idf === undefined ? new DocumentFrequency(this.settings.documentFrequencyHalfLifeMs) : null;
  }

  static fromJSON(state: TopicClustererState, options: TopicClustererOptions = {}): TopicClusterer {
    checkState(state);
    const clusterer = new TopicClusterer(options);
    if ((state.documentFrequency === null) !== (options.idf !== undefined)) {
      throw new Error(
        options.idf === undefined
          ? 'state has no document frequencies: it was built with a fixed idf, pass the same one'
          : 'state has its own document frequencies: it was built without a fixed idf',
      );
    }
    clusterer.clock = state.clock;
    clusterer.nextSeq = state.nextSeq;
    clusterer.frequencyPrunedAt = state.documentFrequencyPrunedAt;
    if (state.documentFrequency !== null) {
      clusterer.frequency = DocumentFrequency.fromJSON(
        state.documentFrequency,
        clusterer.settings.documentFrequencyHalfLifeMs,
      );
    }
    for (const saved of state.clusters) clusterer.put(saved);
    return clusterer;
  }

  get size(): number {
    return this.clusters.size;
  }

  /**
   * Brings a clusterer up to date with a shared store (one row per cluster): the store's clock and
   * next sequence number, the clusters written since this one last looked, and those gone. Only for
   * a fixed idf: document frequencies of its own would be one more shared blob.
   */
  sync(update: { clock: number | null; nextSeq: number; changed: readonly TopicClusterState[]; removed: readonly string[] }): void {
    if (this.frequency !== null) throw new Error('only a clusterer with a fixed idf can share its state through a store');
    if (!Number.isInteger(update.nextSeq) || update.nextSeq < 1) throw new RangeError(`nextSeq must be a positive integer, got ${update.nextSeq}`);
    for (const id of update.removed) {
      const cluster = this.clusters.get(id);
      if (cluster !== undefined) this.drop(cluster);
    }
    for (const saved of update.changed) this.put(saved);
    if (update.clock !== null && (this.clock === null || update.clock > this.clock)) this.clock = update.clock;
    this.nextSeq = Math.max(this.nextSeq, update.nextSeq);
  }

  /** One cluster as plain data, for a store that keeps a row per cluster. */
  clusterState(id: string): TopicClusterState | undefined {
    const cluster = this.clusters.get(id);
    return cluster === undefined ? undefined : stateOf(cluster);
  }

  get nextSequence(): number {
    return this.nextSeq;
  }

  get currentClock(): number | null {
    return this.clock;
  }

  /** Null when the message has no terms (or only terms with no positive idf). */
  add(message: TopicMessage): TopicAssignment | null {
    const at = toEpochMs(message.at);
    if (message.sentiment !== undefined && !Number.isFinite(message.sentiment)) {
      throw new RangeError(`sentiment of ${message.id} is not a number: ${message.sentiment}`);
    }
    this.expire(at);
    const now = this.clock as number;

    const termCount = this.countTerms(message.tokens);
    if (termCount === 0) return null;
    this.frequency?.observe(
      this.countedIds.slice(0, termCount).map((id) => this.tokens.tokenOf(id)),
      at,
    );
    const vector = this.vectorOf(termCount, at);
    if (vector.length === 0) return null;

    const best = this.bestMatch(vector);
    let cluster: Cluster;
    let created = false;
    let similarity = 1;
    if (best !== null && best.similarity >= this.settings.threshold) {
      cluster = best.cluster;
      similarity = best.similarity;
      this.join(cluster, vector, now);
    } else {
      cluster = this.create(vector, at, now);
      created = true;
    }
    this.count(cluster, message, at, vector);
    return { clusterId: cluster.id, created, similarity };
  }

  /** Drops clusters whose last message is `windowMs` or more before `now` (or before the latest message seen, if later). */
  expire(now: Date | number): void {
    const nowMs = toEpochMs(now, 'now');
    if (this.clock === null || nowMs > this.clock) this.clock = nowMs;
    const cutoff = this.clock - this.settings.windowMs;
    for (let oldest = this.expiry.peek(); oldest !== undefined && oldest.lastAt <= cutoff; oldest = this.expiry.peek()) {
      this.drop(oldest);
    }
    if (this.frequency !== null) {
      const hour = Math.floor(this.clock / HOUR_MS) * HOUR_MS;
      if (this.frequencyPrunedAt === null || hour > this.frequencyPrunedAt) {
        this.frequency.prune(this.clock, DOCUMENT_FREQUENCY_FLOOR);
        this.frequencyPrunedAt = hour;
      }
    }
  }

  /** The IDF a term gets now. */
  idf(term: string): number {
    if (this.fixedIdf !== undefined) return this.fixedIdf(term);
    return (this.frequency as DocumentFrequency).idf(term, this.clock ?? 0);
  }

  summary(id: string): TopicClusterSummary | undefined {
    const cluster = this.clusters.get(id);
    return cluster === undefined ? undefined : this.summarize(cluster);
  }

  pulse(id: string): TopicClusterPulse | undefined {
    const cluster = this.clusters.get(id);
    if (cluster === undefined) return undefined;
    const { labelSize } = this.settings;
    const terms = heaviestPlaces(cluster, Math.max(labelSize, SUMMARY_TERMS)).map((k) => cluster.terms[k]);
    return {
      id,
      label: terms.slice(0, labelSize),
      terms,
      hourly: cluster.hourly,
      recent: cluster.recent,
      recentCopies: cluster.recentCopies,
      hourlyResends: cluster.hourlyResends,
      recentResends: cluster.recentResends,
      sentimentAverage: sentimentAverageOf(cluster),
    };
  }

  /** Live clusters, oldest first. */
  summaries(): TopicClusterSummary[] {
    return this.sortedClusters().map((cluster) => this.summarize(cluster));
  }

  toJSON(): TopicClustererState {
    return {
      version: 1,
      clock: this.clock,
      nextSeq: this.nextSeq,
      documentFrequency: this.frequency?.toJSON() ?? null,
      documentFrequencyPrunedAt: this.frequencyPrunedAt,
      clusters: this.sortedClusters().map(stateOf),
    };
  }

  /**
   * The distinct terms of a message: how many, their ids in `countedIds` (whose length is left as it is: setting it to
   * 0 gives its storage back) and each one's count in `tokenCounts`.
   */
  private countTerms(tokens: readonly string[]): number {
    // Cleared between messages only: an id must not be reused while a message's counts are under it.
    if (this.tokens.size >= TOKEN_CACHE_LIMIT) {
      this.tokens.clear();
      this.tokenKinds.fill(UNSEEN);
      this.tokenPostings.fill(undefined);
    }
    this.tokenPass += 1;
    const pass = this.tokenPass;
    const counted = this.countedIds;
    let distinct = 0;
    for (const token of tokens) {
      const id = this.tokens.idOf(token);
      if (id >= this.tokenKinds.length) this.growTokenArrays();
      let kind = this.tokenKinds[id];
      if (kind === UNSEEN) {
        kind = token !== '' && this.isTerm(token) ? TERM : NOT_TERM;
        this.tokenKinds[id] = kind;
        if (kind === TERM && this.fixedIdf !== undefined) this.tokenIdfs[id] = this.fixedIdf(token);
      }
      if (kind !== TERM) continue;
      if (this.tokenPasses[id] !== pass) {
        this.tokenPasses[id] = pass;
        this.tokenCounts[id] = 0;
        counted[distinct++] = id;
      }
      this.tokenCounts[id] += 1;
    }
    return distinct;
  }

  private growTokenArrays(): void {
    const capacity = this.tokenKinds.length * 2;
    this.tokenKinds = grown(this.tokenKinds, capacity);
    this.tokenIdfs = grown(this.tokenIdfs, capacity);
    this.tokenPasses = grown(this.tokenPasses, capacity);
    this.tokenCounts = grown(this.tokenCounts, capacity);
    this.tokenWeights = grown(this.tokenWeights, capacity);
    while (this.tokenPostings.length < capacity) this.tokenPostings.push(undefined);
  }

  /** Unit-length vector of the heaviest of the message's `termCount` terms by (1 + ln tf) × idf, sorted by term. */
  private vectorOf(termCount: number, at: number): TermVector {
    const { tokens, tokenWeights: weights } = this;
    const max = this.settings.maxTermsPerMessage;
    // The heaviest `max` ids, heaviest first (equal weights in term order), kept as they come rather than by sorting
    // them all: a message has a few times more terms than it keeps.
    const kept = this.vectorIds;
    kept.length = 0;
    const heavier = (a: number, b: number) => weights[a] > weights[b] || (weights[a] === weights[b] && compareStrings(tokens.tokenOf(a), tokens.tokenOf(b)) < 0);
    const counted = this.countedIds;
    for (let c = 0; c < termCount; c += 1) {
      const id = counted[c];
      const idf = this.fixedIdf !== undefined ? this.tokenIdfs[id] : (this.frequency as DocumentFrequency).idf(tokens.tokenOf(id), at);
      const weight = (1 + Math.log(this.tokenCounts[id])) * idf;
      weights[id] = weight;
      if (weight > 0 && Number.isFinite(weight)) keepBest(kept, max, id, heavier);
    }
    // Summed heaviest first, as it always was: the norm is the same to the last bit.
    let squares = 0;
    for (const id of kept) squares += weights[id] * weights[id];
    const norm = Math.sqrt(squares);
    kept.sort((a, b) => compareStrings(tokens.tokenOf(a), tokens.tokenOf(b)));
    return kept.map((id): [string, number] => [tokens.tokenOf(id), weights[id] / norm]);
  }

  /** The posting of term `v` of the vector being added, if any cluster has the term, without a Map lookup mostly. */
  private postingOfVectorTerm(v: number, term: string): Posting | undefined {
    const id = this.vectorIds[v];
    let posting = this.tokenPostings[id];
    if (posting === undefined || !posting.live) {
      posting = this.postings.get(term);
      this.tokenPostings[id] = posting;
    }
    return posting;
  }

  /**
   * The most similar cluster sharing a term with the vector (of equally similar ones the older), with the dot products
   * summed in the vector's term order as `cosine` does.
   */
  private bestMatch(vector: TermVector): { cluster: Cluster; similarity: number } | null {
    this.pass += 1;
    const { pass, stamps, dots, touched, norms } = this;
    let count = 0;
    for (let v = 0; v < vector.length; v += 1) {
      const [term, weight] = vector[v];
      const posting = this.postingOfVectorTerm(v, term);
      if (posting === undefined) continue;
      const { clusters, weights } = posting;
      for (let i = 0; i < clusters.length; i += 1) {
        const index = clusters[i];
        if (stamps[index] !== pass) {
          stamps[index] = pass;
          dots[index] = 0;
          touched[count++] = index;
        }
        dots[index] += weight * weights[i];
      }
    }
    let best: Cluster | null = null;
    let bestSimilarity = -1;
    for (let i = 0; i < count; i += 1) {
      const index = touched[i];
      const similarity = dots[index] / norms[index];
      if (similarity > bestSimilarity) {
        best = this.byIndex[index] as Cluster;
        bestSimilarity = similarity;
      } else if (similarity === bestSimilarity && (this.byIndex[index] as Cluster).seq < (best as Cluster).seq) {
        best = this.byIndex[index] as Cluster;
      }
    }
    return best === null ? null : { cluster: best, similarity: bestSimilarity };
  }

  /** Gives a new cluster its index in the dense arrays (growing them when full) and its place in the expiry heap. */
  private register(cluster: Cluster): void {
    const index = this.freeIndices.pop() ?? this.byIndex.length;
    if (index >= this.norms.length) {
      const capacity = this.norms.length * 2;
      this.norms = grown(this.norms, capacity);
      // The others are scratch of one `bestMatch` (a stamp of 0 is no pass's), so they start afresh.
      this.dots = new Float64Array(capacity);
      this.stamps = new Float64Array(capacity);
      this.touched = new Int32Array(capacity);
    }
    cluster.index = index;
    this.byIndex[index] = cluster;
    this.norms[index] = cluster.norm;
    this.stamps[index] = 0;
    this.clusters.set(cluster.id, cluster);
    this.expiry.push(cluster);
  }

  private create(vector: TermVector, at: number, now: number): Cluster {
    const seq = this.nextSeq;
    this.nextSeq += 1;
    const cluster: Cluster = {
      id: `topic-${seq}`,
      seq,
      createdAt: at,
      lastAt: at,
      decayedAt: now,
      weight: 1,
      messageCount: 0,
      terms: [],
      keys: [],
      weights: [],
      postings: [],
      slots: [],
      norm: 1,
      hourly: new Map(),
      daily: new Map(),
      recent: new Map(),
      recentCopies: new Map(),
      hourlyResends: new Map(),
      recentResends: new Map(),
      channels: new Map(),
      unitCodes: new Map(),
      sentimentSum: 0,
      sentimentCount: 0,
      firstMessageIds: [],
      central: [],
      index: -1,
      heapIndex: -1,
    };
    this.register(cluster);
    // The vector is in term order already.
    for (const [term, weight] of vector) this.append(cluster, term, weight);
    return cluster;
  }

  /**
   * Adds a message's unit vector to a centroid. Fading is lazy: rather than scaling every centroid weight down by
   * 2^(−Δt / half-life), the new vector is scaled up by 2^(Δt / half-life) since `decayedAt`. Cosines do not change
   * with the centroid's scale, so only a join touches the centroid, and only the message's terms. Once a whole
   * half-life has passed the weights are halved that many times (exact in floating point) and `decayedAt` moves on,
   * so they stay within one half-life of their true value and never overflow.
   */
  private join(cluster: Cluster, vector: TermVector, now: number): void {
    const { halfLifeMs, maxCentroidTerms } = this.settings;
    const halvings = Math.floor((now - cluster.decayedAt) / halfLifeMs);
    if (halvings >= 1) this.rebase(cluster, halvings);
    const growth = now > cluster.decayedAt ? 2 ** ((now - cluster.decayedAt) / halfLifeMs) : 1;
    cluster.weight += growth;
    // Both are in term order: one merge finds each term's place, without a lookup per term.
    const { terms, keys, weights, postings, slots } = cluster;
    // Pairs from the start of a scratch array whose length stays (set to 0, it would give its storage back).
    const added = this.addedTerms;
    let pairs = 0;
    let k = 0;
    for (let v = 0; v < vector.length; v += 1) {
      const [term, weight] = vector[v];
      const key = termKey(term);
      while (k < terms.length && sortsBefore(keys[k], terms[k], key, term)) k += 1;
      if (k < terms.length && terms[k] === term) {
        weights[k] += weight * growth;
        postings[k].weights[slots[k]] = weights[k];
      } else {
        added[2 * pairs] = k;
        added[2 * pairs + 1] = v;
        pairs += 1;
      }
    }
    if (pairs > 0) this.insertTerms(cluster, vector, added, pairs, growth);
    if (terms.length > maxCentroidTerms) this.prune(cluster, terms.length - maxCentroidTerms);
    this.setNorm(cluster);
  }

  /**
   * Inserts the vector's terms new to the centroid, `added` holding pairs (place in the centroid before the insertion,
   * index in the vector), in term order: one backward pass moves each old term at most once.
   */
  private insertTerms(cluster: Cluster, vector: TermVector, added: readonly number[], count: number, growth: number): void {
    let read = cluster.terms.length - 1;
    for (let q = 0; q < count; q += 1) appendCentroidPlace(cluster, cluster.postings[0]);
    let write = cluster.terms.length - 1;
    for (let q = count - 1; q >= 0; q -= 1) {
      for (const at = added[2 * q]; read >= at; read -= 1, write -= 1) moveCentroidTerm(cluster, read, write);
      const v = added[2 * q + 1];
      const [term, weight] = vector[v];
      this.place(cluster, write, term, weight * growth, this.postingOfVectorTerm(v, term));
      write -= 1;
    }
  }

  /**
   * Drops the `excess` lightest terms of a centroid: those a sort heaviest first (ties in term order) would put after
   * `maxCentroidTerms`, found in one pass since a join adds only a few.
   */
  private prune(cluster: Cluster, excess: number): void {
    const { terms, keys, weights } = cluster;
    const ranksBefore = (i: number, j: number) =>
      weights[i] > weights[j] || (weights[i] === weights[j] && sortsBefore(keys[i], terms[i], keys[j], terms[j]));
    // The positions to drop, in rank order: `lightest[0]` is the one closest to being kept.
    const lightest: number[] = [];
    for (let k = 0; k < terms.length; k += 1) {
      if (lightest.length === excess) {
        if (!ranksBefore(lightest[0], k)) continue;
        lightest.shift();
      }
      let at = lightest.length;
      while (at > 0 && ranksBefore(k, lightest[at - 1])) at -= 1;
      lightest.splice(at, 0, k);
    }
    lightest.sort((a, b) => a - b);
    for (const k of lightest) this.unpost(cluster, k);
    let kept = 0;
    let next = 0;
    for (let k = 0; k < terms.length; k += 1) {
      if (next < lightest.length && lightest[next] === k) {
        next += 1;
        continue;
      }
      moveCentroidTerm(cluster, k, kept);
      kept += 1;
    }
    truncateCentroid(cluster, kept);
  }

  private rebase(cluster: Cluster, halvings: number): void {
    const scale = 2 ** -halvings;
    const { weights, postings, slots } = cluster;
    for (let k = 0; k < weights.length; k += 1) {
      weights[k] *= scale;
      postings[k].weights[slots[k]] = weights[k];
    }
    cluster.weight *= scale;
    cluster.decayedAt += halvings * this.settings.halfLifeMs;
  }

  private count(cluster: Cluster, message: TopicMessage, at: number, vector: TermVector): void {
    const { sampleSize, utcOffsetMinutes } = this.settings;
    cluster.messageCount += 1;
    if (at > cluster.lastAt) {
      cluster.lastAt = at;
      this.expiry.update(cluster);
    }
    const offset = utcOffsetMinutes * 60_000;
    const hourBucket = bucketStart(at, HOUR_MS, offset);
    increment(cluster.hourly, hourBucket);
    increment(cluster.daily, bucketStart(at, DAY_MS, offset));
    const recentBucket = bucketStart(at, RECENT_BUCKET_MS, offset);
    increment(cluster.recent, recentBucket);
    if (message.copy === true) increment(cluster.recentCopies, recentBucket);
    if (message.resent === true) {
      increment(cluster.hourlyResends, hourBucket);
      increment(cluster.recentResends, recentBucket);
    }
    const [firstHour, firstDay, firstRecent] = this.firstBuckets();
    dropBefore(cluster.hourly, firstHour);
    dropBefore(cluster.daily, firstDay);
    dropBefore(cluster.recent, firstRecent);
    dropBefore(cluster.recentCopies, firstRecent);
    dropBefore(cluster.hourlyResends, firstHour);
    dropBefore(cluster.recentResends, firstRecent);
    if (message.channel !== undefined) increment(cluster.channels, message.channel);
    if (message.unitCode !== undefined) increment(cluster.unitCodes, message.unitCode);
    if (message.sentiment !== undefined) {
      cluster.sentimentSum += message.sentiment;
      cluster.sentimentCount += 1;
    }
    if (cluster.firstMessageIds.length < sampleSize) cluster.firstMessageIds.push(message.id);
    // Twice as many candidates as shown, so that a message not central when it came can become so.
    const sample = sampleOf(message.id, heaviest(vector, CENTRAL_SAMPLE_TERMS));
    cluster.central = mostCentral(cluster, sample, 2 * sampleSize);
  }

  private summarize(cluster: Cluster): TopicClusterSummary {
    const ranked = heaviestPlaces(cluster, Math.max(this.settings.labelSize, SUMMARY_TERMS)).map((k): [string, number] => [
      cluster.terms[k],
      cluster.weights[k],
    ]);
    let total = 0;
    for (const weight of cluster.weights) total += weight;
    const [firstHour, firstDay] = this.firstBuckets();
    const samples = [...cluster.firstMessageIds];
    // `count` leaves the candidates ranked against the centroid, which only changes when `count` runs next.
    for (const { id } of cluster.central.slice(0, this.settings.sampleSize)) {
      if (!samples.includes(id)) samples.push(id);
    }
    return {
      id: cluster.id,
      label: ranked.slice(0, this.settings.labelSize).map(([term]) => term),
      terms: ranked.slice(0, SUMMARY_TERMS).map(([term, weight]) => ({ term, weight: weight / total })),
      messageCount: cluster.messageCount,
      weight: this.fadedWeight(cluster),
      createdAt: cluster.createdAt,
      lastAt: cluster.lastAt,
      hourly: bucketList(cluster.hourly, firstHour),
      daily: bucketList(cluster.daily, firstDay),
      channels: sortedByWeight(cluster.channels).map(([name, count]) => ({ name, count })),
      unitCodes: sortedByWeight(cluster.unitCodes).map(([code, count]) => ({ code, count })),
      sentimentAverage: sentimentAverageOf(cluster),
      sampleMessageIds: samples,
    };
  }

  /** Adds or replaces a cluster from its plain-data form. */
  private put(saved: TopicClusterState): void {
    if (typeof saved.id !== 'string' || !Array.isArray(saved.centroid)) {
      throw new Error(`topic clusterer state has a malformed cluster ${JSON.stringify(saved.id)}`);
    }
    const known = this.clusters.get(saved.id);
    if (known !== undefined) this.drop(known);
    const cluster: Cluster = {
      id: saved.id,
      seq: saved.seq,
      createdAt: saved.createdAt,
      lastAt: saved.lastAt,
      decayedAt: saved.decayedAt,
      weight: saved.weight,
      messageCount: saved.messageCount,
      terms: [],
      keys: [],
      weights: [],
      postings: [],
      slots: [],
      norm: 1,
      hourly: new Map(saved.hourly),
      daily: new Map(saved.daily),
      recent: new Map(saved.recent ?? []),
      recentCopies: new Map(saved.recentCopies ?? []),
      hourlyResends: new Map(saved.hourlyResends ?? []),
      recentResends: new Map(saved.recentResends ?? []),
      channels: new Map(saved.channels),
      unitCodes: new Map(saved.unitCodes),
      sentimentSum: saved.sentimentSum,
      sentimentCount: saved.sentimentCount,
      firstMessageIds: [...saved.firstMessageIds],
      central: saved.central.map(({ id, vector }) => sampleOf(id, vector)),
      index: -1,
      heapIndex: -1,
    };
    this.register(cluster);
    for (const [term, weight] of [...saved.centroid].sort((a, b) => compareStrings(a[0], b[0]))) this.append(cluster, term, weight);
    this.setNorm(cluster);
  }

  private drop(cluster: Cluster): void {
    this.clusters.delete(cluster.id);
    this.expiry.remove(cluster);
    for (let k = 0; k < cluster.terms.length; k += 1) this.unpost(cluster, k);
    this.byIndex[cluster.index] = undefined;
    this.freeIndices.push(cluster.index);
  }

  private setNorm(cluster: Cluster): void {
    cluster.norm = normOf(cluster);
    this.norms[cluster.index] = cluster.norm;
  }

  /** Appends a term that sorts after every term of the centroid. */
  private append(cluster: Cluster, term: string, weight: number): void {
    const posting = this.postingOf(term);
    appendCentroidPlace(cluster, posting);
    this.place(cluster, cluster.terms.length - 1, term, weight, posting);
  }

  /** Puts a term new to the centroid at place `k` of its arrays and into the term's posting. */
  private place(cluster: Cluster, k: number, term: string, weight: number, posting = this.postingOf(term)): void {
    cluster.terms[k] = term;
    cluster.keys[k] = termKey(term);
    cluster.weights[k] = weight;
    cluster.postings[k] = posting;
    cluster.slots[k] = posting.clusters.length;
    posting.clusters.push(cluster.index);
    posting.weights.push(weight);
  }

  private postingOf(term: string): Posting {
    let posting = this.postings.get(term);
    if (posting === undefined) {
      posting = { term, clusters: [], weights: [], live: true };
      this.postings.set(term, posting);
    }
    return posting;
  }

  /**
   * Takes term `k` of a centroid out of its posting (the centroid's arrays are the caller's), moving the posting's
   * last slot into the gap.
   */
  private unpost(cluster: Cluster, k: number): void {
    const posting = cluster.postings[k];
    const slot = cluster.slots[k];
    const last = posting.clusters.length - 1;
    if (slot !== last) {
      const movedIndex = posting.clusters[last];
      posting.clusters[slot] = movedIndex;
      posting.weights[slot] = posting.weights[last];
      const moved = this.byIndex[movedIndex] as Cluster;
      moved.slots[placeOf(moved.terms, moved.keys, posting.term, termKey(posting.term), 0)] = slot;
    }
    posting.clusters.pop();
    posting.weights.pop();
    if (last === 0) {
      this.postings.delete(posting.term);
      posting.live = false;
    }
  }

  /** `weight` faded to the current clock. */
  private fadedWeight(cluster: Cluster): number {
    const clock = this.clock ?? cluster.decayedAt;
    return clock > cluster.decayedAt ? cluster.weight * 2 ** (-(clock - cluster.decayedAt) / this.settings.halfLifeMs) : cluster.weight;
  }

  /** Start of the oldest hourly, daily and ten-minute bucket still kept at the current clock. */
  private firstBuckets(): [number, number, number] {
    const { hourlyBuckets, dailyBuckets, recentBuckets, utcOffsetMinutes } = this.settings;
    const offset = utcOffsetMinutes * 60_000;
    const clock = this.clock ?? 0;
    return [
      bucketStart(clock, HOUR_MS, offset) - (hourlyBuckets - 1) * HOUR_MS,
      bucketStart(clock, DAY_MS, offset) - (dailyBuckets - 1) * DAY_MS,
      bucketStart(clock, RECENT_BUCKET_MS, offset) - (recentBuckets - 1) * RECENT_BUCKET_MS,
    ];
  }

  private sortedClusters(): Cluster[] {
    return [...this.clusters.values()].sort((a, b) => a.seq - b.seq);
  }
}

/**
 * The centroid's parallel arrays, changed together by these three only: one more place at the end (to be filled by
 * `place`, `posting` only holding the place), a term moved to another place, and all places from `length` on dropped.
 */
function appendCentroidPlace(cluster: Cluster, posting: Posting): void {
  cluster.terms.push('');
  cluster.keys.push(0);
  cluster.weights.push(0);
  cluster.postings.push(posting);
  cluster.slots.push(0);
}

function moveCentroidTerm(cluster: Cluster, from: number, to: number): void {
  cluster.terms[to] = cluster.terms[from];
  cluster.keys[to] = cluster.keys[from];
  cluster.weights[to] = cluster.weights[from];
  cluster.postings[to] = cluster.postings[from];
  cluster.slots[to] = cluster.slots[from];
}

function truncateCentroid(cluster: Cluster, length: number): void {
  cluster.terms.length = length;
  cluster.keys.length = length;
  cluster.weights.length = length;
  cluster.postings.length = length;
  cluster.slots.length = length;
}

function sampleOf(id: string, vector: TermVector): Sample {
  return { id, terms: vector.map(([term]) => term), keys: vector.map(([term]) => termKey(term)), weights: vector.map(([, weight]) => weight) };
}

function stateOf(c: Cluster): TopicClusterState {
  return {
    id: c.id,
    seq: c.seq,
    createdAt: c.createdAt,
    lastAt: c.lastAt,
    decayedAt: c.decayedAt,
    weight: c.weight,
    messageCount: c.messageCount,
    centroid: c.terms.map((term, k): [string, number] => [term, c.weights[k]]),
    hourly: byStart(c.hourly),
    daily: byStart(c.daily),
    recent: byStart(c.recent),
    recentCopies: byStart(c.recentCopies),
    hourlyResends: byStart(c.hourlyResends),
    recentResends: byStart(c.recentResends),
    channels: sortedEntries(c.channels),
    unitCodes: sortedEntries(c.unitCodes),
    sentimentSum: c.sentimentSum,
    sentimentCount: c.sentimentCount,
    firstMessageIds: [...c.firstMessageIds],
    central: c.central.map((sample) => ({ id: sample.id, vector: sample.terms.map((term, i): [string, number] => [term, sample.weights[i]]) })),
  };
}

/** Cosine of a sample with a cluster's centroid, summed in the sample's (term) order. */
function cosine(sample: Sample, cluster: Cluster): number {
  if (cluster.norm === 0) return 0;
  const { terms, keys, weights } = cluster;
  let dot = 0;
  let from = 0;
  for (let i = 0; i < sample.terms.length; i += 1) {
    const term = sample.terms[i];
    const key = sample.keys[i];
    // A sample in term order (as they all are but a hand-made state's) searches on from the last place.
    if (i > 0 && !sortsBefore(sample.keys[i - 1], sample.terms[i - 1], key, term)) from = 0;
    const k = placeOf(terms, keys, term, key, from);
    dot += sample.weights[i] * (k < terms.length && terms[k] === term ? weights[k] : 0);
    from = k;
  }
  return dot / cluster.norm;
}

/**
 * The first 32 bits or so of a term's code-unit order as a number: its first code unit, then its second plus one
 * (0 when it has none, so that a prefix sorts first). Comparing keys settles most comparisons of two terms without
 * reading either string, which is a cache miss for a term kept in a centroid.
 */
export function termKey(term: string): number {
  if (term.length === 0) return -1;
  return term.charCodeAt(0) * 65_537 + (term.length > 1 ? term.charCodeAt(1) + 1 : 0);
}

/** `a < b` (code-unit order) for two terms with their keys. */
function sortsBefore(keyA: number, a: string, keyB: number, b: string): boolean {
  return keyA < keyB || (keyA === keyB && a < b);
}

/** The first place at or after `from` whose term does not sort before `term`, in lists in term order. */
function placeOf(terms: readonly string[], keys: readonly number[], term: string, key: number, from: number): number {
  let low = from;
  let high = terms.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sortsBefore(keys[middle], terms[middle], key, term)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The `count` samples closest to the cluster's current centroid, of its candidates and then `added`; ties keep that order. */
function mostCentral(cluster: Cluster, added: Sample, count: number): Sample[] {
  const { central } = cluster;
  const scores = central.map((sample) => cosine(sample, cluster));
  scores.push(cosine(added, cluster));
  const top: number[] = [];
  const closer = (a: number, b: number) => scores[a] > scores[b];
  for (let i = 0; i < scores.length; i += 1) keepBest(top, count, i, closer);
  return top.map((i) => (i < central.length ? central[i] : added));
}

/** The `count` heaviest entries of a vector, still in term order (of equal weights the earlier term). */
function heaviest(vector: TermVector, count: number): TermVector {
  if (vector.length <= count) return vector;
  // Places in the vector, heaviest first; the vector is in term order, so an equal weight coming later stays after.
  const top: number[] = [];
  const heavier = (a: number, b: number) => vector[a][1] > vector[b][1];
  for (let i = 0; i < vector.length; i += 1) keepBest(top, count, i, heavier);
  return top.sort((a, b) => a - b).map((i) => vector[i]);
}

function sentimentAverageOf(cluster: Cluster): number | null {
  return cluster.sentimentCount === 0 ? null : cluster.sentimentSum / cluster.sentimentCount;
}

function normOf(cluster: Cluster): number {
  let squares = 0;
  for (const weight of cluster.weights) squares += weight * weight;
  return Math.sqrt(squares);
}

/** The places of the `count` heaviest centroid terms, heaviest first (ties in term order: places come in that order). */
function heaviestPlaces(cluster: Cluster, count: number): number[] {
  const { weights } = cluster;
  const top: number[] = [];
  const heavier = (a: number, b: number) => weights[a] > weights[b];
  for (let k = 0; k < weights.length; k += 1) keepBest(top, count, k, heavier);
  return top;
}

function sortedEntries<V>(map: ReadonlyMap<string, V>): [string, V][] {
  return [...map].sort((a, b) => compareStrings(a[0], b[0]));
}

function sortedByWeight(map: ReadonlyMap<string, number>): [string, number][] {
  return [...map].sort((a, b) => b[1] - a[1] || compareStrings(a[0], b[0]));
}


function increment<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Start of the hour or day holding `at`, in a zone `offset` ms east of UTC. */
export function bucketStart(at: number, size: number, offset: number): number {
  return Math.floor((at + offset) / size) * size - offset;
}

function byStart(buckets: ReadonlyMap<number, number>): [number, number][] {
  return [...buckets].sort((a, b) => a[0] - b[0]);
}

function dropBefore(buckets: Map<number, number>, first: number): void {
  for (const start of buckets.keys()) if (start < first) buckets.delete(start);
}

function bucketList(buckets: ReadonlyMap<number, number>, first: number): { start: number; count: number }[] {
  return [...buckets]
    .filter(([start]) => start >= first)
    .sort((a, b) => a[0] - b[0])
    .map(([start, count]) => ({ start, count }));
}

function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function validSettings(rest: Settings): Settings {
  if (!(rest.threshold > 0 && rest.threshold <= 1)) throw new RangeError(`threshold must be in (0, 1], got ${rest.threshold}`);
  for (const name of ['windowMs', 'halfLifeMs', 'documentFrequencyHalfLifeMs'] as const) {
    if (!(rest[name] > 0)) throw new RangeError(`${name} must be positive, got ${rest[name]}`);
  }
  for (const name of ['maxTermsPerMessage', 'maxCentroidTerms', 'labelSize', 'sampleSize', 'hourlyBuckets', 'dailyBuckets', 'recentBuckets'] as const) {
    if (!Number.isInteger(rest[name]) || rest[name] < 1) {
      throw new RangeError(`${name} must be a positive integer, got ${rest[name]}`);
    }
  }
  if (!Number.isInteger(rest.utcOffsetMinutes)) throw new RangeError(`utcOffsetMinutes must be an integer`);
  return rest;
}

function checkState(state: TopicClustererState): void {
  if (state === null || typeof state !== 'object' || state.version !== 1) {
    throw new Error(`not a topic clusterer state of version 1: ${JSON.stringify((state as { version?: unknown })?.version)}`);
  }
  if (!Array.isArray(state.clusters) || !Number.isInteger(state.nextSeq)) {
    throw new Error('topic clusterer state without clusters or nextSeq');
  }
  for (const cluster of state.clusters) {
    if (typeof cluster.id !== 'string' || !Array.isArray(cluster.centroid) || cluster.seq >= state.nextSeq) {
      throw new Error(`topic clusterer state has a malformed cluster ${JSON.stringify(cluster.id)}`);
    }
  }
}
