import { join } from 'node:path';
import { projectRoot } from '@wenzheng/config';

/**
 * The monitor's native core, in C++ (`libs/monitor/native`, built by `npm ci` through `npm run build:native`): the
 * per-message arithmetic of near-duplicates, sentiment and clustering. Its classes read and answer in three typed
 * arrays registered once (`CoreBuffers`). Method by method, see `libs/monitor/native/src/addon.cc`.
 */

/** What each native class takes its typed arrays by. */
export interface TakesBuffers {
  setBuffers(units: Uint16Array, numbers: Float64Array, ints: Int32Array): void;
}

/** The clusterer's: message vectors, centroids, the inverted index and central samples (`topic-clusterer.ts`). */
export interface ClusterCore extends TakesBuffers {
  match(units: number, tokens: number): number;
  create(seq: number): number;
  join(index: number, growth: number, scale: number): number;
  put(seq: number, units: number, terms: number, samples: number): number;
  drop(index: number): void;
  heaviest(index: number, count: number): number;
  centroid(index: number): number;
  samples(index: number): number;
  weightSum(index: number): number;
  bytes(): number;
}

export interface ClusterCoreSettings {
  maxTermsPerMessage: number;
  maxCentroidTerms: number;
  centralSamples: number;
  sampleTerms: number;
  tokenLimit: number;
}

type ClusterCoreConstructor = new (
  settings: ClusterCoreSettings,
  logs: Float64Array,
  classify: (token: string, id: number) => number,
  log: (n: number) => number,
) => ClusterCore;

/**
 * The three typed arrays a native class reads and answers in (`setBuffers`): code units in, numbers and integers
 * out. Grown here, and given to the class again when they are.
 */
export class CoreBuffers {
  units: Uint16Array = new Uint16Array(4096);
  numbers: Float64Array;
  ints: Int32Array;

  constructor(
    private readonly core: TakesBuffers,
    values: number,
  ) {
    this.numbers = new Float64Array(values);
    this.ints = new Int32Array(values);
    core.setBuffers(this.units, this.numbers, this.ints);
  }

  /** Room for `count` code units, keeping those written; answers `units`. */
  roomForUnits(count: number): Uint16Array {
    if (count > this.units.length) {
      const units = new Uint16Array(Math.max(count, this.units.length * 2));
      units.set(this.units);
      this.units = units;
      this.core.setBuffers(this.units, this.numbers, this.ints);
    }
    return this.units;
  }

  /** Room for `count` numbers and as many integers (answers of the last call, not kept). */
  roomForValues(count: number): void {
    if (count <= this.ints.length && count <= this.numbers.length) return;
    const size = Math.max(count, this.ints.length * 2);
    this.ints = new Int32Array(size);
    this.numbers = new Float64Array(size);
    this.core.setBuffers(this.units, this.numbers, this.ints);
  }

  /**
   * Writes tokens into `units` from `at` on, each as its length and then its code units (how the native classes read
   * a message), and answers where they end. A token of more than 65,535 code units (no segmenter gives one) is cut.
   */
  writeTokens(tokens: readonly string[], at: number): number {
    let units = this.units;
    for (const token of tokens) {
      const length = Math.min(token.length, 0xffff);
      if (at + 1 + length > units.length) units = this.roomForUnits(at + 1 + length);
      units[at++] = length;
      for (let i = 0; i < length; i += 1) units[at++] = token.charCodeAt(i);
    }
    return at;
  }

  /** Writes a text's code units into `units` from `at` on and answers where they end. */
  writeText(text: string, at: number): number {
    const units = this.roomForUnits(at + text.length);
    for (let i = 0; i < text.length; i += 1) units[at + i] = text.charCodeAt(i);
    return at + text.length;
  }
}

export const NATIVE_CORE_PATH = join(projectRoot(), 'libs', 'monitor', 'native', 'build', 'Release', 'monitor_core.node');

/** The in-memory near-duplicate index's lookups; see `near-duplicate-index.ts` and `duplicate_index.cc`. */
export interface NativeDuplicateIndex extends TakesBuffers {
  lookup(length: number, cutoff: number, threshold: number): number;
  insert(slot: number, at: number): void;
  remove(slot: number): void;
  bytes(): number;
}

/** The addon: the three classes, and the shingles, signatures and Jaccard of `minhash.ts`. */
export interface MonitorNative {
  DuplicateIndex: new (settings: { shingleSize: number; permutations: number; bands: number; rows: number; seed: number }, hashSeeds: Uint32Array) => NativeDuplicateIndex;
  ClusterCore: ClusterCoreConstructor;
  /** See `sentiment-scorer.ts`. */
  SentimentCore: new (
    settings: object,
    words: [string, number, number, number, number][],
    normalize: (token: string) => [string, boolean],
  ) => TakesBuffers & { score(tokenUnits: number, tokens: number, textLength: number): number };
  shingleHashes(units: Uint16Array, length: number, shingleSize: number, out: Uint32Array): number;
  minHashSignature(shingles: Uint32Array, hashSeeds: Uint32Array, seed: number, signature: Uint32Array): void;
  jaccardAtLeast(a: Uint32Array, b: Uint32Array, min: number): number;
}

let loaded: MonitorNative | undefined;

export function monitorNative(): MonitorNative {
  if (loaded === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = require(NATIVE_CORE_PATH) as MonitorNative;
    } catch (error) {
      throw new Error(`the monitor's native core is not built (${NATIVE_CORE_PATH}): run \`npm run build:native\`, which \`npm ci\` runs`, {
        cause: error,
      });
    }
  }
  return loaded;
}
