import { InProcessHub, startInProcessHub } from './support/in-process-hub';
import { call, login, submitAndRoute } from './support/staff-client';
import { waitFor } from './support/wait-for';

const HEATING = { title: '小区供暖不热', body: '我家小区今年供暖温度一直不达标，室内只有14度，物业推诿。', kind: 'complaint' };
const WAGES = { title: '农民工工资被拖欠', body: '我们在工地干了半年，包工头一直拖欠农民工工资不给。', kind: 'help' };

describe('unit workbench, end to end through the queues', () => {
  let hub: InProcessHub;
  const tokens: Record<string, string> = {};
  const as = async (username: string) => (tokens[username] ??= await login(hub.baseUrl, username));
  const api = async (username: string, method: string, path: string, body?: unknown) =>
    call(hub.baseUrl, method, `/api/v1/staff${path}`, { token: await as(username), body });
  const citizenStatus = (trackingNo: string, code: string) => call(hub.baseUrl, 'GET', `/api/v1/portal/messages/${trackingNo}?code=${code}`);

  beforeAll(async () => {
    hub = await startInProcessHub();
  });
  afterAll(() => hub.close());

  it('claim → draft → submit → reject → resubmit → approve: resolved, reply clock stopped, reply delivered, rated, re-opened once', async () => {
    const { trackingNo, queryCode, ticketId } = await submitAndRoute(hub.baseUrl, HEATING, hub.dataSource);
    const handler = 'pingdu-construction.handler';
    const reviewer = 'pingdu-construction.reviewer';

    const inbox = await api(handler, 'GET', '/tickets');
    expect(inbox.status).toBe(200);
    const listed = inbox.body.items.find((t: { id: string }) => t.id === ticketId);
    expect(listed).toMatchObject({ trackingNo, status: 'assigned', position: 'lead', dueClock: 'reply', overdue: false });
    expect(listed.workingDaysLeft).toBeGreaterThan(0);

    let detail = await api(handler, 'GET', `/tickets/${ticketId}`);
    expect(detail.body.actions).toEqual(['claim', 'return', 'note', 'request-extension']);
    expect(detail.body.message.body).toBe(HEATING.body);
    expect(detail.body.keywords.length).toBeGreaterThan(0);

    expect((await api(handler, 'POST', `/tickets/${ticketId}/claim`)).status).toBe(200);
    expect((await api(handler, 'PUT', `/tickets/${ticketId}/reply`, { body: '已联系物业，三日内整改。' })).status).toBe(200);
    expect((await api(handler, 'POST', `/tickets/${ticketId}/submit`)).status).toBe(200);
    const rejected = await api(reviewer, 'POST', `/tickets/${ticketId}/reject`, { comment: '请写明整改时限和联系人。' });
    expect(rejected.body).toMatchObject({ status: 'accepted', reply: { state: 'draft', reviewComment: '请写明整改时限和联系人。' } });
    await api(handler, 'PUT', `/tickets/${ticketId}/reply`, { body: '已责成物业于三日内整改，联系人王工 0532-88888888。' });
    await api(handler, 'POST', `/tickets/${ticketId}/submit`);
    detail = await api(reviewer, 'POST', `/tickets/${ticketId}/approve`, {});
    expect(detail.status).toBe(200);
    expect(detail.body.status).toBe('resolved');
    expect(detail.body.clocks.find((c: { purpose: string }) => c.purpose === 'reply').state).toBe('stopped');
    expect(detail.body.events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['claimed', 'submitted', 'rejected', 'resolved']),
    );

    const delivered = await waitFor('the reply to reach the status page', async () => {
      const status = await citizenStatus(trackingNo, queryCode);
      return status.body.reply ? status.body : undefined;
    });
    expect(delivered).toMatchObject({ status: 'resolved', reply: { body: '已责成物业于三日内整改，联系人王工 0532-88888888。', unit: '市城乡建设局' }, canRate: true });

    const rated = await call(hub.baseUrl, 'POST', `/api/v1/portal/messages/${trackingNo}/rating?code=${queryCode}`, {
      body: { attitude: 4, speed: 3, resolved: false, comment: '暖气还是不热' },
    });
    expect(rated.status).toBe(201);
    expect(rated.body.reopened).toBe(true);
    const again = await call(hub.baseUrl, 'POST', `/api/v1/portal/messages/${trackingNo}/rating?code=${queryCode}`, {
      body: { attitude: 4, speed: 3, resolved: false },
    });
    expect(again.status).toBe(409);

    const reopened = await api(handler, 'GET', `/tickets/${ticketId}`);
    expect(reopened.body).toMatchObject({ status: 'assigned', round: 2, reply: null, claimedBy: null });
    const replyClocks = reopened.body.clocks.filter((c: { purpose: string }) => c.purpose === 'reply');
    expect(replyClocks.map((c: { state: string }) => c.state)).toEqual(['stopped', 'running']);

    // Round 2 answered and rated "not resolved" again: no second 重办.
    await api(handler, 'POST', `/tickets/${ticketId}/claim`);
    await api(handler, 'PUT', `/tickets/${ticketId}/reply`, { body: '已更换供暖管道，经回访室温达到18度。' });
    await api(handler, 'POST', `/tickets/${ticketId}/submit`);
    await api(reviewer, 'POST', `/tickets/${ticketId}/approve`);
    await waitFor('the second reply', async () => {
      const status = await citizenStatus(trackingNo, queryCode);
      return status.body.reply?.body === '已更换供暖管道，经回访室温达到18度。' || undefined;
    });
    const second = await call(hub.baseUrl, 'POST', `/api/v1/portal/messages/${trackingNo}/rating?code=${queryCode}`, {
      body: { attitude: 5, speed: 4, resolved: false },
    });
    expect(second.status).toBe(201);
    expect(second.body.reopened).toBe(false);
    expect((await api(handler, 'GET', `/tickets/${ticketId}`)).body.status).toBe('resolved');

    // The ratings and both answers feed the unit's figures.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const figures = await call(hub.baseUrl, 'GET', `/api/v1/stats/units?from=${today}&to=${today}`);
    expect(figures.body.units.find((u: { unitCode: string }) => u.unitCode === 'pingdu-construction')).toMatchObject({
      answered: 2,
      ratings: 2,
      averageAttitude: 4.5,
      averageSpeed: 3.5,
      resolvedRate: 0,
    });
  });

  it('return within the window goes back to dispatching and is a labelled routing example; the dispatcher re-assigns', async () => {
    const { ticketId } = await submitAndRoute(hub.baseUrl, WAGES, hub.dataSource);
    const returned = await api('pingdu-human-resources.handler', 'POST', `/tickets/${ticketId}/return`, { reason: '属于建设局监管的工程项目' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'dispatching', leadUnit: null });
    // The returning unit no longer sees it.
    expect((await api('pingdu-human-resources.handler', 'GET', `/tickets/${ticketId}`)).status).toBe(404);

    const queue = await api('pingdu-big-data.dispatcher', 'GET', '/tickets?status=dispatching');
    expect(queue.body.items.map((t: { id: string }) => t.id)).toContain(ticketId);
    const assigned = await api('pingdu-big-data.dispatcher', 'POST', `/tickets/${ticketId}/assign`, {
      leadUnit: 'pingdu-construction',
      assistingUnits: ['pingdu-human-resources'],
    });
    expect(assigned.body).toMatchObject({ status: 'assigned', leadUnit: { code: 'pingdu-construction' } });
    const [example] = await hub.dataSource.query(
      `SELECT e.kind, w.code AS wrong, f.code AS final, e.reason FROM routing_examples e
         JOIN units w ON w.id = e.wrong_unit_id JOIN units f ON f.id = e.final_unit_id WHERE e.ticket_id = $1`,
      [ticketId],
    );
    expect(example).toEqual({ kind: 'returned', wrong: 'pingdu-human-resources', final: 'pingdu-construction', reason: '属于建设局监管的工程项目' });

    // The assisting unit's opinion (协办意见) is what the lead unit reads.
    const opinion = await api('pingdu-human-resources.handler', 'POST', `/tickets/${ticketId}/opinions`, { body: '建议核查劳务合同。' });
    expect(opinion.status).toBe(200);
    const lead = await api('pingdu-construction.handler', 'GET', `/tickets/${ticketId}`);
    expect(lead.body.opinions).toEqual([expect.objectContaining({ body: '建议核查劳务合同。', unit: expect.objectContaining({ code: 'pingdu-human-resources' }) })]);
  });

  it('merge: the duplicate citizen receives the main ticket reply', async () => {
    const main = await submitAndRoute(hub.baseUrl, HEATING, hub.dataSource);
    const duplicate = await submitAndRoute(hub.baseUrl, { ...HEATING, title: '供暖温度不达标' }, hub.dataSource);
    const merged = await api('pingdu-big-data.dispatcher', 'POST', `/tickets/${duplicate.ticketId}/merge`, { into: main.trackingNo });
    expect(merged.body).toMatchObject({ status: 'merged', mergedInto: { trackingNo: main.trackingNo } });
    expect((await citizenStatus(duplicate.trackingNo, duplicate.queryCode)).body.status).toBe('merged');

    const handler = 'pingdu-construction.handler';
    await api(handler, 'POST', `/tickets/${main.ticketId}/claim`);
    await api(handler, 'PUT', `/tickets/${main.ticketId}/reply`, { body: '已统一安排供暖公司检修。' });
    await api(handler, 'POST', `/tickets/${main.ticketId}/submit`);
    await api('pingdu-construction.reviewer', 'POST', `/tickets/${main.ticketId}/approve`);
    const status = await waitFor('the merged citizen to get the reply', async () => {
      const s = await citizenStatus(duplicate.trackingNo, duplicate.queryCode);
      return s.body.reply ? s.body : undefined;
    });
    expect(status.reply.body).toBe('已统一安排供暖公司检修。');
    // A reply on a merged ticket is an illegal transition (409), not a permission matter.
    const onMerged = await api(handler, 'POST', `/tickets/${duplicate.ticketId}/claim`);
    expect(onMerged.status).toBe(409);
    expect(onMerged.body.status).toBe('merged');
  });

  it('extension asked by the handler and approved by the reviewer moves the reply deadline', async () => {
    const { ticketId } = await submitAndRoute(hub.baseUrl, HEATING, hub.dataSource);
    const asked = await api('pingdu-construction.handler', 'POST', `/tickets/${ticketId}/extensions`, { length: 5, reason: '需现场检测' });
    expect(asked.status).toBe(200);
    const reply = asked.body.clocks.find((c: { purpose: string; state: string }) => c.purpose === 'reply' && c.state === 'running');
    const [extension] = reply.extensions;
    expect(extension).toMatchObject({ status: 'requested', length: 5 });
    const decided = await api('pingdu-construction.reviewer', 'POST', `/tickets/${ticketId}/extensions/${extension.id}/decision`, { approve: true });
    expect(decided.status).toBe(200);
    const after = decided.body.clocks.find((c: { id: string }) => c.id === reply.id);
    expect(new Date(after.dueAt).getTime()).toBeGreaterThan(new Date(reply.dueAt).getTime());
    expect(new Date(decided.body.dueAt).getTime()).toBe(new Date(after.dueAt).getTime());

    // The request reached the dispatchers' inbox (站内通知), the decision the handlers'; read marks stick per unit.
    const trackingNo = decided.body.trackingNo;
    const dispatcherNotices = await api('pingdu-big-data.dispatcher', 'GET', '/notifications?unread=true');
    const asking = dispatcherNotices.body.find((n: { title: string }) => n.title === `延期申请：工单 ${trackingNo}`);
    expect(asking).toMatchObject({ ticketId, role: 'dispatcher', readAt: null });
    const handlerNotices = await api('pingdu-construction.handler', 'GET', '/notifications');
    const approvedNotice = handlerNotices.body.find((n: { title: string }) => n.title === `延期已批准：工单 ${trackingNo}`);
    expect(approvedNotice).toMatchObject({ ticketId, role: 'handler' });
    expect((await api('pingdu-education.handler', 'POST', `/notifications/${approvedNotice.id}/read`)).status).toBe(404);
    expect((await api('pingdu-construction.handler', 'POST', `/notifications/${approvedNotice.id}/read`)).status).toBe(204);
    const unread = await api('pingdu-construction.handler', 'GET', '/notifications?unread=true');
    expect(unread.body.map((n: { id: string }) => n.id)).not.toContain(approvedNotice.id);
    expect((await api('pingdu-construction.handler', 'GET', '/notifications?limit=0')).status).toBe(400);
  });
});
