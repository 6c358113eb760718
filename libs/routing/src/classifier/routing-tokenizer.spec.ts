import * as path from 'node:path';

import { loadRoutingTokenizer } from './routing-tokenizer';

const CONFIG = path.resolve(__dirname, '../../../../config/nlp');

describe('loadRoutingTokenizer', () => {
  const tokenizer = loadRoutingTokenizer({ userDictPath: path.join(CONFIG, 'user-dict.txt'), stopWordsPath: path.join(CONFIG, 'stop-words.txt') });

  it.each<[string, string, string[]]>([
    ['a raw message, punctuation dropped', '我家小区电梯坏了三个月，物业公司一直不管！', ['我家', '小区', '电梯', '坏', '了', '三个', '月', '物业公司', '一直', '不管']],
    ['the same message already segmented', '小区 电梯 坏 三个 月 物业公司 一直 不管', ['小区', '电梯', '坏', '三个', '月', '物业公司', '一直', '不管']],
    ['full-width digits and letters typed with an IME', '拨打１２３４５热线反映ＡＢＣ问题', ['拨打', '12345热线', '反映', 'ABC', '问题']],
    ['user-dictionary terms kept whole', '南村镇棚户区改造补偿款还没有发放', ['南村镇', '棚户区改造', '补偿款', '还', '没有', '发放']],
    ['whitespace only', ' \u3000\t', []],
  ])('cuts %s', (_, text, expected) => {
    expect(tokenizer.tokenize(text)).toEqual(expected);
  });

  it('never joins words across a space of pre-segmented text', () => {
    const text = 'A1 区 A2 区华庭 自来水 好大 一股 霉味';
    const perWord = text.split(' ').flatMap((word) => tokenizer.tokenize(word));
    expect(tokenizer.tokenize(text)).toEqual(perWord);
  });

  it('hands over the stop words, sorted, for the features to drop', () => {
    expect(tokenizer.stopWords.length).toBeGreaterThan(100);
    expect(tokenizer.stopWords).toContain('一直');
    expect([...tokenizer.stopWords].sort()).toEqual(tokenizer.stopWords);
    expect(tokenizer.stopWords.some((word) => word.startsWith('#'))).toBe(false);
  });
});
