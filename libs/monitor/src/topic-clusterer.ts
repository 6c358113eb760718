import { IndexedMinHeap } from './indexed-min-heap';
import { ClusterCore, CoreBuffers, monitorNative } from './native-core';
import { DAY_MS, HOUR_MS, RECENT_BUCKET_MS, toEpochMs } from './time';

export interface TopicClustererOptions {
  /** Minimum cosine similarity between a message and a cluster centroid to join it; default 0.2. */
  threshold?: number;
  /** A cluster with no message for this long is dropped; default 72 h. */
  windowMs?: number;
  /** Older messages weigh half as much in a centroid after this long; default 24 h. */
  halfLifeMs?: number;
  /** The IDF of a term (e.g. `KeywordExtractor.idfOf`); it must depend on the term alone: it is asked once per token. */
  idf: (term: string) => number;
  /**
   * Which tokens are terms (e.g. `KeywordExtractor.isCandidate`: no stop words, punctuation or numbers); by default
   * every non-empty token. Must depend on the token alone: the answer is kept per token.
   */
  isTerm?: (token: string) => boolean;
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
  maxTermsPerMessage: 24,
  maxCentroidTerms: 100,
  labelSize: 5,
  sampleSize: 3,
  hourlyBuckets: 72,
  dailyBuckets: 30,
  recentBuckets: 6,
  utcOffsetMinutes: 480,
};

/** Tokens the native core keeps ids for before it forgets those no centroid or sample holds (a bound on memory). */
const TOKEN_CACHE_LIMIT = 200_000;

/** `Math.log` of the counts a message's term is likely to have, computed here: C's `log` need not round as V8's does. */
const LOG_TABLE_SIZE = 4096;

/** Terms a summary lists with their shares. */
const SUMMARY_TERMS = 10;

/** Sample vectors keep this many terms: enough to rank samples, and it halves the size of the state. */
const CENTRAL_SAMPLE_TERMS = 8;

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

/**
 * What the clusterer keeps of a cluster beside its centroid, which the native core holds under `index` (its terms,
 * weights and norm, its places in the inverted index, and the vectors of its central samples).
 */
interface Cluster {
  id: string;
  seq: number;
  createdAt: number;
  lastAt: number;
  /** `weight` and the centroid's weights are the faded values at this time. */
  decayedAt: number;
  weight: number;
  messageCount: number;
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
  /** Message ids of the central-sample candidates, most central first, in the order the core keeps their vectors. */
  centralIds: string[];
  /** The first ten-minute bucket kept when the buckets were last pruned (null: not since the cluster was made or read). */
  prunedFor: number | null;
  /** The cluster's index in the native core. */
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
 *
 * The vectors, centroids, inverted index and samples live in the native core (`native-core.ts`): the same
 * arithmetic in the same order as in JavaScript, at a fraction of the cost per message.
 */
export class TopicClusterer {
  private readonly settings: Settings;
  private readonly idfOf: (term: string) => number;
  private readonly isTerm: (token: string) => boolean;
  private readonly core: ClusterCore;
  /** The text of each token id the core gave out (an id freed and given again is written again). */
  private readonly tokenTexts: string[] = [];
  private readonly buffers: CoreBuffers;
  private readonly clusters = new Map<string, Cluster>();
  /** Live clusters, the one whose last message is oldest first. */
  private readonly expiry = new IndexedMinHeap<Cluster>((a, b) => a.lastAt < b.lastAt || (a.lastAt === b.lastAt && a.seq < b.seq));
  /** Per core index. */
  private readonly byIndex: (Cluster | undefined)[] = [];
  private clock: number | null = null;
  private nextSeq = 1;

  constructor(options: TopicClustererOptions) {
    const { idf, isTerm, ...rest } = options;
    if (typeof idf !== 'function') throw new TypeError('a topic clusterer needs the idf of its terms');
    this.settings = validSettings({ ...DEFAULT_TOPIC_CLUSTERER_OPTIONS, ...withoutUndefined(rest) });
    this.idfOf = idf;
    this.isTerm = isTerm ?? (() => true);
    const logs = new Float64Array(LOG_TABLE_SIZE);
    for (let n = 1; n < LOG_TABLE_SIZE; n += 1) logs[n] = Math.log(n);
    const Core = monitorNative().ClusterCore;
    this.core = new Core(
      {
        maxTermsPerMessage: this.settings.maxTermsPerMessage,
        maxCentroidTerms: this.settings.maxCentroidTerms,
        // Twice as many candidates as shown, so that a message not central when it came can become so.
        centralSamples: 2 * this.settings.sampleSize,
        sampleTerms: CENTRAL_SAMPLE_TERMS,
        tokenLimit: TOKEN_CACHE_LIMIT,
      },
      logs,
      (token, id) => {
        this.tokenTexts[id] = token;
        return token !== '' && this.isTerm(token) ? this.idfOf(token) : NaN;
      },
      Math.log,
    );
    this.buffers = new CoreBuffers(this.core, Math.max(1024, this.settings.maxCentroidTerms, 2 * this.settings.sampleSize, SUMMARY_TERMS, this.settings.labelSize));
  }

  static fromJSON(state: TopicClustererState, options: TopicClustererOptions): TopicClusterer {
    checkState(state);
    const clusterer = new TopicClusterer(options);
    clusterer.clock = state.clock;
    clusterer.nextSeq = state.nextSeq;
    for (const saved of state.clusters) clusterer.put(saved);
    return clusterer;
  }

  get size(): number {
    return this.clusters.size;
  }

  /**
   * Brings a clusterer up to date with a shared store (one row per cluster): the store's clock and
   * next sequence number, the clusters written since this one last looked, and those gone.
   */
  sync(update: { clock: number | null; nextSeq: number; changed: readonly TopicClusterState[]; removed: readonly string[] }): void {
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
    return cluster === undefined ? undefined : this.stateOf(cluster);
  }

  get nextSequence(): number {
    return this.nextSeq;
  }

  get currentClock(): number | null {
    return this.clock;
  }

  /** Bytes the native core holds (outside the JavaScript heap). */
  get nativeBytes(): number {
    return this.core.bytes();
  }

  /** Null when the message has no terms (or only terms with no positive idf). */
  add(message: TopicMessage): TopicAssignment | null {
    const at = toEpochMs(message.at);
    if (message.sentiment !== undefined && !Number.isFinite(message.sentiment)) {
      throw new RangeError(`sentiment of ${message.id} is not a number: ${message.sentiment}`);
    }
    this.expire(at);
    const now = this.clock as number;

    const units = this.buffers.writeTokens(message.tokens, 0);
    if (this.core.match(units, message.tokens.length) === 0) return null;
    const bestIndex = this.buffers.ints[0];
    const bestSimilarity = this.buffers.numbers[0];
    let cluster: Cluster;
    let created = false;
    let similarity = 1;
    if (bestIndex !== -1 && bestSimilarity >= this.settings.threshold) {
      cluster = this.byIndex[bestIndex] as Cluster;
      similarity = bestSimilarity;
      this.join(cluster, message.id, now);
    } else {
      cluster = this.create(message.id, at, now);
      created = true;
    }
    this.count(cluster, message, at);
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
  }

  /** The IDF a term gets. */
  idf(term: string): number {
    return this.idfOf(term);
  }

  summary(id: string): TopicClusterSummary | undefined {
    const cluster = this.clusters.get(id);
    return cluster === undefined ? undefined : this.summarize(cluster);
  }

  pulse(id: string): TopicClusterPulse | undefined {
    const cluster = this.clusters.get(id);
    if (cluster === undefined) return undefined;
    const { labelSize } = this.settings;
    const n = this.core.heaviest(cluster.index, Math.max(labelSize, SUMMARY_TERMS));
    const terms: string[] = [];
    for (let i = 0; i < n; i += 1) terms.push(this.tokenTexts[this.buffers.ints[i]]);
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
      clusters: this.sortedClusters().map((cluster) => this.stateOf(cluster)),
    };
  }

  /**
   * Fading is lazy: rather than scaling every centroid weight down by 2^(−Δt / half-life), the new vector is scaled up
   * by 2^(Δt / half-life) since `decayedAt`. Cosines do not change with the centroid's scale, so only a join touches
   * the centroid, and only the message's terms. Once a whole half-life has passed the weights are halved that many
   * times (exact in floating point) and `decayedAt` moves on, so they stay within one half-life of their true value
   * and never overflow. The powers are taken here, in JavaScript, so that they round as they always did.
   */
  private join(cluster: Cluster, messageId: string, now: number): void {
    const { halfLifeMs } = this.settings;
    const halvings = Math.floor((now - cluster.decayedAt) / halfLifeMs);
    let scale = 1;
    if (halvings >= 1) {
      scale = 2 ** -halvings;
      cluster.weight *= scale;
      cluster.decayedAt += halvings * halfLifeMs;
    }
    const growth = now > cluster.decayedAt ? 2 ** ((now - cluster.decayedAt) / halfLifeMs) : 1;
    cluster.weight += growth;
    const kept = this.core.join(cluster.index, growth, scale);
    const before = cluster.centralIds;
    const central: string[] = [];
    for (let i = 0; i < kept; i += 1) central.push(this.buffers.ints[i] < before.length ? before[this.buffers.ints[i]] : messageId);
    cluster.centralIds = central;
  }

  private create(messageId: string, at: number, now: number): Cluster {
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
      centralIds: [messageId],
      prunedFor: null,
      index: this.core.create(seq),
      heapIndex: -1,
    };
    this.register(cluster);
    return cluster;
  }

  private register(cluster: Cluster): void {
    this.byIndex[cluster.index] = cluster;
    this.clusters.set(cluster.id, cluster);
    this.expiry.push(cluster);
  }

  private count(cluster: Cluster, message: TopicMessage, at: number): void {
    const { sampleSize, utcOffsetMinutes } = this.settings;
    cluster.messageCount += 1;
    if (at > cluster.lastAt) {
      cluster.lastAt = at;
      this.expiry.update(cluster);
    }
    const offset = utcOffsetMinutes * 60_000;
    const hourBucket = bucketStart(at, HOUR_MS, offset);
    increment(cluster.hourly, hourBucket);
    const dayBucket = bucketStart(at, DAY_MS, offset);
    increment(cluster.daily, dayBucket);
    const recentBucket = bucketStart(at, RECENT_BUCKET_MS, offset);
    increment(cluster.recent, recentBucket);
    if (message.copy === true) increment(cluster.recentCopies, recentBucket);
    if (message.resent === true) {
      increment(cluster.hourlyResends, hourBucket);
      increment(cluster.recentResends, recentBucket);
    }
    const [firstHour, firstDay, firstRecent] = this.firstBuckets();
    if (cluster.prunedFor !== firstRecent) {
      dropBefore(cluster.hourly, firstHour);
      dropBefore(cluster.daily, firstDay);
      dropBefore(cluster.recent, firstRecent);
      dropBefore(cluster.recentCopies, firstRecent);
      dropBefore(cluster.hourlyResends, firstHour);
      dropBefore(cluster.recentResends, firstRecent);
      cluster.prunedFor = firstRecent;
    } else {
      // Pruned at these bounds already (ten-minute buckets nest in hours and days, so none moved): only what this
      // message counted can be before them, if it came late.
      if (hourBucket < firstHour) {
        cluster.hourly.delete(hourBucket);
        cluster.hourlyResends.delete(hourBucket);
      }
      if (dayBucket < firstDay) cluster.daily.delete(dayBucket);
      if (recentBucket < firstRecent) {
        cluster.recent.delete(recentBucket);
        cluster.recentCopies.delete(recentBucket);
        cluster.recentResends.delete(recentBucket);
      }
    }
    if (message.channel !== undefined) increment(cluster.channels, message.channel);
    if (message.unitCode !== undefined) increment(cluster.unitCodes, message.unitCode);
    if (message.sentiment !== undefined) {
      cluster.sentimentSum += message.sentiment;
      cluster.sentimentCount += 1;
    }
    if (cluster.firstMessageIds.length < sampleSize) cluster.firstMessageIds.push(message.id);
  }

  private summarize(cluster: Cluster): TopicClusterSummary {
    const n = this.core.heaviest(cluster.index, Math.max(this.settings.labelSize, SUMMARY_TERMS));
    const ranked: [string, number][] = [];
    for (let i = 0; i < n; i += 1) ranked.push([this.tokenTexts[this.buffers.ints[i]], this.buffers.numbers[i]]);
    const total = this.core.weightSum(cluster.index);
    const [firstHour, firstDay] = this.firstBuckets();
    const samples = [...cluster.firstMessageIds];
    // `join` leaves the candidates ranked against the centroid, which only changes when a message joins next.
    for (const id of cluster.centralIds.slice(0, this.settings.sampleSize)) {
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
    if (typeof saved.id !== 'string' || !isTermVector(saved.centroid) || !Array.isArray(saved.central) || !saved.central.every((s) => isTermVector(s?.vector))) {
      throw new Error(`topic clusterer state has a malformed cluster ${JSON.stringify(saved.id)}`);
    }
    const known = this.clusters.get(saved.id);
    if (known !== undefined) this.drop(known);
    const centroid = [...saved.centroid].sort((a, b) => compareStrings(a[0], b[0]));
    const vectors = [centroid, ...saved.central.map(({ vector }) => vector)];
    let weights = 0;
    for (const vector of vectors) weights += vector.length;
    this.buffers.roomForValues(Math.max(weights, saved.central.length));
    let units = 0;
    let w = 0;
    for (const vector of vectors) {
      units = this.buffers.writeTokens(vector.map(([term]) => term), units);
      for (const [, weight] of vector) this.buffers.numbers[w++] = weight;
    }
    saved.central.forEach(({ vector }, i) => (this.buffers.ints[i] = vector.length));
    const index = this.core.put(saved.seq, units, centroid.length, saved.central.length);
    this.register({
      id: saved.id,
      seq: saved.seq,
      createdAt: saved.createdAt,
      lastAt: saved.lastAt,
      decayedAt: saved.decayedAt,
      weight: saved.weight,
      messageCount: saved.messageCount,
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
      centralIds: saved.central.map(({ id }) => id),
      prunedFor: null,
      index,
      heapIndex: -1,
    });
  }

  private drop(cluster: Cluster): void {
    this.clusters.delete(cluster.id);
    this.expiry.remove(cluster);
    this.core.drop(cluster.index);
    this.byIndex[cluster.index] = undefined;
  }

  private stateOf(c: Cluster): TopicClusterState {
    let n = this.core.centroid(c.index);
    if (n < 0) {
      this.buffers.roomForValues(-n);
      n = this.core.centroid(c.index);
    }
    const centroid: TermVector = [];
    for (let k = 0; k < n; k += 1) centroid.push([this.tokenTexts[this.buffers.ints[k]], this.buffers.numbers[k]]);
    let samples = this.core.samples(c.index);
    if (samples < 0) {
      this.buffers.roomForValues(-samples);
      samples = this.core.samples(c.index);
    }
    const central: { id: string; vector: TermVector }[] = [];
    for (let i = 0, at = samples, w = 0; i < samples; i += 1) {
      const vector: TermVector = [];
      for (let j = this.buffers.ints[i]; j > 0; j -= 1) vector.push([this.tokenTexts[this.buffers.ints[at++]], this.buffers.numbers[w++]]);
      central.push({ id: c.centralIds[i], vector });
    }
    return {
      id: c.id,
      seq: c.seq,
      createdAt: c.createdAt,
      lastAt: c.lastAt,
      decayedAt: c.decayedAt,
      weight: c.weight,
      messageCount: c.messageCount,
      centroid,
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
      central,
    };
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

function isTermVector(vector: unknown): vector is TermVector {
  return Array.isArray(vector) && vector.every((entry) => Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number');
}

/** Code-unit order, as JavaScript compares strings (and as the native core orders terms). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sentimentAverageOf(cluster: Cluster): number | null {
  return cluster.sentimentCount === 0 ? null : cluster.sentimentSum / cluster.sentimentCount;
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
  for (const name of ['windowMs', 'halfLifeMs'] as const) {
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
