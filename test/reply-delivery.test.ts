import { DataSource } from 'typeorm';
import { TIME_SOURCE } from '../libs/calendar/src';
import { DeliverReplyJob, ReplyChannel, ReplyToDeliver } from '../libs/tickets/src';
import { FixedTime, InProcessHub, startInProcessHub } from './support/in-process-hub';
import { call, login } from './support/staff-client';

const at = (s: string) => new Date(`${s}+08:00`);
const HEATING = { title: '小区供暖不热', body: '我家小区今年供暖温度一直不达标，室内只有14度，物业推诿。', kind: 'complaint', publicConsent: false };

/** A channel that fails a set number of times, then delivers; it records what it was given. */
class FlakyChannel implements ReplyChannel {
  readonly channel = 'portal';
  readonly delivered: ReplyToDeliver[] = [];
  constructor(private failures: number) {}
  async deliver(reply: ReplyToDeliver): Promise<string> {
    if (this.failures-- > 0) throw new Error('platform answered 503');
    this.delivered.push(reply);
    return 'flaky-test-channel';
  }
}

describe('the workbench on simulated time, without a worker (jobs run by hand)', () => {
  const time = new FixedTime(at('2026-11-16T10:00:00'));
  let hub: InProcessHub;
  let handler: string;
  let reviewer: string;

  beforeAll(async () => {
    hub = await startInProcessHub({ time, worker: false });
    handler = await login(hub.baseUrl, 'pingdu-construction.handler');
    reviewer = await login(hub.baseUrl, 'pingdu-construction.reviewer');
  });
  afterAll(() => hub.close());

  /** A portal message placed with the construction bureau at the current simulated moment, as the router would. */
  async function assignedTicket(): Promise<{ id: string; trackingNo: string; queryCode: string }> {
    const receipt = await call(hub.baseUrl, 'POST', '/api/v1/portal/messages', { body: HEATING });
    const [ticket] = await hub.dataSource.query(
      `UPDATE tickets SET status = 'assigned', assigned_at = $2,
              lead_unit_id = (SELECT id FROM units WHERE code = 'pingdu-construction')
        WHERE tracking_no = $1 RETURNING id`,
      [receipt.body.trackingNo, time.now()],
    );
    return { id: ticket[0].id, trackingNo: receipt.body.trackingNo, queryCode: receipt.body.queryCode };
  }

  const staff = (token: string, method: string, path: string, body?: unknown) => call(hub.baseUrl, method, `/api/v1/staff${path}`, { token, body });

  it('allows a return until the end of the 2nd working day after assignment, then answers 409', async () => {
    time.set(at('2026-11-20T10:00:00')); // Friday
    const inWindow = await assignedTicket();
    const late = await assignedTicket();
    // Friday + 2 working days = end of Tuesday 11-24.
    time.set(at('2026-11-24T23:59:00'));
    expect((await staff(handler, 'GET', `/tickets/${inWindow.id}`)).body.returnWindowEndsAt).toBe('2026-11-24T15:59:59.000Z');
    expect((await staff(handler, 'POST', `/tickets/${inWindow.id}/return`, { reason: '不属于本单位职责' })).status).toBe(200);
    time.set(at('2026-11-25T00:00:01'));
    const refused = await staff(handler, 'POST', `/tickets/${late.id}/return`, { reason: '不属于本单位职责' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ status: 'assigned', message: expect.stringMatching(/return window has ended/) });
    expect((await staff(handler, 'GET', `/tickets/${late.id}`)).body.actions).not.toContain('return');
  });

  it('shows overdue tickets first with negative working days left', async () => {
    time.set(at('2026-11-02T09:00:00'));
    const old = await assignedTicket(); // complaint: 15 working days → due 2026-11-23
    time.set(at('2026-11-25T09:00:00'));
    const fresh = await assignedTicket();
    const page = await staff(handler, 'GET', '/tickets?overdue=true');
    expect(page.body.items.map((t: { id: string }) => t.id)).toContain(old.id);
    expect(page.body.items.map((t: { id: string }) => t.id)).not.toContain(fresh.id);
    const listed = page.body.items.find((t: { id: string }) => t.id === old.id);
    expect(listed).toMatchObject({ overdue: true, workingDaysLeft: -2 });
  });

  it('records a failed delivery, retries it, and records success once; a second run is skipped', async () => {
    time.set(at('2026-11-25T10:00:00'));
    const ticket = await assignedTicket();
    await staff(handler, 'POST', `/tickets/${ticket.id}/claim`);
    await staff(handler, 'PUT', `/tickets/${ticket.id}/reply`, { body: '已处理。' });
    await staff(handler, 'POST', `/tickets/${ticket.id}/submit`);
    expect((await staff(reviewer, 'POST', `/tickets/${ticket.id}/approve`)).status).toBe(200);
    const [pending] = await hub.dataSource.query(`SELECT state, attempts, channel FROM ticket_deliveries WHERE ticket_id = $1`, [ticket.id]);
    expect(pending).toEqual({ state: 'pending', attempts: 0, channel: 'portal' });

    const channel = new FlakyChannel(1);
    const job = new DeliverReplyJob(hub.api.get(DataSource), [channel], hub.api.get(TIME_SOURCE));
    await expect(job.handle({ ticketId: ticket.id, round: 1 })).rejects.toThrow('platform answered 503');
    const [failed] = await hub.dataSource.query(`SELECT state, attempts, last_error FROM ticket_deliveries WHERE ticket_id = $1`, [ticket.id]);
    expect(failed).toEqual({ state: 'failed', attempts: 1, last_error: 'platform answered 503' });
    // Not delivered means not shown: the citizen sees no reply yet.
    expect((await call(hub.baseUrl, 'GET', `/api/v1/portal/messages/${ticket.trackingNo}?code=${ticket.queryCode}`)).body.reply).toBeNull();

    expect(await job.handle({ ticketId: ticket.id, round: 1 })).toBe('done');
    expect(channel.delivered).toEqual([expect.objectContaining({ ticketId: ticket.id, trackingNo: ticket.trackingNo, body: '已处理。', unitName: '市城乡建设局' })]);
    const [sent] = await hub.dataSource.query(`SELECT state, attempts, last_error, method FROM ticket_deliveries WHERE ticket_id = $1`, [ticket.id]);
    expect(sent).toEqual({ state: 'sent', attempts: 2, last_error: null, method: 'flaky-test-channel' });
    expect(await job.handle({ ticketId: ticket.id, round: 1 })).toBe('skipped');
    const events = await hub.dataSource.query(`SELECT type FROM ticket_events WHERE ticket_id = $1 AND type = 'reply.delivered'`, [ticket.id]);
    expect(events).toHaveLength(1);
    expect((await call(hub.baseUrl, 'GET', `/api/v1/portal/messages/${ticket.trackingNo}?code=${ticket.queryCode}`)).body.reply).toMatchObject({
      body: '已处理。',
    });
  });
});
