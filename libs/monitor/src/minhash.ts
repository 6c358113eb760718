import { hashInts, seededValues } from './hash32';
import { monitorNative } from './native-core';

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
 * `jaccard` expects). A text shorter than n is one shingle; an empty text has none. Each n-gram is its code points
 * hashed with FNV-1a and `mix32` (`hashInts`), in the native core: most of a message's near-duplicate cost was here.
 */
export function shingleHashes(text: string, shingleSize = DEFAULT_MINHASH_OPTIONS.shingleSize): Uint32Array {
  const length = text.length;
  if (scratchUnits.length < length) scratchUnits = new Uint16Array(length * 2);
  for (let i = 0; i < length; i += 1) scratchUnits[i] = text.charCodeAt(i);
  // Written at the free end of a slab and handed out as a view of it: a buffer of its own outside the heap for each
  // message cost more than hashing it. A slab lives while one of its views does; an index drops them in window order.
  if (slab.length - slabUsed < Math.max(length, 1)) {
    slab = new Uint32Array(Math.max(SLAB_VALUES, length));
    slabUsed = 0;
  }
  const count = monitorNative().shingleHashes(scratchUnits, length, shingleSize, slab.subarray(slabUsed));
  const hashes = slab.subarray(slabUsed, slabUsed + count);
  slabUsed += count;
  return hashes;
}

let scratchUnits = new Uint16Array(1024);
const SLAB_VALUES = 1 << 18;
let slab = new Uint32Array(SLAB_VALUES);
let slabUsed = 0;

/**
 * Exact Jaccard similarity of two sorted, duplicate-free hash sets. Two different 3-grams share
 * a hash with probability 2^-32, so over sets of a few hundred shingles this is the Jaccard of
 * the 3-gram sets themselves.
 */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  return jaccardAtLeast(a, b, 0);
}

/**
 * `jaccard(a, b)` when it may be `min` or more; −1 as soon as the shingles left cannot bring it there (checked every
 * 64 steps of the merge). Most candidates a band brings up share a third of their shingles and fail a bound of 0.5
 * two thirds of the way through. In the native core, with no branch on the comparison: which way a merge step goes
 * is a coin toss the processor cannot predict.
 */
export function jaccardAtLeast(a: Uint32Array, b: Uint32Array, min: number): number {
  return monitorNative().jaccardAtLeast(a, b, min);
}

/**
 * One-permutation MinHash with optimal densification (Li, Owen & Zhang 2012; Shrivastava 2017): each shingle is
 * hashed once (`mix32(shingle ^ seed)`), the hash picks one of `permutations` bins (`⌊hash / 2³² × permutations⌋`)
 * and each bin keeps its smallest hash. A bin no shingle fell into borrows the value of the first filled bin on a
 * probe sequence of its own (`mix32(hashSeeds[bin] + attempt)` for attempt = 1, 2, …, the same for every text), so
 * two texts still agree in a position with probability equal to their Jaccard similarity. One hash per shingle
 * instead of one per shingle and permutation. `signature` is where it goes: an index reuses one rather than allocate
 * a buffer outside the heap per message.
 */
export function minHashSignature(
  shingles: Uint32Array,
  config: MinHashConfig,
  signature: Uint32Array = new Uint32Array(config.permutations),
): Uint32Array {
  monitorNative().minHashSignature(shingles, config.hashSeeds, config.seed, signature);
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
