import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { KeywordExtractor, parseStopWords } from './keywords';
import { NodejiebaSegmenter } from './nodejieba.segmenter';
import { RsJiebaSegmenter } from './rs-jieba.segmenter';
import { Segmenter, SegmenterName } from './segmenter';
import { REALISTIC_MESSAGES } from './testing/realistic-messages';
import { TextAnalyzer } from './text-analyzer';

const CONFIG = path.resolve(__dirname, '../../../config/nlp');
const USER_DICT = path.join(CONFIG, 'user-dict.txt');
const STOP_WORDS = path.join(CONFIG, 'stop-words.txt');

const ADAPTERS: [SegmenterName, () => Segmenter][] = [
  ['nodejieba', () => NodejiebaSegmenter.create({ userDictPath: USER_DICT })],
  ['rs-jieba', () => RsJiebaSegmenter.create({ userDictPath: USER_DICT })],
];

const keywordExtractor = KeywordExtractor.fromFiles({ stopWordsPath: STOP_WORDS });
const stopWords = parseStopWords(readFileSync(STOP_WORDS, 'utf8'));

describe.each(ADAPTERS)('TextAnalyzer with %s', (_, create) => {
  let analyzer: TextAnalyzer;
  beforeAll(() => {
    analyzer = new TextAnalyzer(create(), keywordExtractor);
  });

  it('drops whitespace, punctuation and emoji but keeps words, stop words and numbers', () => {
    expect(analyzer.analyze('您好！请问 低保金\n什么时候发？？😀 2026年').tokens).toEqual([
      '您好',
      '请问',
      '低保金',
      '什么',
      '时候',
      '发',
      '2026',
      '年',
    ]);
  });

  it('reads full-width letters, digits and spaces as ASCII', () => {
    expect(analyzer.analyze('拨打１２３４５热线　反映ＡＢＣ小区').tokens).toEqual([
      '拨打',
      '12345热线',
      '反映',
      'ABC',
      '小区',
    ]);
  });

  it.each([
    ['', []],
    ['   \n\t\u3000', []],
    ['，。！？……', []],
  ])('gives no tokens and no keywords for %j', (text, expected) => {
    expect(analyzer.analyze(text)).toEqual({ tokens: expected, keywords: [] });
  });

  it('treats a pre-segmented line like the raw text it came from', () => {
    const raw = REALISTIC_MESSAGES[1];
    const fromRaw = analyzer.analyze(raw);
    // The training data's form: words joined by spaces, punctuation removed.
    const line = fromRaw.tokens.join(' ');
    expect(analyzer.analyze(line)).toEqual(fromRaw);
  });

  it('keeps the boundaries of a pre-segmented line even where it would cut otherwise', () => {
    // Raw, 棚户区改造 is one user-dictionary word; pre-segmented it stays two.
    expect(analyzer.analyze('棚户区改造 补偿款').tokens).toEqual(['棚户区改造', '补偿款']);
    expect(analyzer.analyze('棚户区 改造 补偿款').tokens).toEqual(['棚户区', '改造', '补偿款']);
  });

  it.each([
    [1, 3, ['棚户区改造']],
    [3, 5, ['占道经营', '噪音扰民', '油烟扰民']],
    [5, 6, ['供暖费', '暖气不热', '集中供暖']],
    [9, 5, ['12345热线', '小区停车', '接诉即办']],
    [10, 2, ['低保金']],
    [14, 2, ['依申请公开', '政府信息公开']],
    [18, 3, ['放管服', '最多跑一次']],
  ])('finds the topic of message %i in its top %i keywords', (index, top, expected) => {
    const terms = analyzer.analyze(REALISTIC_MESSAGES[index], top).keywords.map((keyword) => keyword.term);
    expect(terms).toEqual(expect.arrayContaining(expected));
  });

  it('never returns a stop word, a number or a single character as a keyword', () => {
    const bad = REALISTIC_MESSAGES.flatMap((text) => analyzer.analyze(text, 20).keywords)
      .map((keyword) => keyword.term)
      .filter((term) => stopWords.has(term) || /^\d+$/.test(term) || [...term].length < 2);
    expect(bad).toEqual([]);
  });

  it('returns keywords heaviest first, at most the configured number', () => {
    const small = new TextAnalyzer(create(), keywordExtractor, { topKeywords: 3 });
    const { keywords } = small.analyze(REALISTIC_MESSAGES[0]);
    expect(keywords).toHaveLength(3);
    expect(keywords.map((keyword) => keyword.weight)).toEqual([...keywords.map((keyword) => keyword.weight)].sort((a, b) => b - a));
  });

  it('is deterministic', () => {
    expect(analyzer.analyze(REALISTIC_MESSAGES[9])).toEqual(analyzer.analyze(REALISTIC_MESSAGES[9]));
  });
});
