import { Keyword, KeywordExtractor } from './keywords';
import { Segmenter } from './segmenter';
import { isWordToken } from './tokens';

export interface TextAnalysis {
  /** Words in text order; no whitespace, punctuation, symbol or emoji tokens. */
  tokens: string[];
  keywords: Keyword[];
}

export interface TextAnalyzerOptions {
  /** How many keywords `analyze` returns unless told otherwise. */
  topKeywords?: number;
}

/**
 * Raw messages and lines that are already segmented with spaces go through the same path: a
 * space is a hard boundary for the segmenter, so a pre-segmented line keeps its boundaries
 * and only a word the base dictionary would split further is split.
 */
export class TextAnalyzer {
  private readonly topKeywords: number;

  constructor(
    private readonly segmenter: Segmenter,
    private readonly keywordExtractor: KeywordExtractor,
    options: TextAnalyzerOptions = {},
  ) {
    this.topKeywords = options.topKeywords ?? 10;
  }

  get segmenterName(): Segmenter['name'] {
    return this.segmenter.name;
  }

  tokenize(text: string): string[] {
    // NFKC turns full-width letters, digits and spaces typed with a Chinese IME (１２３４５热线) into ASCII.
    return this.segmenter.cut(text.normalize('NFKC')).filter(isWordToken);
  }

  analyze(text: string, topKeywords = this.topKeywords): TextAnalysis {
    const tokens = this.tokenize(text);
    return { tokens, keywords: this.keywordExtractor.extract(tokens, topKeywords) };
  }
}
