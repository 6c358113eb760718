import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replayMonitorDemo } from '../apps/cli/src/monitor-demo';
import { InProcessHub, startInProcessHub } from './support/in-process-hub';
import { waitFor } from './support/wait-for';

/**
 * `npm run cli -- monitor:demo`: a stream file replayed into a running hub, its times shifted to end now — messages
 * through intake, lines on channel weibo-mention / weibo-comment as public posts of the demo Weibo account — and the
 * worker monitors all of it. A second replay adds nothing.
 */
describe('the monitor demo replay', () => {
  let hub: InProcessHub;
  let file: string;
  const q = (sql: string, params: unknown[] = []) => hub.dataSource.query(sql, params);
  const lines = [
    { id: 'd1', time: '2026-11-02T08:00:00+08:00', channel: 'portal', title: '路灯不亮', text: '东阁街道幸福小区门口的路灯坏了一个月，晚上出行很不方便。', topic: 'light' },
    { id: 'd2', time: '2026-11-02T09:00:00+08:00', channel: 'wechat', title: '低保金未发放', text: '这个月的低保金到现在还没发放，去社区问只说等通知。', topic: 'allowance' },
    { id: 'd3', time: '2026-11-02T09:10:00+08:00', channel: 'weibo-mention', text: '@平度发布 低保金两个月没到账了，老人等着买药', topic: 'allowance' },
    { id: 'd4', time: '2026-11-02T09:20:00+08:00', channel: 'weibo-comment', text: '我家的低保金也一直没发', topic: 'allowance' },
  ];

  beforeAll(async () => {
    hub = await startInProcessHub();
    file = join(mkdtempSync(join(tmpdir(), 'wz-demo-')), 'stream.jsonl');
    writeFileSync(file, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
  });
  afterAll(() => hub?.close());

  it('takes the messages in, records the public posts on the demo account, and the worker monitors both', async () => {
    const before = Date.now();
    expect(await replayMonitorDemo(hub.config, file)).toEqual({ total: 4, added: 4 });
    const messages = await q(`SELECT channel, received_at FROM inbound_messages WHERE external_id LIKE 'monitor-demo-%' ORDER BY received_at`);
    expect(messages.map((m: { channel: string }) => m.channel)).toEqual(['portal', 'wechat']);
    const posts = await q(
      `SELECT p.kind, p.text, p.posted_at, a.name FROM channel_public_posts p JOIN channel_accounts a ON a.id = p.account_id ORDER BY p.posted_at`,
    );
    expect(posts).toEqual([
      { kind: 'mention', text: lines[2].text, posted_at: expect.any(Date), name: '平度发布（演示）' },
      { kind: 'comment', text: lines[3].text, posted_at: expect.any(Date), name: '平度发布（演示）' },
    ]);
    // Shifted to end five minutes before now, as far apart as in the file.
    const end = posts[1].posted_at.getTime();
    expect(Math.abs(end - (before - 5 * 60_000))).toBeLessThan(10_000);
    expect(end - messages[0].received_at.getTime()).toBe(80 * 60_000);
    expect(end - posts[0].posted_at.getTime()).toBe(10 * 60_000);
    await waitFor('the worker to monitor the messages and the posts', async () => {
      const [{ m }] = await q(`SELECT count(*)::int AS m FROM monitor_messages`);
      const [{ p }] = await q(`SELECT count(*)::int AS p FROM monitor_public_posts`);
      return m === 2 && p === 2;
    });
  });

  it('adds nothing when replayed again', async () => {
    expect(await replayMonitorDemo(hub.config, file)).toEqual({ total: 4, added: 0 });
    expect(await q(`SELECT count(*)::int AS n FROM channel_public_posts`)).toEqual([{ n: 2 }]);
    expect(await q(`SELECT count(*)::int AS n FROM inbound_messages WHERE external_id LIKE 'monitor-demo-%'`)).toEqual([{ n: 2 }]);
    expect(await q(`SELECT count(*)::int AS n FROM channel_accounts WHERE platform = 'weibo'`)).toEqual([{ n: 1 }]);
  });
});
