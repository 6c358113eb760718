import { CalendarDataError, parseYearSchedule } from './year-schedule';

const valid = {
  year: 2026,
  source: 'https://www.gov.cn/zhengce/content/202511/content_7047090.htm',
  notice: '国务院办公厅关于2026年部分节假日安排的通知',
  holidays: ['2026-01-02', '2026-01-01', '2026-01-03'],
  workdays: ['2026-01-04'],
};

function errorOf(input: unknown, origin?: string): CalendarDataError {
  try {
    parseYearSchedule(input, origin);
  } catch (error) {
    if (error instanceof CalendarDataError) return error;
    throw error;
  }
  throw new Error('expected parseYearSchedule to throw');
}

describe('parseYearSchedule', () => {
  it('accepts a valid year and sorts its dates', () => {
    expect(parseYearSchedule(valid)).toEqual({
      ...valid,
      holidays: ['2026-01-01', '2026-01-02', '2026-01-03'],
    });
  });

  it('accepts a year without notice title or make-up days', () => {
    const { notice: _notice, ...rest } = valid;
    const schedule = parseYearSchedule({ ...rest, workdays: [] });
    expect(schedule).not.toHaveProperty('notice');
    expect(schedule.workdays).toEqual([]);
  });

  it.each<[string, unknown, RegExp]>([
    ['not an object', '2026', /\(root\): Invalid input: expected object/],
    ['null', null, /\(root\): Invalid input: expected object/],
    ['an array', [valid], /\(root\): Invalid input: expected object/],
    ['year missing', { ...valid, year: undefined }, /year: Invalid input: expected number/],
    ['year as text', { ...valid, year: '2026' }, /year: Invalid input: expected number, received string/],
    ['fractional year', { ...valid, year: 2026.5 }, /year: .*int/i],
    ['year before fixed UTC+8', { ...valid, year: 1991 }, /year: Too small/],
    ['source missing', { ...valid, source: undefined }, /source: source must be the http\(s\) URL of the notice/],
    ['source not a URL', { ...valid, source: '国办发明电〔2025〕7号' }, /source: source must be the http\(s\) URL/],
    ['source not http', { ...valid, source: 'ftp://www.gov.cn/x.htm' }, /source: source must be the http\(s\) URL/],
    ['blank notice', { ...valid, notice: '  ' }, /notice: Too small/],
    ['holidays not an array', { ...valid, holidays: '2026-01-01' }, /holidays: Invalid input: expected array/],
    ['empty holidays', { ...valid, holidays: [] }, /holidays: holidays is empty/],
    ['a date as a number', { ...valid, workdays: [20260104] }, /workdays\[0\]: Invalid input: expected string/],
    ['a misspelt key', { ...valid, workday: ['2026-01-04'] }, /\(root\): Unrecognized key: "workday"/],
  ])('rejects a wrong shape: %s', (_case, input, message) => {
    const error = errorOf(input);
    expect(error.message).toMatch(/^calendar data.* is invalid: /);
    expect(error.message).toMatch(message);
  });

  it.each<[string, Partial<typeof valid>, RegExp]>([
    ['malformed date', { holidays: ['2026-01-01', '2026-1-2'] }, /holidays\[1\] "2026-1-2" is not a valid YYYY-MM-DD date/],
    ['impossible date', { holidays: ['2026-02-29'] }, /holidays\[0\] "2026-02-29" is not a valid YYYY-MM-DD date/],
    ['timestamp instead of date', { workdays: ['2026-01-04T00:00:00+08:00'] }, /workdays\[0\] "2026-01-04T00:00:00\+08:00" is not a valid/],
    ['holiday in another year', { holidays: ['2025-12-31', '2026-01-01'] }, /holidays\[0\] 2025-12-31 is outside year 2026/],
    ['make-up day in another year', { workdays: ['2027-01-03'] }, /workdays\[0\] 2027-01-03 is outside year 2026/],
    ['both holiday and workday', { holidays: ['2026-01-03'], workdays: ['2026-01-03'] }, /2026-01-03 is both a holiday and a make-up workday/],
    ['make-up day on a Monday', { workdays: ['2026-01-05'] }, /make-up workday 2026-01-05 is a Monday, not a Saturday or Sunday/],
    ['make-up day on a Friday', { workdays: ['2026-10-09'] }, /make-up workday 2026-10-09 is a Friday, not a Saturday or Sunday/],
    ['duplicate holiday', { holidays: ['2026-01-01', '2026-01-02', '2026-01-01'] }, /holidays\[2\] 2026-01-01 is a duplicate date in holidays/],
    ['duplicate make-up day', { workdays: ['2026-01-04', '2026-01-04'] }, /workdays\[1\] 2026-01-04 is a duplicate date in workdays/],
  ])('rejects %s', (_case, patch, message) => {
    const error = errorOf({ ...valid, ...patch });
    expect(error.message).toMatch(/^calendar data for 2026 is invalid: /);
    expect(error.message).toMatch(message);
    expect(error.problems).toHaveLength(1);
  });

  it('reports every problem at once and names the origin', () => {
    const error = errorOf(
      { ...valid, holidays: ['2026-01-01', '2025-01-01', 'x'], workdays: ['2026-01-01', '2026-01-06'] },
      'config/calendar/2026.json',
    );
    expect(error.message).toMatch(/^calendar data for 2026 \(config\/calendar\/2026\.json\) is invalid: /);
    expect(error.problems).toEqual([
      'holidays[1] 2025-01-01 is outside year 2026',
      'holidays[2] "x" is not a valid YYYY-MM-DD date',
      '2026-01-01 is both a holiday and a make-up workday',
      'make-up workday 2026-01-01 is a Thursday, not a Saturday or Sunday',
      'make-up workday 2026-01-06 is a Tuesday, not a Saturday or Sunday',
    ]);
  });

  it('is a CalendarDataError and an Error', () => {
    const error = errorOf({});
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CalendarDataError');
  });
});
