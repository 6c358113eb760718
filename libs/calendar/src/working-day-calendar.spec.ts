import { resolve } from 'node:path';
import { loadCalendarDirectory } from './calendar-files';
import { addDays, isLocalDate, shanghaiDateOf, type LocalDate } from './shanghai-time';
import { MAX_WORKING_DAYS, WorkingDayCalendar } from './working-day-calendar';
import { CalendarDataError, type YearSchedule } from './year-schedule';

const CALENDAR_DIR = resolve(__dirname, '../../../config/calendar');

/**
 * Independent copy of docs/rules.md "Working days", typed by hand from the notices, as [first, last] spans.
 * The data files must match it day for day, so a typo in either fails.
 */
const OFFICIAL: Record<number, { off: [string, string][]; work: string[] }> = {
  2024: {
    off: [
      ['2024-01-01', '2024-01-01'],
      ['2024-02-10', '2024-02-17'],
      ['2024-04-04', '2024-04-06'],
      ['2024-05-01', '2024-05-05'],
      ['2024-06-10', '2024-06-10'],
      ['2024-09-15', '2024-09-17'],
      ['2024-10-01', '2024-10-07'],
    ],
    work: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
  },
  2025: {
    off: [
      ['2025-01-01', '2025-01-01'],
      ['2025-01-28', '2025-02-04'],
      ['2025-04-04', '2025-04-06'],
      ['2025-05-01', '2025-05-05'],
      ['2025-05-31', '2025-06-02'],
      ['2025-10-01', '2025-10-08'],
    ],
    work: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    off: [
      ['2026-01-01', '2026-01-03'],
      ['2026-02-15', '2026-02-23'],
      ['2026-04-04', '2026-04-06'],
      ['2026-05-01', '2026-05-05'],
      ['2026-06-19', '2026-06-21'],
      ['2026-09-25', '2026-09-27'],
      ['2026-10-01', '2026-10-07'],
    ],
    work: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

/** Days of a span, walked with Date.UTC (not the code under test). */
function expandSpan([first, last]: [string, string]): string[] {
  const days: string[] = [];
  for (let ms = Date.parse(`${first}T00:00:00Z`); ms <= Date.parse(`${last}T00:00:00Z`); ms += 86_400_000) {
    days.push(new Date(ms).toISOString().slice(0, 10));
  }
  return days;
}

const OFFICIAL_OFF = new Set(Object.values(OFFICIAL).flatMap((y) => y.off.flatMap(expandSpan)));
const OFFICIAL_WORK = new Set(Object.values(OFFICIAL).flatMap((y) => y.work));

/** Oracle for days in 2024–2026: built from the table above and Date#getUTCDay only. */
function oracleIsWorking(date: string): boolean {
  if (OFFICIAL_OFF.has(date)) return false;
  if (OFFICIAL_WORK.has(date)) return true;
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** Oracle for a deadline: count forward naively, entirely within 2024–2026. */
function oracleDue(receipt: string, n: number): string {
  let ms = Date.parse(`${receipt}T00:00:00Z`);
  let day = receipt;
  for (let counted = 0; counted < n; ) {
    ms += 86_400_000;
    day = new Date(ms).toISOString().slice(0, 10);
    if (oracleIsWorking(day)) counted += 1;
  }
  return day;
}

/** An instant at hh:mm Asia/Shanghai on the date. */
function shanghai(date: string, time = '10:00'): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

const calendar = loadCalendarDirectory(CALENDAR_DIR);

describe('official data 2024–2026', () => {
  it('has exactly the years 2024, 2025 and 2026', () => {
    expect(calendar.years()).toEqual([2024, 2025, 2026]);
    expect(calendar.hasYear(2026)).toBe(true);
    expect(calendar.hasYear(2027)).toBe(false);
    expect(calendar.hasYear(2023)).toBe(false);
  });

  it.each([2024, 2025, 2026])('%i: the data file lists exactly the days of the independent table', (year) => {
    const schedule = calendar.schedule(year) as YearSchedule;
    expect(schedule.holidays).toEqual(OFFICIAL[year].off.flatMap(expandSpan));
    expect(schedule.workdays).toEqual([...OFFICIAL[year].work].sort());
    expect(schedule.source).toMatch(/^https:\/\/www\.gov\.cn\/zhengce\/content\/\d{6}\/content_\d+\.htm$/);
    expect(schedule.notice).toBe(`国务院办公厅关于${year}年部分节假日安排的通知`);
  });

  it.each(Object.values(OFFICIAL).flatMap((y) => y.off.flatMap(expandSpan)))('holiday %s is not a working day', (date) => {
    expect(calendar.describeDay(date)).toEqual({ date, kind: 'holiday', working: false, known: true });
  });

  it.each(Object.values(OFFICIAL).flatMap((y) => y.work))('make-up day %s is a working day', (date) => {
    expect(calendar.describeDay(date)).toEqual({ date, kind: 'makeUpWorkday', working: true, known: true });
  });

  it.each([2024, 2025, 2026])('%i: every day of the year agrees with the oracle', (year) => {
    const wrong: string[] = [];
    for (let date = `${year}-01-01`; date <= `${year}-12-31`; date = addDays(date, 1)) {
      if (calendar.isWorkingDay(date) !== oracleIsWorking(date)) wrong.push(date);
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    // Mon–Fri count, minus holidays falling on Mon–Fri, plus make-up days:
    // 2024: 262 − 19 + 8 = 251; 2025: 261 − 18 + 5 = 248; 2026: 261 − 19 + 6 = 248.
    [2024, 251],
    [2025, 248],
    [2026, 248],
  ])('%i has %i working days', (year, expected) => {
    let count = 0;
    for (let date = `${year}-01-01`; date <= `${year}-12-31`; date = addDays(date, 1)) {
      if (calendar.isWorkingDay(date)) count += 1;
    }
    expect(count).toBe(expected);
  });

  it('addWorkingDays agrees with the oracle for every receipt day and common lengths', () => {
    const wrong: string[] = [];
    for (let receipt = '2024-01-01'; receipt <= '2026-11-30'; receipt = addDays(receipt, 1)) {
      for (const n of [0, 1, 2, 3, 5, 7, 15, 20]) {
        const deadline = calendar.addWorkingDays(shanghai(receipt, '23:59'), n);
        const expected = oracleDue(receipt, n);
        if (deadline.due !== expected || deadline.provisional) wrong.push(`${receipt}+${n}: ${deadline.due} != ${expected}`);
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });
});

describe('isWorkingDay outside the data', () => {
  it.each<[LocalDate, boolean]>([
    ['2027-01-01', true], // a Friday; surely a holiday, but 2027 has no data: Mon–Fri, flagged unknown
    ['2027-01-02', false],
    ['2023-12-29', true],
    ['2023-12-30', false],
  ])('%s working: %s, unknown', (date, working) => {
    expect(calendar.isWorkingDay(date)).toBe(working);
    expect(calendar.describeDay(date).known).toBe(false);
  });

  it('ordinary days in a known year are known', () => {
    expect(calendar.describeDay('2026-03-03')).toEqual({ date: '2026-03-03', kind: 'weekday', working: true, known: true });
    expect(calendar.describeDay('2026-03-07')).toEqual({ date: '2026-03-07', kind: 'weekend', working: false, known: true });
  });

  it('refuses a malformed date', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2026-2-3')).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it.each<[string, string, number, LocalDate, boolean]>([
    // --- midnight in Shanghai (16:00 UTC) decides the day of receipt ---
    ['Wed 2026-09-30 23:59:59', '2026-09-30T15:59:59Z', 0, '2026-09-30', false],
    ['Thu 2026-10-01 00:00 (holiday)', '2026-09-30T16:00:00Z', 0, '2026-10-01', false],
    // received Tue 23:59:59: Wed 09-30 is the 1st working day
    ['Tue 2026-09-29 23:59:59', '2026-09-29T15:59:59Z', 1, '2026-09-30', false],
    // one second later it is Wed 09-30; 10-01..07 off, so Thu 10-08 is the 1st
    ['Wed 2026-09-30 00:00', '2026-09-29T16:00:00Z', 1, '2026-10-08', false],
    ['Wed 2026-09-30 23:59:59', '2026-09-30T15:59:59Z', 2, '2026-10-09', false],
    ['Thu 2026-10-01 00:00', '2026-09-30T16:00:00Z', 2, '2026-10-09', false],

    // --- the make-up Saturday 2026-02-14 ---
    // received Fri 23:30: Sat 02-14 is a working day, and the 1st
    ['Fri 2026-02-13 23:30', '2026-02-13T15:30:00Z', 1, '2026-02-14', false],
    // received Sat 00:30 = received on 02-14 (not counted); 02-15..23 off → Tue 02-24
    ['Sat 2026-02-14 00:30 (make-up day)', '2026-02-13T16:30:00Z', 1, '2026-02-24', false],
    ['Sat 2026-02-14 00:30 (make-up day)', '2026-02-13T16:30:00Z', 0, '2026-02-14', false],

    // --- 2026 Spring Festival (off 02-15..23; work Sat 02-14, Sat 02-28) ---
    // 14(1) | 24(2) 25(3) 26(4) 27(5)
    ['Fri 2026-02-13', '2026-02-13T02:00:00Z', 5, '2026-02-27', false],
    // … Sat 28 is a make-up day (6)
    ['Fri 2026-02-13', '2026-02-13T02:00:00Z', 6, '2026-02-28', false],
    // … Sun 03-01 is not, Mon 03-02 (7)
    ['Fri 2026-02-13', '2026-02-13T02:00:00Z', 7, '2026-03-02', false],
    // 11(1) 12(2) 13(3) 14(4) | 24..27(5–8) 28(9) | 03-02..06(10–14) 03-09(15)
    ['Tue 2026-02-10', '2026-02-10T02:00:00Z', 15, '2026-03-09', false],
    // received during the holiday: first working day after it
    ['Wed 2026-02-18 (holiday)', '2026-02-18T02:00:00Z', 1, '2026-02-24', false],

    // --- 2026 Mid-Autumn + National Day (off 09-25..27, 10-01..07; work Sun 09-20, Sat 10-10) ---
    // Sat 19 no, Sun 20 make-up (1), 21(2) 22(3) 23(4) 24(5)
    ['Fri 2026-09-18', '2026-09-18T02:00:00Z', 5, '2026-09-24', false],
    // Fri 25..Sun 27 off → Mon 28 (6)
    ['Fri 2026-09-18', '2026-09-18T02:00:00Z', 6, '2026-09-28', false],
    // 29(7) 30(8) | 10-08(9) 10-09(10) Sat 10-10(11) | 12(12) 13(13) 14(14) 15(15)
    ['Fri 2026-09-18', '2026-09-18T02:00:00Z', 15, '2026-10-15', false],

    // --- 2025 Spring Festival (off 01-28..02-04; work Sun 01-26, Sat 02-08) ---
    // Sat 25 no, Sun 26 make-up (1)
    ['Fri 2025-01-24', '2025-01-24T02:00:00Z', 1, '2025-01-26', false],
    // 26(1) 27(2) | 02-05(3) 06(4) 07(5)
    ['Fri 2025-01-24', '2025-01-24T02:00:00Z', 5, '2025-02-07', false],
    ['Fri 2025-01-24', '2025-01-24T02:00:00Z', 6, '2025-02-08', false],
    // … 08(6) | 10(7) 11(8) 12(9) 13(10) 14(11) | 17(12) 18(13) 19(14) 20(15)
    ['Fri 2025-01-24', '2025-01-24T02:00:00Z', 15, '2025-02-20', false],

    // --- 2025 National Day + Mid-Autumn (off 10-01..08; work Sun 09-28, Sat 10-11) ---
    ['Fri 2025-09-26', '2025-09-26T02:00:00Z', 1, '2025-09-28', false],
    // 28(1) 29(2) 30(3)
    ['Fri 2025-09-26', '2025-09-26T02:00:00Z', 3, '2025-09-30', false],
    // 10-01..08 off → Thu 10-09 (4)
    ['Fri 2025-09-26', '2025-09-26T02:00:00Z', 4, '2025-10-09', false],
    // 09(4) 10(5) Sat 11 make-up (6)
    ['Fri 2025-09-26', '2025-09-26T02:00:00Z', 6, '2025-10-11', false],
    // … 13..17(7–11) | 20(12) 21(13) 22(14) 23(15)
    ['Fri 2025-09-26', '2025-09-26T02:00:00Z', 15, '2025-10-23', false],
    // received on a holiday
    ['Fri 2025-10-03 (holiday)', '2025-10-03T02:00:00Z', 1, '2025-10-09', false],
    ['Fri 2025-10-03 (holiday)', '2025-10-03T02:00:00Z', 0, '2025-10-03', false],

    // --- 2024 Spring Festival (off 02-10..17; work Sun 02-04, Sun 02-18) ---
    ['Fri 2024-02-02', '2024-02-02T02:00:00Z', 1, '2024-02-04', false],
    // 除夕 02-09 is a working day; 10..17 off; Sun 18 make-up (1)
    ['Fri 2024-02-09', '2024-02-09T02:00:00Z', 1, '2024-02-18', false],
    ['Fri 2024-02-09', '2024-02-09T02:00:00Z', 2, '2024-02-19', false],
    // 09(1) 18(2) 19..23(3–7) 26..29(8–11, leap day included) 03-01(12) 04(13) 05(14) 06(15)
    ['Thu 2024-02-08', '2024-02-08T02:00:00Z', 15, '2024-03-06', false],

    // --- 2024 Mid-Autumn and National Day (off 09-15..17, work Sat 09-14; off 10-01..07, work Sun 09-29, Sat 10-12) ---
    ['Fri 2024-09-13', '2024-09-13T02:00:00Z', 1, '2024-09-14', false],
    ['Fri 2024-09-13', '2024-09-13T02:00:00Z', 2, '2024-09-18', false],
    ['Fri 2024-09-27', '2024-09-27T02:00:00Z', 1, '2024-09-29', false],
    // 29(1) 30(2) | 10-08(3)
    ['Fri 2024-09-27', '2024-09-27T02:00:00Z', 3, '2024-10-08', false],
    // 08(3) 09(4) 10(5) 11(6) Sat 12(7)
    ['Fri 2024-09-27', '2024-09-27T02:00:00Z', 7, '2024-10-12', false],
    // … 14..18(8–12) 21(13) 22(14) 23(15)
    ['Fri 2024-09-27', '2024-09-27T02:00:00Z', 15, '2024-10-23', false],

    // --- reaching a year with no data ---
    // 12-16..18(1–3) 21..25(4–8) 28..31(9–12): stays inside 2026
    ['Tue 2026-12-15', '2026-12-15T02:00:00Z', 12, '2026-12-31', false],
    // 2027-01-01 counted as a working day (no data; it will be a holiday once 2027 is loaded)
    ['Tue 2026-12-15', '2026-12-15T02:00:00Z', 13, '2027-01-01', true],
    // … 01-01(13) | Mon 01-04(14) Tue 01-05(15)
    ['Tue 2026-12-15', '2026-12-15T02:00:00Z', 15, '2027-01-05', true],
    // receipt in 2023 (no data): Sat 30, Sun 31 looked at as Mon–Fri guesses; 2024-01-01 off → Tue 01-02
    ['Fri 2023-12-29', '2023-12-29T02:00:00Z', 1, '2024-01-02', true],
    // n = 0 looks at no day, so even an unknown year is not provisional
    ['Thu 2027-06-10', '2027-06-10T02:00:00Z', 0, '2027-06-10', false],
  ])('received %s (%s) + %i → %s, provisional %s', (_label, iso, n, due, provisional) => {
    const deadline = calendar.addWorkingDays(new Date(iso), n);
    expect(deadline).toEqual({ due, dueAt: new Date(`${due}T23:59:59+08:00`), provisional });
  });

  it('puts the due moment at 23:59:59.000 Shanghai time', () => {
    expect(calendar.addWorkingDays(new Date('2026-09-29T15:59:59Z'), 1).dueAt.toISOString()).toBe(
      '2026-09-30T15:59:59.000Z',
    );
  });

  it('loaded later, 2027 makes the same deadline final', () => {
    const with2027 = new WorkingDayCalendar([
      ...calendar.years().map((year) => calendar.schedule(year) as YearSchedule),
      { year: 2027, source: 'https://example.test/2027', holidays: ['2027-01-01'], workdays: [] },
    ]);
    // 01-01 is now off: 12-31(12) | 01-04(13) 01-05(14) 01-06(15)
    expect(with2027.addWorkingDays(shanghai('2026-12-15'), 15)).toMatchObject({ due: '2027-01-06', provisional: false });
  });

  it.each<[string, unknown]>([
    ['negative', -1],
    ['fractional', 1.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['above the cap', MAX_WORKING_DAYS + 1],
    ['a string', '3'],
  ])('refuses n %s', (_case, n) => {
    expect(() => calendar.addWorkingDays(shanghai('2026-03-02'), n as number)).toThrow(
      /working-day count must be an integer from 0 to 3650/,
    );
  });

  it('accepts n at the cap', () => {
    expect(calendar.addWorkingDays(shanghai('2026-03-02'), MAX_WORKING_DAYS).provisional).toBe(true);
  });

  it('refuses an invalid Date', () => {
    expect(() => calendar.addWorkingDays(new Date(Number.NaN), 1)).toThrow(/from must be a valid Date/);
  });

  it('always lands on a working day for n ≥ 1', () => {
    for (let receipt = '2025-12-01'; receipt <= '2026-12-31'; receipt = addDays(receipt, 1)) {
      const { due } = calendar.addWorkingDays(shanghai(receipt), 1);
      expect([receipt, calendar.isWorkingDay(due)]).toEqual([receipt, true]);
    }
  });
});

describe('addHours', () => {
  it.each<[string, number, string, LocalDate]>([
    // 23:00 Shanghai + 2 h crosses midnight: due on the next Shanghai date
    ['2026-09-30T15:00:00Z', 2, '2026-09-30T17:00:00.000Z', '2026-10-01'],
    // holidays do not stop the clock
    ['2026-02-13T15:30:00Z', 24, '2026-02-14T15:30:00.000Z', '2026-02-14'],
    ['2026-02-15T04:00:00Z', 48, '2026-02-17T04:00:00.000Z', '2026-02-17'],
    ['2026-12-31T12:00:00Z', 5, '2026-12-31T17:00:00.000Z', '2027-01-01'],
    ['2026-03-02T01:23:45.678Z', 0, '2026-03-02T01:23:45.678Z', '2026-03-02'],
  ])('%s + %i h → %s (%s)', (from, hours, dueAt, due) => {
    expect(calendar.addHours(new Date(from), hours)).toEqual({ due, dueAt: new Date(dueAt), provisional: false });
  });

  it.each([-1, 0.5, Number.NaN, 87_601])('refuses %p hours', (hours) => {
    expect(() => calendar.addHours(shanghai('2026-03-02'), hours)).toThrow(RangeError);
  });
});

describe('addCalendarMonths', () => {
  it.each<[string, number, LocalDate]>([
    ['2026-03-15T10:00:00+08:00', 2, '2026-05-15'],
    ['2026-01-31T10:00:00+08:00', 1, '2026-02-28'], // clamped to the month's end
    ['2024-01-31T10:00:00+08:00', 1, '2024-02-29'], // leap year
    ['2025-12-31T10:00:00+08:00', 2, '2026-02-28'],
    ['2026-03-31T10:00:00+08:00', 1, '2026-04-30'],
    ['2026-03-31T10:00:00+08:00', 2, '2026-05-31'],
    ['2026-11-15T10:00:00+08:00', 3, '2027-02-15'], // no data needed: not provisional
    ['2026-12-31T10:00:00+08:00', 2, '2027-02-28'],
    ['2026-10-01T10:00:00+08:00', 12, '2027-10-01'],
    ['2026-05-20T10:00:00+08:00', 0, '2026-05-20'],
    // 00:30 Shanghai on 02-01 is still 01-31 in UTC: the Shanghai date counts
    ['2026-02-01T00:30:00+08:00', 1, '2026-03-01'],
  ])('%s + %i months → end of %s', (from, months, due) => {
    expect(calendar.addCalendarMonths(new Date(from), months)).toEqual({
      due,
      dueAt: new Date(`${due}T23:59:59+08:00`),
      provisional: false,
    });
  });

  it.each([-1, 1.5, 121])('refuses %p months', (months) => {
    expect(() => calendar.addCalendarMonths(shanghai('2026-03-02'), months)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it.each<[string, string, number, boolean]>([
    ['2026-03-02T10:00:00+08:00', '2026-03-02T18:00:00+08:00', 0, false],
    ['2026-03-02T10:00:00+08:00', '2026-03-03T09:00:00+08:00', 1, false],
    // Wed 09-30 → Thu 10-08: only 10-08 counts
    ['2026-09-30T10:00:00+08:00', '2026-10-08T10:00:00+08:00', 1, false],
    // received 23:59:59 Wed vs answered 00:00 Thu 10-01 (a holiday)
    ['2026-09-30T15:59:59Z', '2026-09-30T16:00:00Z', 0, false],
    // 02-14(1) | 24..27(2–5) | 28(6)
    ['2026-02-13T10:00:00+08:00', '2026-02-28T10:00:00+08:00', 6, false],
    // 12-31(1) 2027-01-01(2, guessed) 01-04(3)
    ['2026-12-30T10:00:00+08:00', '2027-01-04T10:00:00+08:00', 3, true],
  ])('%s → %s: %i working days, provisional %s', (from, to, days, provisional) => {
    expect(calendar.workingDaysBetween(new Date(from), new Date(to))).toEqual({ days, provisional });
  });

  it('counts back exactly n to the due day of addWorkingDays(n)', () => {
    for (let receipt = '2024-01-01'; receipt <= '2026-12-31'; receipt = addDays(receipt, 7)) {
      for (const n of [0, 1, 5, 15, 20]) {
        const from = shanghai(receipt, '16:45');
        const deadline = calendar.addWorkingDays(from, n);
        const counted = calendar.workingDaysBetween(from, deadline.dueAt);
        expect([receipt, n, counted]).toEqual([receipt, n, { days: n, provisional: deadline.provisional }]);
      }
    }
  });

  it('refuses to count backwards', () => {
    expect(() => calendar.workingDaysBetween(shanghai('2026-03-03'), shanghai('2026-03-02'))).toThrow(
      /to \(2026-03-02\) is before from \(2026-03-03\)/,
    );
  });
});

describe('construction', () => {
  const base: YearSchedule = { year: 2030, source: 'https://example.test/2030', holidays: ['2030-01-01'], workdays: [] };

  it('refuses the same year twice', () => {
    expect(() => new WorkingDayCalendar([base, base])).toThrow(new CalendarDataError('calendar data for 2030 is given twice'));
  });

  it('validates schedules it is given directly', () => {
    expect(() => new WorkingDayCalendar([{ ...base, workdays: ['2030-01-07'] }])).toThrow(CalendarDataError);
  });

  it('an empty calendar knows no year and flags every counted result', () => {
    const empty = new WorkingDayCalendar([]);
    expect(empty.years()).toEqual([]);
    expect(empty.addWorkingDays(shanghai('2026-09-30'), 1)).toMatchObject({ due: '2026-10-01', provisional: true });
  });

  it('sanity: the helper instants are on the intended Shanghai dates', () => {
    expect(shanghaiDateOf(shanghai('2026-02-14', '00:30'))).toBe('2026-02-14');
    expect(isLocalDate(oracleDue('2026-01-01', 3))).toBe(true);
  });
});
