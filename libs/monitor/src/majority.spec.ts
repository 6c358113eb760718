import { majorityOf } from './majority';

describe('majorityOf', () => {
  const a = { id: 'id-a', code: 'a' };
  const b = { id: 'id-b', code: 'b' };
  it.each([
    ['nobody', [], null],
    ['one', [b], 'id-b'],
    ['the most frequent', [a, b, b], 'id-b'],
    ['the smallest code on a tie, whatever the order', [b, a], 'id-a'],
    ['the smallest code on a tie, the other order', [a, b], 'id-a'],
  ])('picks %s', (_what, units, expected) => {
    expect(majorityOf(units)).toBe(expected);
  });
});
