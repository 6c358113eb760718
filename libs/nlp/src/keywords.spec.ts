import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { KeywordExtractor, median, parseIdfTable, parseStopWords } from './keywords';

const STOP_WORDS_FILE = path.resolve(__dirname, '../../../config/nlp/stop-words.txt');

describe('median', () => {
  it.each([
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, 2, 2, 2, 30], 2],
  ])('of %j is %d', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('refuses an empty list', () => {
    expect(() => median([])).toThrow();
  });
});

describe('parseIdfTable', () => {
  it('reads "word idf" lines and skips blank ones', () => {
    expect(parseIdfTable('棚户区 10.5\n\n补偿款 10.6\n')).toEqual(
      new Map([
        ['棚户区', 10.5],
        ['补偿款', 10.6],
      ]),
    );
  });

  it.each(['棚户区\n', '棚户区 abc\n', '棚户区 1 2\n', '棚户区 -1\n'])('refuses %j', (text) => {
    expect(() => parseIdfTable(text)).toThrow(/line 1/);
  });
});

describe('parseStopWords', () => {
  it('skips comments and blank lines and trims', () => {
    expect(parseStopWords('# header\n您好\n\n  谢谢 \n')).toEqual(new Set(['您好', '谢谢']));
  });
});

describe('KeywordExtractor', () => {
  const idf = new Map([
    ['补偿款', 10],
    ['小区', 7],
    ['停车', 8],
    ['物业', 7],
    ['问题', 3],
    ['的', 0.5],
    ['甲乙', 6],
    ['乙甲', 6],
    ['a', 1],
    ['b', 2],
    ['c', 3],
  ]);
  // median of 0.5, 1, 2, 3, 3, 6, 6, 7, 7, 8, 10 is 6
  const extractor = new KeywordExtractor(idf, new Set(['问题', '您好']));

  it('gives unknown words the median IDF', () => {
    expect(extractor.unknownIdf).toBe(6);
    expect(extractor.idfOf('棚户区改造')).toBe(6);
    expect(extractor.idfOf('补偿款')).toBe(10);
  });

  it('weighs tf × idf with tf as the share of candidate tokens', () => {
    // candidates: 小区 ×2, 补偿款, 棚户区改造 → 4
    const tokens = ['小区', '的', '补偿款', '问题', '小区', '棚户区改造', '，', '2026'];
    expect(extractor.extract(tokens)).toEqual([
      { term: '小区', weight: (2 / 4) * 7 },
      { term: '补偿款', weight: (1 / 4) * 10 },
      { term: '棚户区改造', weight: (1 / 4) * 6 },
    ]);
  });

  it.each([
    ['a stop word', '问题'],
    ['a boilerplate stop word', '您好'],
    ['punctuation', '，'],
    ['a run of punctuation', '……'],
    ['an emoji', '😀'],
    ['a pure number', '12345'],
    ['a decimal', '3.5'],
    ['a percentage', '50%'],
    ['a single Han character', '的'],
    ['a single letter', 'a'],
    ['a single character outside the BMP', '𠀀'],
  ])('never returns %s', (_, token) => {
    expect(extractor.isCandidate(token)).toBe(false);
    expect(extractor.extract([token, token, '小区'])).toEqual([{ term: '小区', weight: 7 }]);
  });

  it.each(['12345热线', '5G', 'A1', '二手房'])('keeps %s as a candidate', (token) => {
    expect(extractor.isCandidate(token)).toBe(true);
  });

  it('orders equal weights by term, whatever the input order', () => {
    const expected = [
      { term: '乙甲', weight: 3 },
      { term: '甲乙', weight: 3 },
    ];
    expect(extractor.extract(['甲乙', '乙甲'])).toEqual(expected);
    expect(extractor.extract(['乙甲', '甲乙'])).toEqual(expected);
  });

  it.each([
    [0, 0],
    [1, 1],
    [2, 2],
    [10, 3],
  ])('returns at most %i keywords', (topN, count) => {
    expect(extractor.extract(['小区', '停车', '物业'], topN)).toHaveLength(count);
  });

  it('returns nothing for no candidates', () => {
    expect(extractor.extract([])).toEqual([]);
    expect(extractor.extract(['的', '问题', '！'])).toEqual([]);
  });
});

describe('the project stop-word list', () => {
  const text = readFileSync(STOP_WORDS_FILE, 'utf8');
  const words = parseStopWords(text);

  it('states its origin in a header comment', () => {
    expect(text.split('\n')[0]).toMatch(/^#/);
    expect(text).toMatch(/# Origin:/);
  });

  it.each(['您好', '领导', '请问', '谢谢', '希望', '问题', '反映', '我们', '什么', '没有', '可以'])('holds %s', (word) => {
    expect(words.has(word)).toBe(true);
  });

  it('lists no single character (the code drops those anyway)', () => {
    expect([...words].filter((word) => [...word].length < 2)).toEqual([]);
  });
});
