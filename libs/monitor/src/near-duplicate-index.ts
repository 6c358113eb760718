import { fingerprintText, FingerprintTextOptions } from './fingerprint-text';
import { bandKeys, jaccardAtLeast, minHashConfig, MinHashConfig, MinHashOptions, minHashSignature, shingleHashes } from './minhash';
import { CoreBuffers, monitorNative, NativeDuplicateIndex } from './native-core';
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
  return { text: normalized, shingles, bandKeys: shingles.length === 0 ? [] : bandKeys(minHashSignature(shingles, config), config) };
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
    if (closer(similarity, candidate, best)) best = { candidate, similarity };
  }
  return best;
}

/** Whether a match goes before the best so far: more similar, then the earlier message, then the smaller id. */
function closer(similarity: number, candidate: { id: string; at: number }, best: { candidate: { id: string; at: number }; similarity: number } | null): boolean {
  return (
    best === null ||
    similarity > best.similarity ||
    (similarity === best.similarity && (candidate.at < best.candidate.at || (candidate.at === best.candidate.at && candidate.id < best.candidate.id)))
  );
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

interface Entry {
  id: string;
  at: number;
  sender: string | null;
  /** The entry's number in the native index; a slot freed by an expired entry is given to the next one. */
  slot: number;
  canonicalId: string;
  match: NearDuplicateMatch | null;
}

/**
 * Near-duplicate lookup over a rolling window, in memory. `add` answers with the earlier
 * message the new one copies, then indexes the new one too, so a copy of a copy finds the
 * group. A message whose text has no letters or digits left is not indexed. The shingle sets,
 * band keys, buckets and the Jaccard of each candidate are the native core's (`duplicate_index.cc`):
 * one call per message.
 */
export class NearDuplicateIndex {
  readonly config: MinHashConfig;
  readonly threshold: number;
  readonly windowMs: number;
  private readonly textOptions: FingerprintTextOptions;
  private readonly core: NativeDuplicateIndex;
  private readonly entries = new Map<string, Entry>();
  /** Entries by slot. */
  private readonly slots: (Entry | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private readonly buffers: CoreBuffers;
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
    const { shingleSize, permutations, bands, rows, seed, hashSeeds } = this.config;
    this.core = new (monitorNative().DuplicateIndex)({ shingleSize, permutations, bands, rows, seed }, hashSeeds);
    this.buffers = new CoreBuffers(this.core, 64);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Bytes the native core holds for the window (shingle sets, band keys, buckets), outside the JavaScript heap. */
  get nativeBytes(): number {
    return this.core.bytes();
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
    const normalized = fingerprintText(text, this.textOptions);
    this.buffers.writeText(normalized, 0);
    const cutoff = this.latest - this.windowMs;
    let count = this.core.lookup(normalized.length, cutoff, this.threshold);
    if (count < -1) {
      this.buffers.roomForValues(-count - 2);
      count = this.core.lookup(normalized.length, cutoff, this.threshold);
    }
    if (count === -1) return null;

    // Of the matches (all at or above the threshold), the closest; a resend when the sender sent one of them.
    let best: { candidate: Entry; similarity: number } | null = null;
    let resent = false;
    for (let i = 0; i < count; i += 1) {
      const candidate = this.slots[this.buffers.ints[i]] as Entry;
      const similarity = this.buffers.numbers[i];
      if (closer(similarity, candidate, best)) best = { candidate, similarity };
      if (sender !== null && sender !== undefined && candidate.sender === sender) resent = true;
    }
    const match =
      best === null ? null : { canonicalId: best.candidate.canonicalId, matchedId: best.candidate.id, similarity: best.similarity, resent };
    const entry: Entry = {
      id,
      at: atMs,
      sender: sender ?? null,
      canonicalId: match?.canonicalId ?? id,
      match,
      slot: this.freeSlots.pop() ?? this.slots.length,
    };
    this.entries.set(id, entry);
    this.queue.push(entry);
    this.slots[entry.slot] = entry;
    this.core.insert(entry.slot, atMs);
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

  private remove(entry: Entry): void {
    if (this.entries.get(entry.id) !== entry) return;
    this.entries.delete(entry.id);
    this.core.remove(entry.slot);
    this.slots[entry.slot] = undefined;
    this.freeSlots.push(entry.slot);
  }
}
