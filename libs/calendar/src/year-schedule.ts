import { z } from 'zod';
import { dayOfWeek, isLocalDate, weekdayName, yearOf, type LocalDate } from './shanghai-time';

/**
 * One year's holiday arrangement as set by the State Council 办公厅 notice (部分节假日安排的通知).
 * `holidays`: every day off the notice lists, weekend days inside a holiday span included.
 * `workdays`: the 调休 make-up working days (a Saturday or Sunday that becomes a working day).
 */
export interface YearSchedule {
  readonly year: number;
  /** URL of the notice. */
  readonly source: string;
  /** Title of the notice. */
  readonly notice?: string;
  readonly holidays: readonly LocalDate[];
  readonly workdays: readonly LocalDate[];
}

export class CalendarDataError extends Error {
  override readonly name = 'CalendarDataError';

  constructor(
    message: string,
    /** Each problem found, in the order found; the message joins them. */
    readonly problems: readonly string[] = [message],
  ) {
    super(message);
  }
}

/** Years from which Asia/Shanghai is a fixed UTC+8 (see shanghai-time.ts). */
const FIRST_YEAR = 1992;
const LAST_YEAR = 9999;

const yearScheduleSchema = z.strictObject({
  year: z.number().int().min(FIRST_YEAR).max(LAST_YEAR),
  source: z.url({ protocol: /^https?$/, error: 'source must be the http(s) URL of the notice' }),
  notice: z.string().trim().min(1).optional(),
  holidays: z.array(z.string()).min(1, 'holidays is empty: every notice gives days off'),
  workdays: z.array(z.string()),
});

function issuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : `${text ? '.' : ''}${String(key)}`;
  return text || '(root)';
}

function fail(origin: string | undefined, year: unknown, problems: readonly string[]): never {
  const what = typeof year === 'number' ? `calendar data for ${year}` : 'calendar data';
  const where = origin ? ` (${origin})` : '';
  throw new CalendarDataError(`${what}${where} is invalid: ${problems.join('; ')}`, problems);
}

function checkDates(
  field: 'holidays' | 'workdays',
  dates: readonly string[],
  year: number,
  problems: string[],
): Set<LocalDate> {
  const seen = new Set<LocalDate>();
  dates.forEach((date, index) => {
    const at = `${field}[${index}]`;
    if (!isLocalDate(date)) {
      problems.push(`${at} ${JSON.stringify(date)} is not a valid YYYY-MM-DD date`);
      return;
    }
    if (yearOf(date) !== year) problems.push(`${at} ${date} is outside year ${year}`);
    if (seen.has(date)) problems.push(`${at} ${date} is a duplicate date in ${field}`);
    seen.add(date);
  });
  return seen;
}

/**
 * Validates one year's data (e.g. a parsed `config/calendar/<year>.json`) and returns it with sorted dates.
 * Throws CalendarDataError naming every problem found. `origin` (a file name) is added to the message.
 */
export function parseYearSchedule(input: unknown, origin?: string): YearSchedule {
  const parsed = yearScheduleSchema.safeParse(input);
  if (!parsed.success) {
    const year = (input as { year?: unknown } | null)?.year;
    fail(
      origin,
      year,
      parsed.error.issues.map((issue) => `${issuePath(issue.path)}: ${issue.message}`),
    );
  }
  const { year, source, notice, holidays, workdays } = parsed.data;
  const problems: string[] = [];
  const holidaySet = checkDates('holidays', holidays, year, problems);
  const workdaySet = checkDates('workdays', workdays, year, problems);
  for (const date of workdaySet) {
    if (holidaySet.has(date)) problems.push(`${date} is both a holiday and a make-up workday`);
    const dow = dayOfWeek(date);
    if (dow !== 0 && dow !== 6) {
      problems.push(`make-up workday ${date} is a ${weekdayName(dow)}, not a Saturday or Sunday`);
    }
  }
  if (problems.length > 0) fail(origin, year, problems);
  return {
    year,
    source,
    ...(notice === undefined ? {} : { notice }),
    holidays: [...holidaySet].sort(),
    workdays: [...workdaySet].sort(),
  };
}
