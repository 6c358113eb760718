import { charLength, isNumberToken, isWordToken } from './tokens';

describe('isWordToken', () => {
  it.each([
    ['低保金', true],
    ['12345热线', true],
    ['5G', true],
    ['2026', true],
    ['Ⅸ', true],
    ['，', false],
    ['……', false],
    ['《', false],
    ['—', false],
    ['%', false],
    ['￥', false],
    ['😀', false],
    [' ', false],
    ['', false],
  ])('%j → %s', (token, expected) => {
    expect(isWordToken(token)).toBe(expected);
  });
});

describe('isNumberToken', () => {
  it.each([
    ['12345', true],
    ['2026', true],
    ['3.5', true],
    ['1,000', true],
    ['50%', true],
    ['12:30', true],
    ['12345热线', false],
    ['5G', false],
    ['A1', false],
    ['3.', false],
    ['一万', false],
  ])('%j → %s', (token, expected) => {
    expect(isNumberToken(token)).toBe(expected);
  });
});

describe('charLength', () => {
  it.each([
    ['', 0],
    ['的', 1],
    ['𠀀', 1],
    ['😀', 1],
    ['低保金', 3],
    ['A1', 2],
  ])('%j → %i', (token, expected) => {
    expect(charLength(token)).toBe(expected);
  });
});
