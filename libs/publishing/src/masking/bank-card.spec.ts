import { luhnValid } from './bank-card';

describe('luhnValid', () => {
  it.each<[string, boolean]>([
    ['6225880123456783', true],
    ['6225880123456784', false],
    ['4367421234567896', true],
    ['6222021234567890128', true],
    ['6222021234567890127', false],
    ['6225 8801 2345 6783', true],
    ['６２２５８８０１２３４５６７８３', true],
    ['0', true],
    ['', false],
    ['abc', false],
  ])('%s → %s', (value, valid) => {
    expect(luhnValid(value)).toBe(valid);
  });
});
