import { Client } from 'pg';
import { ClockEntity, ClockError, ClockService, ExtensionService, TimerFeeder } from '../libs/clocks/src';
import { bootstrapWorker } from '../apps/worker/src/bootstrap';
import { SweepUnansweredJob, TicketService } from '../libs/tickets/src';
import { FixedTime, InProcessHub, startInProcessHub } from './support/in-process-hub';
import { deleteKeysWithPrefix } from './support/redis-keys';
import { connect } from './support/test-database';
import { waitFor } from './support/wait-for';

const at = (shanghai: string) => new Date(`${shanghai}+08:00`);
const ADMIN_TOKEN = 'test-admin-token-of-enough-length';

/** A ticket's clocks in simulated time: reminders, 督办, extensions, pauses, stops, and a Redis flush between timers. */
describe('deadline clocks', () => {
  const time = new FixedTime(at('2026-09-29T10:00:00'));
  let hub: InProcessHub;
  let db: Client;

  beforeAll(async () => {
    hub = await startInProcessHub({ time, env: { ADMIN_TOKEN } });
    db = await connect(hub.config.database.url);
  });
  afterAll(async () => {
    await db?.end();
    await hub?.close();
  });

  const submit = async (title: string, body: string, kind = 'complaint') => {
    const response = await fetch(`${hub.baseUrl}/api/v1/portal/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title, body, kind, publicConsent: true }),
    });
    expect(response.status).toBe(201);
    const receipt = (await response.json()) as { trackingNo: string; replyDueAt: string };
    const [ticket] = (await db.query(`SELECT id FROM tickets WHERE tracking_no = $1`, [receipt.trackingNo])).rows;
    await waitFor('routing', async () => {
      const { rows } = await db.query(`SELECT status FROM tickets WHERE id = $1`, [ticket.id]);
      return ['assigned', 'dispatching'].includes(rows[0].status);
    });
    return { ...receipt, id: ticket.id as string };
  };
  const events = async (ticketId: string, type: string) =>
    (await db.query(`SELECT data, reason FROM ticket_events WHERE ticket_id = $1 AND type = $2 ORDER BY id`, [ticketId, type])).rows;
  const notices = async (ticketId: string) =>
    (
      await db.query(
        `SELECT n.kind, n.recipient_role AS role, u.code AS unit FROM notifications n JOIN units u ON u.id = n.recipient_unit_id
          WHERE n.ticket_id = $1 ORDER BY n.kind, u.code, n.recipient_role`,
        [ticketId],
      )
    ).rows;
  const replyClock = async (ticketId: string): Promise<ClockEntity> =>
    hub.dataSource.getRepository(ClockEntity).findOneByOrFail({ subjectType: 'ticket', subjectId: ticketId, purpose: 'reply' });
  const feed = async (to: Date) => {
    time.set(to);
    await hub.worker!.get(TimerFeeder).feed();
  };
  const inTransaction = <T>(work: (manager: import('typeorm').EntityManager) => Promise<T>) => hub.dataSource.transaction(work);

  it('stops the dispatch clock at assignment and plans the reply timers', async () => {
    const ticket = await submit('供暖不达标', '小区供暖温度一直不达标，物业推诿。');
    const clocks = (await db.query(`SELECT purpose, state FROM clocks WHERE subject_id = $1 ORDER BY purpose`, [ticket.id])).rows;
    expect(clocks).toEqual([
      { purpose: 'dispatch', state: 'stopped' },
      { purpose: 'reply', state: 'running' },
    ]);
    const timers = (
      await db.query(
        `SELECT t.name, t.fire_at FROM clock_timers t JOIN clocks c ON c.id = t.clock_id
          WHERE c.subject_id = $1 ORDER BY t.fire_at`,
        [ticket.id],
      )
    ).rows;
    // Reply due Mon 10/26 (15 working days across National Day); the dispatch clock's timers are gone.
    expect(timers).toEqual([
      { name: 'remind-before', fire_at: at('2026-10-23T00:00:00') },
      { name: 'remind-due-day', fire_at: at('2026-10-26T00:00:00') },
      { name: 'overdue', fire_at: at('2026-10-27T00:00:00') },
      { name: 'seriously-overdue', fire_at: at('2026-11-03T00:00:00') },
    ]);
  });

  it('fires each reminder and the overdue notice once, even across a worker restart and a Redis flush', async () => {
    time.set(at('2026-09-29T11:00:00'));
    const ticket = await submit('暖气不热', '家里暖气片一直不热，多次找物业无果。');

    await feed(at('2026-10-23T00:00:01'));
    await waitFor('the first reminder', async () => (await events(ticket.id, 'clock.reminder')).length === 1);

    // The worker goes away, Redis loses everything, a new worker comes.
    await hub.worker!.close();
    await deleteKeysWithPrefix(hub.config.redis.queuePrefix);
    hub.worker = await bootstrapWorker(hub.config, time);

    await feed(at('2026-10-27T00:00:05'));
    await waitFor('the overdue notice', async () => (await events(ticket.id, 'clock.overdue')).length === 1);
    await waitFor('the due-day reminder', async () => (await events(ticket.id, 'clock.reminder')).length === 2);
    await feed(at('2026-10-27T00:00:06'));
    await feed(at('2026-10-27T00:00:07'));
    await new Promise((r) => setTimeout(r, 500));
    expect((await events(ticket.id, 'clock.reminder')).map((e) => e.data.timer)).toEqual(['remind-before', 'remind-due-day']);
    expect(await events(ticket.id, 'clock.overdue')).toHaveLength(1);
    expect(await events(ticket.id, 'clock.seriously-overdue')).toHaveLength(0);
    expect(await notices(ticket.id)).toEqual([
      { kind: 'clock.overdue', role: 'dispatcher', unit: 'pingdu-big-data' },
      { kind: 'clock.overdue', role: 'reviewer', unit: 'pingdu-construction' },
      { kind: 'clock.overdue', role: 'dispatcher', unit: 'pingdu-office' },
      // One notice per reminder: the working day before, and the morning of the due day.
      { kind: 'clock.reminder', role: 'handler', unit: 'pingdu-construction' },
      { kind: 'clock.reminder', role: 'handler', unit: 'pingdu-construction' },
    ]);

    await feed(at('2026-11-03T00:00:02'));
    await waitFor('seriously overdue', async () => (await events(ticket.id, 'clock.seriously-overdue')).length === 1);
  });

  it('never fires the timers of a clock that was stopped (the ticket was answered)', async () => {
    time.set(at('2026-09-29T12:00:00'));
    const ticket = await submit('物业费问题', '物业乱收费，请相关部门查处。');
    await inTransaction((m) => hub.api.get(TicketService).stopClock(m, ticket.id, 'reply', { actor: 'test', reason: 'replied' }));
    await feed(at('2026-11-20T00:00:00'));
    await new Promise((r) => setTimeout(r, 800));
    expect(await events(ticket.id, 'clock.reminder')).toEqual([]);
    expect(await events(ticket.id, 'clock.overdue')).toEqual([]);
    expect(await events(ticket.id, 'clock.stopped')).toHaveLength(2);
  });

  it('moves the deadline and its timers when an extension asked before expiry is approved', async () => {
    time.set(at('2026-09-29T13:00:00'));
    const ticket = await submit('供暖管道漏水', '楼道里供暖管道漏水，一直没人修。');
    const clock = await replyClock(ticket.id);
    const extensions = hub.api.get(ExtensionService);
    time.set(at('2026-10-20T09:00:00'));
    const request = await inTransaction((m) => extensions.request(m, clock.id, { length: 5, reason: '需现场勘查', actor: 'unit:pingdu-construction' }));
    await expect(inTransaction((m) => extensions.request(m, clock.id, { length: 2, reason: '再次申请', actor: 'x' }))).rejects.toMatchObject({
      code: 'pending-extension',
    });
    await inTransaction((m) => extensions.decide(m, request.id, { approve: true, actor: 'dispatcher:pingdu-office', note: '同意' }));

    const { rows } = await db.query(`SELECT reply_due_at FROM tickets WHERE id = $1`, [ticket.id]);
    // 10/26 + 5 working days: 10/27, 28, 29, 30, 11/2.
    expect(rows[0].reply_due_at).toEqual(at('2026-11-02T23:59:59'));
    expect((await events(ticket.id, 'clock.extended'))[0].data).toMatchObject({
      previousDueAt: at('2026-10-26T23:59:59').toISOString(),
      dueAt: at('2026-11-02T23:59:59').toISOString(),
    });
    expect(await events(ticket.id, 'extension.requested')).toHaveLength(1);
    expect(await events(ticket.id, 'extension.approved')).toHaveLength(1);
    const timers = (await db.query(`SELECT name, fire_at FROM clock_timers WHERE clock_id = $1 ORDER BY fire_at`, [clock.id])).rows;
    expect(timers.map((t) => t.name)).toEqual(['remind-before', 'remind-due-day', 'overdue', 'seriously-overdue']);
    expect(timers[2].fire_at).toEqual(at('2026-11-03T00:00:00'));

    time.set(at('2026-11-03T08:00:00'));
    await expect(inTransaction((m) => extensions.request(m, clock.id, { length: 3, reason: '太晚了', actor: 'x' }))).rejects.toBeInstanceOf(
      ClockError,
    );
    await expect(inTransaction((m) => extensions.request(m, clock.id, { length: 3, reason: '太晚了', actor: 'x' }))).rejects.toMatchObject({
      code: 'expired',
    });
  });

  it('does not count paused working days', async () => {
    time.set(at('2026-11-02T09:00:00'));
    const ticket = await submit('噪音扰民', '夜间施工噪音扰民，严重影响休息。', 'consult');
    const clocks = hub.api.get(ClockService);
    const clock = await replyClock(ticket.id);
    // 5 working days from Mon 11/2: due Mon 11/9.
    expect(clock.dueAt).toEqual(at('2026-11-09T23:59:59'));
    time.set(at('2026-11-03T10:00:00'));
    await inTransaction((m) => clocks.pause(m, clock.id, { actor: 'unit', reason: '等待第三方检测' }));
    expect((await replyClock(ticket.id)).dueAt).toBeNull();
    time.set(at('2026-11-05T16:00:00'));
    await inTransaction((m) => clocks.resume(m, clock.id, { actor: 'unit' }));
    // Paused Tue → Thu: 11/4 and 11/5 do not count, the due day moves by 2 working days.
    expect((await replyClock(ticket.id)).dueAt).toEqual(at('2026-11-11T23:59:59'));
    expect(await events(ticket.id, 'clock.paused')).toHaveLength(1);
    expect(await events(ticket.id, 'clock.resumed')).toHaveLength(1);
  });

  it('restarts a clock from a new date (补正) and caps disclosure extensions at 20 working days', async () => {
    time.set(at('2026-11-09T09:00:00'));
    const ticket = await submit('信息公开申请', '申请公开某项目的环评批复文件。', 'consult');
    const clocks = hub.api.get(ClockService);
    const extensions = hub.api.get(ExtensionService);
    // A disclosure (依申请公开) clock of 20 working days on the same ticket, as the disclosure issue will start it.
    const disclosure = await inTransaction((m) =>
      clocks.start(m, { type: 'ticket', id: ticket.id }, 'disclosure', 'disclosure', time.now(), { actor: 'test' }),
    );
    // 20 working days from Mon 11/9: 11/10 … 12/7.
    expect(disclosure.dueAt).toEqual(at('2026-12-07T23:59:59'));

    time.set(at('2026-11-12T10:00:00'));
    // The corrected request arrives Thu 11/12: the period counts again from there: 11/13 … 12/10.
    const restarted = await inTransaction((m) => clocks.restart(m, disclosure.id, time.now(), { actor: 'test', reason: '补正材料已收到' }));
    expect(restarted.dueAt).toEqual(at('2026-12-10T23:59:59'));
    expect((await events(ticket.id, 'clock.restarted'))[0]).toMatchObject({
      reason: '补正材料已收到',
      data: { purpose: 'disclosure', previousDueAt: at('2026-12-07T23:59:59').toISOString() },
    });

    const ask = (length: number) =>
      inTransaction((m) => extensions.request(m, disclosure.id, { length, reason: '需征求第三方意见', actor: 'unit' }));
    const approve = (id: string) => inTransaction((m) => extensions.decide(m, id, { approve: true, actor: 'reviewer' }));
    await approve((await ask(15)).id);
    await expect(ask(6)).rejects.toMatchObject({ code: 'limit' });
    await approve((await ask(5)).id);
    await expect(ask(1)).rejects.toMatchObject({ code: 'limit' });
    // Twenty working days granted in all.
    expect((await hub.dataSource.getRepository(ClockEntity).findOneByOrFail({ id: disclosure.id })).extension).toBe(20);
  });

  it('computes unit figures from the event log', async () => {
    const figures = async (from: string, to: string) => {
      const response = await fetch(`${hub.baseUrl}/api/v1/stats/units?from=${from}&to=${to}`);
      expect(response.status).toBe(200);
      return (await response.json()) as { units: Record<string, unknown>[] };
    };
    // Let every timer due by 11/6 fire first, so the figures below are fixed.
    await feed(at('2026-11-06T00:00:00'));
    await waitFor('due timers to fire', async () => {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM clock_timers WHERE fired_at IS NULL AND fire_at <= $1`, [time.now()]);
      return rows[0].n === 0;
    });
    const before = await figures('2026-09-01', '2026-12-31');
    const construction = (f: { units: Record<string, unknown>[] }) => f.units.find((u) => u.unitCode === 'pingdu-construction');
    // The four construction tickets above (heating ×3, property fee): three reply clocks ran out (the fee one was
    // stopped), one extension was asked and approved, nothing is answered yet.
    expect(construction(before)).toMatchObject({ received: 4, overdue: 3, extensionsAsked: 1, extensionsApproved: 1, answered: 0 });
    expect(before.units.at(-1)).toMatchObject({ unitCode: 'all', unitName: '全部' });

    // The workbench (a later issue) resolves tickets with a `resolved` event; the figures read just that.
    const { rows } = await db.query(
      `SELECT t.id FROM tickets t JOIN units u ON u.id = t.lead_unit_id WHERE u.code = 'pingdu-construction' ORDER BY t.received_at LIMIT 1`,
    );
    await db.query(
      `INSERT INTO ticket_events (ticket_id, at, actor, type, from_status, to_status) VALUES ($1, $2, 'test', 'resolved', 'approved', 'resolved')`,
      [rows[0].id, at('2026-10-09T15:00:00')],
    );
    expect(construction(await figures('2026-09-01', '2026-12-31'))).toMatchObject({
      answered: 1,
      answeredOnTime: 1,
      onTimeRate: 1,
      // Received Tue 9/29, answered Fri 10/9: 9/30, 10/8, 10/9.
      averageWorkingDaysToAnswer: 3,
      p90WorkingDaysToAnswer: 3,
    });
    // November saw no new ticket, only the extended ticket running out (due 11/2, overdue on 11/3).
    expect(construction(await figures('2026-11-01', '2026-11-30'))).toMatchObject({ received: 0, answered: 0, overdue: 1 });

    const bad = await fetch(`${hub.baseUrl}/api/v1/stats/units?from=2026-12-01&to=2026-11-01`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field: string }).field).toBe('to');
  });

  it('re-times open deadlines when the next year is loaded, with an event on each ticket', async () => {
    time.set(at('2026-12-15T09:00:00'));
    const ticket = await submit('年底供暖', '入冬以来小区一直供暖不足，请尽快解决。');
    const before = (await db.query(`SELECT reply_due_at, deadline_provisional FROM tickets WHERE id = $1`, [ticket.id])).rows[0];
    // 15 working days, 2027 unknown: 2027-01-01 counted as a working day.
    expect(before).toEqual({ reply_due_at: at('2027-01-05T23:59:59'), deadline_provisional: true });

    // Test data shaped like a State Council notice (the real 2027 notice is not published yet).
    const response = await fetch(`${hub.baseUrl}/api/v1/calendar/years/2027`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ source: 'https://example.invalid/test-2027-notice', holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] }),
    });
    expect(response.status).toBe(200);

    const after = await waitFor('the ticket to be re-timed', async () => {
      const { rows } = await db.query(`SELECT reply_due_at, deadline_provisional FROM tickets WHERE id = $1`, [ticket.id]);
      return rows[0].deadline_provisional ? undefined : rows[0];
    });
    expect(after).toEqual({ reply_due_at: at('2027-01-06T23:59:59'), deadline_provisional: false });
    const [retimed] = await events(ticket.id, 'clock.retimed');
    expect(retimed.data).toMatchObject({
      purpose: 'reply',
      previousDueAt: at('2027-01-05T23:59:59').toISOString(),
      dueAt: at('2027-01-06T23:59:59').toISOString(),
      provisional: false,
    });
    const overdue = (await db.query(
      `SELECT t.fire_at FROM clock_timers t JOIN clocks c ON c.id = t.clock_id
        WHERE c.subject_id = $1 AND c.purpose = 'reply' AND t.name = 'overdue' AND t.fired_at IS NULL`,
      [ticket.id],
    )).rows;
    expect(overdue).toEqual([{ fire_at: at('2027-01-07T00:00:00') }]);
  });

  it('raises the unanswered alarm at 2 and 3 months, once each', async () => {
    time.set(at('2026-09-29T14:00:00'));
    const ticket = await submit('路面坑洼', '道路坑洼很多，出行不便。');
    const sweep = async (now: string) => {
      time.set(at(now));
      await hub.worker!.get(SweepUnansweredJob).handle({ day: now.slice(0, 10) });
      return (await db.query(`SELECT unanswered_alarm FROM tickets WHERE id = $1`, [ticket.id])).rows[0].unanswered_alarm;
    };
    expect(await sweep('2026-11-29T13:59:00')).toBeNull();
    expect(await sweep('2026-11-29T14:00:00')).toBe('warning');
    expect(await sweep('2026-12-01T10:00:00')).toBe('warning');
    expect(await sweep('2026-12-29T14:00:00')).toBe('critical');
    expect(await sweep('2027-01-05T10:00:00')).toBe('critical');
    expect(await events(ticket.id, 'unanswered.warning')).toHaveLength(1);
    expect(await events(ticket.id, 'unanswered.critical')).toHaveLength(1);
  });
});
