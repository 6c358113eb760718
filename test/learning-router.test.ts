import { Client } from 'pg';
import { RoutingTrainingSetRepository } from '../libs/routing/src';
import { HubProcess, startHubProcess } from './support/hub-process';
import { FixedTime, InProcessHub, startInProcessHub } from './support/in-process-hub';
import { deleteKeysWithPrefix } from './support/redis-keys';
import { call, login, submitAndRoute } from './support/staff-client';
import { connect, createTestDatabase } from './support/test-database';
import { hubTestEnv, uniqueName } from './support/test-env';
import { waitFor } from './support/wait-for';

/** 01:00 in Shanghai: before the nightly retrain hour, so only the tests ask for retraining. */
const BEFORE_NIGHTLY_RUN = new Date('2026-12-01T17:00:00Z');

/** Words only one unit's tickets use, so that a model trained on them can learn the units apart. */
const UNIT_WORDS: Record<string, string[]> = {
  'pingdu-construction': ['暖气', '物业', '楼道', '漏水', '小区', '井盖'],
  'pingdu-education': ['学校', '老师', '课程', '校车', '幼儿园', '学籍'],
  'pingdu-health': ['医院', '医生', '挂号', '疫苗', '卫生院', '门诊'],
  'pingdu-human-resources': ['工资', '社保', '养老保险', '劳动合同', '失业金', '招聘'],
  'pingdu-environment': ['污染', '废气', '噪音', '排放', '臭味', '河水'],
};
const UNITS = Object.keys(UNIT_WORDS);

/** The `n`-th message of a unit: three of its words in a sentence that every unit's messages share. */
function textOf(unit: string, n: number): string {
  const words = UNIT_WORDS[unit];
  return `关于${words[n % 6]}和${words[(n + 2) % 6]}的问题，${words[(n + 4) % 6]}一直没有解决，希望尽快处理。第${n}次反映`;
}

interface HistoryRow {
  text: string;
  unit: string;
  at: Date;
}

/** `perUnit` messages of every unit, one minute apart from `start`, units interleaved. */
function history(perUnit: number, start: Date, label: (unit: string) => string = (unit) => unit): HistoryRow[] {
  const rows: HistoryRow[] = [];
  for (let n = 0; n < perUnit; n++) {
    for (const unit of UNITS) rows.push({ text: textOf(unit, n), unit: label(unit), at: new Date(start.getTime() + rows.length * 60_000) });
  }
  return rows;
}

async function insertHistory(db: { query: (sql: string, params: unknown[]) => Promise<unknown> }, rows: HistoryRow[], source: string): Promise<void> {
  for (const [i, row] of rows.entries()) {
    await db.query(
      `INSERT INTO routing_history_examples (text, unit_id, occurred_at, source, dedupe_key)
       SELECT $1, id, $3, $4, $5 FROM units WHERE code = $2`,
      [row.text, row.unit, row.at, source, `${source}-${i}`],
    );
  }
}

describe('the learning router', () => {
  let hub: InProcessHub;
  let admin: string;
  const time = new FixedTime(BEFORE_NIGHTLY_RUN);

  const retrain = async () => {
    const asked = await call(hub.baseUrl, 'POST', '/api/v1/admin/routing/retrain', { token: admin, body: {} });
    expect(asked.status).toBe(202);
    return waitFor(
      `retrain run ${asked.body.runKey}`,
      async () => {
        const [run] = await hub.dataSource.query(`SELECT * FROM routing_retrain_runs WHERE run_key = $1`, [asked.body.runKey]);
        return run && run.status !== 'running' ? run : undefined;
      },
      { timeoutMs: 60_000 },
    );
  };
  const unitModels = () => hub.dataSource.query(`SELECT version, status, source, example_count, scores FROM routing_models WHERE target = 'unit' ORDER BY version`);

  beforeAll(async () => {
    hub = await startInProcessHub({ time, env: { ROUTING_RETRAIN_MIN_EXAMPLES: '20' } });
    admin = await login(hub.baseUrl, 'admin');
  });
  afterAll(() => hub.close());

  it('stores the shipped topic-category model as version 1 at boot, with its cross-validated scores', async () => {
    const [model] = await hub.dataSource.query(`SELECT target, version, status, source, example_count, scores FROM routing_models`);
    expect(model).toMatchObject({ target: 'category', version: 1, status: 'active', source: 'shipped', example_count: 7605 });
    expect(model.scores.crossValidated.macroF1).toBeGreaterThan(0.9);
    const listed = await call(hub.baseUrl, 'GET', '/api/v1/admin/routing/models', { token: admin });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([expect.objectContaining({ target: 'category', version: 1, status: 'active' })]);
    expect(listed.body[0].artifact).toBeUndefined();
    const handler = await login(hub.baseUrl, 'pingdu-health.handler');
    expect((await call(hub.baseUrl, 'GET', '/api/v1/admin/routing/models', { token: handler })).status).toBe(403);
  });

  it('keeps the catalogue first: a certain rule assigns, and the ticket still gets its topic category', async () => {
    const { ticketId } = await submitAndRoute(hub.baseUrl, { title: '小区供暖不热', body: '我家小区今年供暖温度一直不达标，物业推诿。', kind: 'complaint' }, hub.dataSource);
    const [ticket] = await hub.dataSource.query(`SELECT status, category, category_probability FROM tickets WHERE id = $1`, [ticketId]);
    expect(ticket).toMatchObject({ status: 'assigned', category: '城乡建设' });
    const [event] = await hub.dataSource.query(`SELECT reason, data FROM ticket_events WHERE ticket_id = $1 AND type = 'assigned'`, [ticketId]);
    expect(event.reason).toMatch(/^rule /);
    expect(event.data.decision).toMatchObject({ outcome: 'assigned', by: 'rule', category: { label: '城乡建设', model: { target: 'category', version: 1 } } });
  });

  describe('without a catalogue rule', () => {
    const dispatcher = () => login(hub.baseUrl, 'pingdu-office.dispatcher');
    let rules: unknown[];
    beforeAll(async () => {
      rules = await hub.dataSource.query(`SELECT id FROM routing_rules WHERE enabled`);
      await hub.dataSource.query(`UPDATE routing_rules SET enabled = false`);
    });
    afterAll(() => hub.dataSource.query(`UPDATE routing_rules SET enabled = true WHERE id = ANY($1)`, [rules.map((r) => (r as { id: string }).id)]));

    it('assigns a message the category model is sure of, and says which model and how sure', async () => {
      const { ticketId } = await submitAndRoute(
        hub.baseUrl,
        { title: '单位不缴社保', body: '我在这家公司工作三年，单位一直没有给我缴纳社会保险，养老保险也没交。', kind: 'complaint' },
        hub.dataSource,
      );
      const [ticket] = await hub.dataSource.query(
        `SELECT t.status, u.code AS lead FROM tickets t JOIN units u ON u.id = t.lead_unit_id WHERE t.id = $1`,
        [ticketId],
      );
      expect(ticket).toEqual({ status: 'assigned', lead: 'pingdu-human-resources' });
      const [event] = await hub.dataSource.query(`SELECT reason, data FROM ticket_events WHERE ticket_id = $1 AND type = 'assigned'`, [ticketId]);
      expect(event.reason).toMatch(/^category model v1: 市人社局 \d+\.\d%$/);
      expect(event.data.decision.probability).toBeGreaterThanOrEqual(0.8);
    });

    it('sends a message it is unsure of to the dispatcher, with the three most probable units shown on the ticket', async () => {
      const { ticketId } = await submitAndRoute(hub.baseUrl, { title: '反映情况', body: '你好，我想反映一个情况，希望有关部门尽快处理，谢谢。', kind: 'consult' }, hub.dataSource);
      const detail = await call(hub.baseUrl, 'GET', `/api/v1/staff/tickets/${ticketId}`, { token: await dispatcher() });
      expect(detail.body.status).toBe('dispatching');
      expect(detail.body.routing).toMatchObject({ outcome: 'dispatching', basis: 'low-confidence' });
      expect(detail.body.routing.reason).toMatch(/^low-confidence \(category model v1: best /);
      const suggestions: { unit: { code: string }; probability: number }[] = detail.body.routing.suggestions;
      expect(suggestions).toHaveLength(3);
      expect(suggestions[0].probability).toBeLessThan(0.8);
      expect([...suggestions].sort((a, b) => b.probability - a.probability)).toEqual(suggestions);
      expect(new Set(suggestions.map((s) => s.unit.code)).size).toBe(3);
    });
  });

  it('learns from returns: the wrong unit and the unit that finally took the ticket become one training example', async () => {
    const { ticketId } = await submitAndRoute(hub.baseUrl, { title: '小区供暖不热', body: '我家小区暖气片一直不热，室内只有12度。', kind: 'complaint' }, hub.dataSource);
    const construction = await login(hub.baseUrl, 'pingdu-construction.handler');
    const returned = await call(hub.baseUrl, 'POST', `/api/v1/staff/tickets/${ticketId}/return`, { token: construction, body: { reason: '属于热电公司监管事项' } });
    expect(returned.status).toBe(200);
    const dispatcher = await login(hub.baseUrl, 'pingdu-office.dispatcher');
    const assigned = await call(hub.baseUrl, 'POST', `/api/v1/staff/tickets/${ticketId}/assign`, {
      token: dispatcher,
      body: { leadUnit: 'pingdu-market-regulation', assistingUnits: [] },
    });
    expect(assigned.status).toBe(200);

    const examples = await hub.worker!.get(RoutingTrainingSetRepository).load(hub.dataSource.manager);
    const lesson = examples.filter((e) => e.tokens.includes('暖气片'));
    expect(lesson).toHaveLength(1);
    expect(lesson[0]).toMatchObject({ label: 'pingdu-market-regulation', wrongUnit: 'pingdu-construction' });

    const figures = await call(hub.baseUrl, 'GET', '/api/v1/stats/routing?from=2026-11-01&to=2026-12-31');
    expect(figures.status).toBe(200);
    const constructionFigures = figures.body.units.find((u: { unitCode: string }) => u.unitCode === 'pingdu-construction');
    expect(constructionFigures.returns).toBe(1);
    expect(constructionFigures.misrouteRate).toBeGreaterThan(0);
    expect(figures.body.overall.routed).toBeGreaterThanOrEqual(4);
    expect(figures.body.overall.byModel).toBe(1);
  });

  describe('retraining', () => {
    beforeAll(() => hub.dataSource.query(`DELETE FROM routing_examples`));

    it('waits for enough labelled tickets, and says so', async () => {
      const run = await retrain();
      expect(run).toMatchObject({ status: 'skipped', reason: '0 labelled tickets, at least 20 are needed', model_id: null });
      expect(await unitModels()).toEqual([]);
    });

    it('promotes the first unit model, then a new one only when it is not worse on the newest tickets', async () => {
      await insertHistory(hub.dataSource, history(20, new Date('2026-06-01T00:00:00Z')), 'clean');
      const first = await retrain();
      expect(first).toMatchObject({ status: 'promoted', example_count: 100 });
      expect(first.reason).toMatch(/^no current unit model/);
      expect(first.candidate).toMatchObject({ examples: 20 });
      expect(first.candidate.accuracy).toBeGreaterThan(0.9);
      const [v1] = await unitModels();
      expect(v1).toMatchObject({ version: 1, status: 'active', source: 'retrained', example_count: 100 });

      // Newer tickets whose older part was labelled wrongly (every unit shifted by one), the newest right: a model
      // trained on them is worse on the newest than the current one, and is not promoted.
      const shifted = (unit: string) => UNITS[(UNITS.indexOf(unit) + 1) % UNITS.length];
      await hub.dataSource.query(`DELETE FROM routing_history_examples`);
      await insertHistory(hub.dataSource, history(16, new Date('2026-09-01T00:00:00Z'), shifted), 'shifted');
      await insertHistory(hub.dataSource, history(4, new Date('2026-11-01T00:00:00Z')), 'recent');
      const worse = await retrain();
      expect(worse).toMatchObject({ status: 'kept', model_id: null });
      expect(worse.reason).toMatch(/^worse: macro-F1/);
      expect(worse.current).toMatchObject({ version: 1 });
      expect(worse.candidate.accuracy).toBeLessThan(worse.current.accuracy);
      expect((await unitModels()).map((m: { version: number; status: string }) => [m.version, m.status])).toEqual([[1, 'active']]);

      // The same clean history again: the new model is as good as the current one, so it replaces it.
      await hub.dataSource.query(`DELETE FROM routing_history_examples`);
      await insertHistory(hub.dataSource, history(20, new Date('2026-06-01T00:00:00Z')), 'clean');
      const same = await retrain();
      expect(same.status).toBe('promoted');
      expect(same.reason).toMatch(/^not worse: /);
      expect((await unitModels()).map((m: { version: number; status: string }) => [m.version, m.status])).toEqual([
        [1, 'retired'],
        [2, 'active'],
      ]);
      const runs = await call(hub.baseUrl, 'GET', '/api/v1/admin/routing/retrain-runs', { token: admin });
      expect(runs.body.map((r: { status: string }) => r.status)).toEqual(['promoted', 'kept', 'promoted', 'skipped']);
    });

    it('routes with the promoted unit model beside the category model', async () => {
      await hub.dataSource.query(`UPDATE routing_rules SET enabled = false`);
      try {
        const { ticketId } = await submitAndRoute(hub.baseUrl, { title: '校车问题', body: textOf('pingdu-education', 7), kind: 'consult' }, hub.dataSource);
        const [event] = await hub.dataSource.query(`SELECT type, data FROM ticket_events WHERE ticket_id = $1 AND actor = 'system:route'`, [ticketId]);
        expect(event.data.decision.models).toEqual([
          { target: 'unit', version: 2 },
          { target: 'category', version: 1 },
        ]);
        expect(event.data.decision.suggestions[0].unit).toBe('pingdu-education');
      } finally {
        await hub.dataSource.query(`UPDATE routing_rules SET enabled = true`);
      }
    });
  });
});

describe('the nightly retraining', () => {
  it('is asked for once the Shanghai night has passed the retrain hour', async () => {
    const hub = await startInProcessHub({ time: new FixedTime(new Date('2026-12-01T19:30:00Z')), env: { ROUTING_RETRAIN_HOUR: '3' } });
    try {
      const run = await waitFor('the nightly run', async () => {
        const [row] = await hub.dataSource.query(`SELECT * FROM routing_retrain_runs WHERE run_key = 'nightly-2026-12-02'`);
        return row && row.status !== 'running' ? row : undefined;
      });
      expect(run).toMatchObject({ trigger: 'schedule', requested_by: 'system:schedule', status: 'skipped' });
    } finally {
      await hub.close();
    }
  });
});

describe('retraining and a worker that dies', () => {
  it('finishes the run once, after a new worker takes over the job', async () => {
    const database = await createTestDatabase();
    const prefix = `{${uniqueName('wzt')}}`;
    const processes: HubProcess[] = [];
    const db: Client = await connect(database.url);
    const start = async (roles: string) => {
      const started = await startHubProcess(hubTestEnv(database.name, prefix, { HUB_ROLES: roles, ROUTING_RETRAIN_HOUR: 'off', ROUTING_RETRAIN_MIN_EXAMPLES: '20' }));
      processes.push(started);
      return started;
    };
    try {
      const api = await start('api');
      const worker = await start('worker');
      await insertHistory(db, history(20, new Date('2026-06-01T00:00:00Z')), 'clean');
      // Hold the imported history: the job records its run, then blocks where it reads the examples.
      const blocker = await connect(database.url);
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE routing_history_examples IN ACCESS EXCLUSIVE MODE');
      const asked = await call(api.baseUrl!, 'POST', '/api/v1/admin/routing/retrain', { token: await login(api.baseUrl!, 'admin'), body: {} });
      expect(asked.status).toBe(202);
      await waitFor(
        'the retrain job to be stuck on the lock',
        async () => {
          const { rows } = await db.query(
            `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'routing_history_examples' AND NOT l.granted`,
          );
          return rows[0].n > 0;
        },
        { timeoutMs: 60_000 },
      );
      const running = await db.query(`SELECT status FROM routing_retrain_runs WHERE run_key = $1`, [asked.body.runKey]);
      expect(running.rows).toEqual([{ status: 'running' }]);
      await worker.kill();
      await blocker.query('ROLLBACK');
      await blocker.end();

      await start('worker');
      const run = await waitFor(
        'the run to be finished by the new worker',
        async () => {
          const { rows } = await db.query(`SELECT status, model_id FROM routing_retrain_runs WHERE run_key = $1`, [asked.body.runKey]);
          return rows[0]?.status === 'running' ? undefined : rows[0];
        },
        { timeoutMs: 60_000 },
      );
      expect(run.status).toBe('promoted');
      const models = await db.query(`SELECT id, version, status FROM routing_models WHERE target = 'unit'`);
      expect(models.rows).toEqual([{ id: run.model_id, version: 1, status: 'active' }]);
      expect((await db.query(`SELECT count(*)::int AS n FROM routing_retrain_runs`)).rows[0].n).toBe(1);
    } finally {
      for (const p of processes) await p.kill();
      await db.end();
      await deleteKeysWithPrefix(prefix);
      await database.drop();
    }
  });
});
