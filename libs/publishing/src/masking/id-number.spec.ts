import { idCheckCharacter, isValidIdNumber, isValidLegacyIdNumber } from './id-number';

const TODAY = new Date('2026-06-01T04:00:00Z');

describe('idCheckCharacter (GB 11643)', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['34052419800101001', 'X'],
    ['37010119010203997', '3'],
    ['37028319850612451', '3'],
    ['44030420000229876', '1'],
  ])('%s → %s', (body, check) => {
    expect(idCheckCharacter(body)).toBe(check);
  });
});

describe('isValidIdNumber', () => {
  it.each<[string, string, boolean]>([
    ['rules.md vector', '11010519491231002X', true],
    ['rules.md vector', '34052419800101001X', true],
    ['rules.md vector', '370101190102039973', true],
    ['lower-case x', '11010519491231002x', true],
    ['full-width digits', '３７０１０１１９０１０２０３９９７３', true],
    ['29 February of a leap year', '440304200002298761', true],
    ['born on 1 January 2026, before today', '370283202601010011', true],
    ['wrong check digit', '370101190102039974', false],
    ['wrong check digit instead of X', '110105194912310021', false],
    ['X where a digit is due', '37010119010203997X', false],
    ['30 February (check digit right)', '37028319990230123X', false],
    ['born in the future (check digit right)', '370283202701010019', false],
    ['born before 1900 (check digit right)', '370283189912310018', false],
    ['unknown province 99 (check digit right)', '990283198506124519', false],
    ['17 digits', '37010119010203997', false],
    ['19 digits', '3701011901020399731', false],
    ['letter inside', '3701011901O2039973', false],
  ])('%s: %s → %s', (_case, id, valid) => {
    expect(isValidIdNumber(id, TODAY)).toBe(valid);
  });

  it('compares the birth date with the date in Shanghai, not UTC', () => {
    const bornOnNewYear = '370283202601010011';
    expect(isValidIdNumber(bornOnNewYear, new Date('2025-12-31T15:30:00Z'))).toBe(false);
    expect(isValidIdNumber(bornOnNewYear, new Date('2025-12-31T16:30:00Z'))).toBe(true);
  });
});

describe('isValidLegacyIdNumber (15 digits, 19YYMMDD)', () => {
  it.each<[string, string, boolean]>([
    ['born 1985-06-12', '370283850612451', true],
    ['born 1949-12-31', '110105491231002', true],
    ['30 February', '370283850230123', false],
    ['month 13', '370283851312451', false],
    ['unknown province', '990283850612451', false],
    ['X is not a legacy check character', '37028385061245X', false],
    ['16 digits', '3702838506124512', false],
  ])('%s: %s → %s', (_case, id, valid) => {
    expect(isValidLegacyIdNumber(id, TODAY)).toBe(valid);
  });
});
