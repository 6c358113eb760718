import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { InProcessHub, startInProcessHub } from './support/in-process-hub';
import { ApiResponse, DEMO_PASSWORD, call, login, submitAndRoute } from './support/staff-client';
import { waitFor } from './support/wait-for';

/**
 * The access matrix of docs/workbench-api.md: for every staff endpoint the happy path, the wrong role (403), another
 * unit's ticket (404, indistinguishable from a missing one), an illegal transition (409 with the ticket's status) and
 * bad input (400 with `field`); then sessions, login limits, admin accounts and the citizen's rating.
 */

const HEATING = { title: '小区供暖不热', body: '我家小区今年供暖温度一直不达标，室内只有14度，物业推诿。', kind: 'complaint' };
const WAGES = { title: '农民工工资被拖欠', body: '我们在工地干了半年，包工头一直拖欠农民工工资不给。', kind: 'help' };
const IDEA = { title: '一点想法', body: '希望我们的城市越来越好，谢谢各位领导的辛勤付出。', kind: 'suggestion' };

const CH = 'pingdu-construction.handler';
const CR = 'pingdu-construction.reviewer';
const CH2 = 'pingdu-construction.handler2'; // a colleague of CH, created through the admin API
const HH = 'pingdu-human-resources.handler';
const HR = 'pingdu-human-resources.reviewer';
const EH = 'pingdu-education.handler';
const ER = 'pingdu-education.reviewer';
const D = 'pingdu-big-data.dispatcher';
const D2 = 'pingdu-office.dispatcher';
const M = 'pingdu-cyberspace.monitor';
const ADMIN = 'admin';
const CH2_PASSWORD = 'colleague-password-1';

const ALL_STATUSES = 'received,analyzed,dispatching,assigned,accepted,replied,resolved,published,merged';
const STAFF = '/api/v1/staff';

/**
 * The tickets every test starts from, built in beforeAll. H… = heating (城乡建设局 leads), W… = wages (人社局 leads,
 * 城乡建设局 assists), I… = no rule matches (dispatching).
 */
const FIXTURES = {
  assigned: HEATING, // assigned, never moved (notes and merges join it)
  claimed: HEATING, // claimed by CH, no draft; an extension asked and refused
  drafted: HEATING, // claimed by CH, draft written
  replied: HEATING, // submitted
  resolved: HEATING, // approved and delivered
  old: HEATING, // assigned 30 days ago (return window over), reply deadline passed 10 days ago
  pending: HEATING, // assigned, an extension waits for a decision
  pendingResolved: HEATING, // an extension waits, but the ticket was resolved meanwhile
  wages: WAGES, // assigned to 人社局 with 城乡建设局 assisting; HH asked an extension
  wagesMerged: WAGES, // merged into `wages`
  dispatching: IDEA, // waits for dispatch
  // one each for the happy paths
  toClaim: HEATING,
  toSubmit: HEATING,
  toApprove: HEATING,
  toReject: HEATING,
  toReturnByReviewer: HEATING,
  toReturnByHandler: WAGES,
  toAssign: IDEA,
  toMerge: HEATING,
  toExtend: HEATING,
  toDecide: HEATING,
} as const;
type FixtureKey = keyof typeof FIXTURES;
interface Ticket {
  ticketId: string;
  trackingNo: string;
  queryCode: string;
}

type ActionName =
  | 'claim'
  | 'draft'
  | 'submit'
  | 'approve'
  | 'reject'
  | 'return'
  | 'assign'
  | 'merge'
  | 'opinion'
  | 'note'
  | 'request-extension'
  | 'decide-extension';

/** Each action's request with a valid body (the body may name another fixture). */
const ACTIONS: { [A in ActionName]: { method: string; path: (id: string, extensionId: string) => string; body: (t: Record<FixtureKey, Ticket>) => unknown } } = {
  claim: { method: 'POST', path: (id) => `/tickets/${id}/claim`, body: () => undefined },
  draft: { method: 'PUT', path: (id) => `/tickets/${id}/reply`, body: () => ({ body: '已责成物业三日内整改，联系人王工。' }) },
  submit: { method: 'POST', path: (id) => `/tickets/${id}/submit`, body: () => undefined },
  approve: { method: 'POST', path: (id) => `/tickets/${id}/approve`, body: () => ({ comment: '同意' }) },
  reject: { method: 'POST', path: (id) => `/tickets/${id}/reject`, body: () => ({ comment: '请写明整改时限。' }) },
  return: { method: 'POST', path: (id) => `/tickets/${id}/return`, body: () => ({ reason: '不属于本单位职责' }) },
  assign: { method: 'POST', path: (id) => `/tickets/${id}/assign`, body: () => ({ leadUnit: 'pingdu-environment', assistingUnits: [] }) },
  merge: { method: 'POST', path: (id) => `/tickets/${id}/merge`, body: (t) => ({ into: t.assigned.trackingNo }) },
  opinion: { method: 'POST', path: (id) => `/tickets/${id}/opinions`, body: () => ({ body: '建议核查劳务合同。' }) },
  note: { method: 'POST', path: (id) => `/tickets/${id}/notes`, body: () => ({ body: '已电话联系来信人。' }) },
  'request-extension': { method: 'POST', path: (id) => `/tickets/${id}/extensions`, body: () => ({ length: 3, reason: '需现场检测' }) },
  'decide-extension': { method: 'POST', path: (id, x) => `/tickets/${id}/extensions/${x}/decision`, body: () => ({ approve: true }) },
};

/** `{ statusCode, error, message, …more }` with the given status. */
function expectProblem(response: ApiResponse, status: number, more: Record<string, unknown> = {}): void {
  expect({ status: response.status, body: response.body }).toMatchObject({
    status,
    body: { statusCode: status, error: STATUS_CODES[status], message: expect.any(String), ...more },
  });
}

/** A 404 body with the requested id taken out, to compare "another unit's" with "missing". */
const withoutId = (body: unknown, id: string) => JSON.parse(JSON.stringify(body).split(id).join('<id>'));

const sortedIds = (items: { id: string }[]) => items.map((i) => i.id).sort();

/** A test title's view of a value: its JSON, long texts shortened. */
const shown = (value: unknown) => JSON.stringify(value).replace(/(.)\1{9,}/gu, (run, c) => `${c}×${[...run].length}`);

describe('workbench access matrix', () => {
  let hub: InProcessHub;
  const tokens: Record<string, string> = {};
  const users: Record<string, string> = {}; // username → id
  const units: Record<string, string> = {}; // code → id
  const t = {} as Record<FixtureKey, Ticket>;
  /** The extension waiting for a decision (or decided, for `claimed`) on a fixture ticket, by ticket id. */
  const extensionOf = new Map<string, string>();

  const api = (username: string, method: string, path: string, body?: unknown) =>
    call(hub.baseUrl, method, `${STAFF}${path}`, { token: tokens[username], body });
  /** Setup steps must work; a failure names the step. */
  const step = async (username: string, method: string, path: string, body?: unknown) => {
    const response = await api(username, method, path, body);
    if (response.status >= 300) throw new Error(`setup ${username} ${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const perform = (username: string, action: ActionName, ticketId: string, options: { body?: unknown; extensionId?: string } = {}) => {
    const spec = ACTIONS[action];
    const extensionId = options.extensionId ?? extensionOf.get(ticketId) ?? randomUUID();
    return api(username, spec.method, spec.path(ticketId, extensionId), 'body' in options ? options.body : spec.body(t));
  };
  const list = (username: string, query: Record<string, string> = {}) => api(username, 'GET', `/tickets?${new URLSearchParams(query)}`);
  interface Clock {
    id: string;
    purpose: string;
    state: string;
    dueAt: string;
    extensions: { id: string; status: string; length: number; decisionNote: string | null }[];
  }
  const runningReplyClock = (detail: { clocks: Clock[] }): Clock => {
    const clock = detail.clocks.find((c) => c.purpose === 'reply' && c.state === 'running');
    if (!clock) throw new Error(`no running reply clock in ${JSON.stringify(detail.clocks)}`);
    return clock;
  };

  /** Everything an action could change on a ticket: a refused action must leave all of it alone. */
  const footprint = async (ticketId: string) => {
    const [row] = await hub.dataSource.query(
      `SELECT t.status, t.claimed_by, t.lead_unit_id, t.assisting_unit_ids, t.merged_into_id, t.round, t.assigned_at,
              t.dispatch_due_at, t.reply_due_at, t.updated_at,
              (SELECT count(*)::int FROM ticket_events e WHERE e.ticket_id = t.id) AS events,
              (SELECT count(*)::int FROM ticket_notes n WHERE n.ticket_id = t.id) AS notes,
              (SELECT json_agg(json_build_object('unit', o.unit_id, 'body', o.body) ORDER BY o.unit_id) FROM ticket_opinions o WHERE o.ticket_id = t.id) AS opinions,
              (SELECT json_agg(json_build_object('round', r.round, 'body', r.body, 'state', r.state, 'comment', r.review_comment) ORDER BY r.round)
                 FROM ticket_replies r WHERE r.ticket_id = t.id) AS replies,
              (SELECT json_agg(json_build_object('state', k.state, 'due', k.due_at, 'extensions',
                        (SELECT json_agg(json_build_object('status', x.status, 'length', x.length)) FROM clock_extensions x WHERE x.clock_id = k.id))
                        ORDER BY k.created_at, k.id)
                 FROM clocks k WHERE k.subject_type = 'ticket' AND k.subject_id = t.id) AS clocks,
              (SELECT count(*)::int FROM routing_examples x WHERE x.ticket_id = t.id) AS examples,
              (SELECT count(*)::int FROM tickets m WHERE m.merged_into_id = t.id) AS merged_in
         FROM tickets t WHERE t.id = $1`,
      [ticketId],
    );
    return row;
  };

  beforeAll(async () => {
    hub = await startInProcessHub();
    for (const unit of await hub.dataSource.query(`SELECT id, code FROM units`)) units[unit.code] = unit.id;
    await Promise.all(
      [CH, CR, HH, HR, EH, ER, D, D2, M, ADMIN].map(async (username) => {
        tokens[username] = await login(hub.baseUrl, username);
      }),
    );
    const colleague = await call(hub.baseUrl, 'POST', '/api/v1/admin/users', {
      token: tokens[ADMIN],
      body: { username: CH2, displayName: '市城乡建设局承办人二', unit: 'pingdu-construction', roles: ['handler'], password: CH2_PASSWORD },
    });
    if (colleague.status !== 201) throw new Error(`setup: create ${CH2}: ${colleague.status} ${JSON.stringify(colleague.body)}`);
    tokens[CH2] = await login(hub.baseUrl, CH2, CH2_PASSWORD);
    for (const user of await hub.dataSource.query(`SELECT id, username FROM staff_users`)) users[user.username] = user.id;

    await Promise.all(
      (Object.keys(FIXTURES) as FixtureKey[]).map(async (key) => {
        t[key] = await submitAndRoute(hub.baseUrl, FIXTURES[key], hub.dataSource);
      }),
    );
    const keysOf = (message: object) => (Object.keys(FIXTURES) as FixtureKey[]).filter((k) => FIXTURES[k] === message);
    const [placed] = await hub.dataSource.query(
      `SELECT count(*) FILTER (WHERE t.id = ANY($1) AND t.status = 'assigned' AND t.lead_unit_id = $4)::int AS heating,
              count(*) FILTER (WHERE t.id = ANY($2) AND t.status = 'assigned' AND t.lead_unit_id = $5 AND t.assisting_unit_ids = ARRAY[$4]::uuid[])::int AS wages,
              count(*) FILTER (WHERE t.id = ANY($3) AND t.status = 'dispatching')::int AS dispatching
         FROM tickets t`,
      [
        keysOf(HEATING).map((k) => t[k].ticketId),
        keysOf(WAGES).map((k) => t[k].ticketId),
        keysOf(IDEA).map((k) => t[k].ticketId),
        units['pingdu-construction'],
        units['pingdu-human-resources'],
      ],
    );
    expect(placed).toEqual({ heating: keysOf(HEATING).length, wages: keysOf(WAGES).length, dispatching: keysOf(IDEA).length });

    const askExtension = async (username: string, key: FixtureKey) => {
      const detail = await step(username, 'POST', `/tickets/${t[key].ticketId}/extensions`, { length: 2, reason: '需协调供暖公司' });
      extensionOf.set(t[key].ticketId, runningReplyClock(detail).extensions.at(-1)!.id);
    };
    const claim = (key: FixtureKey) => () => step(CH, 'POST', `/tickets/${t[key].ticketId}/claim`);
    const draft = (key: FixtureKey) => () => step(CH, 'PUT', `/tickets/${t[key].ticketId}/reply`, { body: `答复草稿：${key}` });
    const submit = (key: FixtureKey) => () => step(CH, 'POST', `/tickets/${t[key].ticketId}/submit`);
    const approve = (key: FixtureKey) => () => step(CR, 'POST', `/tickets/${t[key].ticketId}/approve`, {});
    const upTo = {
      accepted: (key: FixtureKey) => [claim(key), draft(key)],
      replied: (key: FixtureKey) => [claim(key), draft(key), submit(key)],
      resolved: (key: FixtureKey) => [claim(key), draft(key), submit(key), approve(key)],
    };
    /** Each chain runs its steps in order; the chains run side by side. */
    const chains: (() => Promise<unknown>)[][] = [
      [
        claim('claimed'),
        () => askExtension(CH, 'claimed'),
        () => step(CR, 'POST', `/tickets/${t.claimed.ticketId}/extensions/${extensionOf.get(t.claimed.ticketId)}/decision`, { approve: false }),
      ],
      upTo.accepted('drafted'),
      upTo.replied('replied'),
      upTo.resolved('resolved'),
      [
        () =>
          hub.dataSource.query(
            `UPDATE tickets SET assigned_at = now() - interval '30 days', reply_due_at = now() - interval '10 days' WHERE id = $1`,
            [t.old.ticketId],
          ),
      ],
      [() => askExtension(CH, 'pending')],
      [() => askExtension(CH, 'pendingResolved'), ...upTo.resolved('pendingResolved')],
      [() => askExtension(HH, 'wages'), () => step(D, 'POST', `/tickets/${t.wagesMerged.ticketId}/merge`, { into: t.wages.trackingNo })],
      upTo.accepted('toSubmit'),
      upTo.replied('toApprove'),
      upTo.replied('toReject'),
    ];
    await Promise.all(
      chains.map(async (chain) => {
        for (const run of chain) await run();
      }),
    );
    // The approved replies reach their citizens in the background; let that settle so footprints stay still.
    await waitFor('the setup replies to be delivered', async () => {
      const rows = await hub.dataSource.query(`SELECT state FROM ticket_deliveries`);
      return rows.length === 2 && rows.every((r: { state: string }) => r.state === 'sent');
    });
  });
  afterAll(() => hub?.close());

  // ——————————————————————————————————————— reads ———————————————————————————————————————

  describe('GET /tickets', () => {
    it('a handler sees the open tickets its unit leads or assists, soonest due first', async () => {
      const response = await list(CH, { pageSize: '100' });
      expect(response.status).toBe(200);
      const { items, total, page, pageSize } = response.body;
      expect({ total, page, pageSize }).toEqual({ total: items.length, page: 1, pageSize: 100 });
      const byId = new Map(items.map((i: { id: string }) => [i.id, i]));
      expect(byId.get(t.assigned.ticketId)).toMatchObject({
        trackingNo: t.assigned.trackingNo,
        title: HEATING.title,
        kind: 'complaint',
        status: 'assigned',
        dueClock: 'reply',
        overdue: false,
        position: 'lead',
        leadUnit: { code: 'pingdu-construction' },
        assistingUnits: [],
        claimedBy: null,
      });
      expect(byId.get(t.wages.ticketId)).toMatchObject({ position: 'assisting', leadUnit: { code: 'pingdu-human-resources' } });
      expect(byId.get(t.claimed.ticketId)).toMatchObject({ status: 'accepted', claimedBy: { id: users[CH], displayName: '市城乡建设局承办人' } });
      // Closed tickets are not in the default (open) inbox; nor are tickets waiting for dispatch.
      for (const key of ['resolved', 'wagesMerged', 'dispatching'] as const) expect(byId.has(t[key].ticketId)).toBe(false);
      const due = items.map((i: { dueAt: string }) => new Date(i.dueAt).getTime());
      expect(due).toEqual([...due].sort((a, b) => a - b));
    });

    it.each([
      [CH, 'pingdu-construction', ['assigned', 'wages', 'wagesMerged', 'resolved', 'toReturnByHandler'], ['dispatching', 'toAssign']],
      [HH, 'pingdu-human-resources', ['wages', 'wagesMerged', 'toReturnByHandler'], ['assigned', 'resolved', 'dispatching']],
      [EH, 'pingdu-education', [], ['assigned', 'wages', 'dispatching']],
    ] as [string, string, FixtureKey[], FixtureKey[]][])(
      '%s lists exactly the tickets of %s (lead or assisting), in any status, never another unit’s',
      async (username, unit, expected, absent) => {
        const response = await list(username, { status: ALL_STATUSES, pageSize: '100' });
        expect(response.status).toBe(200);
        const mine = await hub.dataSource.query(`SELECT id FROM tickets WHERE lead_unit_id = $1 OR $1 = ANY(assisting_unit_ids)`, [units[unit]]);
        expect(sortedIds(response.body.items)).toEqual(sortedIds(mine));
        expect(response.body.total).toBe(mine.length);
        const ids = response.body.items.map((i: { id: string }) => i.id);
        for (const key of expected) expect(ids).toContain(t[key].ticketId);
        for (const key of absent) expect(ids).not.toContain(t[key].ticketId);
        for (const item of response.body.items) {
          expect(item.position).toBe(item.leadUnit?.code === unit ? 'lead' : 'assisting');
        }
      },
    );

    it.each([D, D2, M])('%s (dispatcher or monitor) sees every ticket of every unit', async (username) => {
      const response = await list(username, { status: ALL_STATUSES, pageSize: '100' });
      expect(response.status).toBe(200);
      const all = await hub.dataSource.query(`SELECT id FROM tickets`);
      expect(all.length).toBeGreaterThan(20);
      expect(sortedIds(response.body.items)).toEqual(sortedIds(all));
      expect(response.body.total).toBe(all.length);
      expect(response.body.items.find((i: { id: string }) => i.id === t.dispatching.ticketId)).toMatchObject({
        status: 'dispatching',
        dueClock: 'dispatch',
        leadUnit: null,
        position: null,
      });
    });

    it('refuses an account that is only admin (403)', async () => {
      expectProblem(await list(ADMIN), 403);
    });

    it('filters by status (comma list)', async () => {
      const dispatching = await list(D, { status: 'dispatching', pageSize: '100' });
      expect(dispatching.status).toBe(200);
      const [{ n }] = await hub.dataSource.query(`SELECT count(*)::int AS n FROM tickets WHERE status = 'dispatching'`);
      expect(dispatching.body.total).toBe(n);
      expect(new Set(dispatching.body.items.map((i: { status: string }) => i.status))).toEqual(new Set(['dispatching']));
      expect(sortedIds(dispatching.body.items)).toEqual(expect.arrayContaining([t.dispatching.ticketId, t.toAssign.ticketId]));

      const two = await list(CH, { status: 'assigned,accepted', pageSize: '100' });
      const ids = two.body.items.map((i: { id: string }) => i.id);
      expect(ids).toEqual(expect.arrayContaining([t.assigned.ticketId, t.claimed.ticketId, t.drafted.ticketId]));
      expect(ids).not.toContain(t.replied.ticketId);
      for (const item of two.body.items) expect(['assigned', 'accepted']).toContain(item.status);

      const closed = await list(CH, { status: 'resolved', pageSize: '100' });
      expect(sortedIds(closed.body.items)).toEqual(sortedIds([{ id: t.resolved.ticketId }, { id: t.pendingResolved.ticketId }]));
    });

    it('filters by kind (comma list)', async () => {
      const help = await list(D, { kind: 'help', pageSize: '100' });
      expect(help.status).toBe(200);
      expect(help.body.items.length).toBeGreaterThan(0);
      for (const item of help.body.items) expect(item.kind).toBe('help');
      expect(help.body.items.map((i: { id: string }) => i.id)).toContain(t.wages.ticketId);
      const both = await list(D, { kind: 'complaint,help', pageSize: '100' });
      const kinds = new Set(both.body.items.map((i: { kind: string }) => i.kind));
      expect(kinds).toEqual(new Set(['complaint', 'help']));
    });

    it('filters by dueBefore and overdue', async () => {
      const now = new Date().toISOString();
      const due = await list(CH, { dueBefore: now, pageSize: '100' });
      expect(due.status).toBe(200);
      expect(sortedIds(due.body.items)).toEqual([t.old.ticketId]);
      // An offset other than Z is an ISO date-time too.
      const later = new Date(Date.now() + 366 * 86400000);
      const shanghai = new Date(later.getTime() + 8 * 3600000).toISOString().replace('Z', '+08:00');
      const all = await list(CH, { dueBefore: shanghai, pageSize: '100' });
      expect(all.status).toBe(200);
      expect(all.body.total).toBe((await list(CH, { pageSize: '100' })).body.total);

      const overdue = await list(CH, { overdue: 'true', pageSize: '100' });
      expect(overdue.status).toBe(200);
      expect(overdue.body.items).toEqual([expect.objectContaining({ id: t.old.ticketId, overdue: true })]);
      expect(overdue.body.items[0].workingDaysLeft).toBeLessThan(0);
      const onTime = await list(CH, { overdue: 'false', pageSize: '100' });
      expect(onTime.body.items.map((i: { id: string }) => i.id)).not.toContain(t.old.ticketId);
      expect(onTime.body.items.every((i: { overdue: boolean }) => !i.overdue)).toBe(true);
      expect(onTime.body.total + overdue.body.total).toBe(all.body.total);
    });

    it('searches title, body and tracking number with q', async () => {
      const byNumber = await list(D, { q: t.wages.trackingNo });
      expect(byNumber.status).toBe(200);
      expect(sortedIds(byNumber.body.items)).toEqual([t.wages.ticketId]);
      const byText = await list(D, { q: '包工头', status: ALL_STATUSES, pageSize: '100' });
      const matching = await hub.dataSource.query(
        `SELECT t.id FROM tickets t JOIN inbound_messages m ON m.id = t.message_id WHERE m.title LIKE '%包工头%' OR m.body LIKE '%包工头%'`,
      );
      expect(matching.length).toBe(3);
      expect(sortedIds(byText.body.items)).toEqual(sortedIds(matching));
      // q does not widen the scope.
      const outside = await list(EH, { q: '包工头', status: ALL_STATUSES });
      expect(outside.body).toMatchObject({ items: [], total: 0 });
      const foreignNumber = await list(HH, { q: t.assigned.trackingNo, status: ALL_STATUSES });
      expect(foreignNumber.body).toMatchObject({ items: [], total: 0 });
    });

    it('pages with page and pageSize', async () => {
      const full = await list(D, { status: ALL_STATUSES, pageSize: '100' });
      const second = await list(D, { status: ALL_STATUSES, page: '2', pageSize: '3' });
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ page: 2, pageSize: 3, total: full.body.total });
      expect(second.body.items.map((i: { id: string }) => i.id)).toEqual(full.body.items.slice(3, 6).map((i: { id: string }) => i.id));
      const beyond = await list(D, { status: ALL_STATUSES, page: '100', pageSize: '100' });
      expect(beyond.body).toMatchObject({ items: [], total: full.body.total });
    });

    it.each(([
      [{ status: 'bogus' }, /^status(\.0)?$/],
      [{ status: 'assigned,bogus' }, /^status(\.1)?$/],
      [{ dueBefore: 'tomorrow' }, 'dueBefore'],
      [{ dueBefore: '2026-13-45T99:00:00Z' }, 'dueBefore'],
      [{ overdue: 'yes' }, 'overdue'],
      [{ q: 'x'.repeat(101) }, 'q'],
      [{ page: '0' }, 'page'],
      [{ page: 'two' }, 'page'],
      [{ page: '-1' }, 'page'],
      [{ pageSize: '0' }, 'pageSize'],
      [{ pageSize: '101' }, 'pageSize'],
      [{ pageSize: '1.5' }, 'pageSize'],
      [{ sort: 'dueAt' }, 'sort'],
    ] as [Record<string, string>, string | RegExp][]).map(([query, field]) => [shown(query), String(field), query, field] as const))(
      'refuses the filter %s (400, field %s)',
      async (_shown, _field, query, field) => {
        expectProblem(await list(CH, query), 400, { field: typeof field === 'string' ? field : expect.stringMatching(field) });
      },
    );

    it('refuses a repeated status parameter (400, field status)', async () => {
      expectProblem(await api(CH, 'GET', '/tickets?status=assigned&status=accepted'), 400, { field: 'status' });
    });

    // `kind` is a filter like `status`: an unknown kind is bad input, not an empty page.
    it('refuses an unknown kind (400, field kind)', async () => {
      expectProblem(await list(CH, { kind: 'bogus' }), 400, { field: expect.stringMatching(/^kind(\.0)?$/) });
      expectProblem(await list(CH, { kind: 'help,bogus' }), 400, { field: expect.stringMatching(/^kind(\.1)?$/) });
    });
  });

  describe('GET /tickets/:id', () => {
    it('answers the lead unit the whole TicketDetail with the buttons it may press', async () => {
      const response = await api(CH, 'GET', `/tickets/${t.assigned.ticketId}`);
      expect(response.status).toBe(200);
      const detail = response.body;
      for (const key of [
        'id', 'trackingNo', 'title', 'kind', 'status', 'statusText', 'receivedAt', 'dueAt', 'dueClock', 'workingDaysLeft', 'overdue',
        'leadUnit', 'assistingUnits', 'position', 'claimedBy', 'message', 'keywords', 'round', 'reply', 'opinions', 'notes', 'events',
        'clocks', 'mergedInto', 'mergedTickets', 'returnWindowEndsAt', 'actions',
      ]) {
        expect(detail).toHaveProperty(key);
      }
      expect(detail).toMatchObject({
        id: t.assigned.ticketId,
        status: 'assigned',
        position: 'lead',
        round: 1,
        reply: null,
        mergedInto: null,
        message: { title: HEATING.title, body: HEATING.body, channel: 'portal', senderName: '张三', senderPhone: '13812345678', publicConsent: true },
        actions: ['claim', 'return', 'note', 'request-extension'],
      });
      expect(new Date(detail.returnWindowEndsAt).getTime()).toBeGreaterThan(Date.now());
    });

    it.each([
      [CH, 'wages', 'assisting', ['opinion', 'note']],
      [HH, 'toReturnByHandler', 'lead', ['claim', 'return', 'note', 'request-extension']],
      [CH, 'drafted', 'lead', ['draft', 'submit', 'return', 'note', 'request-extension']],
      [CH2, 'drafted', 'lead', ['claim', 'return', 'note', 'request-extension']],
      [D, 'dispatching', null, ['assign', 'merge', 'note']],
      [M, 'assigned', null, []],
      [M, 'wagesMerged', null, []],
    ] as [string, FixtureKey, string | null, string[]][])('answers %s on %s: position %s, actions %j', async (username, key, position, actions) => {
      const response = await api(username, 'GET', `/tickets/${t[key].ticketId}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: t[key].ticketId, position, actions });
    });

    it('offers the lead reviewer approve and reject on a replied ticket, and no handler button', async () => {
      const response = await api(CR, 'GET', `/tickets/${t.replied.ticketId}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'replied', reply: { state: 'submitted', body: '答复草稿：replied' } });
      expect(response.body.actions).toEqual(expect.arrayContaining(['approve', 'reject', 'note']));
      for (const action of ['claim', 'draft', 'submit', 'return', 'request-extension']) expect(response.body.actions).not.toContain(action);
    });

    it('refuses an account that is only admin (403)', async () => {
      expectProblem(await api(ADMIN, 'GET', `/tickets/${t.assigned.ticketId}`), 403);
    });

    // `actions` offers only what works: while an extension request waits, asking another answers 409.
    it('actions offers no request-extension while a request waits', async () => {
      const waiting = await api(CH, 'GET', `/tickets/${t.pending.ticketId}`);
      expect(runningReplyClock(waiting.body).extensions.map((x) => x.status)).toEqual(['requested']);
      expect((await perform(CH, 'request-extension', t.pending.ticketId)).status).toBe(409);
      expect(waiting.body.actions).toEqual(['claim', 'return', 'note']);
    });

    // With no extension request on the ticket there is nothing to decide.
    it('actions offers no decide-extension when no request waits', async () => {
      const none = await api(D, 'GET', `/tickets/${t.assigned.ticketId}`);
      expect(none.body.clocks.flatMap((c: { extensions: unknown[] }) => c.extensions)).toEqual([]);
      expect(none.body.actions).toEqual(['assign', 'merge', 'note']);
    });
  });

  describe('GET /units', () => {
    it.each([CH, CR, D, M])('lists every unit with id, code, name and kind for %s', async (username) => {
      const response = await api(username, 'GET', '/units');
      expect(response.status).toBe(200);
      const rows = await hub.dataSource.query(`SELECT id, code, name, kind FROM units ORDER BY code`);
      expect(response.body).toHaveLength(rows.length);
      expect(response.body).toEqual(expect.arrayContaining(rows));
      expect(response.body).toContainEqual({ id: units['pingdu-construction'], code: 'pingdu-construction', name: '市城乡建设局', kind: 'department' });
    });
    // The contract names no role for this read, so there is no 403 case; without a session it is 401 (see sessions).
  });

  // ——————————————————————————————————————— actions: happy paths ———————————————————————————————————————

  describe('actions that work (2xx and their effect)', () => {
    it('claim: the lead handler takes the ticket (assigned → accepted); a colleague may take it over', async () => {
      const id = t.toClaim.ticketId;
      const claimed = await perform(CH, 'claim', id);
      expect(claimed.status).toBe(200);
      expect(claimed.body).toMatchObject({ id, status: 'accepted', claimedBy: { id: users[CH] } });
      expect(claimed.body.actions).toContain('draft');
      expect((await footprint(id)).claimed_by).toBe(users[CH]);
      expect(claimed.body.events.at(-1)).toMatchObject({ type: 'claimed', fromStatus: 'assigned', toStatus: 'accepted', actor: `staff:${CH}` });

      const takenOver = await perform(CH2, 'claim', id);
      expect(takenOver.status).toBe(200);
      expect(takenOver.body).toMatchObject({ status: 'accepted', claimedBy: { id: users[CH2], displayName: '市城乡建设局承办人二' } });
      expect((await footprint(id)).claimed_by).toBe(users[CH2]);
    });

    it('draft: the claiming handler writes the reply (stays accepted), and may rewrite it', async () => {
      const id = t.drafted.ticketId;
      const drafted = await perform(CH, 'draft', id, { body: { body: '  第二稿：已责成物业整改。  ' } });
      expect(drafted.status).toBe(200);
      expect(drafted.body).toMatchObject({ status: 'accepted', reply: { round: 1, body: '第二稿：已责成物业整改。', state: 'draft', authorName: '市城乡建设局承办人' } });
      const [reply] = await hub.dataSource.query(`SELECT body, state FROM ticket_replies WHERE ticket_id = $1`, [id]);
      expect(reply).toEqual({ body: '第二稿：已责成物业整改。', state: 'draft' });
    });

    it('submit: the claiming handler hands the draft to review (accepted → replied)', async () => {
      const id = t.toSubmit.ticketId;
      const submitted = await perform(CH, 'submit', id);
      expect(submitted.status).toBe(200);
      expect(submitted.body).toMatchObject({ status: 'replied', reply: { state: 'submitted' } });
      expect(await footprint(id)).toMatchObject({ status: 'replied', replies: [{ state: 'submitted' }] });
    });

    it('approve: the lead reviewer resolves it (replied → resolved), the reply clock stops and the reply goes out', async () => {
      const id = t.toApprove.ticketId;
      const approved = await perform(CR, 'approve', id, { body: { comment: '同意答复' } });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ status: 'resolved', reply: { state: 'approved', reviewComment: '同意答复' } });
      expect(approved.body.clocks.find((c: { purpose: string }) => c.purpose === 'reply').state).toBe('stopped');
      const [delivery] = await hub.dataSource.query(`SELECT round FROM ticket_deliveries WHERE ticket_id = $1`, [id]);
      expect(delivery).toEqual({ round: 1 });
      expect((await footprint(id)).status).toBe('resolved');
    });

    it('reject: the lead reviewer sends it back to the handler (replied → accepted) with a comment', async () => {
      const id = t.toReject.ticketId;
      const rejected = await perform(CR, 'reject', id, { body: { comment: '请写明联系人。' } });
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({ status: 'accepted', reply: { state: 'draft', reviewComment: '请写明联系人。' }, claimedBy: { id: users[CH] } });
      expect(await footprint(id)).toMatchObject({ status: 'accepted', replies: [{ state: 'draft', comment: '请写明联系人。' }] });
    });

    it.each([
      ['handler', HH, 'toReturnByHandler', 'pingdu-human-resources'],
      ['reviewer', CR, 'toReturnByReviewer', 'pingdu-construction'],
    ] as [string, string, FixtureKey, string][])('return: the lead %s sends it back to dispatch within the window (→ dispatching)', async (_role, username, key, unit) => {
      const id = t[key].ticketId;
      const returned = await perform(username, 'return', id, { body: { reason: '不属于本单位职责' } });
      expect(returned.status).toBe(200);
      expect(returned.body).toMatchObject({ status: 'dispatching', leadUnit: null, assistingUnits: [], dueClock: 'dispatch' });
      expect(await footprint(id)).toMatchObject({ status: 'dispatching', lead_unit_id: null, assisting_unit_ids: [] });
      const [example] = await hub.dataSource.query(`SELECT kind, wrong_unit_id, reason FROM routing_examples WHERE ticket_id = $1`, [id]);
      expect(example).toEqual({ kind: 'returned', wrong_unit_id: units[unit], reason: '不属于本单位职责' });
      expectProblem(await api(username, 'GET', `/tickets/${id}`), 404);
      expect((await api(D, 'GET', `/tickets/${id}`)).body.status).toBe('dispatching');
    });

    it('assign: a dispatcher places a waiting ticket (dispatching → assigned) and may re-assign it', async () => {
      const id = t.toAssign.ticketId;
      const assigned = await perform(D, 'assign', id, { body: { leadUnit: 'pingdu-construction', assistingUnits: ['pingdu-human-resources'] } });
      expect(assigned.status).toBe(200);
      expect(assigned.body).toMatchObject({
        status: 'assigned',
        dueClock: 'reply',
        leadUnit: { code: 'pingdu-construction' },
        assistingUnits: [{ code: 'pingdu-human-resources' }],
      });
      expect(await footprint(id)).toMatchObject({ lead_unit_id: units['pingdu-construction'], assisting_unit_ids: [units['pingdu-human-resources']] });
      expect((await api(CH, 'GET', `/tickets/${id}`)).body.position).toBe('lead');
      expect((await api(HH, 'GET', `/tickets/${id}`)).body.position).toBe('assisting');

      const moved = await perform(D2, 'assign', id, { body: { leadUnit: 'pingdu-education' } });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ status: 'assigned', leadUnit: { code: 'pingdu-education' }, assistingUnits: [] });
      expectProblem(await api(CH, 'GET', `/tickets/${id}`), 404);
      expect((await api(EH, 'GET', `/tickets/${id}`)).body.position).toBe('lead');
    });

    it('merge: a dispatcher merges a duplicate into a main ticket (→ merged)', async () => {
      const id = t.toMerge.ticketId;
      const merged = await perform(D, 'merge', id, { body: { into: t.assigned.trackingNo } });
      expect(merged.status).toBe(200);
      expect(merged.body).toMatchObject({ status: 'merged', mergedInto: { id: t.assigned.ticketId, trackingNo: t.assigned.trackingNo } });
      expect(await footprint(id)).toMatchObject({ status: 'merged', merged_into_id: t.assigned.ticketId });
      const main = await api(CH, 'GET', `/tickets/${t.assigned.ticketId}`);
      expect(main.body.mergedTickets).toContainEqual({ id, trackingNo: t.toMerge.trackingNo });
    });

    it('opinion: the handler and the reviewer of an assisting unit give its 协办意见 (one per unit, stays assigned)', async () => {
      const id = t.wages.ticketId;
      const given = await perform(CH, 'opinion', id, { body: { body: '建议核查工程项目劳务合同。' } });
      expect(given.status).toBe(200);
      expect(given.body.status).toBe('assigned');
      expect(given.body.opinions).toEqual([
        expect.objectContaining({ unit: { id: units['pingdu-construction'], code: 'pingdu-construction', name: '市城乡建设局' }, body: '建议核查工程项目劳务合同。' }),
      ]);
      const revised = await perform(CR, 'opinion', id, { body: { body: '经核查，该项目由我局监管。' } });
      expect(revised.status).toBe(200);
      expect(revised.body.opinions).toEqual([expect.objectContaining({ body: '经核查，该项目由我局监管。', author: '市城乡建设局审核人' })]);
      expect((await api(HH, 'GET', `/tickets/${id}`)).body.opinions).toHaveLength(1);
      expect((await footprint(id)).opinions).toEqual([{ unit: units['pingdu-construction'], body: '经核查，该项目由我局监管。' }]);
    });

    it.each([
      [CH, 'assigned'],
      [CR, 'assigned'],
      [D, 'assigned'],
      [CH, 'wages'],
      [CR, 'resolved'],
      [D, 'wagesMerged'],
      [D2, 'dispatching'],
    ] as [string, FixtureKey][])('note: %s writes an internal note on %s (any status, stays)', async (username, key) => {
      const id = t[key].ticketId;
      const before = await footprint(id);
      const text = `备注 ${username} ${randomUUID().slice(0, 8)}`;
      const noted = await perform(username, 'note', id, { body: { body: text } });
      expect(noted.status).toBe(200);
      expect(noted.body.status).toBe(before.status);
      expect(noted.body.notes.at(-1)).toMatchObject({ body: text });
      const [row] = await hub.dataSource.query(`SELECT author_id FROM ticket_notes WHERE ticket_id = $1 AND body = $2`, [id, text]);
      expect(row).toEqual({ author_id: users[username] });
    });

    it('request-extension: the lead handler asks for more working days (stays assigned)', async () => {
      const id = t.toExtend.ticketId;
      const asked = await perform(CH, 'request-extension', id, { body: { length: 5, reason: '需现场检测' } });
      expect(asked.status).toBe(200);
      expect(asked.body.status).toBe('assigned');
      expect(runningReplyClock(asked.body).extensions).toEqual([
        expect.objectContaining({ length: 5, reason: '需现场检测', status: 'requested', requestedBy: `staff:${CH}` }),
      ]);
      const rows = await hub.dataSource.query(
        `SELECT x.status, x.length FROM clock_extensions x JOIN clocks k ON k.id = x.clock_id WHERE k.subject_id = $1`,
        [id],
      );
      expect(rows).toEqual([{ status: 'requested', length: 5 }]);
    });

    it('decide-extension: the lead reviewer approves (deadline moves); a dispatcher refuses the next one (deadline stays)', async () => {
      const id = t.toDecide.ticketId;
      const asked = await step(CH, 'POST', `/tickets/${id}/extensions`, { length: 5, reason: '需现场检测' });
      const clock = runningReplyClock(asked);
      const approved = await perform(CR, 'decide-extension', id, { extensionId: clock.extensions[0].id, body: { approve: true, note: '同意' } });
      expect(approved.status).toBe(200);
      const after = runningReplyClock(approved.body);
      expect(after.extensions[0]).toMatchObject({ status: 'approved', decisionNote: '同意' });
      expect(new Date(after.dueAt).getTime()).toBeGreaterThan(new Date(clock.dueAt).getTime());
      expect(new Date(approved.body.dueAt).getTime()).toBe(new Date(after.dueAt).getTime());

      const again = await step(CH, 'POST', `/tickets/${id}/extensions`, { length: 3, reason: '仍需检测' });
      const second = runningReplyClock(again).extensions.find((x) => x.status === 'requested')!;
      const refused = await perform(D, 'decide-extension', id, { extensionId: second.id, body: { approve: false, note: '时限已足够' } });
      expect(refused.status).toBe(200);
      const final = runningReplyClock(refused.body);
      expect(final.extensions.find((x) => x.id === second.id)).toMatchObject({ status: 'refused', decisionNote: '时限已足够' });
      expect(final.dueAt).toBe(after.dueAt);
    });
  });

  // ——————————————————————————————————————— actions: refusals ———————————————————————————————————————

  describe('wrong role or unit position → 403, nothing changes', () => {
    it.each([
      ['claim', CR, 'assigned', 'a reviewer'],
      ['claim', CH, 'wages', 'the handler of an assisting unit'],
      ['claim', D, 'assigned', 'a dispatcher'],
      ['claim', M, 'assigned', 'the monitor'],
      ['claim', ADMIN, 'assigned', 'an admin-only account'],
      ['draft', CR, 'drafted', 'a reviewer'],
      ['draft', CH, 'wages', 'the handler of an assisting unit'],
      ['draft', D, 'drafted', 'a dispatcher'],
      ['draft', M, 'drafted', 'the monitor'],
      ['submit', CR, 'drafted', 'a reviewer'],
      ['submit', CH, 'wages', 'the handler of an assisting unit'],
      ['submit', D, 'drafted', 'a dispatcher'],
      ['submit', M, 'drafted', 'the monitor'],
      ['approve', CH, 'replied', 'the lead handler'],
      ['approve', CR, 'wages', 'the reviewer of an assisting unit'],
      ['approve', D, 'replied', 'a dispatcher'],
      ['approve', M, 'replied', 'the monitor'],
      ['reject', CH, 'replied', 'the lead handler'],
      ['reject', CR, 'wages', 'the reviewer of an assisting unit'],
      ['reject', D, 'replied', 'a dispatcher'],
      ['reject', M, 'replied', 'the monitor'],
      ['return', CH, 'wages', 'the handler of an assisting unit'],
      ['return', CR, 'wages', 'the reviewer of an assisting unit'],
      ['return', D, 'assigned', 'a dispatcher'],
      ['return', M, 'assigned', 'the monitor'],
      ['assign', CH, 'assigned', 'the lead handler'],
      ['assign', CR, 'assigned', 'the lead reviewer'],
      ['assign', M, 'dispatching', 'the monitor'],
      ['assign', ADMIN, 'dispatching', 'an admin-only account'],
      ['merge', CH, 'drafted', 'the lead handler'],
      ['merge', CR, 'drafted', 'the lead reviewer'],
      ['merge', M, 'dispatching', 'the monitor'],
      ['opinion', HH, 'wages', 'the lead handler'],
      ['opinion', HR, 'wages', 'the lead reviewer'],
      ['opinion', D, 'wages', 'a dispatcher'],
      ['opinion', M, 'wages', 'the monitor'],
      ['note', M, 'assigned', 'the monitor'],
      ['note', ADMIN, 'assigned', 'an admin-only account'],
      ['request-extension', CR, 'assigned', 'the lead reviewer'],
      ['request-extension', CH, 'wages', 'the handler of an assisting unit'],
      ['request-extension', D, 'assigned', 'a dispatcher'],
      ['request-extension', M, 'assigned', 'the monitor'],
      ['decide-extension', CH, 'pending', 'the lead handler'],
      ['decide-extension', HH, 'wages', 'the lead handler'],
      ['decide-extension', CR, 'wages', 'the reviewer of an assisting unit'],
      ['decide-extension', M, 'pending', 'the monitor'],
    ] as [ActionName, string, FixtureKey, string][])('%s by %s on %s (%s)', async (action, username, key) => {
      const id = t[key].ticketId;
      const before = await footprint(id);
      const response = await perform(username, action, id);
      expectProblem(response, 403);
      expect(await footprint(id)).toEqual(before);
    });
  });

  describe('another unit’s ticket → 404, exactly like a missing ticket (random uuid, non-uuid id)', () => {
    type Probe = (username: string, id: string) => Promise<ApiResponse>;
    const actionProbe = (action: ActionName): Probe => (username, id) => perform(username, action, id);
    it.each([
      ['GET detail', CH, EH, 'assigned', (username: string, id: string) => api(username, 'GET', `/tickets/${id}`)],
      ['GET detail', CH, HH, 'assigned', (username: string, id: string) => api(username, 'GET', `/tickets/${id}`)],
      ['GET detail', HH, EH, 'wages', (username: string, id: string) => api(username, 'GET', `/tickets/${id}`)],
      ['claim', CH, EH, 'assigned', actionProbe('claim')],
      ['claim', CH, HH, 'assigned', actionProbe('claim')],
      ['draft', CH, EH, 'drafted', actionProbe('draft')],
      ['submit', CH, EH, 'drafted', actionProbe('submit')],
      ['approve', CR, ER, 'replied', actionProbe('approve')],
      ['reject', CR, HR, 'replied', actionProbe('reject')],
      ['return', CH, EH, 'assigned', actionProbe('return')],
      ['assign', D, EH, 'assigned', actionProbe('assign')],
      ['merge', D, EH, 'drafted', actionProbe('merge')],
      ['opinion', CH, EH, 'wages', actionProbe('opinion')],
      ['note', CH, EH, 'assigned', actionProbe('note')],
      ['note', CR, ER, 'resolved', actionProbe('note')],
      ['request-extension', CH, EH, 'assigned', actionProbe('request-extension')],
      ['decide-extension', CR, ER, 'pending', actionProbe('decide-extension')],
    ] as [string, string, string, FixtureKey, Probe][])('%s: %s may, %s of another unit gets 404 on %s', async (_what, insider, outsider, key, probe) => {
      const id = t[key].ticketId;
      const before = await footprint(id);
      const foreign = await probe(outsider, id);
      const missingId = randomUUID();
      const missing = await probe(insider, missingId);
      const missingForOutsider = await probe(outsider, missingId);
      const notUuid = await probe(insider, 'not-a-ticket');
      const trackingNo = await probe(insider, t[key].trackingNo);
      for (const response of [foreign, missing, missingForOutsider, notUuid, trackingNo]) expectProblem(response, 404);
      expect(withoutId(foreign.body, id)).toEqual(withoutId(missing.body, missingId));
      expect(withoutId(missingForOutsider.body, missingId)).toEqual(withoutId(missing.body, missingId));
      expect(withoutId(notUuid.body, 'not-a-ticket')).toEqual(withoutId(missing.body, missingId));
      expect(await footprint(id)).toEqual(before);
    });

    it('decide-extension: an unknown extension, another ticket’s extension, or a non-uuid extension id → 404', async () => {
      const id = t.pending.ticketId;
      const before = await footprint(id);
      const path = (extensionId: string) => `/tickets/${id}/extensions/${extensionId}/decision`;
      expectProblem(await api(CR, 'POST', path(randomUUID()), { approve: true }), 404);
      expectProblem(await api(D, 'POST', path(extensionOf.get(t.wages.ticketId)!), { approve: true }), 404);
      expectProblem(await api(CR, 'POST', path('not-an-extension'), { approve: true }), 404);
      expect(await footprint(id)).toEqual(before);
      expect(await footprint(t.wages.ticketId)).toMatchObject({ clocks: expect.arrayContaining([expect.objectContaining({ extensions: [{ status: 'requested', length: 2 }] })]) });
    });
  });

  describe('illegal transitions → 409 with the ticket’s current status, nothing changes', () => {
    it.each([
      ['claim', CH, 'replied', 'replied', 'after submission'],
      ['claim', CH, 'resolved', 'resolved', 'a resolved ticket'],
      ['claim', HH, 'wagesMerged', 'merged', 'a merged ticket'],
      ['claim', CH, 'claimed', 'accepted', 'a ticket the caller has claimed already'],
      ['draft', CH, 'assigned', 'assigned', 'before claiming'],
      ['draft', CH, 'replied', 'replied', 'after submission'],
      ['draft', CH2, 'drafted', 'accepted', 'a ticket a colleague has claimed'],
      ['submit', CH, 'assigned', 'assigned', 'before claiming'],
      ['submit', CH, 'claimed', 'accepted', 'without a draft'],
      ['submit', CH2, 'drafted', 'accepted', 'a ticket a colleague has claimed'],
      ['submit', CH, 'resolved', 'resolved', 'a resolved ticket'],
      ['approve', CR, 'drafted', 'accepted', 'before submission'],
      ['approve', CR, 'assigned', 'assigned', 'before claiming'],
      ['approve', CR, 'resolved', 'resolved', 'a second time'],
      ['reject', CR, 'drafted', 'accepted', 'before submission'],
      ['reject', CR, 'resolved', 'resolved', 'after approval'],
      ['return', CH, 'replied', 'replied', 'after submission'],
      ['return', CR, 'resolved', 'resolved', 'a resolved ticket'],
      ['return', CH, 'old', 'assigned', 'after the return window'],
      ['assign', D, 'replied', 'replied', 'a replied ticket'],
      ['assign', D, 'resolved', 'resolved', 'a resolved ticket'],
      ['assign', D, 'wagesMerged', 'merged', 'a merged ticket'],
      ['merge', D, 'replied', 'replied', 'a replied ticket'],
      ['merge', D, 'resolved', 'resolved', 'a resolved ticket'],
      ['merge', D, 'wagesMerged', 'merged', 'a merged ticket'],
      ['opinion', CH, 'wagesMerged', 'merged', 'a merged ticket'],
      ['request-extension', CH, 'resolved', 'resolved', 'a resolved ticket'],
      ['request-extension', CH, 'pending', 'assigned', 'while another request waits'],
      ['decide-extension', CR, 'pendingResolved', 'resolved', 'a resolved ticket'],
    ] as [ActionName, string, FixtureKey, string, string][])('%s by %s on %s → 409 status %s (%s)', async (action, username, key, status) => {
      const id = t[key].ticketId;
      const before = await footprint(id);
      expect(before.status).toBe(status);
      expectProblem(await perform(username, action, id), 409, { status });
      expect(await footprint(id)).toEqual(before);
    });
    // note: the contract allows a note in any status, so it has no illegal transition (see the note happy paths on
    // resolved, merged and dispatching tickets).

    // `status` is where the ticket being merged is, not the merge target.
    it('merge into a ticket that is itself merged → 409 with the status of the ticket being merged', async () => {
      const id = t.claimed.ticketId;
      const before = await footprint(id);
      const response = await perform(D, 'merge', id, { body: { into: t.wagesMerged.trackingNo } });
      expectProblem(response, 409, { status: 'accepted' });
      expect(await footprint(id)).toEqual(before);
    });

    // Deciding an extension that was decided already is a state conflict, not bad input.
    it('decide-extension on an extension decided already → 409 with the ticket’s status', async () => {
      const id = t.claimed.ticketId;
      const before = await footprint(id);
      const response = await perform(CR, 'decide-extension', id, { body: { approve: true } });
      expectProblem(response, 409, { status: 'accepted' });
      expect(await footprint(id)).toEqual(before);
    });
  });

  describe('bad input → 400 with field, nothing changes', () => {
    const long = (n: number) => '字'.repeat(n);
    it.each(([
      ['claim', CH, 'assigned', { force: true }, 'force'],
      ['claim', CH, 'assigned', [], '(body)'],
      ['draft', CH, 'drafted', {}, 'body'],
      ['draft', CH, 'drafted', { body: '   ' }, 'body'],
      ['draft', CH, 'drafted', { body: 42 }, 'body'],
      ['draft', CH, 'drafted', { body: long(10001) }, 'body'],
      ['draft', CH, 'drafted', { body: '答复', state: 'approved' }, 'state'],
      ['submit', CH, 'drafted', { body: '答复' }, 'body'],
      ['approve', CR, 'replied', { comment: 42 }, 'comment'],
      ['approve', CR, 'replied', { comment: long(1001) }, 'comment'],
      ['reject', CR, 'replied', {}, 'comment'],
      ['reject', CR, 'replied', { comment: '  ' }, 'comment'],
      ['return', CH, 'assigned', {}, 'reason'],
      ['return', CH, 'assigned', { reason: '' }, 'reason'],
      ['assign', D, 'dispatching', {}, 'leadUnit'],
      ['assign', D, 'dispatching', { leadUnit: 'nowhere' }, 'leadUnit'],
      ['assign', D, 'dispatching', { leadUnit: 'pingdu-construction', assistingUnits: ['nowhere'] }, 'assistingUnits'],
      ['assign', D, 'dispatching', { leadUnit: 'pingdu-construction', assistingUnits: 'pingdu-education' }, 'assistingUnits'],
      ['assign', D, 'dispatching', { leadUnit: 'pingdu-construction', assistingUnits: ['pingdu-construction'] }, 'assistingUnits'],
      ['merge', D, 'dispatching', {}, 'into'],
      ['merge', D, 'dispatching', { into: '999999999999' }, 'into'],
      ['merge', D, 'dispatching', { into: 'self' }, 'into'],
      ['opinion', CH, 'wages', {}, 'body'],
      ['opinion', CH, 'wages', { body: long(5001) }, 'body'],
      ['note', CH, 'assigned', {}, 'body'],
      ['note', CH, 'assigned', { body: '' }, 'body'],
      ['request-extension', CH, 'assigned', { length: 0, reason: '需检测' }, 'length'],
      ['request-extension', CH, 'assigned', { length: 1.5, reason: '需检测' }, 'length'],
      ['request-extension', CH, 'assigned', { length: '3', reason: '需检测' }, 'length'],
      ['request-extension', CH, 'assigned', { length: 61, reason: '需检测' }, 'length'],
      ['request-extension', CH, 'assigned', { length: 3 }, 'reason'],
      ['decide-extension', CR, 'pending', {}, 'approve'],
      ['decide-extension', CR, 'pending', { approve: 'yes' }, 'approve'],
      ['decide-extension', CR, 'pending', { approve: true, note: 5 }, 'note'],
    ] as [ActionName, string, FixtureKey, unknown, string][]).map(([action, username, key, body, field]) => [action, username, key, shown(body), field, body] as const))(
      '%s by %s on %s with %s → field %s',
      async (action, username, key, _shown, field, body) => {
        const id = t[key].ticketId;
        const before = await footprint(id);
        const sent = body && typeof body === 'object' && (body as { into?: string }).into === 'self' ? { into: t[key].trackingNo } : body;
        expectProblem(await perform(username, action, id, { body: sent }), 400, { field });
        expect(await footprint(id)).toEqual(before);
      },
    );

    it('a body that is not JSON → 400', async () => {
      const response = await fetch(`${hub.baseUrl}${STAFF}/tickets/${t.assigned.ticketId}/notes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens[CH]}`, 'content-type': 'text/plain' },
        body: 'body=备注',
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ statusCode: 400, field: expect.any(String) });
      const broken = await fetch(`${hub.baseUrl}${STAFF}/tickets/${t.assigned.ticketId}/notes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens[CH]}`, 'content-type': 'application/json' },
        body: '{"body": ',
      });
      expect(broken.status).toBe(400);
    });
  });

  // ——————————————————————————————————————— sessions ———————————————————————————————————————

  describe('sessions', () => {
    const loginAs = (body: unknown) => call(hub.baseUrl, 'POST', `${STAFF}/login`, { body });

    it('login answers a token, its expiry (idle limit, 30 min by default) and the user', async () => {
      const started = Date.now();
      const response = await loginAs({ username: CR, password: DEMO_PASSWORD });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        token: expect.stringMatching(/^\S{32,}$/),
        expiresAt: expect.any(String),
        user: {
          id: users[CR],
          username: CR,
          displayName: '市城乡建设局审核人',
          roles: ['reviewer'],
          unit: expect.objectContaining({ id: units['pingdu-construction'], code: 'pingdu-construction', name: '市城乡建设局' }),
        },
      });
      const expires = new Date(response.body.expiresAt).getTime();
      expect(expires).toBeGreaterThanOrEqual(started + 30 * 60000 - 1000);
      expect(expires).toBeLessThanOrEqual(Date.now() + 30 * 60000 + 1000);
      const me = await call(hub.baseUrl, 'GET', `${STAFF}/me`, { token: response.body.token });
      expect(me.status).toBe(200);
      expect(me.body).toEqual(response.body.user);
    });

    it('a wrong password and an unknown user get the same 401', async () => {
      const wrong = await loginAs({ username: HR, password: 'not-the-password' });
      const unknown = await loginAs({ username: 'nobody.here', password: 'not-the-password' });
      expectProblem(wrong, 401);
      expectProblem(unknown, 401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body).not.toHaveProperty('token');
    });

    it.each([
      [{}, 'username'],
      [{ password: DEMO_PASSWORD }, 'username'],
      [{ username: CH }, 'password'],
      [{ username: '', password: DEMO_PASSWORD }, 'username'],
      [{ username: CH, password: '' }, 'password'],
      [{ username: 7, password: DEMO_PASSWORD }, 'username'],
      [[CH, DEMO_PASSWORD], '(body)'],
    ])('login with %j → 400, field %s', async (body, field) => {
      expectProblem(await loginAs(body), 400, { field });
    });

    it('GET me answers the signed-in user', async () => {
      const me = await api(HH, 'GET', '/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        id: users[HH],
        username: HH,
        displayName: '市人社局承办人',
        roles: ['handler'],
        unit: { id: units['pingdu-human-resources'], code: 'pingdu-human-resources', name: '市人社局' },
      });
    });

    it('logout → 204; that token then gets 401 everywhere; the user’s other session lives on', async () => {
      const first = await login(hub.baseUrl, ER);
      const second = await login(hub.baseUrl, ER);
      const out = await call(hub.baseUrl, 'POST', `${STAFF}/logout`, { token: first });
      expect(out).toEqual({ status: 204, body: undefined });
      expectProblem(await call(hub.baseUrl, 'GET', `${STAFF}/me`, { token: first }), 401);
      expectProblem(await call(hub.baseUrl, 'GET', `${STAFF}/tickets`, { token: first }), 401);
      expectProblem(await call(hub.baseUrl, 'POST', `${STAFF}/logout`, { token: first }), 401);
      expect((await call(hub.baseUrl, 'GET', `${STAFF}/me`, { token: second })).status).toBe(200);
    });

    const anyId = randomUUID();
    it.each([
      ['GET', `${STAFF}/me`],
      ['POST', `${STAFF}/logout`],
      ['GET', `${STAFF}/tickets`],
      ['GET', `${STAFF}/tickets/${anyId}`],
      ['POST', `${STAFF}/tickets/${anyId}/claim`],
      ['POST', `${STAFF}/tickets/${anyId}/notes`],
      ['GET', `${STAFF}/units`],
      ['GET', '/api/v1/admin/users'],
      ['PATCH', `/api/v1/admin/users/${anyId}`],
    ])('%s %s without a token, with a garbage token, or not as Bearer → 401', async (method, path) => {
      const body = method === 'GET' ? undefined : method === 'PATCH' ? { disabled: true } : {};
      const send = (authorization?: string) =>
        fetch(`${hub.baseUrl}${path}`, {
          method,
          headers: { ...(authorization ? { authorization } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        });
      const none = await send();
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await none.json()).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      for (const authorization of ['Bearer not-a-real-token', `Bearer ${tokens[CH]}x`, `Basic ${tokens[CH]}`, 'Bearer']) {
        expect({ authorization, status: (await send(authorization)).status }).toEqual({ authorization, status: 401 });
      }
    });
  });

  // ——————————————————————————————————————— admin ———————————————————————————————————————

  describe('admin users', () => {
    const admin = (method: string, path: string, body?: unknown, username = ADMIN) =>
      call(hub.baseUrl, method, `/api/v1/admin/users${path}`, { token: tokens[username], body });
    const newUser = (username: string) => ({
      username,
      displayName: '测试承办人',
      unit: 'pingdu-environment',
      roles: ['handler'],
      password: 'a-long-password-1',
    });
    const rowsNamed = (username: string) => hub.dataSource.query(`SELECT id FROM staff_users WHERE username = $1`, [username]);

    it('lists every account for an admin', async () => {
      const response = await admin('GET', '');
      expect(response.status).toBe(200);
      const [{ n }] = await hub.dataSource.query(`SELECT count(*)::int AS n FROM staff_users`);
      expect(response.body).toHaveLength(n);
      expect(response.body.find((u: { username: string }) => u.username === CH)).toMatchObject({
        id: users[CH],
        roles: ['handler'],
        unit: { code: 'pingdu-construction' },
        disabled: false,
      });
      expect(JSON.stringify(response.body)).not.toMatch(/argon2|password/i);
    });

    it.each([CH, CR, D, M])('refuses %s (not admin): 403 on list, create and change, nothing written', async (username) => {
      expectProblem(await admin('GET', '', undefined, username), 403);
      expectProblem(await admin('POST', '', newUser('sneaky.user'), username), 403);
      expect(await rowsNamed('sneaky.user')).toEqual([]);
      expectProblem(await admin('PATCH', `/${users[username]}`, { roles: ['admin'] }, username), 403);
      const [row] = await hub.dataSource.query(`SELECT roles FROM staff_users WHERE id = $1`, [users[username]]);
      expect(row.roles).not.toContain('admin');
    });

    it('creates an account that can then log in and work in its unit', async () => {
      const created = await admin('POST', '', { ...newUser('Env.Handler2'), displayName: '市环保局承办人二' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        id: expect.any(String),
        username: 'env.handler2',
        displayName: '市环保局承办人二',
        roles: ['handler'],
        unit: { code: 'pingdu-environment' },
        disabled: false,
      });
      expect(await rowsNamed('env.handler2')).toEqual([{ id: created.body.id }]);
      const session = await call(hub.baseUrl, 'POST', `${STAFF}/login`, { body: { username: 'env.handler2', password: 'a-long-password-1' } });
      expect(session.status).toBe(200);
      expect(session.body.user).toMatchObject({ id: created.body.id, roles: ['handler'], unit: { code: 'pingdu-environment' } });
      expect((await call(hub.baseUrl, 'GET', `${STAFF}/tickets`, { token: session.body.token })).status).toBe(200);
    });

    it.each([
      [{ password: 'short' }, 'password'],
      [{ unit: 'nowhere' }, 'unit'],
      [{ roles: ['boss'] }, /^roles/],
      [{ roles: [] }, /^roles/],
      [{ username: 'a b' }, 'username'],
      [{ username: undefined }, 'username'],
      [{ displayName: '' }, 'displayName'],
      [{ superuser: true }, 'superuser'],
    ] as [Record<string, unknown>, string | RegExp][])('refuses to create with %j → 400, field %s, nothing written', async (change, field) => {
      const body = { ...newUser('refused.user'), ...change };
      const response = await admin('POST', '', body);
      expectProblem(response, 400, { field: typeof field === 'string' ? field : expect.stringMatching(field) });
      expect(await rowsNamed('refused.user')).toEqual([]);
    });

    it.each([CH, CH.toUpperCase()])('refuses a taken username %s → 409', async (username) => {
      const [{ n: before }] = await hub.dataSource.query(`SELECT count(*)::int AS n FROM staff_users`);
      expectProblem(await admin('POST', '', { ...newUser(username) }), 409);
      const [{ n: after }] = await hub.dataSource.query(`SELECT count(*)::int AS n FROM staff_users`);
      expect(after).toBe(before);
      expect(await login(hub.baseUrl, CH)).toEqual(expect.any(String)); // the original account keeps its password
    });

    it('disabled: true ends the account’s sessions at once and stops its logins; disabled: false lets it back in', async () => {
      const created = await admin('POST', '', newUser('to.disable'));
      expect(created.status).toBe(201);
      const token = await login(hub.baseUrl, 'to.disable', 'a-long-password-1');
      expect((await call(hub.baseUrl, 'GET', `${STAFF}/me`, { token })).status).toBe(200);

      const disabled = await admin('PATCH', `/${created.body.id}`, { disabled: true });
      expect(disabled.status).toBe(200);
      expect(disabled.body).toMatchObject({ id: created.body.id, disabled: true });
      expectProblem(await call(hub.baseUrl, 'GET', `${STAFF}/me`, { token }), 401);
      const refused = await call(hub.baseUrl, 'POST', `${STAFF}/login`, { body: { username: 'to.disable', password: 'a-long-password-1' } });
      expectProblem(refused, 401);
      const [row] = await hub.dataSource.query(`SELECT disabled_at FROM staff_users WHERE id = $1`, [created.body.id]);
      expect(row.disabled_at).toBeInstanceOf(Date);

      const enabled = await admin('PATCH', `/${created.body.id}`, { disabled: false });
      expect(enabled.body).toMatchObject({ disabled: false });
      expectProblem(await call(hub.baseUrl, 'GET', `${STAFF}/me`, { token }), 401); // the old session stays ended
      expect(await login(hub.baseUrl, 'to.disable', 'a-long-password-1')).toEqual(expect.any(String));
    });

    it('a new password ends every session of the account; the old password stops working', async () => {
      const created = await admin('POST', '', newUser('to.repass'));
      const first = await login(hub.baseUrl, 'to.repass', 'a-long-password-1');
      const second = await login(hub.baseUrl, 'to.repass', 'a-long-password-1');
      const changed = await admin('PATCH', `/${created.body.id}`, { password: 'another-long-password' });
      expect(changed.status).toBe(200);
      for (const token of [first, second]) expectProblem(await call(hub.baseUrl, 'GET', `${STAFF}/me`, { token }), 401);
      expectProblem(await call(hub.baseUrl, 'POST', `${STAFF}/login`, { body: { username: 'to.repass', password: 'a-long-password-1' } }), 401);
      expect(await login(hub.baseUrl, 'to.repass', 'another-long-password')).toEqual(expect.any(String));
    });

    it('a role change applies to the running session at once', async () => {
      const created = await admin('POST', '', newUser('to.promote'));
      const token = await login(hub.baseUrl, 'to.promote', 'a-long-password-1');
      const changed = await admin('PATCH', `/${created.body.id}`, { roles: ['reviewer', 'handler'] });
      expect(changed.body.roles.sort()).toEqual(['handler', 'reviewer']);
      const me = await call(hub.baseUrl, 'GET', `${STAFF}/me`, { token });
      expect(me.status).toBe(200);
      expect(me.body.roles.sort()).toEqual(['handler', 'reviewer']);
    });

    it.each([
      [{ password: 'short' }, 'password'],
      [{ roles: ['boss'] }, /^roles/],
      [{ disabled: 'yes' }, 'disabled'],
      [{ username: 'renamed' }, 'username'],
    ] as [Record<string, unknown>, string | RegExp][])('refuses the change %j → 400, field %s, nothing changed', async (change, field) => {
      const [before] = await hub.dataSource.query(`SELECT * FROM staff_users WHERE id = $1`, [users[HR]]);
      const response = await admin('PATCH', `/${users[HR]}`, change);
      expectProblem(response, 400, { field: typeof field === 'string' ? field : expect.stringMatching(field) });
      const [after] = await hub.dataSource.query(`SELECT * FROM staff_users WHERE id = $1`, [users[HR]]);
      expect(after).toEqual(before);
    });

    it.each([randomUUID(), 'not-a-user'])('PATCH of an unknown account %s → 404', async (id) => {
      expectProblem(await admin('PATCH', `/${id}`, { disabled: true }), 404);
    });
  });

  // ——————————————————————————————————————— citizen rating ———————————————————————————————————————

  describe('citizen rating', () => {
    const rate = (trackingNo: string, code: string, body: unknown) =>
      call(hub.baseUrl, 'POST', `/api/v1/portal/messages/${trackingNo}/rating?code=${encodeURIComponent(code)}`, { body });
    const good = { attitude: 5, speed: 4, resolved: true, comment: '满意' };
    const ratings = async (ticketId: string) => (await hub.dataSource.query(`SELECT count(*)::int AS n FROM ticket_ratings WHERE ticket_id = $1`, [ticketId]))[0].n;

    it.each([
      ['a wrong code', () => [t.resolved.trackingNo, t.assigned.queryCode]],
      ['a malformed code', () => [t.resolved.trackingNo, 'WRONGCOD']],
      ['no code', () => [t.resolved.trackingNo, '']],
      ['an unknown tracking number', () => ['990101999999', t.resolved.queryCode]],
    ] as [string, () => [string, string]][])('%s → 404, nothing written', async (_case, target) => {
      const [trackingNo, code] = target();
      expectProblem(await rate(trackingNo, code, good), 404);
      expect(await ratings(t.resolved.ticketId)).toBe(0);
    });

    it.each([
      [{ ...good, attitude: 0 }, 'attitude'],
      [{ ...good, attitude: 6 }, 'attitude'],
      [{ ...good, attitude: 4.5 }, 'attitude'],
      [{ ...good, attitude: '5' }, 'attitude'],
      [{ ...good, speed: undefined }, 'speed'],
      [{ ...good, speed: -1 }, 'speed'],
      [{ ...good, resolved: 'yes' }, 'resolved'],
      [{ ...good, comment: '字'.repeat(501) }, 'comment'],
      [{ ...good, stars: 5 }, 'stars'],
    ].map(([body, field]) => [shown(body), field, body] as const))('refuses %s → 400, field %s, nothing written', async (_shown, field, body) => {
      expectProblem(await rate(t.resolved.trackingNo, t.resolved.queryCode, body), 400, { field });
      expect(await ratings(t.resolved.ticketId)).toBe(0);
    });

    it.each([
      ['assigned', 'assigned'],
      ['replied', 'replied'],
    ] as [FixtureKey, string][])('before any reply reached the citizen (%s) → 409 with status %s', async (key, status) => {
      expectProblem(await rate(t[key].trackingNo, t[key].queryCode, good), 409, { status });
      expect(await ratings(t[key].ticketId)).toBe(0);
    });

    it('a delivered reply is rated once (201), a second rating → 409', async () => {
      const rated = await rate(t.resolved.trackingNo, t.resolved.queryCode.toLowerCase(), good);
      expect(rated.status).toBe(201);
      expect(rated.body).toMatchObject({ attitude: 5, speed: 4, resolved: true, comment: '满意', reopened: false });
      expect(await ratings(t.resolved.ticketId)).toBe(1);
      expectProblem(await rate(t.resolved.trackingNo, t.resolved.queryCode, good), 409, { status: 'resolved' });
      expect(await ratings(t.resolved.ticketId)).toBe(1);
    });
  });
});

// ——————————————————————————————————————— login limits (own hubs: own counters) ———————————————————————————————————————

describe('login limit per account', () => {
  let hub: InProcessHub;
  beforeAll(async () => {
    hub = await startInProcessHub({ worker: false, env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '1000' } });
  });
  afterAll(() => hub?.close());
  const attempt = (username: string, password: string) => fetch(`${hub.baseUrl}${STAFF}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

  it('after 3 failures the account gets 429 with Retry-After, even with the right password; other accounts still log in', async () => {
    for (let i = 0; i < 3; i++) expect((await attempt(CH, `wrong-${i}`)).status).toBe(401);
    for (const password of ['wrong-again', DEMO_PASSWORD]) {
      const locked = await attempt(CH, password);
      expect(locked.status).toBe(429);
      const retryAfter = Number(locked.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(await locked.json()).toMatchObject({ statusCode: 429, error: 'Too Many Requests', message: expect.any(String) });
    }
    // The same account spelled differently is the same account.
    expect((await attempt(CH.toUpperCase(), DEMO_PASSWORD)).status).toBe(429);
    expect((await attempt(CR, DEMO_PASSWORD)).status).toBe(200);
  });

  it('a success before the limit clears the account’s count', async () => {
    for (let i = 0; i < 2; i++) expect((await attempt(HH, `wrong-${i}`)).status).toBe(401);
    expect((await attempt(HH, DEMO_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await attempt(HH, `wrong-${i}`)).status).toBe(401);
    expect((await attempt(HH, DEMO_PASSWORD)).status).toBe(200);
  });
});

describe('login limit per address', () => {
  let hub: InProcessHub;
  beforeAll(async () => {
    hub = await startInProcessHub({ worker: false, env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '100', LOGIN_MAX_FAILURES_PER_ADDRESS: '4' } });
  });
  afterAll(() => hub?.close());
  const attempt = (username: string, password: string) =>
    call(hub.baseUrl, 'POST', `${STAFF}/login`, { body: { username, password } });

  it('failures spread over several accounts from one address lock the address (429 with Retry-After)', async () => {
    expect((await attempt(D, DEMO_PASSWORD)).status).toBe(200);
    for (const username of [CH, CR, HH, 'nobody.here']) expect((await attempt(username, 'wrong-password')).status).toBe(401);
    const response = await fetch(`${hub.baseUrl}${STAFF}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: EH, password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 15 * 60).toBe(true);
    // A success does not clear the address's count: it stays locked for everyone.
    expect((await attempt(D, DEMO_PASSWORD)).status).toBe(429);
  });
});
