/**
 * One year's schedule from an iCalendar file (RFC 5545) of holidays and 调休 make-up working days.
 *
 * Which event is which, first rule that applies:
 * 1. `X-APPLE-SPECIAL-DAY: WORK-HOLIDAY` (day off) / `ALTERNATE-WORKDAY` (make-up day), as in Apple's
 *    中国大陆节假日 feed. When a file uses it, events without it (festivals, solar terms) are skipped.
 * 2. `CATEGORIES` naming one kind: 假期 放假 休 休息 HOLIDAY / 上班 补班 班 WORKDAY.
 * 3. `SUMMARY`: 班 anywhere (补班, 上班, 上班(补春节假期), （班）) makes a make-up day, and wins because make-up
 *    titles name the holiday they pay for; otherwise 休 or 假 (放假, 春节假期, （休）) makes a holiday. 调休 alone
 *    says nothing: it names both sides of the swap ("春节调休" is a working Saturday in some feeds, a day off in others).
 *    English feeds: make-up / working day / workday, else holiday / day off.
 * An event in the year that none of these classifies is refused rather than dropped: a silently missing
 * holiday would make every deadline across it a day early.
 *
 * Events are whole days: `DTSTART;VALUE=DATE` with an exclusive `DTEND;VALUE=DATE`, or a `DURATION` of days or
 * weeks, or neither (one day); multi-day spans (at most 31 days) are expanded. Timed events are refused: a
 * holiday is a whole Shanghai day, and a UTC time would move it to the day before. Events partly in other years are used
 * for their days in the year only: published feeds carry several years in one file and the caller names the
 * year. Cancelled events are skipped; recurring ones are refused.
 *
 * The notice's URL is `options.source`, else the calendar's `SOURCE` or `URL` property; files name no notice.
 */
import { addDays, daysBetween, formatLocalDate, yearOf, type LocalDate } from './shanghai-time';
import { CalendarDataError, parseYearSchedule, type YearSchedule } from './year-schedule';

export interface IcsYearOptions {
  /** The year to take; omitted, the only year the file's events fall in. */
  readonly year?: number;
  /** URL of the notice; overrides the file's SOURCE / URL property. */
  readonly source?: string;
  /** Title of the notice. */
  readonly notice?: string;
  /** File name, for messages. */
  readonly origin?: string;
}

export interface IcsYear {
  readonly schedule: YearSchedule;
  /** Events whose days went into the schedule. */
  readonly usedEvents: number;
  /** Events left out: other years only, cancelled, or (in an Apple-style feed) neither holiday nor make-up day. */
  readonly skippedEvents: number;
}

type DayKind = 'holiday' | 'workday';

interface ContentLine {
  readonly line: number;
  readonly name: string;
  readonly params: ReadonlyMap<string, string>;
  readonly value: string;
}

interface Component {
  readonly name: string;
  readonly line: number;
  readonly properties: ContentLine[];
  readonly children: Component[];
}

/** Longer than any notice's span (春节 is at most 9 days); catches a DTEND typed in the wrong month. */
const MAX_EVENT_DAYS = 31;

const HOLIDAY_CATEGORIES = new Set(['假期', '放假', '休', '休息', '休假', 'HOLIDAY', 'DAY OFF']);
const WORKDAY_CATEGORIES = new Set(['上班', '补班', '班', '调休上班', 'WORKDAY', 'WORKING DAY', 'MAKE-UP WORKDAY']);
const APPLE_KINDS: Readonly<Record<string, DayKind>> = { 'WORK-HOLIDAY': 'holiday', 'ALTERNATE-WORKDAY': 'workday' };

const NAME = /^[A-Za-z0-9-]+$/;
const DATE_VALUE = /^(\d{4})(\d{2})(\d{2})$/;
const DURATION_VALUE = /^P(?:(\d{1,3})W|(\d{1,3})D)$/;

class IcsReader {
  private readonly where: string;
  constructor(origin: string | undefined) {
    this.where = origin ?? 'iCalendar file';
  }

  fail(problem: string, line?: number): never {
    const at = line === undefined ? '' : `line ${line}: `;
    throw new CalendarDataError(`${this.where}: ${at}${problem}`);
  }

  /** Physical lines → logical content lines, unfolded on bytes: a fold may split a UTF-8 character (RFC 5545 §3.1). */
  unfold(input: string | Uint8Array): { line: number; text: string }[] {
    let bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    const logical: { line: number; parts: Uint8Array[] }[] = [];
    let start = 0;
    for (let physical = 1; start <= bytes.length; physical += 1) {
      let end = bytes.indexOf(0x0a, start);
      if (end < 0) end = bytes.length;
      let text = bytes.subarray(start, end);
      if (text[text.length - 1] === 0x0d) text = text.subarray(0, text.length - 1);
      start = end + 1;
      if (text[0] === 0x20 || text[0] === 0x09) {
        const last = logical[logical.length - 1];
        if (!last) this.fail('the file starts with a continuation line (a line beginning with a space)', physical);
        last.parts.push(text.subarray(1));
      } else if (text.length > 0) {
        logical.push({ line: physical, parts: [text] });
      }
    }
    const decoder = new TextDecoder('utf-8', { fatal: true });
    return logical.map(({ line, parts }) => {
      const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let offset = 0;
      for (const part of parts) {
        joined.set(part, offset);
        offset += part.length;
      }
      try {
        return { line, text: decoder.decode(joined) };
      } catch {
        return this.fail('is not valid UTF-8 text', line);
      }
    });
  }

  /** `NAME *(;PARAM=value) : value`; a colon inside a quoted parameter value does not end the name part. */
  contentLine(line: number, text: string): ContentLine {
    let colon = -1;
    let quoted = false;
    for (let i = 0; i < text.length; i += 1) {
      if (text[i] === '"') quoted = !quoted;
      else if (text[i] === ':' && !quoted) {
        colon = i;
        break;
      }
    }
    const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
    if (colon < 0) this.fail(`${JSON.stringify(shown)} is not a content line (NAME:value)`, line);
    const head = text.slice(0, colon);
    const parts = head.match(/(?:[^;"]|"[^"]*")+/g) ?? [];
    const name = (parts[0] ?? '').toUpperCase();
    if (!NAME.test(name) || parts.join(';') !== head) {
      this.fail(`${JSON.stringify(shown)} is not a content line (NAME:value)`, line);
    }
    const params = new Map<string, string>();
    for (const param of parts.slice(1)) {
      const eq = param.indexOf('=');
      if (eq <= 0) this.fail(`parameter ${JSON.stringify(param)} of ${name} is not NAME=value`, line);
      params.set(param.slice(0, eq).toUpperCase(), param.slice(eq + 1).replace(/^"(.*)"$/, '$1'));
    }
    return { line, name, params, value: text.slice(colon + 1) };
  }

  components(lines: readonly { line: number; text: string }[]): Component[] {
    const roots: Component[] = [];
    const open: Component[] = [];
    for (const { line, text } of lines) {
      const content = this.contentLine(line, text);
      const current = open[open.length - 1];
      if (content.name === 'BEGIN') {
        const component: Component = { name: content.value.trim().toUpperCase(), line, properties: [], children: [] };
        if (!current && component.name !== 'VCALENDAR') {
          this.fail(`BEGIN:${component.name} outside a VCALENDAR (an iCalendar file starts with BEGIN:VCALENDAR)`, line);
        }
        (current ? current.children : roots).push(component);
        open.push(component);
      } else if (content.name === 'END') {
        const name = content.value.trim().toUpperCase();
        if (!current) this.fail(`END:${name} without a matching BEGIN`, line);
        if (current.name !== name) this.fail(`END:${name} closes BEGIN:${current.name} of line ${current.line}`, line);
        open.pop();
      } else {
        if (!current) this.fail(`${content.name} outside a VCALENDAR (an iCalendar file starts with BEGIN:VCALENDAR)`, line);
        current.properties.push(content);
      }
    }
    const unclosed = open[open.length - 1];
    if (unclosed) this.fail(`BEGIN:${unclosed.name} of line ${unclosed.line} is never closed (END:${unclosed.name})`);
    if (roots.length === 0) this.fail('is empty: an iCalendar file starts with BEGIN:VCALENDAR');
    return roots;
  }

  date(property: ContentLine): LocalDate {
    const value = property.value.trim();
    const type = property.params.get('VALUE')?.toUpperCase();
    if (type === 'DATE-TIME' || property.params.has('TZID') || value.includes('T')) {
      this.fail(
        `${property.name} ${value} is a date-time; holiday and make-up day events are whole days (${property.name};VALUE=DATE:YYYYMMDD)`,
        property.line,
      );
    }
    const match = DATE_VALUE.exec(value);
    if ((type !== undefined && type !== 'DATE') || !match) {
      this.fail(`${property.name} ${JSON.stringify(value)} is not a date (YYYYMMDD)`, property.line);
    }
    try {
      return formatLocalDate({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) });
    } catch {
      return this.fail(`${property.name} ${value} is not a real date`, property.line);
    }
  }
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function single(event: Component, name: string, reader: IcsReader): ContentLine | undefined {
  const found = event.properties.filter((p) => p.name === name);
  if (found.length > 1) reader.fail(`the event of line ${event.line} has ${name} twice`, found[1].line);
  return found[0];
}

function kindFromCategories(event: Component, reader: IcsReader): DayKind | undefined {
  const kinds = new Set<DayKind>();
  for (const property of event.properties.filter((p) => p.name === 'CATEGORIES')) {
    for (const raw of property.value.split(/(?<!\\),/)) {
      const category = unescapeText(raw).trim().toUpperCase();
      if (HOLIDAY_CATEGORIES.has(category)) kinds.add('holiday');
      if (WORKDAY_CATEGORIES.has(category)) kinds.add('workday');
    }
  }
  if (kinds.size > 1) reader.fail(`the event of line ${event.line} has CATEGORIES of both a holiday and a make-up day`);
  return [...kinds][0];
}

function kindFromSummary(summary: string): DayKind | undefined {
  const text = summary.replace(/调休/g, '');
  if (/班|\bmake-?up\b|\bwork(?:ing)? ?day\b/i.test(text)) return 'workday';
  if (/[休假]|\bholiday\b|\bday off\b/i.test(text)) return 'holiday';
  return undefined;
}

/** The days an event covers: DTSTART up to DTEND (exclusive), or DTSTART plus DURATION, or DTSTART alone. */
function daysOf(event: Component, reader: IcsReader): LocalDate[] {
  const start = single(event, 'DTSTART', reader);
  if (!start) reader.fail(`the event of line ${event.line} has no DTSTART`);
  const first = reader.date(start);
  const end = single(event, 'DTEND', reader);
  const duration = single(event, 'DURATION', reader);
  if (end && duration) reader.fail('an event has both DTEND and DURATION (RFC 5545 allows one)', duration.line);
  let count = 1;
  if (end) {
    const last = reader.date(end);
    count = daysBetween(first, last);
    if (count <= 0) reader.fail(`DTEND ${last} is not after DTSTART ${first} (DTEND is exclusive)`, end.line);
  } else if (duration) {
    const match = DURATION_VALUE.exec(duration.value.trim());
    if (!match) {
      reader.fail(`DURATION ${JSON.stringify(duration.value.trim())} is not a whole number of days or weeks (P3D, P1W)`, duration.line);
    }
    count = match[1] !== undefined ? Number(match[1]) * 7 : Number(match[2]);
    if (count === 0) reader.fail('DURATION is zero days', duration.line);
  }
  if (count > MAX_EVENT_DAYS) {
    reader.fail(`the event of line ${event.line} spans more than ${MAX_EVENT_DAYS} days; no holiday is that long`, (end ?? duration)?.line);
  }
  return Array.from({ length: count }, (_, i) => addDays(first, i));
}

interface ReadEvent {
  readonly line: number;
  readonly summary: string;
  readonly kind: DayKind | undefined;
  readonly days: readonly LocalDate[];
}

function calendarProperty(calendars: readonly Component[], name: string): string | undefined {
  for (const calendar of calendars) {
    const found = calendar.properties.find((p) => p.name === name);
    if (found) return unescapeText(found.value).trim();
  }
  return undefined;
}

/**
 * Reads the year's holidays and make-up days from an iCalendar file (text or raw bytes; bytes are unfolded
 * before UTF-8 decoding) and validates them with parseYearSchedule. Throws CalendarDataError naming the line.
 */
export function parseIcsYear(input: string | Uint8Array, options: IcsYearOptions = {}): IcsYear {
  const reader = new IcsReader(options.origin);
  const calendars = reader.components(reader.unfold(input));
  const vevents = calendars.flatMap((calendar) => calendar.children.filter((c) => c.name === 'VEVENT'));
  const appleStyle = vevents.some((event) => {
    const special = event.properties.find((p) => p.name === 'X-APPLE-SPECIAL-DAY');
    return special !== undefined && APPLE_KINDS[special.value.trim().toUpperCase()] !== undefined;
  });

  let skippedEvents = 0;
  const events: ReadEvent[] = [];
  for (const event of vevents) {
    if (single(event, 'STATUS', reader)?.value.trim().toUpperCase() === 'CANCELLED') {
      skippedEvents += 1;
      continue;
    }
    let kind: DayKind | undefined;
    if (appleStyle) {
      kind = APPLE_KINDS[single(event, 'X-APPLE-SPECIAL-DAY', reader)?.value.trim().toUpperCase() ?? ''];
      if (kind === undefined) {
        skippedEvents += 1;
        continue;
      }
    } else {
      kind = kindFromCategories(event, reader);
    }
    const summary = unescapeText(single(event, 'SUMMARY', reader)?.value ?? '').trim();
    kind ??= kindFromSummary(summary);
    const recurrence = event.properties.find((p) => p.name === 'RRULE' || p.name === 'RDATE');
    if (recurrence) reader.fail(`recurring events (${recurrence.name}) are not supported: give each year's dates`, recurrence.line);
    events.push({ line: event.line, summary, kind, days: daysOf(event, reader) });
  }

  const year = options.year ?? inferYear(events, reader);
  const holidays = new Set<LocalDate>();
  const workdays = new Set<LocalDate>();
  const problems: string[] = [];
  let usedEvents = 0;
  for (const event of events) {
    const days = event.days.filter((day) => yearOf(day) === year);
    if (days.length === 0) {
      skippedEvents += 1;
      continue;
    }
    if (event.kind === undefined) {
      problems.push(
        `line ${event.line}: the event ${JSON.stringify(event.summary)} on ${days[0]} is neither a holiday nor a make-up day: ` +
          'its SUMMARY or CATEGORIES must say 休/放假/假期 or 班/补班/上班',
      );
      continue;
    }
    usedEvents += 1;
    for (const day of days) (event.kind === 'holiday' ? holidays : workdays).add(day);
  }
  if (problems.length > 0) {
    const where = options.origin ?? 'iCalendar file';
    throw new CalendarDataError(`${where}: ${problems.join('; ')}`, problems);
  }
  if (holidays.size === 0) {
    reader.fail(`has no holiday in ${year} (${events.length} event(s) read, ${skippedEvents} outside the year or skipped)`);
  }
  const source = options.source ?? calendarProperty(calendars, 'SOURCE') ?? calendarProperty(calendars, 'URL');
  if (source === undefined) {
    reader.fail("names no source: give the notice's URL (a SOURCE or URL property in the VCALENDAR, or the source option)");
  }
  const schedule = parseYearSchedule(
    {
      year,
      source,
      ...(options.notice === undefined ? {} : { notice: options.notice }),
      holidays: [...holidays].sort(),
      workdays: [...workdays].sort(),
    },
    options.origin,
  );
  return { schedule, usedEvents, skippedEvents };
}

function inferYear(events: readonly ReadEvent[], reader: IcsReader): number {
  const years = [...new Set(events.filter((e) => e.kind !== undefined).flatMap((e) => e.days.map(yearOf)))].sort();
  if (years.length === 1) return years[0];
  if (years.length === 0) return reader.fail('has no holiday or make-up day event');
  return reader.fail(`covers the years ${years.join(', ')}: say which one to load`);
}
