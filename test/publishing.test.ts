import type { QueryRunner } from 'typeorm';
import { ArchiveSearchStatistics1764200200000 } from '../libs/database/src/migrations/1764200200000-ArchiveSearchStatistics';
import { InProcessHub, startInProcessHub } from './support/in-process-hub';
import { downAndUp, withMigrationRunner } from './support/migration-runner';
import { call, login } from './support/staff-client';
import { waitFor } from './support/wait-for';

const SHANTY = {
  title: '棚户区改造补偿款何时发放',
  body: '我叫王建国，身份证号370101190102039973，家住李园街道幸福小区3号楼2单元501室，电话13812345678。我家的棚户区改造补偿款至今未发放。',
  kind: 'complaint',
};
const SHANTY_ONLY = { title: '棚户区道路积水', body: '棚户区里的道路一下雨就积水，出行不便。', kind: 'complaint' };

/** A portal message placed with the construction bureau (by the router or a dispatcher), answered and approved. */
async function answered(
  hub: InProcessHub,
  message: { title: string; body: string; kind: string },
  reply: string,
  publicConsent = true,
): Promise<{ ticketId: string; trackingNo: string }> {
  const staff = async (username: string, method: string, path: string, body?: unknown) =>
    call(hub.baseUrl, method, `/api/v1/staff${path}`, { token: await login(hub.baseUrl, username), body });
  const receipt = await call(hub.baseUrl, 'POST', '/api/v1/portal/messages', { body: { ...message, publicConsent, name: '王建国' } });
  const status = async () => (await hub.dataSource.query(`SELECT id, status FROM tickets WHERE tracking_no = $1`, [receipt.body.trackingNo]))[0];
  const ticket = await waitFor('routing', async () => {
    const row = await status();
    return ['assigned', 'dispatching'].includes(row.status) ? row : undefined;
  });
  if (ticket.status === 'dispatching') {
    await staff('pingdu-big-data.dispatcher', 'POST', `/tickets/${ticket.id}/assign`, { leadUnit: 'pingdu-construction', assistingUnits: [] });
  }
  await staff('pingdu-construction.handler', 'POST', `/tickets/${ticket.id}/claim`);
  await staff('pingdu-construction.handler', 'PUT', `/tickets/${ticket.id}/reply`, { body: reply });
  await staff('pingdu-construction.handler', 'POST', `/tickets/${ticket.id}/submit`);
  expect((await staff('pingdu-construction.reviewer', 'POST', `/tickets/${ticket.id}/approve`)).status).toBe(200);
  return { ticketId: ticket.id, trackingNo: receipt.body.trackingNo };
}

describe('publishing: approved replies to the public archive', () => {
  let hub: InProcessHub;
  const tokens: Record<string, string> = {};
  const as = async (username: string) => (tokens[username] ??= await login(hub.baseUrl, username));
  const staff = async (username: string, method: string, path: string, body?: unknown) =>
    call(hub.baseUrl, method, `/api/v1/staff${path}`, { token: await as(username), body });
  const handler = 'pingdu-construction.handler';
  const reviewer = 'pingdu-construction.reviewer';

  beforeAll(async () => {
    hub = await startInProcessHub();
  });
  afterAll(() => hub.close());

  const draftOf = (ticketId: string) =>
    waitFor('the masked draft', async () => {
      const [row] = await hub.dataSource.query(`SELECT id FROM publications WHERE ticket_id = $1`, [ticketId]);
      return row?.id as string | undefined;
    });

  it('masks the draft, starts a 3-working-day clock, and publishes on release into a searchable archive', async () => {
    const { ticketId } = await answered(hub, SHANTY, '王建国您好：经核实，您家的棚户区改造补偿款将于本月底前发放，如有疑问请拨打0532-88886666。');
    const clock = await hub.dataSource.query(
      `SELECT state, length, unit FROM clocks WHERE subject_id = $1 AND purpose = 'publication'`,
      [ticketId],
    );
    expect(clock).toEqual([{ state: 'running', length: 3, unit: 'workingDays' }]);
    const publicationId = await draftOf(ticketId);

    const draft = await staff(reviewer, 'GET', `/publications/${publicationId}`);
    expect(draft.status).toBe(200);
    expect(draft.body.state).toBe('draft');
    for (const secret of ['王建国', '370101190102039973', '13812345678', '3号楼2单元501室']) {
      expect(`${draft.body.title}${draft.body.messageText}${draft.body.replyText}`).not.toContain(secret);
    }
    expect(draft.body.messageText).toContain('李园街道幸福小区');
    expect(draft.body.original.messageText).toBe(SHANTY.body);
    expect(draft.body.masks.message.map((m: { kind: string }) => m.kind)).toEqual(expect.arrayContaining(['name', 'id-number', 'mobile']));
    // Not visible to another unit, and not public before release.
    expect((await staff('pingdu-education.reviewer', 'GET', `/publications/${publicationId}`)).status).toBe(404);
    expect((await call(hub.baseUrl, 'GET', `/api/v1/archive/replies/${publicationId}`)).status).toBe(404);
    expect((await staff(handler, 'POST', `/publications/${publicationId}/release`)).status).toBe(403);

    const edited = await staff(reviewer, 'PUT', `/publications/${publicationId}`, { title: '棚户区改造补偿款何时发放？' });
    expect(edited.body.title).toBe('棚户区改造补偿款何时发放？');
    const released = await staff(reviewer, 'POST', `/publications/${publicationId}/release`);
    expect(released.body).toMatchObject({ state: 'published' });
    expect((await staff(reviewer, 'POST', `/publications/${publicationId}/release`)).status).toBe(409);
    const [ticket] = await hub.dataSource.query(`SELECT status FROM tickets WHERE id = $1`, [ticketId]);
    expect(ticket.status).toBe('published');
    const [stopped] = await hub.dataSource.query(`SELECT state FROM clocks WHERE subject_id = $1 AND purpose = 'publication'`, [ticketId]);
    expect(stopped.state).toBe('stopped');

    const entry = await call(hub.baseUrl, 'GET', `/api/v1/archive/replies/${publicationId}`);
    expect(entry.body).toMatchObject({ title: '棚户区改造补偿款何时发放？', unit: { code: 'pingdu-construction' }, workingDays: 0 });
    expect(JSON.stringify(entry.body)).not.toMatch(/王建国|13812345678|370101190102039973/);
  });

  it('ranks a reply about 棚户区改造 above one about 棚户区 alone for the query 棚户区改造, and finds both for 棚户区', async () => {
    const other = await answered(hub, SHANTY_ONLY, '已安排排水改造。');
    const otherId = await draftOf(other.ticketId);
    await staff(reviewer, 'POST', `/publications/${otherId}/release`);
    const exact = await call(hub.baseUrl, 'GET', `/api/v1/archive/replies?q=${encodeURIComponent('棚户区改造')}`);
    expect(exact.status).toBe(200);
    expect(exact.body.terms).toEqual(['棚户区改造']);
    expect(exact.body.items.map((i: { title: string }) => i.title)).toEqual(['棚户区改造补偿款何时发放？']);
    const broad = await call(hub.baseUrl, 'GET', `/api/v1/archive/replies?q=${encodeURIComponent('棚户区')}`);
    expect(broad.body.items.map((i: { title: string }) => i.title).sort()).toEqual(['棚户区改造补偿款何时发放？', '棚户区道路积水'].sort());
    const unit = await call(hub.baseUrl, 'GET', '/api/v1/archive/replies?unit=pingdu-education');
    expect(unit.body.total).toBe(0);
    // The ticket's topic category (from the category model at routing) comes with it into the archive, for the filter.
    const published: { title: string; category: string }[] = await hub.dataSource.query(
      `SELECT p.title, t.category FROM publications p JOIN tickets t ON t.id = p.ticket_id WHERE p.state = 'published'`,
    );
    expect(published.every((p) => typeof p.category === 'string' && p.category.length > 0)).toBe(true);
    const [{ category }] = published;
    const filtered = await call(hub.baseUrl, 'GET', `/api/v1/archive/replies?category=${encodeURIComponent(category)}`);
    expect(filtered.body.items.map((i: { title: string }) => i.title).sort()).toEqual(published.filter((p) => p.category === category).map((p) => p.title).sort());
    expect(filtered.body.items.every((i: { category: string }) => i.category === category)).toBe(true);
    const unused = ['城乡建设', '卫生计生', '交通运输'].find((c) => !published.some((p) => p.category === c));
    expect((await call(hub.baseUrl, 'GET', `/api/v1/archive/replies?category=${encodeURIComponent(unused as string)}`)).body.total).toBe(0);
    const page = await fetch(`${hub.baseUrl}/archive?category=${encodeURIComponent(category)}`);
    expect(await page.text()).toContain(`<option value="${category}" selected>${category}</option>`);
    expect((await call(hub.baseUrl, 'GET', '/api/v1/archive/replies?from=2026-13-01')).status).toBe(400);
  });

  it('withholds with a reason, withdraws to a tombstone, and never publishes without consent', async () => {
    const withheld = await answered(hub, SHANTY_ONLY, '已处理。');
    const withheldId = await draftOf(withheld.ticketId);
    expect((await staff(reviewer, 'POST', `/publications/${withheldId}/withhold`, {})).status).toBe(400);
    const held = await staff(reviewer, 'POST', `/publications/${withheldId}/withhold`, { reason: '涉及第三方隐私' });
    expect(held.body).toMatchObject({ state: 'withheld', reason: '涉及第三方隐私' });
    expect((await call(hub.baseUrl, 'GET', `/api/v1/archive/replies/${withheldId}`)).status).toBe(404);

    const published = await answered(hub, SHANTY_ONLY, '已修复。');
    const publishedId = await draftOf(published.ticketId);
    await staff(reviewer, 'POST', `/publications/${publishedId}/release`);
    const withdrawn = await staff(reviewer, 'POST', `/publications/${publishedId}/withdraw`, { reason: '答复内容有误' });
    expect(withdrawn.body.state).toBe('withdrawn');
    const tombstone = await call(hub.baseUrl, 'GET', `/api/v1/archive/replies/${publishedId}`);
    expect(tombstone.body).toMatchObject({ id: publishedId, withdrawn: true, reason: '答复内容有误' });
    expect(tombstone.body.replyText).toBeUndefined();
    const events = await hub.dataSource.query(`SELECT type FROM ticket_events WHERE ticket_id = $1 AND type LIKE 'publication.%' ORDER BY id`, [published.ticketId]);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['publication.released', 'publication.withdrawn']);

    const private_ = await answered(hub, SHANTY_ONLY, '已处理。', false);
    // No job was even asked for (the approval commits before it answers), so nothing can appear later.
    expect(
      await hub.dataSource.query(`SELECT 1 FROM outbox WHERE job_name = 'prepare-publication' AND payload->>'ticketId' = $1`, [private_.ticketId]),
    ).toEqual([]);
    expect(await hub.dataSource.query(`SELECT 1 FROM publications WHERE ticket_id = $1`, [private_.ticketId])).toEqual([]);
    expect(await hub.dataSource.query(`SELECT 1 FROM clocks WHERE subject_id = $1 AND purpose = 'publication'`, [private_.ticketId])).toEqual([]);
  });
});

describe('publishing with PUBLISH_AUTO_RELEASE', () => {
  it('publishes the masked reply by itself', async () => {
    const hub = await startInProcessHub({ env: { PUBLISH_AUTO_RELEASE: 'true' } });
    try {
      await answered(hub, SHANTY_ONLY, '已处理完毕。');
      const published = await waitFor('the automatic publication', async () => {
        const page = await call(hub.baseUrl, 'GET', `/api/v1/archive/replies?q=${encodeURIComponent('积水')}`);
        return page.body.total === 1 ? page.body.items[0] : undefined;
      });
      expect(published.replyText).toBe('已处理完毕。');
    } finally {
      await hub.close();
    }
  });
});

describe('the public archive API is rate-limited per client address', () => {
  it('answers 429 with Retry-After over PUBLIC_RATE_LIMIT_PER_MINUTE, and staff endpoints are not counted', async () => {
    const hub = await startInProcessHub({ worker: false, env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      // The limit counts per clock minute: start well inside one so the four requests share it.
      const leftInMinute = 60_000 - (Date.now() % 60_000);
      if (leftInMinute < 5_000) await new Promise((resolve) => setTimeout(resolve, leftInMinute + 50));
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await call(hub.baseUrl, 'GET', '/api/v1/archive/replies')).status);
      const refused = await fetch(`${hub.baseUrl}/api/v1/archive/replies`);
      expect(statuses).toEqual([200, 200, 200]);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expect((await call(hub.baseUrl, 'POST', '/api/v1/staff/login', { body: { username: 'admin', password: 'wenzheng-demo' } })).status).toBe(200);
    } finally {
      await hub.close();
    }
  });
});

describe('archive search over many matches', () => {
  let hub: InProcessHub;
  beforeAll(async () => {
    hub = await startInProcessHub({ worker: false });
    // 1,005 replies about street lights, one a minute, and 3 about rooftop solar, the newest about lights.
    await hub.dataSource.query(`
      INSERT INTO publications (kind, state, title, message_text, reply_text, search_vector, published_at)
      SELECT 'reply', 'published', '路灯不亮 ' || n, '路灯坏了', '已维修', to_tsvector('simple', '路灯 维修'), timestamptz '2026-01-01 08:00+08' + n * interval '1 minute'
        FROM generate_series(1, 1005) n
      UNION ALL
      SELECT 'reply', 'published', '光伏补贴 ' || n, '光伏 光伏 补贴', '已答复', to_tsvector('simple', repeat('光伏 ', n) || '补贴'), timestamptz '2025-06-01 08:00+08' + n * interval '1 day'
        FROM generate_series(1, 3) n`);
  });
  afterAll(() => hub.close());

  const search = (query: string) => call(hub.baseUrl, 'GET', `/api/v1/archive/replies?${query}`);

  it('counts up to 1,000 and then lists the newest matches first', async () => {
    const page = await search(`q=${encodeURIComponent('路灯')}`);
    expect(page.body).toMatchObject({ total: 1000, totalIsExact: false, order: 'newest' });
    expect(page.body.items.map((i: { title: string }) => i.title)).toEqual(Array.from({ length: 10 }, (_, i) => `路灯不亮 ${1005 - i}`));
    const last = await search(`q=${encodeURIComponent('路灯')}&page=100`);
    expect(last.body.items.map((i: { title: string }) => i.title)).toEqual(Array.from({ length: 10 }, (_, i) => `路灯不亮 ${15 - i}`));
    const html = await (await fetch(`${hub.baseUrl}/archive?q=${encodeURIComponent('路灯')}`)).text();
    expect(html).toContain('共找到 <strong>超过 1000</strong> 条公开答复');
  });

  it('ranks by relevance when the matches fit under the cap', async () => {
    const page = await search(`q=${encodeURIComponent('光伏')}`);
    expect(page.body).toMatchObject({ total: 3, totalIsExact: true, order: 'relevance' });
    // The oldest mentions the word most often.
    expect(page.body.items.map((i: { title: string }) => i.title)).toEqual(['光伏补贴 3', '光伏补贴 2', '光伏补贴 1']);
    const all = await search('');
    expect(all.body).toMatchObject({ total: 1000, totalIsExact: false, order: 'newest' });
  });

  it('refuses pages beyond the first 1,000 results with 400', async () => {
    const refused = await search(`q=${encodeURIComponent('路灯')}&page=101`);
    expect(refused.status).toBe(400);
    expect(refused.body.field).toBe('page');
    const html = await fetch(`${hub.baseUrl}/archive?page=101`);
    expect(html.status).toBe(400);
  });

  it('keeps 1,000 most common lexemes in the statistics of search_vector (migration down restores the default)', async () => {
    const target = async (runner: QueryRunner) =>
      (await runner.query(`SELECT attstattarget FROM pg_attribute WHERE attrelid = 'publications'::regclass AND attname = 'search_vector'`))[0].attstattarget;
    await withMigrationRunner(async (runner) => {
      expect(await target(runner)).toBe(1000);
      await downAndUp(runner, ArchiveSearchStatistics1764200200000, async () => expect(await target(runner)).toBe(-1));
      expect(await target(runner)).toBe(1000);
    });
  });
});
