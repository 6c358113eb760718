import { createRandom } from '@wenzheng/routing';
import { TokenTable } from './token-table';

describe('TokenTable', () => {
  it('gives each distinct token one id, in the order the tokens came', () => {
    const table = new TokenTable();
    const ids = ['低保', '没人管', '低保', '', '小区物业公司', '没人管', '小区物业公司'].map((t) => table.idOf(t));
    expect(ids).toEqual([0, 1, 0, 2, 3, 1, 3]);
    expect(table.size).toBe(4);
    expect([0, 1, 2, 3].map((id) => table.tokenOf(id))).toEqual(['低保', '没人管', '', '小区物业公司']);
  });

  it('tells apart tokens whose packed code units could be confused (zeros, lengths, the top bit)', () => {
    const table = new TokenTable();
    const tokens = ['a', 'a\u0000', '\u0000a', '\u0000', 'ab', 'abc', 'abcd', 'abcde', '\uffff\uffff', '\uffff', '\u8000\u0001', '\u0001\u8000'];
    const ids = tokens.map((t) => table.idOf(t));
    expect(new Set(ids).size).toBe(tokens.length);
    expect(tokens.map((t) => table.idOf(t))).toEqual(ids);
  });

  it('agrees with a Map over 100,000 random tokens while it grows, and starts over after clear', () => {
    const random = createRandom(7);
    const alphabet = '的了低保小区物业没人管投诉abc1，。\u0000';
    const table = new TokenTable(16);
    const reference = new Map<string, number>();
    for (let i = 0; i < 100_000; i += 1) {
      let token = '';
      const length = Math.floor(random() * 7);
      for (let c = 0; c < length; c += 1) token += alphabet[Math.floor(random() * alphabet.length)];
      if (!reference.has(token)) reference.set(token, reference.size);
      expect(table.idOf(token)).toBe(reference.get(token));
    }
    expect(table.size).toBe(reference.size);
    table.clear();
    expect(table.size).toBe(0);
    expect(table.idOf('管')).toBe(0);
    expect(table.idOf('低保')).toBe(1);
  });
});
