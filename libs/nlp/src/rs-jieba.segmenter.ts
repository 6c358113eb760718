import { readFileSync } from 'node:fs';

import { Jieba } from '@node-rs/jieba';

import { jiebaDataPaths, loadUserDict } from './jieba-dictionary';
import { cleanTokens, Segmenter, SegmenterOptions, toSegmenterInput } from './segmenter';

/**
 * @node-rs/jieba holds its dictionary in each `Jieba` instance, so unlike nodejieba any number
 * can coexist. The instance is built from nodejieba's base dictionary (not the one bundled with
 * @node-rs/jieba, see jieba-dictionary.ts) and the user dictionary is merged with `loadDict`.
 * Its HMM model is compiled into the library and cannot be swapped.
 */
export class RsJiebaSegmenter implements Segmenter {
  readonly name = 'rs-jieba' as const;

  private constructor(private readonly jieba: Jieba) {}

  static create(options: SegmenterOptions): RsJiebaSegmenter {
    const userDict = loadUserDict(options.userDictPath);
    const jieba = Jieba.withDict(readFileSync(jiebaDataPaths().dict));
    jieba.loadDict(userDict.content);
    return new RsJiebaSegmenter(jieba);
  }

  cut(text: string): string[] {
    const input = toSegmenterInput(text);
    if (input === '') return [];
    return cleanTokens(this.jieba.cut(input, true));
  }

  cutForSearch(text: string): string[] {
    const input = toSegmenterInput(text);
    if (input === '') return [];
    return cleanTokens(this.jieba.cutForSearch(input, true));
  }
}
