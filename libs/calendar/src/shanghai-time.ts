/**
 * Dates and day boundaries in Asia/Shanghai.
 *
 * Asia/Shanghai has been a fixed UTC+08:00 since 1991 (China's last daylight-saving summer), so
 * local dates are plain arithmetic on the instant: no time-zone database, no dependency. Instants
 * before 1992 may be an hour off in summer; the hub has no deadlines there.
 */

/** A calendar date in Asia/Shanghai, always written `YYYY-MM-DD` (years 0001–9999). */
export type LocalDate = string;

/** 0 = Sunday … 6 = Saturday, as `Date.prototype.getUTCDay`. */
export type DayOfWeek = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export const SHANGHAI_UTC_OFFSET_MS = 8 * 3_600_000;

const DAY_MS = 86_400_000;
const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
/** Epoch days of 0001-01-01 and 9999-12-31: the range a four-digit year can write. */
const MIN_EPOCH_DAY = -719_162;
const MAX_EPOCH_DAY = 2_932_896;

export interface LocalDateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function partsIfValid(value: unknown): LocalDateParts | null {
  if (typeof value !== 'string') return null;
  const match = LOCAL_DATE_PATTERN.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isLocalDate(value: unknown): value is LocalDate {
  return partsIfValid(value) !== null;
}

/** Returns the value when it is a real `YYYY-MM-DD` date; throws RangeError otherwise (`2026-02-29`, `2026-1-5`, …). */
export function parseLocalDate(value: unknown): LocalDate {
  if (partsIfValid(value) === null) {
    throw new RangeError(`${JSON.stringify(value) ?? String(value)} is not a valid YYYY-MM-DD date`);
  }
  return value as LocalDate;
}

export function localDateParts(date: LocalDate): LocalDateParts {
  const parts = partsIfValid(date);
  if (parts === null) throw new RangeError(`${JSON.stringify(date)} is not a valid YYYY-MM-DD date`);
  return parts;
}

export function yearOf(date: LocalDate): number {
  return localDateParts(date).year;
}

/** Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's days-from-civil). */
function epochDayOfParts({ year, month, day }: LocalDateParts): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Days since 1970-01-01 (negative before). */
export function epochDayOf(date: LocalDate): number {
  return epochDayOfParts(localDateParts(date));
}

/** The date `epochDay` days after 1970-01-01; throws RangeError outside the years 0001–9999. */
export function localDateOfEpochDay(epochDay: number): LocalDate {
  if (!Number.isSafeInteger(epochDay) || epochDay < MIN_EPOCH_DAY || epochDay > MAX_EPOCH_DAY) {
    throw new RangeError('date is outside the years 0001–9999');
  }
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return formatLocalDate({ year, month, day });
}

/** Writes parts as `YYYY-MM-DD`; throws RangeError when they are not a real date. */
export function formatLocalDate({ year, month, day }: LocalDateParts): LocalDate {
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return parseLocalDate(text);
}

function instantMs(instant: Date): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError('expected a valid Date instant');
  return ms;
}

/** The Asia/Shanghai calendar date on which the instant falls. */
export function shanghaiDateOf(instant: Date): LocalDate {
  return localDateOfEpochDay(Math.floor((instantMs(instant) + SHANGHAI_UTC_OFFSET_MS) / DAY_MS));
}

/** 00:00:00.000 Asia/Shanghai on the date. */
export function startOfShanghaiDay(date: LocalDate): Date {
  return new Date(epochDayOf(date) * DAY_MS - SHANGHAI_UTC_OFFSET_MS);
}

/** 23:59:59.000 Asia/Shanghai on the date: the moment a deadline on that day falls due. */
export function endOfShanghaiDay(date: LocalDate): Date {
  return new Date(startOfShanghaiDay(date).getTime() + DAY_MS - 1000);
}

export function addDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`day count must be an integer, got ${n}`);
  return localDateOfEpochDay(epochDayOf(date) + n);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return epochDayOf(to) - epochDayOf(from);
}

export function dayOfWeek(date: LocalDate): DayOfWeek {
  return dayOfWeekOfEpochDay(epochDayOf(date));
}

export function dayOfWeekOfEpochDay(epochDay: number): DayOfWeek {
  // 1970-01-01 was a Thursday (4).
  return ((((epochDay + 4) % 7) + 7) % 7) as DayOfWeek;
}

export function isWeekend(date: LocalDate): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

export function weekdayName(dow: DayOfWeek): (typeof WEEKDAY_NAMES)[number] {
  return WEEKDAY_NAMES[dow];
}
