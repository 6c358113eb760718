import { Client } from 'pg';
import { FixedTime, InProcessHub, startInProcessHub } from './support/in-process-hub';
import { connect } from './support/test-database';
import { waitFor } from './support/wait-for';

// The API's answers are checked field by field below; `any` keeps those checks readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();

/** Portal mailbox end to end: API → PostgreSQL → BullMQ (real Redis) → analyze → route → assigned. */
describe('portal mailbox → routed ticket', () => {
  // Tuesday 2026-09-29 10:00 in Shanghai, just before National Day.
  const time = new FixedTime(new Date('2026-09-29T10:00:00+08:00'));
  let hub: InProcessHub;
  let db: Client;

  beforeAll(async () => {
    hub = await startInProcessHub({ time });
    db = await connect(hub.config.database.url);
  });
  afterAll(async () => {
    await db?.end();
    await hub?.close();
  });

  const post = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${hub.baseUrl}/api/v1/portal/messages`, {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  const statusOf = async (trackingNo: string, code: string) => {
    const response = await fetch(`${hub.baseUrl}/api/v1/portal/messages/${trackingNo}?code=${code}`);
    return { status: response.status, body: await json(response) };
  };

  const settled = (trackingNo: string, code: string) =>
    waitFor(`ticket ${trackingNo} to leave the pipeline`, async () => {
      const { body } = await statusOf(trackingNo, code);
      return ['assigned', 'dispatching'].includes(body.status) ? body : undefined;
    });

  it.each([
    {
      what: 'a heating complaint goes to the construction bureau, 15 working days across National Day',
      message: { title: '小区供暖不热', body: '我家小区今年供暖温度一直不达标，室内只有14度，物业推诿。', kind: 'complaint' },
      // 9/30 is day 1; 10/1–10/7 off; 10/8, 10/9, make-up Sat 10/10, then Mon 10/12 … day 15 is Mon 10/26.
      replyDueAt: '2026-10-26T15:59:59.000Z',
      leadUnit: '市城乡建设局',
      assistingUnits: [],
    },
    {
      what: 'a street light in 南村镇 goes to the town, the construction bureau assisting',
      message: { title: '村里路灯坏了', body: '南村镇我们村的路灯坏了一个多月，晚上出行很不安全。', kind: 'consult' },
      // 5 working days: 9/30, 10/8, 10/9, 10/10 (make-up Saturday), 10/12.
      replyDueAt: '2026-10-12T15:59:59.000Z',
      leadUnit: '南村镇',
      assistingUnits: ['市城乡建设局'],
    },
    {
      what: 'unpaid migrant wages go to human resources with construction assisting',
      message: { title: '农民工工资被拖欠', body: '我们在工地干了半年，包工头一直拖欠农民工工资不给。', kind: 'help' },
      replyDueAt: '2026-10-12T15:59:59.000Z',
      leadUnit: '市人社局',
      assistingUnits: ['市城乡建设局'],
    },
  ])('$what', async ({ message, replyDueAt, leadUnit, assistingUnits }) => {
    const response = await post({ ...message, publicConsent: true, name: '张三', phone: '13812345678' });
    expect(response.status).toBe(201);
    const receipt = await json(response);
    expect(receipt).toEqual({
      trackingNo: expect.stringMatching(/^260929\d{6}$/),
      queryCode: expect.stringMatching(/^[2-9A-Z]{8}$/),
      receivedAt: '2026-09-29T02:00:00.000Z',
      replyDueAt,
      provisional: false,
    });
    const status = await settled(receipt.trackingNo, receipt.queryCode);
    expect(status).toMatchObject({ status: 'assigned', statusText: '已派至承办单位', leadUnit, assistingUnits, replyDueAt, provisional: false });

    const events = await db.query(
      `SELECT e.type, e.from_status, e.to_status, e.actor FROM ticket_events e
         JOIN tickets t ON t.id = e.ticket_id WHERE t.tracking_no = $1 ORDER BY e.id`,
      [receipt.trackingNo],
    );
    expect(events.rows).toEqual([
      { type: 'received', from_status: null, to_status: 'received', actor: 'citizen:portal' },
      { type: 'analyzed', from_status: 'received', to_status: 'analyzed', actor: 'system:analyze' },
      { type: 'assigned', from_status: 'analyzed', to_status: 'assigned', actor: 'system:route' },
      // The dispatch (派单) clock stops once a unit has the ticket.
      { type: 'clock.stopped', from_status: null, to_status: null, actor: 'system:route' },
    ]);
  });

  it('sends a message no rule covers to dispatching, never a guess', async () => {
    const response = await post({ title: '一点想法', body: '希望我们的城市越来越好，谢谢各位领导的辛勤付出。', kind: 'suggestion', publicConsent: false });
    const receipt = await json(response);
    const status = await settled(receipt.trackingNo, receipt.queryCode);
    expect(status).toMatchObject({ status: 'dispatching', statusText: '已受理，等待派单', leadUnit: null, assistingUnits: [] });
  });

  it('stores the analysis (segmented with the user dictionary) on the message', async () => {
    const receipt = await json(await post({ title: '棚户区改造补偿', body: '我家在棚户区改造范围内，补偿款迟迟没有到位。', kind: 'consult', publicConsent: true }));
    await settled(receipt.trackingNo, receipt.queryCode);
    const { rows } = await db.query(
      `SELECT m.analysis FROM inbound_messages m JOIN tickets t ON t.message_id = m.id WHERE t.tracking_no = $1`,
      [receipt.trackingNo],
    );
    expect(rows[0].analysis.tokens).toContain('棚户区改造');
    expect(rows[0].analysis.keywords.map((k: { term: string }) => k.term)).toContain('棚户区改造');
  });

  it('gives the same tracking number for the same clientRequestId and opens one ticket', async () => {
    const message = { title: '公交线路咨询', body: '请问5路公交车什么时候恢复原线路？', kind: 'consult', publicConsent: true, clientRequestId: 'form-7f3a9c21' };
    const [first, second] = await Promise.all([post(message), post(message)]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 201]);
    const [a, b] = [await json(first), await json(second)];
    expect(a).toEqual(b);
    const third = await post(message);
    expect(third.status).toBe(200);
    expect(third.headers.get('idempotent-replayed')).toBe('true');
    expect(await json(third)).toEqual(a);
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM inbound_messages WHERE channel = 'portal' AND external_id = 'form-7f3a9c21'`,
    );
    expect(rows[0].n).toBe(1);
  });

  it('answers 404 alike for a wrong query code and an unknown tracking number', async () => {
    const receipt = await json(await post({ title: '咨询', body: '请问社保怎么转移？', kind: 'consult', publicConsent: true }));
    const wrongCode = await statusOf(receipt.trackingNo, 'ABCDEFGH');
    const unknown = await statusOf('260929999999', receipt.queryCode);
    const noCode = await fetch(`${hub.baseUrl}/api/v1/portal/messages/${receipt.trackingNo}`);
    expect(wrongCode.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(noCode.status).toBe(404);
    expect(wrongCode.body).toEqual(unknown.body);
  });

  describe('bad input gets a clear error and writes nothing', () => {
    const valid = { title: '标题', body: '正文内容', kind: 'consult', publicConsent: true };
    // Earlier tests' tickets must finish their pipeline first, or their events would be counted here.
    beforeAll(() =>
      waitFor('the pipeline to drain', async () => {
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM tickets WHERE status IN ('received', 'analyzed')`);
        return rows[0].n === 0;
      }),
    );
    const counts = async () =>
      (
        await db.query(
          `SELECT (SELECT count(*) FROM inbound_messages)::int AS messages, (SELECT count(*) FROM tickets)::int AS tickets,
                  (SELECT count(*) FROM outbox)::int AS outbox, (SELECT count(*) FROM ticket_events)::int AS events`,
        )
      ).rows[0];

    it.each([
      { what: 'missing title', body: { ...valid, title: undefined }, status: 400, field: 'title', message: /title is required/ },
      { what: 'empty body', body: { ...valid, body: '   ' }, status: 400, field: 'body', message: /body must not be empty/ },
      { what: 'unknown kind', body: { ...valid, kind: 'praise' }, status: 400, field: 'kind', message: /kind must be one of/ },
      { what: 'body over 5,000 characters', body: { ...valid, body: '长'.repeat(5001) }, status: 400, field: 'body', message: /at most 5000/ },
      { what: 'publicConsent missing', body: { ...valid, publicConsent: undefined }, status: 400, field: 'publicConsent', message: /publicConsent/ },
      { what: 'malformed phone', body: { ...valid, phone: '12345' }, status: 400, field: 'phone', message: /phone/ },
      { what: 'unknown field', body: { ...valid, titel: 'typo' }, status: 400, field: 'titel', message: /unknown field/ },
      { what: 'a JSON array', body: [valid], status: 400, field: '(body)', message: /JSON object/ },
      { what: 'malformed JSON', body: '{"title": "x",', status: 400, message: /JSON/ },
      {
        what: 'wrong content type',
        body: 'title=x&body=y',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        status: 400,
        field: '(content-type)',
        message: /application\/json/,
      },
      { what: 'a body over 64 KiB', body: { ...valid, body: 'x'.repeat(70 * 1024) }, status: 413, message: /too large/ },
    ])('$what → $status', async ({ body, headers, status, field, message }) => {
      const before = await counts();
      const response = await post(body, headers);
      expect(response.status).toBe(status);
      const error = await json(response);
      expect(error.statusCode).toBe(status);
      expect(error.message).toMatch(message);
      if (field) expect(error.field).toBe(field);
      expect(await counts()).toEqual(before);
    });
  });

  it('reports health of PostgreSQL and Redis', async () => {
    const response = await fetch(`${hub.baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ status: 'ok', postgres: { up: true }, redis: { up: true }, bot: { state: 'not-reporting' } });
  });

  describe('working-day calculator', () => {
    it.each([
      ['2026-09-30T10:00:00+08:00', 1, '2026-10-08', false],
      ['2026-02-13T18:00:00+08:00', 1, '2026-02-14', false],
      ['2026-12-15T09:00:00+08:00', 15, '2027-01-05', true],
    ])('from %s add %d → %s (provisional %s)', async (from, add, due, provisional) => {
      const response = await fetch(`${hub.baseUrl}/api/v1/calendar/working-days?from=${encodeURIComponent(from)}&add=${add}`);
      expect(response.status).toBe(200);
      expect(await json(response)).toEqual({ due, dueAt: new Date(`${due}T23:59:59+08:00`).toISOString(), provisional });
    });

    it.each([
      ['from=2026-09-30&add=1', 'from'],
      ['from=yesterday&add=1', 'from'],
      ['from=2026-09-30T10:00:00Z&add=-1', 'add'],
      ['from=2026-09-30T10:00:00Z&add=1.5', 'add'],
      ['from=2026-09-30T10:00:00Z', 'add'],
    ])('refuses %s naming %s', async (query, field) => {
      const response = await fetch(`${hub.baseUrl}/api/v1/calendar/working-days?${query}`);
      expect(response.status).toBe(400);
      expect((await json(response)).field).toBe(field);
    });
  });
});
