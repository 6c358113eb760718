import { resolve } from 'node:path';
import { readYearScheduleFile } from './calendar-files';
import { parseIcsYear, type IcsYearOptions } from './ics';
import { CalendarDataError, type YearSchedule } from './year-schedule';

const CONFIG_DIR = resolve(__dirname, '../../../config/calendar');
const shipped = (year: number): YearSchedule => readYearScheduleFile(resolve(CONFIG_DIR, `${year}.json`));

function file(lines: readonly string[], eol = '\r\n'): string {
  return lines.join(eol) + eol;
}

function vevent(...props: string[]): string[] {
  return ['BEGIN:VEVENT', ...props, 'END:VEVENT'];
}

/** All-day event in the style of NateScarlet/holiday-cn: SUMMARY 春节假期 / 上班(补春节假期), DTEND exclusive. */
function spanEvent(summary: string, start: string, endExclusive: string): string[] {
  return vevent(
    `SUMMARY:${summary}`,
    `DTSTART;VALUE=DATE:${start}`,
    `DTEND;VALUE=DATE:${endExclusive}`,
    `UID:${start}-${endExclusive}@wenzheng.test`,
  );
}

// 2025 (notice of 2024-11-12), one event per span, LF line ends, a folded description, a notice URL property.
const HOLIDAY_CN_STYLE_2025 = file(
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//wenzheng tests//holiday spans//ZH',
    'X-WR-CALNAME:中国法定节假日',
    'X-WR-CALDESC:根据国务院办公厅关于2025年部分节假日安排的通知整理，',
    ' 供测试使用。',
    'URL:https://www.gov.cn/zhengce/content/202411/content_6986382.htm',
    'BEGIN:VTIMEZONE',
    'TZID:Asia/Shanghai',
    'BEGIN:STANDARD',
    'DTSTART:19700101T000000',
    'TZOFFSETFROM:+0800',
    'TZOFFSETTO:+0800',
    'END:STANDARD',
    'END:VTIMEZONE',
    ...spanEvent('元旦假期', '20250101', '20250102'),
    ...spanEvent('上班(补春节假期)', '20250126', '20250127'),
    ...spanEvent('春节假期', '20250128', '20250205'),
    ...spanEvent('上班(补春节假期)', '20250208', '20250209'),
    ...spanEvent('清明节假期', '20250404', '20250407'),
    ...spanEvent('上班(补劳动节假期)', '20250427', '20250428'),
    ...spanEvent('劳动节假期', '20250501', '20250506'),
    ...spanEvent('端午节假期', '20250531', '20250603'),
    ...spanEvent('上班(补国庆节、中秋节假期)', '20250928', '20250929'),
    ...spanEvent('国庆节、中秋节假期', '20251001', '20251009'),
    ...spanEvent('上班(补国庆节、中秋节假期)', '20251011', '20251012'),
    'END:VCALENDAR',
  ],
  '\n',
);

function appleDay(date: string, summary: string, special?: string): string[] {
  return vevent(
    `DTSTART;VALUE=DATE:${date}`,
    `SUMMARY:${summary}`,
    ...(special ? [`X-APPLE-SPECIAL-DAY:${special}`] : []),
    'TRANSP:TRANSPARENT',
    `UID:apple-style-${date}-${special ?? 'festival'}@wenzheng.test`,
  );
}

function appleSpan(first: string, days: number, summary: string): string[] {
  const start = new Date(`${first.slice(0, 4)}-${first.slice(4, 6)}-${first.slice(6)}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(start.getTime() + i * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    return appleDay(day, summary, 'WORK-HOLIDAY');
  }).flat();
}

// Apple-style feed: one event per day, marked X-APPLE-SPECIAL-DAY, festivals and solar terms unmarked, the end of
// 2025 included (a feed carries several years), CRLF line ends, no notice URL (the caller gives it).
const APPLE_STYLE_2026 = file([
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//wenzheng tests//apple style//ZH',
  'X-WR-CALNAME:中国大陆节假日',
  ...appleSpan('20251001', 8, '国庆节（休）'),
  ...appleDay('20251011', '国庆节（班）', 'ALTERNATE-WORKDAY'),
  ...appleDay('20251222', '冬至'),
  ...appleSpan('20260101', 3, '元旦（休）'),
  ...appleDay('20260104', '元旦（班）', 'ALTERNATE-WORKDAY'),
  ...appleDay('20260214', '春节（班）', 'ALTERNATE-WORKDAY'),
  ...appleSpan('20260215', 9, '春节（休）'),
  ...appleDay('20260228', '春节（班）', 'ALTERNATE-WORKDAY'),
  ...appleDay('20260303', '元宵节'),
  ...appleSpan('20260404', 3, '清明节（休）'),
  ...appleSpan('20260501', 5, '劳动节（休）'),
  ...appleDay('20260509', '劳动节（班）', 'ALTERNATE-WORKDAY'),
  ...appleSpan('20260619', 3, '端午节（休）'),
  ...appleDay('20260920', '国庆节（班）', 'ALTERNATE-WORKDAY'),
  ...appleSpan('20260925', 3, '中秋节（休）'),
  ...appleSpan('20261001', 7, '国庆节（休）'),
  ...appleDay('20261010', '国庆节（班）', 'ALTERNATE-WORKDAY'),
  'END:VCALENDAR',
]);

function categoryEvent(category: string, summary: string, start: string, duration?: string): string[] {
  return vevent(
    `DTSTART;VALUE=DATE:${start}`,
    ...(duration ? [`DURATION:${duration}`] : []),
    `SUMMARY:${summary}`,
    `CATEGORIES:${category}`,
    `UID:${start}-${category}@wenzheng.test`,
  );
}

// 2024 with CATEGORIES 假期 / 上班 (the summaries say 调休, which alone decides nothing), DURATION instead of DTEND.
const CATEGORIES_STYLE_2024 = file([
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//wenzheng tests//categories//ZH',
  'SOURCE;VALUE=URI:https://www.gov.cn/zhengce/content/202310/content_6911527.htm',
  ...categoryEvent('假期', '元旦', '20240101'),
  ...categoryEvent('上班', '春节调休', '20240204'),
  ...categoryEvent('假期', '春节', '20240210', 'P8D'),
  ...categoryEvent('上班', '春节调休', '20240218'),
  ...categoryEvent('假期', '清明节', '20240404', 'P3D'),
  ...categoryEvent('上班', '清明节调休', '20240407', 'P1D'),
  ...categoryEvent('上班', '劳动节调休', '20240428'),
  ...categoryEvent('假期', '劳动节', '20240501', 'P5D'),
  ...categoryEvent('上班', '劳动节调休', '20240511'),
  ...categoryEvent('假期', '端午节', '20240610'),
  ...categoryEvent('上班', '中秋节调休', '20240914'),
  ...categoryEvent('假期', '中秋节', '20240915', 'P3D'),
  ...categoryEvent('上班', '国庆节调休', '20240929'),
  ...categoryEvent('假期', '国庆节', '20241001', 'P1W'),
  ...categoryEvent('上班', '国庆节调休', '20241012'),
  'END:VCALENDAR',
]);

/** A minimal valid calendar with the given events (2027 is test data, not a published notice). */
function calendarOf(...events: string[][]): string {
  return file(['BEGIN:VCALENDAR', 'VERSION:2.0', 'URL:https://calendar.test/2027-test-data', ...events.flat(), 'END:VCALENDAR']);
}

const NEW_YEAR_2027 = spanEvent('元旦放假', '20270101', '20270104');

function errorOf(input: string | Uint8Array, options: IcsYearOptions = {}): CalendarDataError {
  try {
    parseIcsYear(input, options);
  } catch (error) {
    if (error instanceof CalendarDataError) return error;
    throw error;
  }
  throw new Error('expected parseIcsYear to throw');
}

describe('parseIcsYear reads published conventions into the notice data', () => {
  it.each<[string, string, IcsYearOptions, number, { used: number; skipped: number }]>([
    ['holiday-cn style: 假期 / 上班(补…), DTEND spans', HOLIDAY_CN_STYLE_2025, { year: 2025 }, 2025, { used: 11, skipped: 0 }],
    ['the same with the year inferred', HOLIDAY_CN_STYLE_2025, {}, 2025, { used: 11, skipped: 0 }],
    // 8 + 1 days of 2025 and two festivals skipped; 2026: 33 holiday days and 6 make-up days, one event each.
    ['Apple style: X-APPLE-SPECIAL-DAY, one event a day, several years', APPLE_STYLE_2026, { year: 2026, source: 'https://www.gov.cn/zhengce/content/202511/content_7047090.htm' }, 2026, { used: 39, skipped: 11 }],
    ['CATEGORIES 假期 / 上班 with DURATION', CATEGORIES_STYLE_2024, { year: 2024 }, 2024, { used: 15, skipped: 0 }],
  ])('%s', (_case, text, options, year, counts) => {
    const expected = shipped(year);
    const result = parseIcsYear(text, { ...options, notice: expected.notice });
    expect(result.schedule).toEqual(expected);
    expect({ used: result.usedEvents, skipped: result.skippedEvents }).toEqual(counts);
  });

  it('reads raw bytes and unfolds a line folded inside a UTF-8 character', () => {
    const encode = (text: string) => Buffer.from(text, 'utf8');
    const festival = encode('节'); // three bytes; the fold falls after the first
    const bytes = Buffer.concat([
      encode('BEGIN:VCALENDAR\r\nURL:https://calendar.test/2027-test-data\r\nBEGIN:VEVENT\r\nSUMMARY:元旦'),
      festival.subarray(0, 1),
      encode('\r\n '),
      festival.subarray(1),
      encode('放假\r\nDTSTART;VALUE=DATE:20270101\r\nDTEND;VALUE=DATE:20270104\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'),
    ]);
    expect(parseIcsYear(new Uint8Array(bytes)).schedule.holidays).toEqual(['2027-01-01', '2027-01-02', '2027-01-03']);
  });

  it.each<[string, string[], Partial<YearSchedule>]>([
    ['one day when there is neither DTEND nor DURATION', vevent('SUMMARY:元旦休息', 'DTSTART;VALUE=DATE:20270101'), { holidays: ['2027-01-01'] }],
    ['a bare 8-digit DTSTART', vevent('SUMMARY:[放假]元旦', 'DTSTART:20270101'), { holidays: ['2027-01-01'] }],
    ['lower-case names and a quoted parameter with a colon', vevent('summary;language="zh:CN":元旦假期', 'dtstart;value=date:20270101'), { holidays: ['2027-01-01'] }],
    ['a make-up day by 补班', vevent('SUMMARY:春节补班', 'DTSTART;VALUE=DATE:20270220'), { workdays: ['2027-02-20'] }],
    ['a make-up day by 班｜', vevent('SUMMARY:班｜春节', 'DTSTART;VALUE=DATE:20270220'), { workdays: ['2027-02-20'] }],
    ['a make-up day in English', vevent('SUMMARY:Make-up workday (Spring Festival holiday)', 'DTSTART;VALUE=DATE:20270220'), { workdays: ['2027-02-20'] }],
    ['a holiday in English', vevent('SUMMARY:Spring Festival holiday', 'DTSTART;VALUE=DATE:20270206'), { holidays: ['2027-02-06'] }],
    ['CATEGORIES over SUMMARY', vevent('SUMMARY:春节', 'CATEGORIES:HOLIDAY,PUBLIC', 'DTSTART;VALUE=DATE:20270206'), { holidays: ['2027-02-06'] }],
    ['an escaped comma in SUMMARY', vevent('SUMMARY:国庆节\\, 中秋节假期', 'DTSTART;VALUE=DATE:20271001'), { holidays: ['2027-10-01'] }],
  ])('%s', (_case, event, dates) => {
    const result = parseIcsYear(calendarOf(NEW_YEAR_2027, event), { year: 2027 });
    for (const date of dates.holidays ?? []) expect(result.schedule.holidays).toContain(date);
    expect(result.schedule.workdays).toEqual(dates.workdays ?? []);
  });

  it('takes only the days of a span that fall in the year', () => {
    const text = calendarOf(spanEvent('元旦假期', '20261231', '20270104'));
    expect(parseIcsYear(text, { year: 2027 }).schedule.holidays).toEqual(['2027-01-01', '2027-01-02', '2027-01-03']);
  });

  it('skips cancelled events and events of other years', () => {
    const cancelled = vevent('SUMMARY:元旦假期', 'STATUS:CANCELLED', 'DTSTART;VALUE=DATE:20270105');
    const result = parseIcsYear(calendarOf(NEW_YEAR_2027, cancelled, spanEvent('元旦假期', '20280101', '20280102')), { year: 2027 });
    expect(result.schedule.holidays).toEqual(['2027-01-01', '2027-01-02', '2027-01-03']);
    expect({ used: result.usedEvents, skipped: result.skippedEvents }).toEqual({ used: 1, skipped: 2 });
  });

  it('takes the source from the options over the file, and from SOURCE or URL otherwise', () => {
    const text = calendarOf(NEW_YEAR_2027);
    expect(parseIcsYear(text).schedule.source).toBe('https://calendar.test/2027-test-data');
    expect(parseIcsYear(text, { source: 'https://www.gov.cn/x.htm', notice: '测试' }).schedule).toMatchObject({
      source: 'https://www.gov.cn/x.htm',
      notice: '测试',
    });
  });
});

describe('parseIcsYear refuses', () => {
  const cal = (...lines: string[]) => file(['BEGIN:VCALENDAR', 'URL:https://calendar.test/x', ...lines, 'END:VCALENDAR']);
  const event2027 = (...props: string[]) => cal(...NEW_YEAR_2027, ...vevent(...props));

  it.each<[string, string | Uint8Array, IcsYearOptions, RegExp]>([
    ['an empty file', '', {}, /iCalendar file: is empty: an iCalendar file starts with BEGIN:VCALENDAR/],
    ['a JSON file', '{"year": 2027}', {}, /line 1: "\{\\"year\\": 2027\}" is not a content line \(NAME:value\)/],
    ['content before BEGIN:VCALENDAR', file(['VERSION:2.0', 'BEGIN:VCALENDAR', 'END:VCALENDAR']), {}, /line 1: VERSION outside a VCALENDAR/],
    ['a VEVENT outside a VCALENDAR', file(vevent('SUMMARY:元旦假期')), {}, /line 1: BEGIN:VEVENT outside a VCALENDAR/],
    ['a missing END:VCALENDAR', 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n', {}, /BEGIN:VCALENDAR of line 1 is never closed/],
    ['crossed BEGIN/END', cal('BEGIN:VEVENT', 'END:VTODO'), {}, /line 4: END:VTODO closes BEGIN:VEVENT of line 3/],
    ['an END with no BEGIN', file(['BEGIN:VCALENDAR', 'END:VCALENDAR', 'END:VCALENDAR']), {}, /line 3: END:VCALENDAR without a matching BEGIN/],
    ['a line without a colon', cal('BEGIN:VEVENT', 'SUMMARY 元旦', 'END:VEVENT'), {}, /line 4: "SUMMARY 元旦" is not a content line/],
    ['a continuation first', ' BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', {}, /line 1: the file starts with a continuation line/],
    ['a parameter without a value', event2027('SUMMARY:元旦假期', 'DTSTART;VALUE:20270105'), {}, /line 11: parameter "VALUE" of DTSTART is not NAME=value/],
    ['bytes that are not UTF-8', new Uint8Array([...Buffer.from('BEGIN:VCALENDAR\nSUMMARY:'), 0xc4, 0xea, 0x0a]), {}, /line 2: is not valid UTF-8 text/],
    ['an event without DTSTART', event2027('SUMMARY:元旦假期'), {}, /the event of line 9 has no DTSTART/],
    ['a timed event', event2027('SUMMARY:元旦假期', 'DTSTART;TZID=Asia/Shanghai:20270105T000000'), {}, /line 11: DTSTART 20270105T000000 is a date-time; holiday and make-up day events are whole days/],
    ['a UTC date-time', event2027('SUMMARY:元旦假期', 'DTSTART:20270104T160000Z'), {}, /DTSTART 20270104T160000Z is a date-time/],
    ['a date with dashes', event2027('SUMMARY:元旦假期', 'DTSTART;VALUE=DATE:2027-01-05'), {}, /line 11: DTSTART "2027-01-05" is not a date \(YYYYMMDD\)/],
    ['an impossible date', event2027('SUMMARY:元旦假期', 'DTSTART;VALUE=DATE:20270230'), {}, /line 11: DTSTART 20270230 is not a real date/],
    ['DTEND not after DTSTART', event2027('SUMMARY:元旦假期', 'DTSTART;VALUE=DATE:20270105', 'DTEND;VALUE=DATE:20270105'), {}, /line 12: DTEND 2027-01-05 is not after DTSTART 2027-01-05 \(DTEND is exclusive\)/],
    ['DTEND and DURATION together', event2027('SUMMARY:元旦假期', 'DTSTART;VALUE=DATE:20270105', 'DTEND;VALUE=DATE:20270106', 'DURATION:P1D'), {}, /line 13: an event has both DTEND and DURATION/],
    ['a duration in hours', event2027('SUMMARY:元旦假期', 'DTSTART;VALUE=DATE:20270105', 'DURATION:PT24H'), {}, /line 12: DURATION "PT24H" is not a whole number of days or weeks/],
    ['a span of a whole year', event2027('SUMMARY:春节假期', 'DTSTART;VALUE=DATE:20270205', 'DTEND;VALUE=DATE:20280205'), {}, /line 12: the event of line 9 spans more than 31 days/],
    ['DTSTART twice', event2027('SUMMARY:元旦假期', 'DTSTART;VALUE=DATE:20270105', 'DTSTART;VALUE=DATE:20270106'), {}, /line 12: the event of line 9 has DTSTART twice/],
    ['a recurring event', event2027('SUMMARY:元旦假期', 'DTSTART;VALUE=DATE:20270101', 'RRULE:FREQ=YEARLY'), {}, /line 12: recurring events \(RRULE\) are not supported/],
    ['an event that is neither', event2027('SUMMARY:元宵节', 'DTSTART;VALUE=DATE:20270220'), {}, /line 9: the event "元宵节" on 2027-02-20 is neither a holiday nor a make-up day/],
    ['调休 alone', event2027('SUMMARY:春节调休', 'DTSTART;VALUE=DATE:20270220'), {}, /the event "春节调休" on 2027-02-20 is neither a holiday nor a make-up day: its SUMMARY or CATEGORIES must say/],
    ['contradicting CATEGORIES', event2027('SUMMARY:春节', 'CATEGORIES:假期,上班', 'DTSTART;VALUE=DATE:20270220'), {}, /the event of line 9 has CATEGORIES of both a holiday and a make-up day/],
    ['no event in the year', cal(...spanEvent('元旦假期', '20260101', '20260104')), { year: 2027 }, /has no holiday in 2027 \(1 event\(s\) read, 1 outside the year or skipped\)/],
    ['several years without a year', cal(...NEW_YEAR_2027, ...spanEvent('元旦假期', '20280101', '20280102')), {}, /covers the years 2027, 2028: say which one to load/],
    ['no event at all', cal(), {}, /has no holiday or make-up day event/],
    ['no source', file(['BEGIN:VCALENDAR', ...NEW_YEAR_2027, 'END:VCALENDAR']), {}, /names no source: give the notice's URL/],
    ['a source that is not a URL', calendarOf(NEW_YEAR_2027), { source: '国办发明电〔2026〕1号' }, /source: source must be the http\(s\) URL of the notice/],
    ['a make-up day on a Monday', event2027('SUMMARY:补班', 'DTSTART;VALUE=DATE:20270104'), {}, /calendar data for 2027 is invalid: make-up workday 2027-01-04 is a Monday, not a Saturday or Sunday/],
    ['a day both off and worked', event2027('SUMMARY:上班', 'DTSTART;VALUE=DATE:20270102'), {}, /2027-01-02 is both a holiday and a make-up workday/],
  ])('%s', (_case, input, options, message) => {
    expect(errorOf(input, options).message).toMatch(message);
  });

  it('names the file and lists every unclassified event at once', () => {
    const text = cal(...NEW_YEAR_2027, ...vevent('SUMMARY:元宵节', 'DTSTART;VALUE=DATE:20270220'), ...vevent('SUMMARY:七夕', 'DTSTART;VALUE=DATE:20270808'));
    const error = errorOf(text, { origin: '2027.ics' });
    expect(error.message).toMatch(/^2027\.ics: line 9: /);
    expect(error.problems).toHaveLength(2);
    expect(error.problems[1]).toMatch(/^line 13: the event "七夕" on 2027-08-08/);
  });
});
