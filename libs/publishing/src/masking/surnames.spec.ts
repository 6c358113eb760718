import { FUNCTION_SURNAMES, NOT_NAME_WORDS } from './name-words';
import { COMPOUND_SURNAMES, SINGLE_SURNAMES, surnameAt, surnameOf } from './surnames';

describe('surnameAt', () => {
  it.each<[string, number, string | undefined]>([
    ['王建国', 0, '王'],
    ['欧阳娜娜', 0, '欧阳'],
    ['我叫诸葛明亮', 2, '诸葛'],
    ['欧', 0, '欧'],
    ['和平', 0, undefined],
    ['车辆', 0, undefined],
    ['王', 1, undefined],
  ])('%s at %i → %s', (text, index, surname) => {
    expect(surnameAt(text, index)).toBe(surname);
  });
});

describe('surnameOf', () => {
  it.each([
    ['张三', '张'],
    ['司马光', '司马'],
    ['车晓东', '车'],
    ['买买提·艾力', '买'],
  ])('%s → %s', (name, surname) => {
    expect(surnameOf(name)).toBe(surname);
  });
});

describe('the word lists', () => {
  it('only list everyday words that begin or end with a listed surname', () => {
    const known = (c: string): boolean => SINGLE_SURNAMES.has(c);
    const unexplained = [...NOT_NAME_WORDS].filter((word) => !known(word[0]) && !known(word[word.length - 1]));
    expect(unexplained).toEqual([]);
  });

  it('only treat listed surnames as function words', () => {
    expect([...FUNCTION_SURNAMES].filter((c) => !SINGLE_SURNAMES.has(c))).toEqual([]);
  });

  it('keep compound surnames at two characters', () => {
    expect([...COMPOUND_SURNAMES].filter((s) => s.length !== 2)).toEqual([]);
  });
});
