import nodejieba = require('nodejieba');

import { jiebaDataPaths, loadUserDict } from './jieba-dictionary';
import { cleanTokens, Segmenter, SegmenterOptions, toSegmenterInput } from './segmenter';

/**
 * nodejieba keeps ONE dictionary per process: `load()` swaps it for every caller, and the first
 * `cut()` before any `load()` silently loads the package defaults (without our user dictionary).
 * So this adapter is the only code that may touch nodejieba, and it loads at most once:
 * the first `create()` loads the base dictionary plus the user dictionary; later calls with the
 * same user dictionary share that load; a call with another one throws instead of quietly
 * re-segmenting text for the segmenters already handed out. The record is keyed by the module
 * object, which is the thing that holds the native state (a fresh jest module registry gets a
 * fresh one and loads again).
 */
const loadedUserDict = new WeakMap<object, string>();

export class NodejiebaSegmenter implements Segmenter {
  readonly name = 'nodejieba' as const;

  private constructor() {}

  static create(options: SegmenterOptions): NodejiebaSegmenter {
    const userDict = loadUserDict(options.userDictPath);
    const loaded = loadedUserDict.get(nodejieba);
    if (loaded === undefined) {
      const data = jiebaDataPaths();
      nodejieba.load({
        dict: data.dict,
        hmmDict: data.hmmDict,
        userDict: userDict.path,
        // Only nodejieba's own extract() reads these two; keywords.ts does its own TF-IDF.
        idfDict: data.idfDict,
        stopWordDict: data.stopWordDict,
      });
      loadedUserDict.set(nodejieba, userDict.path);
    } else if (loaded !== userDict.path) {
      throw new Error(
        `nodejieba is already loaded with ${loaded} in this process and cannot be given ${userDict.path}: its dictionary is process-global`,
      );
    }
    return new NodejiebaSegmenter();
  }

  cut(text: string): string[] {
    const input = toSegmenterInput(text);
    if (input === '') return [];
    // The second argument is named `strict` in nodejieba's typings but is the HMM switch in its binding.
    return cleanTokens(nodejieba.cut(input, true));
  }

  cutForSearch(text: string): string[] {
    const input = toSegmenterInput(text);
    if (input === '') return [];
    return cleanTokens(nodejieba.cutForSearch(input, true));
  }
}
