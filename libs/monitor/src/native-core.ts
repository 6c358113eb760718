import { join } from 'node:path';
import { projectRoot } from '@wenzheng/config';

/**
 * The clusterer's numeric core, in C++ (`libs/monitor/native`, built by `npm ci` through `npm run build:native`):
 * message vectors, centroids, the inverted index and central samples. What crosses goes through three typed arrays
 * registered once. Method by method, see `libs/monitor/native/src/addon.cc`.
 */
export interface ClusterCore {
  setBuffers(units: Uint16Array, numbers: Float64Array, ints: Int32Array): void;
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

export const NATIVE_CORE_PATH = join(projectRoot(), 'libs', 'monitor', 'native', 'build', 'Release', 'monitor_core.node');

/** The in-memory near-duplicate index's lookups; see `near-duplicate-index.ts` and `duplicate_index.cc`. */
export interface NativeDuplicateIndex {
  setBuffers(units: Uint16Array, numbers: Float64Array, ints: Int32Array): void;
  lookup(length: number, cutoff: number, threshold: number): number;
  insert(slot: number, at: number): void;
  remove(slot: number): void;
  bytes(): number;
}

/** The addon: the clusterer's core, and the near-duplicate index's shingles, signatures and Jaccard (`minhash.ts`). */
export interface MonitorNative {
  DuplicateIndex: new (settings: { shingleSize: number; permutations: number; bands: number; rows: number; seed: number }, hashSeeds: Uint32Array) => NativeDuplicateIndex;
  ClusterCore: ClusterCoreConstructor;
  /** See `sentiment-scorer.ts`. */
  SentimentCore: new (
    settings: object,
    words: [string, number, number, number, number][],
    normalize: (token: string) => [string, boolean],
  ) => { setBuffers(units: Uint16Array, numbers: Float64Array, ints: Int32Array): void; score(tokenUnits: number, tokens: number, textLength: number): number };
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
