import { Client } from 'pg';
import { HubProcess, startHubProcess } from './support/hub-process';
import { deleteKeysWithPrefix } from './support/redis-keys';
import { connect, createTestDatabase } from './support/test-database';
import { hubTestEnv, uniqueName } from './support/test-env';
import { waitFor } from './support/wait-for';

/**
 * The durability promises, with real processes: a worker SIGKILLed mid-job, Redis losing the queues,
 * and Redis unreachable at intake. Each test gets its own database and queue prefix.
 */
describe('no message is lost', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let prefix: string;
  let db: Client;
  const processes: HubProcess[] = [];

  const env = (roles: string, extra: Record<string, string> = {}) =>
    hubTestEnv(database.name, prefix, { HUB_ROLES: roles, ...extra });
  const start = async (roles: string, extra?: Record<string, string>) => {
    const hub = await startHubProcess(env(roles, extra));
    processes.push(hub);
    return hub;
  };
  const post = async (baseUrl: string, body: string) => {
    const response = await fetch(`${baseUrl}/api/v1/portal/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: '供暖问题', body, kind: 'complaint', publicConsent: true }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { trackingNo: string };
  };
  const ticket = async (trackingNo: string) =>
    (
      await db.query(
        `SELECT t.status, u.code AS lead FROM tickets t LEFT JOIN units u ON u.id = t.lead_unit_id WHERE t.tracking_no = $1`,
        [trackingNo],
      )
    ).rows[0] as { status: string; lead: string | null };
  const eventTypes = async (trackingNo: string) =>
    (
      await db.query(
        `SELECT e.type FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.tracking_no = $1 ORDER BY e.id`,
        [trackingNo],
      )
    ).rows.map((r) => r.type);

  beforeEach(async () => {
    database = await createTestDatabase();
    prefix = `{${uniqueName('wzt')}}`;
    db = await connect(database.url);
  });
  afterEach(async () => {
    for (const p of processes.splice(0)) await p.kill();
    await db.end();
    await deleteKeysWithPrefix(prefix);
    await database.drop();
  });

  it('assigns a ticket whose worker was killed in the middle of the route job, once, after a new worker starts', async () => {
    const api = await start('api');
    const worker = await start('worker');
    // Hold the routing catalogue so the route job blocks inside its transaction.
    const blocker = await connect(database.url);
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE routing_rules IN ACCESS EXCLUSIVE MODE');
    const { trackingNo } = await post(api.baseUrl!, '小区供暖一直不热，物业不管。');
    await waitFor('the route job to be stuck on the lock', async () => {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
          WHERE c.relname = 'routing_rules' AND NOT l.granted`,
      );
      return rows[0].n > 0;
    });
    expect((await ticket(trackingNo)).status).toBe('analyzed');
    await worker.kill();
    await blocker.query('ROLLBACK');
    await blocker.end();
    expect((await ticket(trackingNo)).status).toBe('analyzed');

    await start('worker');
    const settled = await waitFor('the stalled job to be taken over', async () => {
      const t = await ticket(trackingNo);
      return t.status === 'assigned' ? t : undefined;
    });
    expect(settled.lead).toBe('pingdu-construction');
    expect(await eventTypes(trackingNo)).toEqual(['received', 'analyzed', 'assigned', 'clock.stopped']);
  });

  it('re-enqueues from PostgreSQL when Redis loses the queues', async () => {
    const api = await start('api');
    const receipts = [];
    for (let i = 0; i < 5; i++) receipts.push(await post(api.baseUrl!, `第${i}号楼暖气不热，请尽快处理。`));
    const deleted = await deleteKeysWithPrefix(prefix);
    expect(deleted).toBeGreaterThan(0);
    await start('worker');
    for (const { trackingNo } of receipts) {
      await waitFor(`ticket ${trackingNo} to be assigned by the sweeper`, async () => (await ticket(trackingNo)).status === 'assigned');
      expect(await eventTypes(trackingNo)).toEqual(['received', 'analyzed', 'assigned', 'clock.stopped']);
    }
  });

  it('acknowledges and keeps a message while Redis is unreachable, and the relay sends it later', async () => {
    // Port 9 (discard) has no Redis: the API can only write to PostgreSQL.
    const api = await start('api', { REDIS_URL: 'redis://127.0.0.1:9' });
    const health = await fetch(`${api.baseUrl}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'unavailable', postgres: { up: true }, redis: { up: false } });

    const { trackingNo } = await post(api.baseUrl!, '暖气片漏水，物业推诿。');
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE dispatched_at IS NULL`);
    expect(rows[0].n).toBe(1);
    expect((await ticket(trackingNo)).status).toBe('received');

    await start('worker');
    await waitFor('the relayed ticket to be assigned', async () => (await ticket(trackingNo)).status === 'assigned');
    const after = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE dispatched_at IS NULL`);
    expect(after.rows[0].n).toBe(0);
  });
});
