import { codePointsInto, hashInts, mix32, seededValues } from './hash32';

/**
 * MinHash signatures and LSH band keys over character n-gram sets. Everything here is a pure
 * function of its input and the options, so an index kept in Redis or PostgreSQL can compute
 * the same band keys and the same shingle hashes as the in-memory `NearDuplicateIndex`.
 */

export interface MinHashOptions {
  /** Characters per shingle; default 3. */
  shingleSize?: number;
  /** Values in a signature (bins of the one permutation); default 126 (42 bands × 3 rows). */
  permutations?: number;
  /** LSH bands; `bands × rows` must not exceed `permutations`. Default 42. */
  bands?: number;
  /** Signature values per band; default 3. */
  rows?: number;
  /** Seed of the hash family; signatures from different seeds are not comparable. Default 0x5eed. */
  seed?: number;
}

export interface MinHashConfig {
  readonly shingleSize: number;
  readonly permutations: number;
  readonly bands: number;
  readonly rows: number;
  readonly seed: number;
  /** One seed per bin: where an empty bin of the signature looks for a value to borrow. */
  readonly hashSeeds: Uint32Array;
}

/**
 * 42 × 3 puts the steep part of the candidate curve 1 − (1 − s³)⁴² near s ≈ (1/42)^(1/3) ≈ 0.29,
 * well below the default Jaccard threshold of 0.5: a pair at exactly 0.5 becomes a candidate
 * with probability 0.996 (32 × 4: 0.873), a pair at 0.6 is missed 4 times in 100,000 (32 × 4:
 * 1.2 %). The price is more candidates around s ≈ 0.2–0.4, each costing one merge of two sorted
 * arrays; on the 7,605 Teddy Cup messages that is 0.08 candidates per message.
 */
export const DEFAULT_MINHASH_OPTIONS: Readonly<Required<MinHashOptions>> = {
  shingleSize: 3,
  permutations: 126,
  bands: 42,
  rows: 3,
  seed: 0x5eed,
};

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

export function minHashConfig(options: MinHashOptions = {}): MinHashConfig {
  const o = { ...DEFAULT_MINHASH_OPTIONS, ...options };
  const shingleSize = positiveInteger('shingleSize', o.shingleSize);
  const permutations = positiveInteger('permutations', o.permutations);
  const bands = positiveInteger('bands', o.bands);
  const rows = positiveInteger('rows', o.rows);
  if (bands * rows > permutations) {
    throw new RangeError(`bands × rows (${bands} × ${rows}) exceeds the ${permutations} permutations`);
  }
  if (!Number.isInteger(o.seed)) throw new RangeError(`seed must be an integer, got ${o.seed}`);
  const seed = o.seed >>> 0;
  return { shingleSize, permutations, bands, rows, seed, hashSeeds: seededValues(seed, permutations) };
}

/**
 * Hashes of the distinct character n-grams of a fingerprint text, sorted ascending (the form
 * `jaccard` expects). A text shorter than n is one shingle; an empty text has none.
 */
export function shingleHashes(text: string, shingleSize = DEFAULT_MINHASH_OPTIONS.shingleSize): Uint32Array {
  // The code points and the hashes before sorting go to scratch buffers: each typed array of this size has its own
  // buffer outside the heap, and allocating them was a good part of the collector's work per message.
  if (scratchCodePoints.length < text.length) {
    scratchCodePoints = new Int32Array(text.length * 2);
    scratchHashes = new Uint32Array(text.length * 2);
  }
  const count = codePointsInto(text, scratchCodePoints);
  if (count === 0) return new Uint32Array(0);
  if (count <= shingleSize) return Uint32Array.of(hashInts(scratchCodePoints, 0, count));
  const hashes = scratchHashes.subarray(0, count - shingleSize + 1);
  for (let start = 0; start < hashes.length; start += 1) {
    hashes[start] = hashInts(scratchCodePoints, start, start + shingleSize);
  }
  sortHashes(hashes);
  let distinct = 1;
  for (let i = 1; i < hashes.length; i += 1) {
    if (hashes[i] !== hashes[distinct - 1]) hashes[distinct++] = hashes[i];
  }
  return hashes.slice(0, distinct);
}

let scratchCodePoints = new Int32Array(1024);
let scratchHashes = new Uint32Array(1024);
let scratchFilled = new Uint8Array(DEFAULT_MINHASH_OPTIONS.permutations);
let scratchSorted = new Uint32Array(1024);
const topByteStarts = new Int32Array(256);

/** Above this many values, the built-in sort: the insertion pass of `sortHashes` is quadratic in a crowded bucket. */
const BUCKET_SORT_MAX = 4096;

/**
 * Sorts hash values ascending, in place. Hashes are uniform, so a message's few hundred of them spread over 256
 * buckets of their top byte with about one each: after one counting pass, an insertion pass finds them nearly in
 * order. About a third of the time of `Uint32Array.prototype.sort`, which was most of the cost of `shingleHashes`.
 */
export function sortHashes(values: Uint32Array): void {
  const n = values.length;
  if (n > BUCKET_SORT_MAX) {
    values.sort();
    return;
  }
  if (scratchSorted.length < n) scratchSorted = new Uint32Array(n * 2);
  const starts = topByteStarts.fill(0);
  for (let i = 0; i < n; i += 1) starts[values[i] >>> 24] += 1;
  for (let bucket = 0, sum = 0; bucket < 256; bucket += 1) {
    const size = starts[bucket];
    starts[bucket] = sum;
    sum += size;
  }
  const byTopByte = scratchSorted;
  for (let i = 0; i < n; i += 1) byTopByte[starts[values[i] >>> 24]++] = values[i];
  for (let i = 0; i < n; i += 1) {
    const value = byTopByte[i];
    let place = i;
    for (; place > 0 && values[place - 1] > value; place -= 1) values[place] = values[place - 1];
    values[place] = value;
  }
}

/**
 * Exact Jaccard similarity of two sorted, duplicate-free hash sets. Two different 3-grams share
 * a hash with probability 2^-32, so over sets of a few hundred shingles this is the Jaccard of
 * the 3-gram sets themselves.
 */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  return jaccardAtLeast(a, b, 0);
}

/** Merge steps between two checks of whether `jaccardAtLeast` can still reach its bound. */
const BOUND_CHECK_STEPS = 64;

/**
 * `jaccard(a, b)` when it may be `min` or more; −1 as soon as the shingles left cannot bring it there. Most candidates
 * a band brings up share a third of their shingles and fail a bound of 0.5 two thirds of the way through.
 */
export function jaccardAtLeast(a: Uint32Array, b: Uint32Array, min: number): number {
  const na = a.length;
  const nb = b.length;
  if (na === 0 && nb === 0) return 0;
  // shared / (na + nb − shared) ≥ min ⇔ shared ≥ min (na + nb) / (1 + min); the margin only delays giving up.
  const needed = (min * (na + nb)) / (1 + min) - 1e-6;
  let i = 0;
  let j = 0;
  let shared = 0;
  for (;;) {
    const left = Math.min(na - i, nb - j);
    if (left === 0) break;
    if (shared + left < needed) return -1;
    // Without branches on the comparison: which way a merge step goes is a coin toss the processor cannot predict.
    for (let step = Math.min(left, BOUND_CHECK_STEPS); step > 0; step -= 1) {
      const x = a[i];
      const y = b[j];
      shared += +(x === y);
      i += +(x <= y);
      j += +(y <= x);
    }
  }
  return shared / (na + nb - shared);
}

const TWO_32 = 2 ** 32;

/**
 * One-permutation MinHash with optimal densification (Li, Owen & Zhang 2012; Shrivastava 2017): each shingle is
 * hashed once, the hash picks one of `permutations` bins and each bin keeps its smallest hash. A bin no shingle fell
 * into borrows the value of the first filled bin on a probe sequence of its own (the same for every text), so two
 * texts still agree in a position with probability equal to their Jaccard similarity. One hash per shingle instead of
 * one per shingle and permutation: a few microseconds for a long message instead of a tenth of a millisecond.
 * `signature` is where it goes: an index reuses one rather than allocate a buffer outside the heap per message.
 */
export function minHashSignature(
  shingles: Uint32Array,
  config: MinHashConfig,
  signature: Uint32Array = new Uint32Array(config.permutations),
): Uint32Array {
  const { permutations, hashSeeds, seed } = config;
  signature.fill(0xffffffff, 0, permutations);
  if (shingles.length === 0) return signature;
  if (scratchFilled.length < permutations) scratchFilled = new Uint8Array(permutations);
  const filled = scratchFilled.fill(0, 0, permutations);
  for (let s = 0; s < shingles.length; s += 1) {
    const value = mix32(shingles[s] ^ seed);
    const bin = Math.floor((value / TWO_32) * permutations);
    if (filled[bin] === 0 || value < signature[bin]) signature[bin] = value;
    filled[bin] = 1;
  }
  for (let bin = 0; bin < permutations; bin += 1) {
    if (filled[bin] === 1) continue;
    for (let attempt = 1; ; attempt += 1) {
      const from = Math.floor((mix32((hashSeeds[bin] + attempt) >>> 0) / TWO_32) * permutations);
      if (filled[from] === 1) {
        signature[bin] = signature[from];
        break;
      }
    }
  }
  return signature;
}

/** Share of equal positions: an estimate of the Jaccard similarity (standard error about √(J(1−J)/permutations)). */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new RangeError(`signatures of different lengths (${a.length}, ${b.length})`);
  if (a.length === 0) return 0;
  let equal = 0;
  for (let i = 0; i < a.length; i += 1) if (a[i] === b[i]) equal += 1;
  return equal / a.length;
}

/**
 * One hash per band: the band's rows hashed together, seeded with the band's number so that
 * equal rows in two bands hash apart. Folding the rows into 32 bits can only add candidates
 * (which the Jaccard check removes), never lose one.
 */
export function bandHashes(signature: Uint32Array, config: MinHashConfig, hashes: Uint32Array = new Uint32Array(config.bands)): Uint32Array {
  const { bands, rows } = config;
  if (signature.length < bands * rows) {
    throw new RangeError(`signature of ${signature.length} values is shorter than ${bands} × ${rows}`);
  }
  for (let band = 0; band < bands; band += 1) hashes[band] = hashInts(signature, band * rows, band * rows + rows, band);
  return hashes;
}

/**
 * The band hashes as the keys a store indexes, `<band>:<8 hex digits>`: two messages are
 * candidates when they share any key. Keys depend on the whole config; a store that changes it
 * must rebuild.
 */
export function bandKeys(signature: Uint32Array, config: MinHashConfig): string[] {
  return Array.from(bandHashes(signature, config), (hash, band) => `${band}:${hash.toString(16).padStart(8, '0')}`);
}

/** Probability that a pair with Jaccard similarity `s` shares at least one band: 1 − (1 − sʳ)ᵇ. */
export function candidateProbability(similarity: number, config: Pick<MinHashConfig, 'bands' | 'rows'>): number {
  return 1 - (1 - similarity ** config.rows) ** config.bands;
}
