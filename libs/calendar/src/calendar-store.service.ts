import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { readCalendarDirectory } from './calendar-files';
import { parseIcsYear, type IcsYearOptions } from './ics';
import { WorkingDayCalendar } from './working-day-calendar';
import { CalendarDataError, parseYearSchedule, type YearSchedule } from './year-schedule';

// Re-exported so the package index adds one line for the store, the table and the listener token.
export { CalendarYearEntity } from './calendar-year.entity';

/**
 * Optional: a provider anywhere in the application under this token is called after a year is loaded or replaced
 * (it re-times open deadlines). Looked up at call time, so the listener may itself depend on CalendarStore.
 */
export const CALENDAR_CHANGE_LISTENER = Symbol('CALENDAR_CHANGE_LISTENER');

export interface CalendarChangeListener {
  calendarChanged(years: number[]): Promise<void>;
}

export interface CalendarYearSummary {
  readonly year: number;
  readonly source: string;
  readonly notice: string | null;
  readonly holidays: number;
  readonly workdays: number;
  readonly loadedAt: Date;
  readonly loadedBy: string;
}

export interface CalendarLoadResult {
  readonly year: number;
  /** True when the year was already in the table and is now replaced. */
  readonly replaced: boolean;
}

export interface CalendarIcsLoadResult extends CalendarLoadResult {
  readonly holidays: number;
  readonly workdays: number;
  readonly usedEvents: number;
  readonly skippedEvents: number;
}

/** Fallback for a lost Redis message: how often each process compares the table with what it holds. */
export const CALENDAR_POLL_MS = 30_000;
const PUBLISH_TIMEOUT_MS = 2000;
const SHUTDOWN_WAIT_MS = 500;
/** First key of pg_advisory_xact_lock(int, int) for loads; the second is the year. "wzcy". */
const LOAD_LOCK_CLASS = 0x77_7a_63_79;

/**
 * One text per table state: every (year, loaded_at) pair. Compared by the poll; stronger than max(loaded_at),
 * which misses a load whose transaction started before another's but committed after it.
 */
const STAMP_OF_ROW = `year || '@' || (extract(epoch FROM loaded_at) * 1000000)::bigint`;

interface CalendarYearRow {
  year: number;
  source: string;
  notice: string | null;
  holidays: string[];
  workdays: string[];
  loaded_at: Date;
  loaded_by: string;
  stamp: string;
}

interface ChangeMessage {
  readonly from: string;
  readonly years: number[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The working-day calendar of this process, built from the `calendar_years` table.
 *
 * At boot the `<year>.json` files of `config.calendar.directory` (the shipped defaults) are inserted for the years
 * the table lacks; a year already in the table is never overwritten by a file. A load validates, upserts, reloads,
 * tells the other processes (Redis pub/sub on `<queue prefix>:calendar-years`; each process also polls the table
 * every 30 s in case a message was lost or Redis was away) and calls the change listener of this process only, so
 * open deadlines are re-timed once, not once per process.
 */
@Injectable()
export class CalendarStore implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CalendarStore');
  private readonly instanceId = randomUUID();
  private calendar: WorkingDayCalendar | undefined;
  private summaries: CalendarYearSummary[] = [];
  private stamp = '';
  private reloading: Promise<void> = Promise.resolve();
  private seededYears: number[] = [];
  private subscriber: Redis | undefined;
  private subscribed: Promise<unknown> = Promise.resolve();
  private publisher: Redis | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private polling = false;
  private redisDownLogged = false;
  private closing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /** The calendar as last loaded; ask again for each computation (a load replaces it). */
  current(): WorkingDayCalendar {
    if (!this.calendar) throw new Error('CalendarStore.current() was called before the calendar was loaded (onModuleInit)');
    return this.calendar;
  }

  years(): CalendarYearSummary[] {
    return this.summaries.map((summary) => ({ ...summary }));
  }

  async onModuleInit(): Promise<void> {
    this.seededYears = await this.insertMissingFileYears();
    await this.reload();
    this.subscribe();
    this.pollTimer = setInterval(() => void this.poll(), CALENDAR_POLL_MS);
    this.pollTimer.unref();
  }

  /** After every module is initialised, so a listener that enqueues jobs finds its queues ready. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.seededYears.length === 0) return;
    const years = this.seededYears;
    this.seededYears = [];
    this.logger.log(`inserted calendar year(s) ${years.join(', ')} from ${this.config.calendar.directory}`);
    await this.publish(years);
    try {
      await this.changeListener()?.calendarChanged(years);
    } catch (error) {
      // Not fatal to the start: the year is loaded; a PUT of the same data re-runs the listener.
      this.logger.error(`calendar change listener failed for ${years.join(', ')}: ${describe(error)}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = undefined;
    // Cut while its SUBSCRIBE is in flight, ioredis holds the process for its 2 s disconnect timeout (a short CLI run).
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.subscribed, new Promise((done) => (timer = setTimeout(done, SHUTDOWN_WAIT_MS)))]);
    clearTimeout(timer);
    this.subscriber?.disconnect();
    this.publisher?.disconnect();
    this.subscriber = undefined;
    this.publisher = undefined;
  }

  /**
   * Validates one year's data (`{ year, source, notice?, holidays, workdays }`), then loads or replaces it.
   * Throws CalendarDataError naming every problem; nothing is written then.
   */
  async load(input: unknown, actor: string): Promise<CalendarLoadResult> {
    const schedule = parseYearSchedule(input);
    const replaced = await this.upsert(schedule, actor);
    await this.reload();
    await this.publish([schedule.year]);
    const listener = this.changeListener();
    if (listener) await listener.calendarChanged([schedule.year]);
    else this.logger.log(`no calendar change listener in this process: open deadlines of ${schedule.year} were not re-timed`);
    return { year: schedule.year, replaced };
  }

  /** `load` for a request that names the year apart from the data (a URL path, a CLI flag); the two must agree. */
  async loadYear(year: number, data: unknown, actor: string): Promise<CalendarLoadResult> {
    if (!isPlainObject(data)) return this.load(data, actor);
    if ('year' in data && data.year !== year) {
      throw new CalendarDataError(
        `calendar data for ${year} is invalid: the data says year ${JSON.stringify(data.year)}, not ${year}`,
      );
    }
    return this.load({ ...data, year }, actor);
  }

  /** Loads the year's holidays and make-up days from an iCalendar file (see ics.ts for the conventions read). */
  async loadIcs(file: string | Uint8Array, actor: string, options: IcsYearOptions = {}): Promise<CalendarIcsLoadResult> {
    const { schedule, usedEvents, skippedEvents } = parseIcsYear(file, options);
    const result = await this.load(schedule, actor);
    return { ...result, holidays: schedule.holidays.length, workdays: schedule.workdays.length, usedEvents, skippedEvents };
  }

  /** Rebuilds the calendar from the table. Reloads run one after another, so a slow older read never wins. */
  reload(): Promise<void> {
    const run = this.reloading.then(() => this.readTable());
    this.reloading = run.catch(() => undefined);
    return run;
  }

  /** One poll: reloads when the table differs from what this process holds. Returns whether it reloaded. */
  async checkForChanges(): Promise<boolean> {
    const [{ stamp }] = await this.dataSource.query(
      `SELECT coalesce(string_agg(${STAMP_OF_ROW}, ',' ORDER BY year), '') AS stamp FROM calendar_years`,
    );
    if (stamp === this.stamp) return false;
    await this.reload();
    return true;
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      if (await this.checkForChanges()) this.logger.log('calendar years changed in the database: reloaded');
    } catch (error) {
      this.logger.warn(`calendar poll failed: ${describe(error)}`);
    } finally {
      this.polling = false;
    }
  }

  private async readTable(): Promise<void> {
    // ::text[]: node-pg would turn each date into a JS Date at local midnight, a day off west of UTC+8.
    const rows: CalendarYearRow[] = await this.dataSource.query(
      `SELECT year, source, notice, holidays::text[] AS holidays, workdays::text[] AS workdays, loaded_at, loaded_by,
              (extract(epoch FROM loaded_at) * 1000000)::bigint::text AS stamp
         FROM calendar_years ORDER BY year`,
    );
    const schedules = rows.map((row) =>
      parseYearSchedule(
        {
          year: row.year,
          source: row.source,
          ...(row.notice === null ? {} : { notice: row.notice }),
          holidays: row.holidays,
          workdays: row.workdays,
        },
        `table calendar_years, year ${row.year}`,
      ),
    );
    this.calendar = new WorkingDayCalendar(schedules);
    this.summaries = rows.map((row) => ({
      year: row.year,
      source: row.source,
      notice: row.notice,
      holidays: row.holidays.length,
      workdays: row.workdays.length,
      loadedAt: row.loaded_at,
      loadedBy: row.loaded_by,
    }));
    this.stamp = rows.map((row) => `${row.year}@${row.stamp}`).join(',');
  }

  /** The shipped files' years the table lacks; safe when several processes start together. Returns those inserted here. */
  private async insertMissingFileYears(): Promise<number[]> {
    const inserted: number[] = [];
    // One statement per year, each its own transaction: processes starting together never wait on each other's rows.
    for (const schedule of readCalendarDirectory(this.config.calendar.directory)) {
      const rows: unknown[] = await this.dataSource.query(
        `INSERT INTO calendar_years (year, source, notice, holidays, workdays, loaded_at, loaded_by)
         VALUES ($1, $2, $3, $4::date[], $5::date[], clock_timestamp(), $6)
         ON CONFLICT (year) DO NOTHING
         RETURNING year`,
        [schedule.year, schedule.source, schedule.notice ?? null, schedule.holidays, schedule.workdays, `file:${schedule.year}.json`],
      );
      if (rows.length > 0) inserted.push(schedule.year);
    }
    return inserted;
  }

  private async upsert(schedule: YearSchedule, actor: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      // Loads of one year queue here, so `replaced` is exact even when two admins load at once.
      await manager.query('SELECT pg_advisory_xact_lock($1, $2)', [LOAD_LOCK_CLASS, schedule.year]);
      const existing: unknown[] = await manager.query('SELECT 1 FROM calendar_years WHERE year = $1', [schedule.year]);
      await manager.query(
        `INSERT INTO calendar_years (year, source, notice, holidays, workdays, loaded_at, loaded_by)
         VALUES ($1, $2, $3, $4::date[], $5::date[], clock_timestamp(), $6)
         ON CONFLICT (year) DO UPDATE
           SET source = EXCLUDED.source, notice = EXCLUDED.notice, holidays = EXCLUDED.holidays,
               workdays = EXCLUDED.workdays, loaded_at = EXCLUDED.loaded_at, loaded_by = EXCLUDED.loaded_by`,
        [schedule.year, schedule.source, schedule.notice ?? null, schedule.holidays, schedule.workdays, actor],
      );
      return existing.length > 0;
    });
  }

  private channel(): string {
    return `${this.config.redis.queuePrefix}:calendar-years`;
  }

  private redisTrouble(what: string, error: unknown): void {
    // ioredis reports every failed reconnect; one line per outage is enough. A pending SUBSCRIBE fails on shutdown.
    if (this.redisDownLogged || this.closing) return;
    this.redisDownLogged = true;
    this.logger.warn(`${what}: ${describe(error)}; calendar changes reach this process by the ${CALENDAR_POLL_MS / 1000} s poll until Redis is back`);
  }

  /** Never awaited: an unreachable Redis must not stop the start; ioredis subscribes once it connects. */
  private subscribe(): void {
    // No retry limit: the SUBSCRIBE waits in the offline queue however long Redis is away.
    const subscriber = new Redis(this.config.redis.url, { maxRetriesPerRequest: null });
    this.subscriber = subscriber;
    let connectedBefore = false;
    subscriber.on('error', (error) => this.redisTrouble('calendar subscription', error));
    subscriber.on('ready', () => {
      this.redisDownLogged = false;
      // Messages sent while this process was cut off are lost: compare with the table now.
      if (connectedBefore) void this.poll();
      connectedBefore = true;
    });
    subscriber.on('message', (_channel: string, text: string) => this.onMessage(text));
    this.subscribed = subscriber.subscribe(this.channel()).catch((error) => this.redisTrouble('calendar subscription', error));
  }

  private onMessage(text: string): void {
    let message: ChangeMessage;
    try {
      message = JSON.parse(text) as ChangeMessage;
    } catch {
      this.logger.warn(`ignored a calendar message that is not JSON: ${text.slice(0, 80)}`);
      return;
    }
    if (message.from === this.instanceId) return;
    this.reload().then(
      () => this.logger.log(`calendar year(s) ${message.years?.join(', ')} changed elsewhere: reloaded`),
      (error) => this.logger.error(`calendar reload after a change message failed: ${describe(error)}`),
    );
  }

  private async publish(years: number[]): Promise<void> {
    if (!this.publisher) {
      this.publisher = new Redis(this.config.redis.url, { maxRetriesPerRequest: 1 });
      this.publisher.on('error', (error) => this.redisTrouble('calendar publish', error));
    }
    const message: ChangeMessage = { from: this.instanceId, years };
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.publisher.publish(this.channel(), JSON.stringify(message)),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer in ${PUBLISH_TIMEOUT_MS} ms`)), PUBLISH_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      // The table is the truth and already holds the year; the others' poll picks it up.
      this.logger.warn(
        `could not announce calendar year(s) ${years.join(', ')} on Redis (${describe(error)}); other processes reload within ${CALENDAR_POLL_MS / 1000} s`,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  private changeListener(): CalendarChangeListener | undefined {
    try {
      return this.moduleRef.get<CalendarChangeListener>(CALENDAR_CHANGE_LISTENER, { strict: false });
    } catch {
      return undefined;
    }
  }
}
