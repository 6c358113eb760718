import {
  dayOfWeekOfEpochDay,
  daysInMonth,
  endOfShanghaiDay,
  epochDayOf,
  formatLocalDate,
  localDateOfEpochDay,
  localDateParts,
  shanghaiDateOf,
  type LocalDate,
} from './shanghai-time';
import { CalendarDataError, parseYearSchedule, type YearSchedule } from './year-schedule';

export interface Deadline {
  /** The Asia/Shanghai date on which the period ends. */
  readonly due: LocalDate;
  /** The instant it falls due (23:59:59 Asia/Shanghai of `due` for day-based clocks). */
  readonly dueAt: Date;
  /** True when the count crossed a year without data (days there were taken as Monday–Friday): recompute once the year is loaded. */
  readonly provisional: boolean;
}

export interface WorkingDayCount {
  readonly days: number;
  readonly provisional: boolean;
}

/** `holiday` and `makeUpWorkday` only occur in years with data. */
export type DayKind = 'weekday' | 'weekend' | 'holiday' | 'makeUpWorkday';

export interface DayInfo {
  readonly date: LocalDate;
  readonly kind: DayKind;
  readonly working: boolean;
  /** False when the date's year has no data and the answer is a Monday–Friday guess. */
  readonly known: boolean;
}

/** Upper bounds on clock lengths: ten years, enough for any legal period, small enough to catch unit mistakes. */
export const MAX_WORKING_DAYS = 3650;
export const MAX_HOURS = 87_600;
export const MAX_CALENDAR_MONTHS = 120;

const HOUR_MS = 3_600_000;

function isWorkingKind(kind: DayKind): boolean {
  return kind === 'weekday' || kind === 'makeUpWorkday';
}

/** One year's data keyed by epoch day, so counting loops do no string work. */
interface YearDays {
  readonly schedule: YearSchedule;
  readonly first: number;
  readonly last: number;
  readonly holidays: ReadonlySet<number>;
  readonly workdays: ReadonlySet<number>;
}

function requireInstant(value: Date, name: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new RangeError(`${name} must be a valid Date`);
  }
  return value;
}

function requireCount(value: number, max: number, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${what} must be an integer from 0 to ${max}, got ${String(value)}`);
  }
  return value;
}

/**
 * Working days in Asia/Shanghai: Monday–Friday, minus the notice's holidays, plus its 调休 make-up days.
 * A year without data is never treated as known: its days count as Monday–Friday and any result that
 * touched them is flagged provisional.
 */
export class WorkingDayCalendar {
  private readonly byYear: ReadonlyMap<number, YearDays>;

  constructor(schedules: Iterable<YearSchedule>) {
    const byYear = new Map<number, YearDays>();
    for (const input of schedules) {
      const schedule = parseYearSchedule(input);
      if (byYear.has(schedule.year)) {
        throw new CalendarDataError(`calendar data for ${schedule.year} is given twice`);
      }
      byYear.set(schedule.year, {
        schedule,
        first: epochDayOf(`${schedule.year}-01-01`),
        last: epochDayOf(`${schedule.year}-12-31`),
        holidays: new Set(schedule.holidays.map(epochDayOf)),
        workdays: new Set(schedule.workdays.map(epochDayOf)),
      });
    }
    this.byYear = byYear;
  }

  hasYear(year: number): boolean {
    return this.byYear.has(year);
  }

  /** Years with data, ascending. */
  years(): number[] {
    return [...this.byYear.keys()].sort((a, b) => a - b);
  }

  schedule(year: number): YearSchedule | undefined {
    return this.byYear.get(year)?.schedule;
  }

  describeDay(date: LocalDate): DayInfo {
    const epochDay = epochDayOf(date);
    const data = this.yearAt(epochDay);
    const kind = this.kindAt(epochDay, data);
    return { date, kind, working: isWorkingKind(kind), known: data !== undefined };
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.describeDay(date).working;
  }

  /**
   * The end (23:59:59 Asia/Shanghai) of the n-th working day after the day of receipt; the day of receipt
   * itself is not counted (民法典 art. 201). n = 0 ends with the day of receipt.
   */
  addWorkingDays(from: Date, n: number): Deadline {
    requireInstant(from, 'from');
    requireCount(n, MAX_WORKING_DAYS, 'working-day count');
    let day = epochDayOf(shanghaiDateOf(from));
    let counted = 0;
    let provisional = false;
    while (counted < n) {
      day += 1;
      const data = this.yearAt(day);
      if (data === undefined) provisional = true;
      if (isWorkingKind(this.kindAt(day, data))) counted += 1;
    }
    const due = localDateOfEpochDay(day);
    return { due, dueAt: endOfShanghaiDay(due), provisional };
  }

  /** Clock hours from the instant, holidays included. */
  addHours(from: Date, hours: number): Deadline {
    requireInstant(from, 'from');
    requireCount(hours, MAX_HOURS, 'hour count');
    const dueAt = new Date(from.getTime() + hours * HOUR_MS);
    return { due: shanghaiDateOf(dueAt), dueAt, provisional: false };
  }

  /** The end of the same day of the month, `months` later (clamped to the month's last day: 01-31 + 1 → 02-28). */
  addCalendarMonths(from: Date, months: number): Deadline {
    requireInstant(from, 'from');
    requireCount(months, MAX_CALENDAR_MONTHS, 'month count');
    const { year, month, day } = localDateParts(shanghaiDateOf(from));
    const monthIndex = year * 12 + (month - 1) + months;
    const dueYear = Math.floor(monthIndex / 12);
    const dueMonth = (monthIndex % 12) + 1;
    const due = formatLocalDate({
      year: dueYear,
      month: dueMonth,
      day: Math.min(day, daysInMonth(dueYear, dueMonth)),
    });
    return { due, dueAt: endOfShanghaiDay(due), provisional: false };
  }

  /**
   * Working days after the Asia/Shanghai date of `from`, up to and including the date of `to`
   * (so a reply due by `addWorkingDays(from, n)` and given on its due day counts n).
   */
  workingDaysBetween(from: Date, to: Date): WorkingDayCount {
    requireInstant(from, 'from');
    requireInstant(to, 'to');
    const start = shanghaiDateOf(from);
    const end = shanghaiDateOf(to);
    if (end < start) throw new RangeError(`to (${end}) is before from (${start})`);
    let days = 0;
    let provisional = false;
    for (let day = epochDayOf(start) + 1, last = epochDayOf(end); day <= last; day += 1) {
      const data = this.yearAt(day);
      if (data === undefined) provisional = true;
      if (isWorkingKind(this.kindAt(day, data))) days += 1;
    }
    return { days, provisional };
  }

  private yearAt(epochDay: number): YearDays | undefined {
    for (const data of this.byYear.values()) {
      if (epochDay >= data.first && epochDay <= data.last) return data;
    }
    return undefined;
  }

  private kindAt(epochDay: number, data: YearDays | undefined): DayKind {
    if (data?.holidays.has(epochDay)) return 'holiday';
    if (data?.workdays.has(epochDay)) return 'makeUpWorkday';
    const dow = dayOfWeekOfEpochDay(epochDay);
    return dow === 0 || dow === 6 ? 'weekend' : 'weekday';
  }
}
