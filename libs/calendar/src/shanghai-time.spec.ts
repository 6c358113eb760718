import {
  addDays,
  dayOfWeek,
  daysBetween,
  endOfShanghaiDay,
  formatLocalDate,
  isLocalDate,
  isWeekend,
  localDateParts,
  parseLocalDate,
  shanghaiDateOf,
  startOfShanghaiDay,
  yearOf,
} from './shanghai-time';

describe('parseLocalDate / isLocalDate', () => {
  it.each(['2026-01-01', '2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01', '9999-12-31', '2026-04-30'])(
    'accepts %s',
    (text) => {
      expect(isLocalDate(text)).toBe(true);
      expect(parseLocalDate(text)).toBe(text);
    },
  );

  it.each<[unknown, string]>([
    ['2026-02-29', 'not a leap year'],
    ['1900-02-29', 'century, not a leap year'],
    ['2026-04-31', 'April has 30 days'],
    ['2026-13-01', 'month 13'],
    ['2026-00-10', 'month 0'],
    ['2026-01-00', 'day 0'],
    ['2026-01-32', 'day 32'],
    ['0000-01-01', 'year 0'],
    ['2026-1-5', 'unpadded'],
    ['20260105', 'no dashes'],
    ['2026/01/05', 'slashes'],
    [' 2026-01-05', 'leading space'],
    ['2026-01-05\n', 'trailing newline'],
    ['2026-01-05T00:00:00Z', 'a timestamp'],
    ['+02026-01-05', 'expanded year'],
    ['', 'empty'],
    [20260105, 'a number'],
    [null, 'null'],
    [undefined, 'undefined'],
    [new Date('2026-01-05'), 'a Date'],
  ])('rejects %p (%s)', (value) => {
    expect(isLocalDate(value)).toBe(false);
    expect(() => parseLocalDate(value)).toThrow(/is not a valid YYYY-MM-DD date/);
  });

  it('splits and re-joins the parts', () => {
    expect(localDateParts('2026-02-14')).toEqual({ year: 2026, month: 2, day: 14 });
    expect(yearOf('2027-01-01')).toBe(2027);
    expect(formatLocalDate({ year: 987, month: 3, day: 4 })).toBe('0987-03-04');
    expect(() => formatLocalDate({ year: 2026, month: 2, day: 29 })).toThrow(RangeError);
  });
});

describe('shanghaiDateOf', () => {
  it.each([
    // UTC+8: the Shanghai date changes at 16:00 UTC.
    ['2026-09-30T15:59:59.999Z', '2026-09-30'],
    ['2026-09-30T16:00:00.000Z', '2026-10-01'],
    ['2026-02-13T15:59:59Z', '2026-02-13'],
    ['2026-02-13T16:30:00Z', '2026-02-14'], // 00:30 on the make-up Saturday
    ['2026-12-31T15:59:59Z', '2026-12-31'],
    ['2026-12-31T16:00:00Z', '2027-01-01'],
    ['2024-02-28T16:00:00Z', '2024-02-29'],
    ['2026-01-01T00:00:00+08:00', '2026-01-01'],
    ['2025-12-31T23:59:59+08:00', '2025-12-31'],
    ['1970-01-01T00:00:00Z', '1970-01-01'],
    ['1969-12-31T15:59:59Z', '1969-12-31'],
    ['1969-12-31T16:00:00Z', '1970-01-01'],
  ])('%s is on %s in Shanghai', (iso, expected) => {
    expect(shanghaiDateOf(new Date(iso))).toBe(expected);
  });

  it('refuses an invalid Date', () => {
    expect(() => shanghaiDateOf(new Date('nope'))).toThrow(RangeError);
    expect(() => shanghaiDateOf('2026-01-01' as unknown as Date)).toThrow(RangeError);
  });

  it('refuses an instant past year 9999', () => {
    expect(() => shanghaiDateOf(new Date('9999-12-31T16:00:00Z'))).toThrow(/0001–9999/);
  });
});

describe('start and end of a Shanghai day', () => {
  it.each([
    ['2026-10-01', '2026-09-30T16:00:00.000Z', '2026-10-01T15:59:59.000Z'],
    ['2026-01-01', '2025-12-31T16:00:00.000Z', '2026-01-01T15:59:59.000Z'],
    ['2024-02-29', '2024-02-28T16:00:00.000Z', '2024-02-29T15:59:59.000Z'],
    ['1970-01-01', '1969-12-31T16:00:00.000Z', '1970-01-01T15:59:59.000Z'],
  ])('%s starts at %s and ends at %s', (date, start, end) => {
    expect(startOfShanghaiDay(date).toISOString()).toBe(start);
    expect(endOfShanghaiDay(date).toISOString()).toBe(end);
    expect(shanghaiDateOf(startOfShanghaiDay(date))).toBe(date);
    expect(shanghaiDateOf(endOfShanghaiDay(date))).toBe(date);
  });

  it('refuses a malformed date', () => {
    expect(() => endOfShanghaiDay('2026-02-30')).toThrow(RangeError);
    expect(() => startOfShanghaiDay('2026-2-3')).toThrow(RangeError);
  });
});

describe('addDays / daysBetween', () => {
  it.each<[string, number, string]>([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2026-05-05', 0, '2026-05-05'],
    ['1999-12-31', 1, '2000-01-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2100-02-28', 1, '2100-03-01'],
  ])('%s plus %d days is %s', (from, n, expected) => {
    expect(addDays(from, n)).toBe(expected);
    expect(daysBetween(from, expected)).toBe(n);
  });

  it('refuses a non-integer count and leaving years 0001–9999', () => {
    expect(() => addDays('2026-01-01', 1.5)).toThrow(RangeError);
    expect(() => addDays('2026-01-01', Number.NaN)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => addDays('0001-01-01', -1)).toThrow(RangeError);
  });

  it('agrees with Date.UTC on every day from 1990 to 2100', () => {
    // An independent oracle: the built-in proleptic Gregorian calendar.
    const mismatches: string[] = [];
    let date = '1990-01-01';
    for (let ms = Date.UTC(1990, 0, 1); ms <= Date.UTC(2100, 11, 31); ms += 86_400_000) {
      const d = new Date(ms);
      const expected = d.toISOString().slice(0, 10);
      if (date !== expected) mismatches.push(`${date} != ${expected}`);
      if (dayOfWeek(date) !== d.getUTCDay()) mismatches.push(`weekday of ${date}`);
      if (startOfShanghaiDay(date).getTime() !== ms - 8 * 3_600_000) mismatches.push(`start of ${date}`);
      date = addDays(date, 1);
      if (mismatches.length > 5) break;
    }
    expect(mismatches).toEqual([]);
  });
});

describe('dayOfWeek / isWeekend', () => {
  it.each<[string, number]>([
    ['1970-01-01', 4],
    ['2000-01-01', 6],
    ['2024-02-29', 4],
    ['2026-01-01', 4],
    ['2026-01-04', 0],
    ['2026-02-14', 6],
    ['2026-09-30', 3],
    ['2027-01-01', 5],
    ['0001-01-01', 1],
  ])('%s is day %d', (date, dow) => {
    expect(dayOfWeek(date)).toBe(dow);
    expect(isWeekend(date)).toBe(dow === 0 || dow === 6);
  });
});
