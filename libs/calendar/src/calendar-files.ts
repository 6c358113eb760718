import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WorkingDayCalendar } from './working-day-calendar';
import { CalendarDataError, parseYearSchedule, type YearSchedule } from './year-schedule';

const YEAR_FILE = /^(\d{4})\.json$/;

function describeError(error: unknown): string {
  // Not `instanceof Error`: errors from another realm (node:fs under jest) fail that check.
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

/** Reads and validates one `<year>.json`; the file name must match the `year` inside. */
export function readYearScheduleFile(file: string): YearSchedule {
  const name = file.split(/[\\/]/).pop() ?? file;
  const match = YEAR_FILE.exec(name);
  if (!match) throw new CalendarDataError(`${file}: calendar files are named <year>.json`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CalendarDataError(`${file}: cannot be read: ${describeError(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CalendarDataError(`${file}: is not valid JSON: ${describeError(error)}`);
  }
  const schedule = parseYearSchedule(json, file);
  if (schedule.year !== Number(match[1])) {
    throw new CalendarDataError(`${file}: holds the data for ${schedule.year}, not ${match[1]}`);
  }
  return schedule;
}

/**
 * Every `<year>.json` in the directory, ascending by year. Other `.json` names are refused (a misnamed file
 * would silently leave its year unknown); other files (README, .gitkeep) are ignored.
 */
export function readCalendarDirectory(dir: string): YearSchedule[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new CalendarDataError(`calendar directory ${dir} cannot be read: ${describeError(error)}`);
  }
  const files = names.filter((name) => name.toLowerCase().endsWith('.json')).sort();
  if (files.length === 0) throw new CalendarDataError(`calendar directory ${dir} has no <year>.json file`);
  return files.map((name) => {
    const file = join(dir, name);
    if (!YEAR_FILE.test(name)) throw new CalendarDataError(`${file}: calendar files are named <year>.json`);
    if (!statSync(file).isFile()) throw new CalendarDataError(`${file}: is not a file`);
    return readYearScheduleFile(file);
  });
}

/** Builds the calendar from a directory of `<year>.json` files (synchronous: runs once at boot). */
export function loadCalendarDirectory(dir: string): WorkingDayCalendar {
  return new WorkingDayCalendar(readCalendarDirectory(dir));
}
