import { spawn } from 'node:child_process';
import { DataSource } from 'typeorm';
import { loadHubConfig } from '../libs/config/src';
import { dataSourceOptions, prepareDatabase } from '../libs/database/src';
import { MIGRATIONS } from '../libs/database/src/migrations';
import { HUB_ENTRY } from './support/hub-process';
import { connect, createEmptyDatabase, createTestDatabase } from './support/test-database';
import { hubTestEnv } from './support/test-env';

const DEMO_UNITS = require('../config/demo/units.json') as unknown[];
const DEMO_RULES = require('../config/demo/routing-rules.json') as unknown[];

describe('boot', () => {
  it('refuses to start on a bad variable and names it', async () => {
    const child = spawn(process.execPath, [HUB_ENTRY], {
      env: { PATH: process.env.PATH, PORT: 'eighty', REDIS_URL: 'http://wrong', HUB_ROLES: 'api,mailer' },
      stdio: 'pipe',
    });
    let output = '';
    child.stderr.on('data', (c) => (output += c));
    child.stdout.on('data', (c) => (output += c));
    const code = await new Promise((done) => child.once('exit', done));
    expect(code).toBe(1);
    expect(output).toMatch(/PORT: must be a whole number/);
    expect(output).toMatch(/REDIS_URL: must be a URL starting with redis:/);
    expect(output).toMatch(/HUB_ROLES/);
  });

  it('creates the database, migrates once and loads the demo city once when several processes start together', async () => {
    const database = await createEmptyDatabase();
    try {
      const config = loadHubConfig(hubTestEnv(database.name, 'unused'));
      const results = await Promise.all([prepareDatabase(config), prepareDatabase(config), prepareDatabase(config)]);
      expect(results.filter((r) => r.migrationsApplied.length > 0)).toHaveLength(1);
      expect(results.filter((r) => r.demoLoaded)).toHaveLength(1);
      const db = await connect(database.url);
      try {
        const { rows } = await db.query(
          `SELECT (SELECT count(*) FROM units)::int AS units, (SELECT count(*) FROM routing_rules)::int AS rules`,
        );
        expect(rows[0]).toEqual({ units: DEMO_UNITS.length, rules: DEMO_RULES.length });
      } finally {
        await db.end();
      }
      // A restart changes nothing.
      expect(await prepareDatabase(config)).toEqual({ migrationsApplied: [], demoLoaded: false });
    } finally {
      await database.drop();
    }
  });
});

describe('schema', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => (database = await createTestDatabase()));
  afterAll(() => database.drop());

  it('matches the entities exactly (no drift between migrations and entities)', async () => {
    const dataSource = new DataSource(dataSourceOptions(database.url, 1));
    await dataSource.initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('keeps ticket_events append-only', async () => {
    const db = await connect(database.url);
    try {
      const unit = (await db.query(`SELECT id FROM units LIMIT 1`)).rows[0].id;
      const message = (
        await db.query(
          `INSERT INTO inbound_messages (channel, external_id, title, body, kind, public_consent, received_at)
           VALUES ('portal', 'x1', 't', 'b', 'consult', true, now()) RETURNING id`,
        )
      ).rows[0].id;
      const ticket = (
        await db.query(
          `INSERT INTO tickets (tracking_no, message_id, kind, status, lead_unit_id, received_at, dispatch_due_at, reply_due_at, deadline_provisional)
           VALUES ('261123999999', $1, 'consult', 'received', $2, now(), now(), now(), false) RETURNING id`,
          [message, unit],
        )
      ).rows[0].id;
      await db.query(`INSERT INTO ticket_events (ticket_id, at, actor, type) VALUES ($1, now(), 'test', 'received')`, [ticket]);
      await expect(db.query(`UPDATE ticket_events SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
      await expect(db.query(`DELETE FROM ticket_events`)).rejects.toThrow(/append-only/);
      const { rows } = await db.query(`SELECT actor FROM ticket_events`);
      expect(rows).toEqual([{ actor: 'test' }]);
    } finally {
      await db.end();
    }
  });

  it('migrates down and up again', async () => {
    const dataSource = new DataSource(dataSourceOptions(database.url, 1));
    await dataSource.initialize();
    try {
      // Every migration down, newest first, on the demo data (the append-only trigger refuses DELETE, not DROP TABLE).
      for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration();
      expect((await dataSource.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`))[0].n).toBe(0);
      expect((await dataSource.query(`SELECT to_regclass('public.tickets') AS t`))[0].t).toBeNull();
      await dataSource.runMigrations();
      expect((await dataSource.query(`SELECT to_regclass('public.tickets') AS t`))[0].t).toBe('tickets');
    } finally {
      await dataSource.destroy();
    }
  });
});
