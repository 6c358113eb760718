import { DynamicModule, Module } from '@nestjs/common';

import { KeywordExtractor } from './keywords';
import { Segmenter, SegmenterName } from './segmenter';
import { createSegmenter } from './segmenter.factory';
import { TextAnalyzer } from './text-analyzer';

/** Injection token for the configured `Segmenter`. */
export const SEGMENTER = Symbol('SEGMENTER');

export interface NlpModuleOptions {
  segmenter: SegmenterName;
  userDictPath: string;
  stopWordsPath: string;
  /** Defaults to nodejieba's idf.utf8 in node_modules. */
  idfPath?: string;
  /** Keywords per analysis; default 10. */
  topKeywords?: number;
}

@Module({})
export class NlpModule {
  /** Dictionaries are read once, when the module is instantiated; a bad path stops start-up. */
  static forRoot(options: NlpModuleOptions): DynamicModule {
    return {
      module: NlpModule,
      global: false,
      providers: [
        {
          provide: SEGMENTER,
          useFactory: (): Segmenter => createSegmenter(options.segmenter, { userDictPath: options.userDictPath }),
        },
        {
          provide: KeywordExtractor,
          useFactory: () =>
            KeywordExtractor.fromFiles({ stopWordsPath: options.stopWordsPath, idfPath: options.idfPath }),
        },
        {
          provide: TextAnalyzer,
          inject: [SEGMENTER, KeywordExtractor],
          useFactory: (segmenter: Segmenter, keywords: KeywordExtractor) =>
            new TextAnalyzer(segmenter, keywords, { topKeywords: options.topKeywords }),
        },
      ],
      exports: [SEGMENTER, TextAnalyzer, KeywordExtractor],
    };
  }
}
