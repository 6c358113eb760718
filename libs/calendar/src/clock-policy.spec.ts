import { resolve } from 'node:path';
import { loadCalendarDirectory } from './calendar-files';
import {
  ClockPolicyError,
  DEFAULT_CLOCK_POLICIES,
  DEFAULT_TIMER_POLICY,
  timerPolicyOf,
  computeDue,
  parseClockPolicies,
  type ClockSpec,
} from './clock-policy';

const calendar = loadCalendarDirectory(resolve(__dirname, '../../../config/calendar'));

describe('DEFAULT_CLOCK_POLICIES', () => {
  it('holds the defaults of docs/architecture.md', () => {
    expect(DEFAULT_CLOCK_POLICIES).toEqual({
      dispatch: { unit: 'workingDays', length: 1 },
      'reply.urgent': { unit: 'hours', length: 24 },
      'reply.consult': { unit: 'workingDays', length: 5 },
      'reply.help': { unit: 'workingDays', length: 5 },
      'reply.suggestion': { unit: 'workingDays', length: 15 },
      'reply.complaint': { unit: 'workingDays', length: 15 },
      'reply.report': { unit: 'workingDays', length: 15 },
      publication: { unit: 'workingDays', length: 3 },
      policyInterpretation: { unit: 'workingDays', length: 3 },
      disclosure: { unit: 'workingDays', length: 20 },
      sentimentResponse: { unit: 'hours', length: 48 },
      'sentimentResponse.majorInformation': { unit: 'hours', length: 5, timers: { remindHoursBefore: 1 } },
      'sentimentResponse.majorPressConference': { unit: 'hours', length: 24 },
      unansweredWarning: { unit: 'calendarMonths', length: 2 },
      unansweredCritical: { unit: 'calendarMonths', length: 3 },
    });
  });

  it('passes its own validation and cannot be changed at run time', () => {
    expect(parseClockPolicies(DEFAULT_CLOCK_POLICIES)).toEqual(DEFAULT_CLOCK_POLICIES);
    expect(Object.isFrozen(DEFAULT_CLOCK_POLICIES)).toBe(true);
    expect(Object.isFrozen(DEFAULT_CLOCK_POLICIES.dispatch)).toBe(true);
  });
});

describe('computeDue', () => {
  it.each<[string, string, ClockSpec, string, string, boolean]>([
    // Fri 02-13 22:00 Shanghai; Sat 02-14 is a make-up working day
    ['dispatch', '2026-02-13T14:00:00Z', DEFAULT_CLOCK_POLICIES.dispatch, '2026-02-14', '2026-02-14T15:59:59.000Z', false],
    // 14(1) | 24(2) 25(3) 26(4) 27(5)
    ['consult', '2026-02-13T14:00:00Z', DEFAULT_CLOCK_POLICIES['reply.consult'], '2026-02-27', '2026-02-27T15:59:59.000Z', false],
    // 24 clock hours straight through the make-up day, across midnight
    ['urgent', '2026-02-13T14:00:00Z', DEFAULT_CLOCK_POLICIES['reply.urgent'], '2026-02-14', '2026-02-14T14:00:00.000Z', false],
    // 48 h from 23:30 Shanghai on a holiday: 02-17 23:30 Shanghai
    ['sentiment', '2026-02-15T15:30:00Z', DEFAULT_CLOCK_POLICIES.sentimentResponse, '2026-02-17', '2026-02-17T15:30:00.000Z', false],
    // 20 wd from Thu 2026-09-17: 18(1) 20(2, make-up Sun) 21–24(3–6) 28–30(7–9) 10-08(10) 09(11) 10(12) 12–16(13–17) 19–21(18–20)
    ['disclosure', '2026-09-17T02:00:00Z', DEFAULT_CLOCK_POLICIES.disclosure, '2026-10-21', '2026-10-21T15:59:59.000Z', false],
    // 2 calendar months from 12-31: clamped to 02-28 of a year without data, still not provisional
    ['warning', '2026-12-31T02:00:00Z', DEFAULT_CLOCK_POLICIES.unansweredWarning, '2027-02-28', '2027-02-28T15:59:59.000Z', false],
    ['critical', '2026-11-30T02:00:00Z', DEFAULT_CLOCK_POLICIES.unansweredCritical, '2027-02-28', '2027-02-28T15:59:59.000Z', false],
    // 12-28(1) 29(2) 30(3) 31(4) 2027-01-01(5, guessed) → provisional
    ['consult into 2027', '2026-12-25T02:00:00Z', { unit: 'workingDays', length: 5 }, '2027-01-01', '2027-01-01T15:59:59.000Z', true],
  ])('%s from %s', (_name, from, spec, due, dueAt, provisional) => {
    expect(computeDue(calendar, new Date(from), spec)).toEqual({ due, dueAt: new Date(dueAt), provisional });
  });

  it('refuses an unknown unit that slipped past the types', () => {
    expect(() => computeDue(calendar, new Date(), { unit: 'weeks', length: 1 } as unknown as ClockSpec)).toThrow(
      new ClockPolicyError('unknown clock unit "weeks"'),
    );
  });

  it('passes the length checks of the calendar through', () => {
    expect(() => computeDue(calendar, new Date(), { unit: 'workingDays', length: -1 })).toThrow(RangeError);
  });
});

describe('parseClockPolicies', () => {
  it('accepts an override table and an empty one', () => {
    expect(parseClockPolicies({ 'reply.consult': { unit: 'workingDays', length: 3 } })).toEqual({
      'reply.consult': { unit: 'workingDays', length: 3 },
    });
    expect(parseClockPolicies({})).toEqual({});
  });

  it.each<[string, unknown, RegExp]>([
    ['not an object', 'dispatch', /clock policy table is invalid: .*expected record/],
    ['an array', [], /clock policy table is invalid: .*expected record/],
    ['unknown unit', { dispatch: { unit: 'weeks', length: 1 } }, /dispatch → unit: Invalid option: expected one of "workingDays"\|"hours"\|"calendarMonths"/],
    ['missing length', { dispatch: { unit: 'hours' } }, /dispatch → length: Invalid input: expected number/],
    ['negative length', { 'reply.help': { unit: 'workingDays', length: -2 } }, /reply\.help → length: Too small/],
    ['fractional length', { 'reply.help': { unit: 'hours', length: 1.5 } }, /reply\.help → length: Invalid input: expected int/],
    ['too many working days', { disclosure: { unit: 'workingDays', length: 3651 } }, /disclosure → length: 3651 workingDays is more than the maximum 3650/],
    ['too many months', { unansweredWarning: { unit: 'calendarMonths', length: 121 } }, /unansweredWarning → length: 121 calendarMonths is more than the maximum 120/],
    ['extra key', { dispatch: { unit: 'hours', length: 1, note: 'x' } }, /dispatch: Unrecognized key: "note"/],
    ['bad name', { 'reply urgent': { unit: 'hours', length: 24 } }, /reply urgent: .*clock names are dotted camelCase words/],
    ['empty name', { '': { unit: 'hours', length: 24 } }, /"": clock names are dotted camelCase words/],
    ['a bare number', { dispatch: 1 }, /dispatch: Invalid input: expected object, received number/],
  ])('rejects %s', (_case, input, message) => {
    expect(() => parseClockPolicies(input)).toThrow(ClockPolicyError);
    expect(() => parseClockPolicies(input)).toThrow(message);
  });
});

describe('timer policies in the clock table', () => {
  it('accepts reminder offsets per clock and merges them over the defaults', () => {
    const table = parseClockPolicies({ 'reply.complaint': { unit: 'workingDays', length: 13, timers: { remindWorkingDaysBefore: 2 } } });
    expect(timerPolicyOf(table['reply.complaint'])).toEqual({ ...DEFAULT_TIMER_POLICY, remindWorkingDaysBefore: 2 });
    expect(timerPolicyOf(undefined)).toEqual(DEFAULT_TIMER_POLICY);
  });

  it.each([
    [{ remindWorkingDaysBefore: -1 }, /remindWorkingDaysBefore/],
    [{ remindHoursBefore: 1.5 }, /remindHoursBefore/],
    [{ remindEarly: true }, /remindEarly|Unrecognized/i],
  ])('refuses timers %j', (timers, problem) => {
    expect(() => parseClockPolicies({ dispatch: { unit: 'workingDays', length: 1, timers } })).toThrow(problem);
  });
});
