import { join } from 'node:path';
import { DEFAULT_TIMER_POLICY, WorkingDayCalendar, loadCalendarDirectory, readCalendarDirectory } from '@wenzheng/calendar';
import { ClockState, clockDue, clockTimers } from './clock-schedule';

const CALENDAR_DIR = join(__dirname, '../../../config/calendar');
const calendar = loadCalendarDirectory(CALENDAR_DIR);
const at = (shanghai: string) => new Date(`${shanghai}+08:00`);
const endOf = (day: string) => at(`${day}T23:59:59`);

const clock = (overrides: Partial<ClockState>): ClockState => ({
  unit: 'workingDays',
  length: 5,
  startedAt: at('2026-09-21T10:00:00'),
  extension: 0,
  pauses: [],
  ...overrides,
});

describe('clockDue', () => {
  it.each([
    {
      // 中秋 9/25–9/27 is off: 9/22, 9/23, 9/24, 9/28, 9/29.
      what: 'no pause: 5 working days from Mon 9/21',
      state: clock({}),
      due: '2026-09-29',
    },
    {
      // 7 working days: 9/22, 23, 24, 28, 29, 30, then 10/8 after National Day.
      what: 'paused Tue 9/22 → resumed Thu 9/24 adds 2 working days (Wed, Thu), across National Day',
      state: clock({ pauses: [{ from: at('2026-09-22T10:00:00'), to: at('2026-09-24T10:00:00'), reason: '征求第三方意见' }] }),
      due: '2026-10-08',
    },
    {
      // Paused working days after 9/24 up to 10/9: 9/28, 9/29, 9/30, 10/8, 10/9 = 5 (中秋 and National Day skipped).
      what: 'a pause across 中秋 and National Day adds only the working days inside it',
      state: clock({ pauses: [{ from: at('2026-09-24T09:00:00'), to: at('2026-10-09T17:00:00'), reason: '等待鉴定' }] }),
      // 5 + 5 = 10 working days after Mon 9/21: 9/22, 9/23, 9/24, 9/28, 9/29, 9/30, 10/8, 10/9, 10/10 (make-up Sat), 10/12.
      due: '2026-10-12',
    },
    {
      what: 'two pauses add up',
      state: clock({
        pauses: [
          { from: at('2026-09-22T10:00:00'), to: at('2026-09-23T10:00:00'), reason: 'a' },
          { from: at('2026-09-23T15:00:00'), to: at('2026-09-24T09:00:00'), reason: 'b' },
        ],
      }),
      due: '2026-10-08',
    },
    {
      what: 'an approved extension of 5 working days across National Day',
      state: clock({ extension: 5 }),
      // 10 working days: 9/22, 23, 24, 28, 29, 30, 10/8, 10/9, 10/10 (make-up Saturday), 10/12.
      due: '2026-10-12',
    },
    {
      what: 'a restart counts from the new start (补正 received Fri 10/9)',
      state: clock({ length: 20, startedAt: at('2026-10-09T16:00:00') }),
      // 10/10 (make-up Sat)=1, 10/12..10/16=2..6, 10/19..23=7..11, 10/26..30=12..16, 11/2..11/5=17..20.
      due: '2026-11-05',
    },
  ])('$what → $due', ({ state, due }) => {
    const deadline = clockDue(calendar, state);
    expect(deadline).toEqual({ due, dueAt: endOf(due), provisional: false });
  });

  it('has no due moment while paused', () => {
    expect(clockDue(calendar, clock({ pauses: [{ from: at('2026-09-22T10:00:00'), to: null, reason: 'x' }] }))).toBeNull();
  });

  it('moves an hours clock by the exact paused time, across midnight', () => {
    const state = clock({
      unit: 'hours',
      length: 24,
      startedAt: at('2026-11-23T22:30:00'),
      pauses: [{ from: at('2026-11-23T23:00:00'), to: at('2026-11-24T01:15:00'), reason: 'x' }],
    });
    expect(clockDue(calendar, state)).toEqual({ due: '2026-11-25', dueAt: at('2026-11-25T00:45:00'), provisional: false });
  });

  it('refuses to pause a calendar-month clock', () => {
    const state = clock({ unit: 'calendarMonths', length: 2, pauses: [{ from: at('2026-10-01T00:00:00'), to: at('2026-10-02T00:00:00'), reason: 'x' }] });
    expect(() => clockDue(calendar, state)).toThrow(RangeError);
  });

  it('is provisional while it reaches 2027, and exact once 2027 is loaded', () => {
    const state = clock({ length: 15, startedAt: at('2026-12-15T09:00:00') });
    expect(clockDue(calendar, state)).toEqual({ due: '2027-01-05', dueAt: endOf('2027-01-05'), provisional: true });
    // Test data shaped like a State Council notice: 元旦 1/1–1/3 off.
    const with2027 = new WorkingDayCalendar([
      ...readCalendarDirectory(CALENDAR_DIR),
      { year: 2027, source: 'https://example.invalid/test-2027', holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] },
    ]);
    // 2027-01-01 (a Friday) counted as a working day without data; with the notice loaded the due day moves.
    expect(clockDue(with2027, state)).toEqual({ due: '2027-01-06', dueAt: endOf('2027-01-06'), provisional: false });
    const longer = clock({ length: 20, startedAt: at('2026-12-15T09:00:00') });
    // Without data 1/1 counts; with it the 20th working day moves from 1/12 to 1/13.
    expect(clockDue(calendar, longer)?.due).toBe('2027-01-12');
    expect(clockDue(with2027, longer)?.due).toBe('2027-01-13');
  });
});

describe('clockTimers', () => {
  it('reminds the working day before and at the start of the due day, then overdue and seriously overdue', () => {
    // Due Mon 10/12 (after National Day): the working day before is the make-up Saturday 10/10.
    const due = { due: '2026-10-12', dueAt: endOf('2026-10-12'), provisional: false };
    expect(clockTimers(calendar, 'workingDays', at('2026-09-29T10:00:00'), due)).toEqual([
      { name: 'remind-before', fireAt: at('2026-10-10T00:00:00') },
      { name: 'remind-due-day', fireAt: at('2026-10-12T00:00:00') },
      { name: 'overdue', fireAt: at('2026-10-13T00:00:00') },
      // 5 working days after 10/12: 10/13, 14, 15, 16, 19.
      { name: 'seriously-overdue', fireAt: at('2026-10-20T00:00:00') },
    ]);
  });

  it('skips a reminder that would fall before the clock started', () => {
    // A 1-working-day dispatch clock received Tue 09:00: due Wed; "1 working day before" is Tue 00:00, already past.
    const due = calendar.addWorkingDays(at('2026-11-24T09:00:00'), 1);
    const names = clockTimers(calendar, 'workingDays', at('2026-11-24T09:00:00'), due).map((t) => t.name);
    expect(names).toEqual(['remind-due-day', 'overdue', 'seriously-overdue']);
  });

  it('reminds hour clocks a few hours before', () => {
    const start = at('2026-11-23T22:30:00');
    const due = calendar.addHours(start, 24);
    expect(clockTimers(calendar, 'hours', start, due)).toEqual([
      { name: 'remind-before', fireAt: at('2026-11-24T18:30:00') },
      { name: 'overdue', fireAt: at('2026-11-24T22:30:01') },
      { name: 'seriously-overdue', fireAt: expect.any(Date) },
    ]);
  });

  it('gives calendar-month alarms only an overdue timer', () => {
    const start = at('2026-09-01T10:00:00');
    const due = calendar.addCalendarMonths(start, 2);
    expect(clockTimers(calendar, 'calendarMonths', start, due).map((t) => t.name)).toEqual(['overdue']);
  });

  it('follows the policy', () => {
    const due = { due: '2026-10-12', dueAt: endOf('2026-10-12'), provisional: false };
    const policy = { ...DEFAULT_TIMER_POLICY, remindWorkingDaysBefore: 2, remindAtStartOfDueDay: false, seriouslyOverdueAfterWorkingDays: 0 };
    expect(clockTimers(calendar, 'workingDays', at('2026-09-29T10:00:00'), due, policy)).toEqual([
      { name: 'remind-before', fireAt: at('2026-10-09T00:00:00') },
      { name: 'overdue', fireAt: at('2026-10-13T00:00:00') },
    ]);
  });
});
