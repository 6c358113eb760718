import { BandBuckets } from './band-buckets';
import { fingerprintText, FingerprintTextOptions } from './fingerprint-text';
import { grown } from './grown';
import { bandHashes, bandKeys, jaccardAtLeast, minHashConfig, MinHashConfig, MinHashOptions, minHashSignature, shingleHashes } from './minhash';
import { HOUR_MS, toEpochMs } from './time';

export interface NearDuplicateOptions extends MinHashOptions, FingerprintTextOptions {
  /** Minimum Jaccard similarity of the 3-gram sets for two messages to be copies; default 0.5. */
  threshold?: number;
  /** How long a message can be matched after it arrived; default 72 h. */
  windowMs?: number;
}

export const DEFAULT_NEAR_DUPLICATE_THRESHOLD = 0.5;
export const DEFAULT_NEAR_DUPLICATE_WINDOW_MS = 72 * HOUR_MS;

/** Slots `NearDuplicateIndex.slotKeys` holds before it first grows. */
const INITIAL_SLOTS = 1024;

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
  const { normalized, shingles, signature } = fingerprintOf(text, config, options);
  return { text: normalized, shingles, bandKeys: signature === null ? [] : bandKeys(signature, config) };
}

/**
 * The one way a message is fingerprinted, for the stored signatures and the in-memory index alike: its normalised
 * text, 3-gram set and MinHash signature (null when no letter or digit is left; written to `signature` if given).
 */
function fingerprintOf(
  text: string,
  config: MinHashConfig,
  options: FingerprintTextOptions,
  signature?: Uint32Array,
): { normalized: string; shingles: Uint32Array; signature: Uint32Array | null } {
  const normalized = fingerprintText(text, options);
  const shingles = shingleHashes(normalized, config.shingleSize);
  return { normalized, shingles, signature: shingles.length === 0 ? null : minHashSignature(shingles, config, signature) };
}

export interface NearDuplicateMatch {
  /** The first message of the group: followed through copies of copies. */
  canonicalId: string;
  /** The indexed message this one is most similar to. */
  matchedId: string;
  /** Jaccard similarity to `matchedId`. */
  similarity: number;
  /**
   * The sender sent a near-duplicate of it before: a resend (催问), not a copy of someone else's message. Only a copy
   * counts towards an organised campaign; a resend is still a 并单 suggestion. False when the sender is unknown.
   */
  resent: boolean;
}

export interface NearDuplicateCandidate {
  id: string;
  at: number;
  shingles: Uint32Array;
  /** Who sent it (any key that is equal for the same sender); null or absent when unknown. */
  sender?: string | null;
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
    // Jaccard is at most the ratio of the two sizes: a candidate that cannot reach the threshold or the best so far
    // is not merged at all (with a margin for rounding, so that a tie is still compared).
    const floor = Math.max(threshold, best?.similarity ?? 0) - 1e-9;
    const bound = Math.min(shingles.length, candidate.shingles.length) / Math.max(shingles.length, candidate.shingles.length);
    if (bound < floor) continue;
    const similarity = jaccardAtLeast(shingles, candidate.shingles, floor);
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

/** Whether one of the candidates from `sender` (a known one) reaches the threshold: the message is a resend. */
export function resentAmong(
  shingles: Uint32Array,
  candidates: Iterable<NearDuplicateCandidate>,
  threshold: number,
  sender: string | null | undefined,
): boolean {
  if (sender === null || sender === undefined) return false;
  for (const candidate of candidates) {
    if (candidate.sender === sender && jaccardAtLeast(shingles, candidate.shingles, threshold - 1e-9) >= threshold) return true;
  }
  return false;
}

interface Entry extends NearDuplicateCandidate {
  /** Where `NearDuplicateIndex.slots` holds it: its number in the buckets, and where `slotKeys` holds its band keys. */
  slot: number;
  canonicalId: string;
  match: NearDuplicateMatch | null;
  /** Scratch of `candidates`: the last lookup that listed this entry. */
  seenIn: number;
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
  /** (band, folded band hash) → the slots of the entries with it. */
  private readonly buckets: BandBuckets;
  /** Entries by slot; a slot freed by an expired entry is given to the next one. */
  private readonly slots: (Entry | undefined)[] = [];
  /**
   * Per slot, `bands` values: each band's hash folded to 30 bits (as the index has always folded them: a non-negative
   * int32). One array for all entries rather than a buffer each outside the heap.
   */
  private slotKeys: Uint32Array;
  private readonly freeSlots: number[] = [];
  /** Scratch of `add`: the signature and band hashes of the message being added. */
  private readonly signature: Uint32Array;
  private readonly keys: Uint32Array;
  private lookups = 0;
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
    this.buckets = new BandBuckets(this.config.bands);
    this.slotKeys = new Uint32Array(INITIAL_SLOTS * this.config.bands);
    this.signature = new Uint32Array(this.config.permutations);
    this.keys = new Uint32Array(this.config.bands);
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
  add(id: string, text: string, at: Date | number, sender?: string | null): NearDuplicateMatch | null {
    const known = this.entries.get(id);
    if (known !== undefined) return known.match;
    const atMs = toEpochMs(at);
    this.expire(Math.max(atMs, this.latest));
    const { shingles, signature } = fingerprintOf(text, this.config, this.textOptions, this.signature);
    if (signature === null) return null;
    // Folding can only add candidates, which the exact Jaccard check removes.
    const keys = bandHashes(signature, this.config, this.keys);
    for (let band = 0; band < keys.length; band += 1) keys[band] >>>= 2;

    const candidates = this.candidates(keys);
    const best = bestNearDuplicate(shingles, candidates, this.threshold);
    const match =
      best === null
        ? null
        : {
            canonicalId: (best.candidate as Entry).canonicalId,
            matchedId: best.candidate.id,
            similarity: best.similarity,
            resent: resentAmong(shingles, candidates, this.threshold, sender),
          };
    const entry: Entry = {
      id,
      at: atMs,
      shingles,
      sender: sender ?? null,
      canonicalId: match?.canonicalId ?? id,
      match,
      seenIn: 0,
      slot: this.freeSlots.pop() ?? this.slots.length,
    };
    this.entries.set(id, entry);
    this.queue.push(entry);
    this.slots[entry.slot] = entry;
    const bands = keys.length;
    if ((entry.slot + 1) * bands > this.slotKeys.length) this.slotKeys = grown(this.slotKeys, this.slotKeys.length * 2);
    this.slotKeys.set(keys, entry.slot * bands);
    for (let band = 0; band < bands; band += 1) this.buckets.add(entry.slot, band, keys[band]);
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

  private candidates(keys: Uint32Array): Entry[] {
    const cutoff = this.latest - this.windowMs;
    this.lookups += 1;
    const lookup = this.lookups;
    const found: Entry[] = [];
    for (let band = 0; band < keys.length; band += 1) {
      for (let slot = this.buckets.first(band, keys[band]); slot !== -1; slot = this.buckets.nextOf(slot, band)) {
        const entry = this.slots[slot] as Entry;
        if (entry.seenIn === lookup) continue;
        entry.seenIn = lookup;
        // A message that arrived late (older `at` than one already seen) sits behind newer ones in the queue.
        if (entry.at > cutoff) found.push(entry);
      }
    }
    return found;
  }

  private remove(entry: Entry): void {
    if (this.entries.get(entry.id) !== entry) return;
    this.entries.delete(entry.id);
    const { bands } = this.config;
    for (let band = 0; band < bands; band += 1) this.buckets.remove(entry.slot, band, this.slotKeys[entry.slot * bands + band]);
    this.slots[entry.slot] = undefined;
    this.freeSlots.push(entry.slot);
  }
}
