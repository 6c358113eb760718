import { fingerprintText, FingerprintTextOptions } from './fingerprint-text';
import { bandKeys, jaccard, minHashConfig, MinHashConfig, MinHashOptions, minHashSignature, shingleHashes } from './minhash';
import { HOUR_MS, toEpochMs } from './time';

export interface NearDuplicateOptions extends MinHashOptions, FingerprintTextOptions {
  /** Minimum Jaccard similarity of the 3-gram sets for two messages to be copies; default 0.5. */
  threshold?: number;
  /** How long a message can be matched after it arrived; default 72 h. */
  windowMs?: number;
}

export const DEFAULT_NEAR_DUPLICATE_THRESHOLD = 0.5;
export const DEFAULT_NEAR_DUPLICATE_WINDOW_MS = 72 * HOUR_MS;

/** What a store needs to index one message: its shingle set for the exact check and its band keys for lookup. */
export interface MessageFingerprint {
  text: string;
  shingles: Uint32Array;
  bandKeys: string[];
}

export function messageFingerprint(
  text: string,
  config: MinHashConfig,
  options: FingerprintTextOptions = {},
): MessageFingerprint {
  const normalized = fingerprintText(text, options);
  const shingles = shingleHashes(normalized, config.shingleSize);
  const keys = shingles.length === 0 ? [] : bandKeys(minHashSignature(shingles, config), config);
  return { text: normalized, shingles, bandKeys: keys };
}

export interface NearDuplicateMatch {
  /** The first message of the group: followed through copies of copies. */
  canonicalId: string;
  /** The indexed message this one is most similar to. */
  matchedId: string;
  /** Jaccard similarity to `matchedId`. */
  similarity: number;
}

export interface NearDuplicateCandidate {
  id: string;
  at: number;
  shingles: Uint32Array;
}

/**
 * The candidate most similar to `shingles` at or above `threshold`; ties go to the earlier
 * message, then to the smaller id, so the answer never depends on lookup order.
 */
export function bestNearDuplicate(
  shingles: Uint32Array,
  candidates: Iterable<NearDuplicateCandidate>,
  threshold: number,
): { candidate: NearDuplicateCandidate; similarity: number } | null {
  let best: { candidate: NearDuplicateCandidate; similarity: number } | null = null;
  for (const candidate of candidates) {
    const similarity = jaccard(shingles, candidate.shingles);
    if (similarity < threshold) continue;
    if (
      best === null ||
      similarity > best.similarity ||
      (similarity === best.similarity &&
        (candidate.at < best.candidate.at || (candidate.at === best.candidate.at && candidate.id < best.candidate.id)))
    ) {
      best = { candidate, similarity };
    }
  }
  return best;
}

interface Entry extends NearDuplicateCandidate {
  bandKeys: string[];
  canonicalId: string;
  match: NearDuplicateMatch | null;
}

/**
 * Near-duplicate lookup over a rolling window, in memory. `add` answers with the earlier
 * message the new one copies, then indexes the new one too, so a copy of a copy finds the
 * group. A message whose text has no letters or digits left is not indexed.
 */
export class NearDuplicateIndex {
  readonly config: MinHashConfig;
  readonly threshold: number;
  readonly windowMs: number;
  private readonly textOptions: FingerprintTextOptions;
  private readonly entries = new Map<string, Entry>();
  private readonly buckets = new Map<string, string[]>();
  /** Entries in the order they were added; `head` is the oldest one not yet expired. */
  private queue: Entry[] = [];
  private head = 0;
  private latest = -Infinity;

  constructor(options: NearDuplicateOptions = {}) {
    this.config = minHashConfig(options);
    this.threshold = options.threshold ?? DEFAULT_NEAR_DUPLICATE_THRESHOLD;
    if (!(this.threshold > 0 && this.threshold <= 1)) {
      throw new RangeError(`threshold must be in (0, 1], got ${this.threshold}`);
    }
    this.windowMs = options.windowMs ?? DEFAULT_NEAR_DUPLICATE_WINDOW_MS;
    if (!(this.windowMs > 0)) throw new RangeError(`windowMs must be positive, got ${this.windowMs}`);
    this.textOptions = { templatePatterns: options.templatePatterns, maxLength: options.maxLength };
  }

  get size(): number {
    return this.entries.size;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /**
   * Adding an id already in the window changes nothing and returns the first answer again, so
   * a retried job gets the same result. Messages are matched against those added before them
   * that are still in the window at `max(at, latest at seen)`.
   */
  add(id: string, text: string, at: Date | number): NearDuplicateMatch | null {
    const known = this.entries.get(id);
    if (known !== undefined) return known.match;
    const atMs = toEpochMs(at);
    this.expire(Math.max(atMs, this.latest));
    const fingerprint = messageFingerprint(text, this.config, this.textOptions);
    if (fingerprint.shingles.length === 0) return null;

    const best = bestNearDuplicate(fingerprint.shingles, this.candidates(fingerprint.bandKeys), this.threshold);
    const match =
      best === null
        ? null
        : {
            canonicalId: (best.candidate as Entry).canonicalId,
            matchedId: best.candidate.id,
            similarity: best.similarity,
          };
    const entry: Entry = {
      id,
      at: atMs,
      shingles: fingerprint.shingles,
      bandKeys: fingerprint.bandKeys,
      canonicalId: match?.canonicalId ?? id,
      match,
    };
    this.entries.set(id, entry);
    this.queue.push(entry);
    for (const key of entry.bandKeys) {
      const bucket = this.buckets.get(key);
      if (bucket === undefined) this.buckets.set(key, [id]);
      else bucket.push(id);
    }
    return match;
  }

  /** Forgets every message that arrived at or before `now − windowMs`. */
  expire(now: Date | number): void {
    const nowMs = toEpochMs(now, 'now');
    if (nowMs > this.latest) this.latest = nowMs;
    const cutoff = this.latest - this.windowMs;
    while (this.head < this.queue.length && this.queue[this.head].at <= cutoff) {
      this.remove(this.queue[this.head]);
      this.head += 1;
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  private *candidates(keys: readonly string[]): Iterable<Entry> {
    const cutoff = this.latest - this.windowMs;
    const seen = new Set<string>();
    for (const key of keys) {
      for (const id of this.buckets.get(key) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const entry = this.entries.get(id);
        // A message that arrived late (older `at` than one already seen) sits behind newer ones in the queue.
        if (entry !== undefined && entry.at > cutoff) yield entry;
      }
    }
  }

  private remove(entry: Entry): void {
    if (this.entries.get(entry.id) !== entry) return;
    this.entries.delete(entry.id);
    for (const key of entry.bandKeys) {
      const bucket = this.buckets.get(key);
      if (bucket === undefined) continue;
      const index = bucket.indexOf(entry.id);
      if (index >= 0) bucket.splice(index, 1);
      if (bucket.length === 0) this.buckets.delete(key);
    }
  }
}
