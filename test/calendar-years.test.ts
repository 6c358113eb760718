import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { INestApplication, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Redis from 'ioredis';
import { Client } from 'pg';
import { bootstrapApi } from '../apps/api/src/bootstrap';
import {
  CALENDAR_CHANGE_LISTENER,
  CalendarChangeListener,
  CalendarModule,
  CalendarStore,
  readYearScheduleFile,
} from '../libs/calendar/src';
import { ConfigModule, HubConfig } from '../libs/config/src';
import { DatabaseModule } from '../libs/database/src';
import { CalendarYears1764000000000 } from '../libs/database/src/migrations/1764000000000-CalendarYears';
import { requireBuiltCli, runCli } from './support/cli';
import { login } from './support/staff-client';
import { InProcessHub, startInProcessHub } from './support/in-process-hub';
import { downAndUp, withMigrationRunner } from './support/migration-runner';
import { connect } from './support/test-database';
import { REDIS_URL, hubTestEnv } from './support/test-env';
import { waitFor } from './support/wait-for';

// The API's answers are checked field by field below; `any` keeps those checks readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();

const ROOT = resolve(__dirname, '..');
const ADMIN_TOKEN = 'test-admin-token-7f3c9a1e5b2d4c6f';
const shipped = (year: number) => readYearScheduleFile(resolve(ROOT, `config/calendar/${year}.json`));

/**
 * TEST DATA, not a published notice: 2027's schedule is not out yet. 元旦 2027-01-01 is a Friday; a three-day
 * break (Fri–Sun) with no make-up day is what the notices give in such years.
 */
const TEST_2027 = {
  source: 'https://calendar.test/2027-not-published-test-data',
  notice: '测试数据（2027年安排尚未公布）',
  holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
  workdays: [],
};

/** TEST DATA for later years, same idea: 元旦 only. */
const testYear = (year: number, holidays: string[]) => ({
  year,
  source: `https://calendar.test/${year}-test-data`,
  notice: `测试数据（${year}）`,
  holidays,
  workdays: [],
});

/** 2025 as published (notice of 2024-11-12), written as a holiday-cn style feed: 假期 / 上班(补…) spans. */
function ics2025(): string {
  const span = (summary: string, start: string, end: string) => [
    'BEGIN:VEVENT',
    `SUMMARY:${summary}`,
    `DTSTART;VALUE=DATE:${start}`,
    `DTEND;VALUE=DATE:${end}`,
    `UID:${start}-${end}@wenzheng.test`,
    'END:VEVENT',
  ];
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//wenzheng tests//2025//ZH',
    'X-WR-CALNAME:中国法定节假日 2025',
    ...span('元旦假期', '20250101', '20250102'),
    ...span('上班(补春节假期)', '20250126', '20250127'),
    ...span('春节假期', '20250128', '20250205'),
    ...span('上班(补春节假期)', '20250208', '20250209'),
    ...span('清明节假期', '20250404', '20250407'),
    ...span('上班(补劳动节假期)', '20250427', '20250428'),
    ...span('劳动节假期', '20250501', '20250506'),
    ...span('端午节假期', '20250531', '20250603'),
    ...span('上班(补国庆节、中秋节假期)', '20250928', '20250929'),
    ...span('国庆节、中秋节假期', '20251001', '20251009'),
    ...span('上班(补国庆节、中秋节假期)', '20251011', '20251012'),
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

@Module({})
class CalendarTestContextModule {}

/** Config + Database + Calendar (like the CLI), optionally with a change listener. */
async function calendarContext(config: HubConfig, listener?: CalendarChangeListener): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(
    {
      module: CalendarTestContextModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(), CalendarModule.forRoot()],
      providers: listener ? [{ provide: CALENDAR_CHANGE_LISTENER, useValue: listener }] : [],
    },
    { logger: false },
  );
  await app.init();
  return app;
}

describe('calendar years managed without SQL', () => {
  let hub: InProcessHub;
  /** A second API process on the same database and Redis, with no ADMIN_TOKEN. */
  let second: INestApplication;
  let secondUrl: string;
  let db: Client;
  let dir: string;

  beforeAll(async () => {
    hub = await startInProcessHub({ worker: false, env: { ADMIN_TOKEN } });
    second = await bootstrapApi({ ...hub.config, security: { ...hub.config.security, adminToken: null } });
    secondUrl = `http://127.0.0.1:${second.getHttpServer().address().port}`;
    db = await connect(hub.config.database.url);
    dir = mkdtempSync(join(tmpdir(), 'wenzheng-calendar-years-'));
  });
  afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await db?.end();
    await second?.close();
    await hub?.close();
  });

  const auth = (token = ADMIN_TOKEN) => ({ authorization: `Bearer ${token}` });

  const put = (year: string | number, body: unknown, headers: Record<string, string> = auth(), base = hub.baseUrl) =>
    fetch(`${base}/api/v1/calendar/years/${year}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  const postIcs = (year: number, text: string, query = '', headers: Record<string, string> = auth()) =>
    fetch(`${hub.baseUrl}/api/v1/calendar/years/${year}/ics${query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/calendar; charset=utf-8', ...headers },
      body: text,
    });

  const listYears = async (base = hub.baseUrl) => (await json(await fetch(`${base}/api/v1/calendar/years`))).years;

  /** 15 working days from Tue 2026-12-15: the count reaches into 2027. */
  const dueFromMidDecember = async (base = hub.baseUrl) =>
    json(await fetch(`${base}/api/v1/calendar/working-days?from=2026-12-15T10:00:00%2B08:00&add=15`));

  const rowCount = async () => (await db.query(`SELECT count(*)::int AS n FROM calendar_years`)).rows[0].n;

  it('lists 2024–2026 from the shipped files, with their sources', async () => {
    const years = await listYears();
    expect(years).toEqual(
      [2024, 2025, 2026].map((year) => {
        const file = shipped(year);
        return {
          year,
          source: file.source,
          notice: file.notice,
          holidays: file.holidays.length,
          workdays: file.workdays.length,
          loadedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
          loadedBy: `file:${year}.json`,
        };
      }),
    );
    expect(years.map((y: { holidays: number }) => y.holidays)).toEqual([28, 28, 33]);
  });

  it.each<[string, Record<string, string>, string]>([
    ['no Authorization header', {}, 'an admin is required: Authorization: Bearer <session token of an admin, or ADMIN_TOKEN>'],
    ['a wrong token', auth('test-admin-token-0000000000000000'), 'neither a valid admin token nor an admin session'],
    ['a token one character short', auth(ADMIN_TOKEN.slice(0, -1)), 'neither a valid admin token nor an admin session'],
    ['another scheme', { authorization: `Basic ${ADMIN_TOKEN}` }, 'neither a valid admin token nor an admin session'],
    ['Bearer without a token', { authorization: 'Bearer ' }, 'neither a valid admin token nor an admin session'],
  ])('answers 401 to %s and writes nothing', async (_case, headers, message) => {
    for (const response of [await put(2027, TEST_2027, headers), await postIcs(2025, ics2025(), '', headers)]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="wenzheng-admin"');
      expect(await json(response)).toEqual({ statusCode: 401, error: 'Unauthorized', message });
    }
    expect(await rowCount()).toBe(3);
  });

  it('without ADMIN_TOKEN configured, refuses the token and still lets an admin session in; other staff get 403', async () => {
    const response = await put(2027, TEST_2027, auth(), secondUrl);
    expect(response.status).toBe(401);
    expect(await rowCount()).toBe(3);
    const session = async (username: string) => auth(await login(secondUrl, username));
    const handler = await put(2027, TEST_2027, await session('pingdu-office.handler'), secondUrl);
    expect(handler.status).toBe(403);
    expect(await json(handler)).toEqual({ statusCode: 403, error: 'Forbidden', message: 'this needs the role admin' });
    expect(await rowCount()).toBe(3);
    // A year no other test uses, removed again so the later counts hold.
    const admin = await put(2032, testYear(2032, ['2032-01-01']), await session('admin'), secondUrl);
    expect(admin.status).toBe(200);
    expect(await rowCount()).toBe(4);
    await db.query(`DELETE FROM calendar_years WHERE year = 2032`);
  });

  // Every row has its extra headers: a row shorter than the test function's parameters makes jest pass `done`.
  it.each<[string, string, unknown, RegExp, Record<string, string>]>([
    ['a date outside the year', '2027', { ...TEST_2027, holidays: ['2026-12-31', '2027-01-01'] }, /^calendar data for 2027 is invalid: holidays\[0\] 2026-12-31 is outside year 2027$/, {}],
    ['a date both holiday and workday', '2027', { ...TEST_2027, workdays: ['2027-01-02'] }, /2027-01-02 is both a holiday and a make-up workday/, {}],
    ['a make-up workday on a weekday', '2027', { ...TEST_2027, workdays: ['2027-01-04'] }, /make-up workday 2027-01-04 is a Monday, not a Saturday or Sunday/, {}],
    ['a malformed date', '2027', { ...TEST_2027, holidays: ['2027-1-1'] }, /holidays\[0\] "2027-1-1" is not a valid YYYY-MM-DD date/, {}],
    ['an impossible date', '2027', { ...TEST_2027, holidays: ['2027-02-29'] }, /holidays\[0\] "2027-02-29" is not a valid YYYY-MM-DD date/, {}],
    ['a source that is not a URL', '2027', { ...TEST_2027, source: '国办发明电〔2026〕1号' }, /source: source must be the http\(s\) URL of the notice/, {}],
    ['no source', '2027', { holidays: TEST_2027.holidays, workdays: [] }, /source: source must be the http\(s\) URL of the notice/, {}],
    ['no holidays', '2027', { ...TEST_2027, holidays: [] }, /holidays: holidays is empty/, {}],
    ['a misspelt field', '2027', { ...TEST_2027, workday: [] }, /\(root\): Unrecognized key: "workday"/, {}],
    ['a year in the body that is not the path', '2027', { ...TEST_2027, year: 2028 }, /calendar data for 2027 is invalid: the data says year 2028, not 2027/, {}],
    ['a path that is not a year', '20x7', TEST_2027, /^year must be a four-digit year, e\.g\. 2027$/, {}],
    ['a year before fixed UTC+8', '1980', TEST_2027, /year: Too small/, {}],
    ['an array body', '2027', [TEST_2027], /\(root\): Invalid input: expected object, received array/, {}],
    ['malformed JSON', '2027', '{"source": ', /JSON/, {}],
    ['a body that is not JSON', '2027', 'source=x', /^Content-Type must be application\/json$/, { 'content-type': 'text/plain' }],
  ])('refuses %s with 400 naming the problem', async (_case, year, body, message, headers) => {
    const response = await put(year, body, { ...auth(), ...headers });
    expect(response.status).toBe(400);
    const answer = await json(response);
    expect(answer).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(answer.message).toMatch(message);
    expect(await rowCount()).toBe(3);
  });

  it('loads 2027: deadlines that reach it stop being provisional, in this API and in another one without restart', async () => {
    expect(await dueFromMidDecember()).toEqual({ due: '2027-01-05', dueAt: '2027-01-05T15:59:59.000Z', provisional: true });
    expect(await dueFromMidDecember(secondUrl)).toMatchObject({ provisional: true });

    // Both APIs listen before the load, so what the second one learns comes by Redis, not from its boot.
    const redis = new Redis(REDIS_URL);
    try {
      const channel = `${hub.config.redis.queuePrefix}:calendar-years`;
      await waitFor('both APIs to subscribe', async () => Number((await redis.pubsub('NUMSUB', channel))[1]) >= 2, { timeoutMs: 5000 });
    } finally {
      redis.disconnect();
    }

    const response = await put(2027, TEST_2027);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ year: 2027, replaced: false });
    // 2027-01-01 is a holiday now: 12 working days in December, then Jan 4, 5, 6.
    expect(await dueFromMidDecember()).toEqual({ due: '2027-01-06', dueAt: '2027-01-06T15:59:59.000Z', provisional: false });
    // Far inside the 30 s poll: this is the pub/sub message.
    await waitFor('the second API to hear of 2027', async () => !(await dueFromMidDecember(secondUrl)).provisional, { timeoutMs: 5000 });
    expect(await dueFromMidDecember(secondUrl)).toEqual({ due: '2027-01-06', dueAt: '2027-01-06T15:59:59.000Z', provisional: false });

    expect((await listYears()).find((y: { year: number }) => y.year === 2027)).toEqual({
      year: 2027,
      source: TEST_2027.source,
      notice: TEST_2027.notice,
      holidays: 3,
      workdays: 0,
      loadedAt: expect.any(String),
      loadedBy: 'api:admin-token',
    });
    const { rows } = await db.query(`SELECT holidays::text[] AS holidays, workdays::text[] AS workdays FROM calendar_years WHERE year = 2027`);
    expect(rows).toEqual([{ holidays: TEST_2027.holidays, workdays: [] }]);
  });

  it('replaces a year', async () => {
    const response = await put(2027, { ...TEST_2027, holidays: [...TEST_2027.holidays, '2027-01-04'] });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ year: 2027, replaced: true });
    expect(await dueFromMidDecember()).toMatchObject({ due: '2027-01-07', provisional: false });
    await waitFor('the second API to hear of the replacement', async () => (await dueFromMidDecember(secondUrl)).due === '2027-01-07', {
      timeoutMs: 5000,
    });
    expect(await rowCount()).toBe(4);
  });

  it('loads an iCalendar file; the result is the notice data exactly', async () => {
    const official = shipped(2025);
    const query = `?source=${encodeURIComponent(official.source)}&notice=${encodeURIComponent(official.notice ?? '')}`;
    const response = await postIcs(2025, ics2025(), query);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ year: 2025, replaced: true, holidays: 28, workdays: 5, usedEvents: 11, skippedEvents: 0 });
    const { rows } = await db.query(
      `SELECT source, notice, holidays::text[] AS holidays, workdays::text[] AS workdays, loaded_by FROM calendar_years WHERE year = 2025`,
    );
    expect(rows).toEqual([
      { source: official.source, notice: official.notice, holidays: official.holidays, workdays: official.workdays, loaded_by: 'api:admin-token' },
    ]);
  });

  it.each<[string, number, string, Record<string, string>, RegExp]>([
    ['a file of another year', 2026, ics2025(), {}, /has no holiday in 2026/],
    ['a malformed file', 2025, 'BEGIN:VCALENDAR\r\nSUMMARY 元旦\r\n', {}, /the uploaded iCalendar file: line 2: "SUMMARY 元旦" is not a content line/],
    ['a file with no notice URL and none given', 2025, ics2025(), {}, /names no source: give the notice's URL/],
    ['JSON sent to the iCalendar endpoint', 2025, '{}', { 'content-type': 'application/json' }, /^Content-Type must be text\/calendar$/],
    ['a body with no content type', 2025, 'x', { 'content-type': 'text/plain' }, /^Content-Type must be text\/calendar$/],
  ])('refuses %s with 400', async (_case, year, text, headers, message) => {
    const before = (await db.query(`SELECT loaded_at FROM calendar_years WHERE year = 2025`)).rows;
    const source = year === 2026 ? `?source=${encodeURIComponent('https://www.gov.cn/x.htm')}` : '';
    const response = await postIcs(year, text, source, { ...auth(), ...headers });
    expect(response.status).toBe(400);
    expect((await json(response)).message).toMatch(message);
    expect((await db.query(`SELECT loaded_at FROM calendar_years WHERE year = 2025`)).rows).toEqual(before);
  });

  it('never lets a shipped file overwrite a year in the table, and calls the change listener after a load', async () => {
    const calls: { years: number[]; known: boolean }[] = [];
    let store: CalendarStore | undefined;
    const listener: CalendarChangeListener = {
      calendarChanged: async (years) => {
        calls.push({ years, known: store?.current().hasYear(years[0]) ?? false });
      },
    };
    // A new process on the same database: its boot inserts missing file years, here none.
    const app = await calendarContext(hub.config, listener);
    try {
      const loaded = app.get(CalendarStore);
      store = loaded;
      const byYear = new Map(loaded.years().map((y) => [y.year, y]));
      expect(byYear.get(2025)).toMatchObject({ loadedBy: 'api:admin-token', holidays: 28 });
      expect(byYear.get(2027)).toMatchObject({ loadedBy: 'api:admin-token', holidays: 4 });
      expect(calls).toEqual([]);

      expect(await loaded.load(testYear(2029, ['2029-01-01']), 'test')).toEqual({ year: 2029, replaced: false });
      expect(calls).toEqual([{ years: [2029], known: true }]);
      await waitFor('the API to hear of 2029', async () => (await listYears()).some((y: { year: number }) => y.year === 2029), {
        timeoutMs: 5000,
      });

      // A failing listener fails the load (the caller sees it and may load again); the year itself is stored.
      listener.calendarChanged = async () => {
        throw new Error('re-timing refused');
      };
      await expect(loaded.load(testYear(2029, ['2029-01-01', '2029-01-02']), 'test')).rejects.toThrow('re-timing refused');
      expect(loaded.years().find((y) => y.year === 2029)).toMatchObject({ holidays: 2 });
    } finally {
      await app.close();
    }
  });

  it('starts and loads with Redis unreachable; other processes catch up by polling the table', async () => {
    const cutOff = { ...hub.config, redis: { ...hub.config.redis, url: 'redis://127.0.0.1:9' } };
    const app = await calendarContext(cutOff);
    try {
      const store = app.get(CalendarStore);
      expect(store.current().hasYear(2026)).toBe(true);
      expect(await store.load(testYear(2030, ['2030-01-01']), 'test')).toEqual({ year: 2030, replaced: false });
    } finally {
      await app.close();
    }
    const hubStore = hub.api.get(CalendarStore);
    expect(hubStore.current().hasYear(2030)).toBe(false);
    expect(await hubStore.checkForChanges()).toBe(true);
    expect(hubStore.current().hasYear(2030)).toBe(true);
    expect(await hubStore.checkForChanges()).toBe(false);
    expect((await listYears()).map((y: { year: number }) => y.year)).toContain(2030);
  });

  describe('the CLI', () => {
    let env: NodeJS.ProcessEnv;
    beforeAll(() => {
      requireBuiltCli();
      const database = new URL(hub.config.database.url).pathname.slice(1);
      env = hubTestEnv(database, hub.config.redis.queuePrefix);
    });

    it('loads a JSON file, and the running API hears of it', async () => {
      const file = join(dir, 'next-year.json');
      writeFileSync(file, JSON.stringify(testYear(2028, ['2028-01-01', '2028-01-02', '2028-01-03'])));
      const { code, stdout, stderr } = await runCli(['calendar:load', file, '--year', '2028'], env);
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(stdout).toMatch(/^loaded 2028 from .*next-year\.json: 3 holiday\(s\), 0 make-up workday\(s\), source https:\/\/calendar\.test\/2028-test-data$/m);
      await waitFor('the API to hear of 2028', async () => (await listYears()).some((y: { year: number }) => y.year === 2028), {
        timeoutMs: 5000,
      });
      expect((await db.query(`SELECT loaded_by FROM calendar_years WHERE year = 2028`)).rows).toEqual([{ loaded_by: 'cli' }]);
    });

    it('loads an iCalendar file with --source', async () => {
      const file = join(dir, 'feed.ics');
      writeFileSync(file, ics2025());
      const { code, stdout } = await runCli(['calendar:load', file, '--source', shipped(2025).source], env);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^replaced 2025 from .*feed\.ics: 28 holiday\(s\), 5 make-up workday\(s\) from 11 event\(s\) \(0 skipped\)/m);
    });

    it('lists the years', async () => {
      const { code, stdout } = await runCli(['calendar:list'], env);
      expect(code).toBe(0);
      const lines = stdout.trim().split('\n');
      expect(lines.map((line) => line.slice(0, 4))).toEqual(['2024', '2025', '2026', '2027', '2028', '2029', '2030']);
      expect(lines[0]).toMatch(/^2024  28 holidays   8 make-up workdays  loaded \S+ by file:2024\.json  https:\/\/www\.gov\.cn\//);
    });

    it.each<[string, string[], string | undefined, number, RegExp]>([
      ['invalid data', ['calendar:load', 'bad.json'], JSON.stringify({ ...testYear(2031, ['2031-01-01']), workdays: ['2031-01-06'] }), 1, /make-up workday 2031-01-06 is a Monday/],
      ['a JSON syntax error', ['calendar:load', 'broken.json'], '{"year": 2031,', 1, /broken\.json: is not valid JSON/],
      ['a malformed iCalendar file', ['calendar:load', 'broken.ics'], 'BEGIN:VCALENDAR\nEND:VEVENT\n', 1, /broken\.ics: line 2: END:VEVENT closes BEGIN:VCALENDAR/],
      ['a missing file', ['calendar:load', 'missing.json'], undefined, 1, /missing\.json: cannot be read: ENOENT/],
      ['another kind of file', ['calendar:load', 'notes.txt'], 'x', 1, /notes\.txt: calendar:load reads \.json or \.ics files/],
      ['an unknown command', ['calendar:drop', '2027'], undefined, 2, /unknown command "calendar:drop"\n\nUsage: npm run cli -- <command>/],
      ['a bad option', ['calendar:load', 'x.ics', '--year', 'next'], undefined, 2, /--year must be a four-digit year, got next\n\nUsage:/],
    ])('refuses %s', async (_case, args, content, status, message) => {
      const name = args[1];
      if (content !== undefined) writeFileSync(join(dir, name), content);
      const { code, stderr } = await runCli(args.map((arg) => (arg === name && content !== undefined ? join(dir, arg) : arg)), {
        ...env,
        INIT_CWD: dir,
      });
      expect(code).toBe(status);
      expect(stderr).toMatch(message);
      expect((await db.query(`SELECT count(*)::int AS n FROM calendar_years WHERE year = 2031`)).rows[0].n).toBe(0);
    });
  });
});

describe('migration 1764000000000-CalendarYears', () => {
  it('goes down and up again', () =>
    withMigrationRunner(async (runner, databaseUrl) => {
      const table = async () => (await runner.query(`SELECT to_regclass('public.calendar_years') AS t`))[0].t;
      expect(await table()).toBe('calendar_years');
      await downAndUp(runner, CalendarYears1764000000000, async () => expect(await table()).toBeNull());
      expect(await table()).toBe('calendar_years');
      const client = await connect(databaseUrl);
      try {
        await expect(
          client.query(`INSERT INTO calendar_years VALUES (1980, 'https://x.test', null, '{}', '{}', now(), 'test')`),
        ).rejects.toThrow(/ck_calendar_years_year/);
      } finally {
        await client.end();
      }
    }));
});
