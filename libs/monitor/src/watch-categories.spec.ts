import { createRandom } from '@wenzheng/routing';
import { WATCH_CATEGORIES, WATCH_CATEGORY_WORDS, WatchCategory, watchCategoriesOf, watchWordsIn } from './watch-categories';

describe('WATCH_CATEGORY_WORDS', () => {
  it('covers the six watch areas of the rules, each with a list of multi-character words', () => {
    expect(WATCH_CATEGORIES).toEqual(['就学就医', '住房保障', '安全生产', '防灾减灾', '食品药品安全', '养老服务']);
    for (const category of WATCH_CATEGORIES) {
      const words = WATCH_CATEGORY_WORDS[category];
      expect(words.length).toBeGreaterThanOrEqual(20);
      expect(new Set(words).size).toBe(words.length);
      for (const word of words) expect(Array.from(word).length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('watchCategoriesOf', () => {
  it.each([
    ['nothing', [], []],
    ['unrelated terms', ['烧烤', '油烟', '噪音扰民'], []],
    ['a school enrolment question', ['孩子', '入学', '学区', '户口'], [['就学就医', ['入学', '学区']]]],
    ['a hospital bill', ['医院', '医保', '报销'], [['就学就医', ['医院', '医保', '报销']]]],
    ['shanty-town compensation', ['南村镇', '棚户区改造', '安置房'], [['住房保障', ['安置房', '棚户区']]]],
    ['a gas leak', ['燃气', '泄漏', '小区'], [['安全生产', ['泄漏', '燃气']]]],
    ['waterlogging after a rainstorm', ['暴雨', '积水', '内涝'], [['防灾减灾', ['内涝', '积水', '暴雨']]]],
    ['expired food in a canteen', ['食堂', '过期食品'], [['食品药品安全', ['食品', '过期食品', '食堂']]]],
    ['a nursing home', ['养老院', '护工'], [['养老服务', ['养老', '养老院', '护工']]]],
    [
      'two categories at once',
      ['养老金', '医院'],
      [
        ['就学就医', ['医院']],
        ['养老服务', ['养老', '养老金']],
      ],
    ],
    ['a full-width term (read in NFKC form)', ['１２３４５', '燃气'], [['安全生产', ['燃气']]]],
  ])('finds %s', (_, terms, expected) => {
    expect(watchCategoriesOf(terms).map((m) => [m.category, m.words])).toEqual(expected);
  });

  it('does not match the generic words the lists leave out (过期 without 食品, 发霉)', () => {
    expect(watchCategoriesOf(['过期未答复', '发霉的墙'])).toEqual([]);
  });

  it('takes other word lists', () => {
    const words = { ...WATCH_CATEGORY_WORDS, 养老服务: ['银发'] };
    expect(watchCategoriesOf(['银发经济'], words)).toEqual([{ category: '养老服务', words: ['银发'] }]);
  });

  it('finds what scanning every word of every list for the terms finds, in the lists\' order', () => {
    const random = createRandom(41);
    const units = ['养', '老', '院', '药', '店', '房', '学', '校', '区', 'Ａ', 'A'];
    const draw = (length: number) => Array.from({ length }, () => units[Math.floor(random() * units.length)]).join('');
    for (let round = 0; round < 200; round += 1) {
      // Words that overlap, repeat across lists, or are empty.
      const lists = Object.fromEntries(WATCH_CATEGORIES.map((c) => [c, Array.from({ length: Math.floor(random() * 5) }, () => draw(Math.floor(random() * 3)))])) as Record<
        WatchCategory,
        string[]
      >;
      const terms = Array.from({ length: 1 + Math.floor(random() * 6) }, () => draw(1 + Math.floor(random() * 5)));
      const normalized = terms.map((t) => t.normalize('NFKC'));
      const expected = WATCH_CATEGORIES.map((category) => ({ category, words: lists[category].filter((w) => normalized.some((t) => t.includes(w))) })).filter(
        (m) => m.words.length > 0,
      );
      expect(watchCategoriesOf(terms, lists)).toEqual(expected);
    }
  });
});

describe('watchWordsIn', () => {
  it.each([
    ['none configured', ['化工园区'], [], []],
    ['a configured word as a term', ['化工园区', '异味'], ['化工园区'], ['化工园区']],
    ['a configured word inside a term', ['某化工园区'], ['化工园区', '地铁'], ['化工园区']],
    ['an empty configured word', ['地铁'], [''], []],
    ['the order configured', ['地铁', '化工园区'], ['化工园区', '地铁'], ['化工园区', '地铁']],
  ])('finds %s', (_, terms, words, expected) => {
    expect(watchWordsIn(terms, words)).toEqual(expected);
  });
});
