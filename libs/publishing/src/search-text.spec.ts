import { join } from 'node:path';
import { createSegmenter } from '@wenzheng/nlp';
import { highlight, indexText, queryTerms } from './search-text';

const segmenter = createSegmenter('rs-jieba', { userDictPath: join(__dirname, '../../../config/nlp/user-dict.txt') });

describe('indexText', () => {
  it('indexes search-mode words without punctuation', () => {
    const words = indexText(segmenter, '棚户区改造进展缓慢，请市城乡建设局回复！').split(' ');
    expect(words).toEqual(expect.arrayContaining(['棚户区改造', '棚户区', '改造', '市城乡建设局', '建设局', '回复']));
    expect(words.filter((w) => /^[，！]$/u.test(w))).toEqual([]);
  });

  it('is empty for blank text', () => {
    expect(indexText(segmenter, '  ，。')).toBe('');
  });
});

describe('queryTerms', () => {
  it.each([
    ['棚户区改造', ['棚户区改造']],
    ['棚户区', ['棚户区']],
    ['低保金 发放', ['低保金', '发放']],
    ['路灯，路灯？', ['路灯']],
    ['？！', []],
  ])('%s → %j', (query, expected) => {
    expect(queryTerms(segmenter, query)).toEqual(expected);
  });

  it('keeps at most the limit', () => {
    expect(queryTerms(segmenter, '一 二 三 四 五', 3)).toHaveLength(3);
  });
});

describe('highlight', () => {
  it.each([
    ['小区供暖不热', ['供暖'], [{ text: '小区', hit: false }, { text: '供暖', hit: true }, { text: '不热', hit: false }]],
    ['供暖供暖', ['供暖'], [{ text: '供暖供暖', hit: true }]],
    ['棚户区改造', ['棚户区', '棚户区改造'], [{ text: '棚户区改造', hit: true }]],
    ['IC卡办理', ['ic卡'], [{ text: 'IC卡', hit: true }, { text: '办理', hit: false }]],
    ['没有命中', ['路灯'], [{ text: '没有命中', hit: false }]],
    ['', ['路灯'], []],
    ['原文', [], [{ text: '原文', hit: false }]],
  ])('%s with %j', (text, terms, expected) => {
    expect(highlight(text, terms)).toEqual(expected);
  });

  it('keeps every character, in order', () => {
    const text = '关于棚户区改造补偿款的答复：棚户区居民可到街道办理。';
    expect(highlight(text, ['棚户区', '补偿款']).map((p) => p.text).join('')).toBe(text);
  });
});
