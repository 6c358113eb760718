import { FixedTime, InProcessHub, startInProcessHub } from './support/in-process-hub';
import { call, login } from './support/staff-client';

const at = (s: string) => new Date(`${s}+08:00`);

describe('policy interpretations (政策解读), due 3 working days after the document', () => {
  const time = new FixedTime(at('2026-11-20T10:00:00'));
  let hub: InProcessHub;
  const tokens: Record<string, string> = {};
  const as = async (username: string) => (tokens[username] ??= await login(hub.baseUrl, username));
  const staff = async (username: string, method: string, path: string, body?: unknown) =>
    call(hub.baseUrl, method, `/api/v1/staff${path}`, { token: await as(username), body });
  const dispatcher = 'pingdu-office.dispatcher';
  const handler = 'pingdu-civil-affairs.handler';
  const reviewer = 'pingdu-civil-affairs.reviewer';
  const document = (n: number, publishedOn = '2026-11-20') => ({
    title: `平度市城乡低保对象认定办法（第${n}号）`,
    docNumber: `平政办发〔2026〕${n}号`,
    issuingUnit: 'pingdu-office',
    draftingUnit: 'pingdu-civil-affairs',
    publishedOn,
    url: 'https://www.pingdu.gov.cn/n1/art/2026/12.html',
  });

  beforeAll(async () => {
    hub = await startInProcessHub({ time, worker: false });
  });
  afterAll(() => hub.close());

  it('registers, drafts, reviews and publishes on time; the archive lists and finds it', async () => {
    time.set(at('2026-11-20T10:00:00'));
    const registered = await staff(dispatcher, 'POST', '/policy-documents', document(12));
    expect(registered.status).toBe(201);
    // Friday 11-20: the 3rd working day after it ends Wednesday 11-25.
    expect(registered.body).toMatchObject({ state: 'drafting', dueAt: '2026-11-25T15:59:59.000Z', unit: { code: 'pingdu-civil-affairs' } });
    const id = registered.body.id;
    expect((await staff(handler, 'GET', '/interpretations')).body.map((i: { id: string }) => i.id)).toContain(id);
    expect((await staff('pingdu-education.handler', 'GET', `/interpretations/${id}`)).status).toBe(404);

    expect((await staff(handler, 'POST', `/interpretations/${id}/submit`)).status).toBe(409);
    await staff(handler, 'PUT', `/interpretations/${id}`, { body: '本办法明确了城乡低保对象的认定条件、家庭收入核算方法和办理流程。' });
    expect((await staff(handler, 'POST', `/interpretations/${id}/submit`)).body.state).toBe('submitted');
    expect((await staff(handler, 'POST', `/interpretations/${id}/approve`)).status).toBe(403);
    const rejected = await staff(reviewer, 'POST', `/interpretations/${id}/reject`, { comment: '请补充申请渠道。' });
    expect(rejected.body).toMatchObject({ state: 'drafting', reviewComment: '请补充申请渠道。' });
    await staff(handler, 'PUT', `/interpretations/${id}`, { body: '本办法明确了城乡低保对象的认定条件和办理流程，可到镇街便民服务中心申请。' });
    await staff(handler, 'POST', `/interpretations/${id}/submit`);
    time.set(at('2026-11-24T16:00:00'));
    const approved = await staff(reviewer, 'POST', `/interpretations/${id}/approve`);
    expect(approved.body).toMatchObject({ state: 'published', onTime: true });

    const clock = await hub.dataSource.query(`SELECT state FROM clocks WHERE subject_type = 'interpretation' AND subject_id = $1`, [id]);
    expect(clock).toEqual([{ state: 'stopped' }]);
    const found = await call(hub.baseUrl, 'GET', `/api/v1/archive/replies?q=${encodeURIComponent('低保')}`);
    expect(found.body.items).toEqual([expect.objectContaining({ kind: 'interpretation', title: `《${document(12).title}》政策解读` })]);
    const policies = await call(hub.baseUrl, 'GET', '/api/v1/archive/policies');
    expect(policies.body).toEqual([expect.objectContaining({ docNumber: '平政办发〔2026〕12号', publicationId: approved.body.publicationId })]);
  });

  it('counts a late interpretation as late in the figures', async () => {
    time.set(at('2026-11-20T11:00:00'));
    const { body } = await staff(dispatcher, 'POST', '/policy-documents', document(13));
    await staff(handler, 'PUT', `/interpretations/${body.id}`, { body: '解读内容。' });
    await staff(handler, 'POST', `/interpretations/${body.id}/submit`);
    time.set(at('2026-11-26T09:00:00'));
    expect((await staff(reviewer, 'POST', `/interpretations/${body.id}/approve`)).body.onTime).toBe(false);
    const figures = await call(hub.baseUrl, 'GET', '/api/v1/archive/interpretations/figures');
    expect(figures.body).toEqual([{ unitCode: 'pingdu-civil-affairs', unitName: '市民政局', published: 2, onTime: 1, late: 1, open: 0, overdue: 0 }]);
  });

  it('refuses a handler registering, bad input, a repeated document number, and reviewing one’s own text', async () => {
    expect((await staff(handler, 'POST', '/policy-documents', document(14))).status).toBe(403);
    const bad = await staff(dispatcher, 'POST', '/policy-documents', { ...document(14), publishedOn: '2026-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('publishedOn');
    expect((await staff(dispatcher, 'POST', '/policy-documents', { ...document(14), draftingUnit: 'nowhere' })).body.field).toBe('draftingUnit');
    expect((await staff(dispatcher, 'POST', '/policy-documents', document(12))).status).toBe(409);

    // A user holding both roles in the unit may write or review, not both for the same text.
    const created = await call(hub.baseUrl, 'POST', '/api/v1/admin/users', {
      token: await as('admin'),
      body: { username: 'civil.both', displayName: '张两职', unit: 'pingdu-civil-affairs', roles: ['handler', 'reviewer'], password: 'a-long-password-1' },
    });
    expect(created.status).toBe(201);
    const token = await login(hub.baseUrl, 'civil.both', 'a-long-password-1');
    const { body } = await staff(dispatcher, 'POST', '/policy-documents', document(15));
    const act = (method: string, path: string, payload?: unknown) => call(hub.baseUrl, method, `/api/v1/staff/interpretations/${body.id}${path}`, { token, body: payload });
    await act('PUT', '', { body: '自己写的解读。' });
    await act('POST', '/submit');
    const own = await act('POST', '/approve');
    expect(own.status).toBe(409);
    expect(own.body.message).toMatch(/someone other than its author/);
  });
});
