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

let loaded: ClusterCoreConstructor | undefined;

export function clusterCoreClass(): ClusterCoreConstructor {
  if (loaded === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = (require(NATIVE_CORE_PATH) as { ClusterCore: ClusterCoreConstructor }).ClusterCore;
    } catch (error) {
      throw new Error(`the monitor's native core is not built (${NATIVE_CORE_PATH}): run \`npm run build:native\`, which \`npm ci\` runs`, {
        cause: error,
      });
    }
  }
  return loaded;
}
