import { readFileSync } from 'node:fs';

import { KeywordExtractor, RsJiebaSegmenter, TextAnalyzer, parseStopWords } from '@wenzheng/nlp';

import { Tokenizer } from './model-artifact';

export interface RoutingTokenizerFiles {
  /** config/nlp/user-dict.txt */
  readonly userDictPath: string;
  /** config/nlp/stop-words.txt */
  readonly stopWordsPath: string;
}

export interface RoutingTokenizer {
  readonly tokenize: Tokenizer;
  /** For the feature options: the tokenizer keeps stop words, the features drop them. */
  readonly stopWords: readonly string[];
}

/**
 * The project's analyzer (NFKC, rs-jieba with the user dictionary, word tokens only), which takes
 * raw messages and already space-segmented ones alike. The one place in the classifier that reads
 * files: the dictionaries, once.
 */
export function loadRoutingTokenizer(files: RoutingTokenizerFiles): RoutingTokenizer {
  const analyzer = new TextAnalyzer(
    RsJiebaSegmenter.create({ userDictPath: files.userDictPath }),
    KeywordExtractor.fromFiles({ stopWordsPath: files.stopWordsPath }),
  );
  return {
    tokenize: (text) => analyzer.tokenize(text),
    stopWords: [...parseStopWords(readFileSync(files.stopWordsPath, 'utf8'))].sort(),
  };
}
