import { MonitorProcessor, MonitorStepOutcome } from '../libs/monitor/src';
import { monitorStream } from '../libs/monitor/src/demo-stream';
import { FixedTime, InProcessHub, startInProcessHub } from './support/in-process-hub';
import { monitorProcessor, segmentMessages, submitPortalMessage } from './support/monitor-replay';

/**
 * The monitor's group commit: messages that wait together go through one transaction, and every row it writes is the
 * row one transaction per message would have written. Messages come in through the portal (no worker runs: nothing
 * analyzes or monitors them behind the test's back) and are given their segmenter tokens here.
 */
describe('monitor batches', () => {
  const START = Date.parse('2026-11-02T08:00:00+08:00');
  const HOUR = 3_600_000;
  const time = new FixedTime(new Date(START));
  let hub: InProcessHub;
  /** In arrival order: two days of traffic with copies and a burst, one written days before it arrived, a copy of it. */
  let ids: string[];
  let unanalyzed: string;
  const q = (sql: string, params: unknown[] = []) => hub.dataSource.query(sql, params);

  const submit = (at: number, title: string, body: string, phone?: string) => submitPortalMessage(hub, time, at, title, body, phone);
  const processor = (batchSize: number): MonitorProcessor => monitorProcessor(hub, time, { ...hub.config, monitor: { ...hub.config.monitor, batchSize } });

  const reset = async () => {
    await q(`TRUNCATE monitor_signature_bands, monitor_signatures, monitor_alerts, monitor_messages, monitor_clusters CASCADE`);
    await q(`DELETE FROM notifications WHERE kind = 'monitor.alert'`);
    await q(`UPDATE monitor_state SET revision = 0, clock = NULL, next_seq = 1`);
  };

  /** Everything the monitor wrote, without what differs between any two runs (generated ids, revisions, wall times). */
  const written = async () => ({
    messages: await q(
      `SELECT message_id, ticket_id, at, channel, cluster_id, sentiment_score, sentiment_label, duplicate_of, duplicate_similarity
         FROM monitor_messages ORDER BY message_id`,
    ),
    clusters: await q(`SELECT id, state, label, message_count, created_at, last_at, status, burst FROM monitor_clusters ORDER BY id`),
    alerts: await q(`SELECT cluster_id, level, reasons, burst, status FROM monitor_alerts ORDER BY cluster_id`),
    notifications: await q(`SELECT recipient_unit_id, recipient_role, title, body FROM notifications WHERE kind = 'monitor.alert' ORDER BY 1, 2, 3, 4`),
    signatures: await q(`SELECT message_id, at, canonical_id, shingles, sender_key FROM monitor_signatures ORDER BY message_id`),
    bands: await q(`SELECT band_key, message_id FROM monitor_signature_bands ORDER BY band_key, message_id`),
    state: await q(`SELECT clock, next_seq FROM monitor_state`),
  });

  beforeAll(async () => {
    hub = await startInProcessHub({ worker: false, time });
    const stream = monitorStream({ seed: 5, start: START, hours: 48, backgroundEveryMinutes: 25, copyEvery: 3, burst: { atHour: 30, count: 30, minutes: 40 } });
    ids = [];
    for (const m of stream) ids.push(await submit(Date.parse(m.time), m.title, m.text));
    // Late by more than the window, on a subject of its own: its cluster expires at the next message of its batch, and
    // a copy of it arriving right after is no copy (the original is out of the copy's window).
    const late = '村口那棵三百年的古银杏昨天被人锯倒了，林业站说要调查，至今没有结果。';
    ids.push(await submit(START - 2 * 24 * HOUR, '古树被砍', late));
    ids.push(await submit(START + 48 * HOUR, '古树被砍', `领导您好，我再反映一次：${late}`));
    unanalyzed = await submit(START + 48 * HOUR, '路灯不亮', '小区门口的路灯坏了一个多月，晚上出行很不方便。');

    await segmentMessages(hub, ids);
  });
  afterAll(() => hub?.close());

  it('writes the same rows in batches as in one transaction per message', async () => {
    await reset();
    const single = processor(1);
    for (const id of ids) expect(await single.process(id)).toBe('done');
    const alone = await written();
    const [{ revision: steps }] = await q(`SELECT revision::int AS revision FROM monitor_state`);
    expect(steps).toBe(ids.length);
    // What the comparison covers: copies found, an alert raised and notified, a cluster expired within a batch.
    expect(alone.messages.filter((m: { duplicate_of: string | null }) => m.duplicate_of !== null).length).toBeGreaterThan(10);
    expect(alone.alerts.length).toBeGreaterThanOrEqual(1);
    expect(alone.notifications.length).toBeGreaterThanOrEqual(1);
    expect(alone.clusters.some((c: { status: string }) => c.status === 'expired')).toBe(true);

    await reset();
    const batched = processor(64);
    expect(await Promise.all(ids.map((id) => batched.process(id)))).toEqual(ids.map(() => 'done'));
    const [{ revision: transactions }] = await q(`SELECT revision::int AS revision FROM monitor_state`);
    expect(transactions).toBe(Math.ceil(ids.length / 64));
    expect(await written()).toEqual(alone);
  });

  it("links a citizen's resend like any copy, but counts only other senders' copies, and other voices, in the burst check", async () => {
    await reset();
    const text = '凤台街道幸福小区的二次供水水箱多年没有清洗，自来水发黄有异味，请卫生部门来检测。';
    const at = START + 60 * HOUR;
    // The same landline written two ways, another citizen, one who left no number.
    const [first, resend, other, unknown] = [
      await submit(at, '二次供水水质差', text, '0532-88881234'),
      await submit(at + 60_000, '再次反映水质', `再次反映：${text}`, '053288881234'),
      await submit(at + 120_000, '水质差', text, '13800000002'),
      await submit(at + 180_000, '水质差', text),
    ];
    await segmentMessages(hub, [first, resend, other, unknown]);
    const batched = processor(64);
    expect(await Promise.all([first, resend].map((id) => batched.process(id)))).toEqual(['done', 'done']);
    for (const id of [other, unknown]) expect(await batched.process(id)).toBe('done');

    const rows = await q(
      `SELECT s.message_id, s.sender_key, m.duplicate_of, m.cluster_id FROM monitor_signatures s JOIN monitor_messages m USING (message_id)`,
    );
    const byId = new Map(rows.map((r: { message_id: string }) => [r.message_id, r]));
    const row = (id: string) => byId.get(id) as { sender_key: string | null; duplicate_of: string | null; cluster_id: string };
    expect([resend, other, unknown].map((id) => row(id).duplicate_of)).toEqual([first, first, first]);
    expect(row(resend).sender_key).toBe(row(first).sender_key);
    expect(row(other).sender_key).not.toBe(row(first).sender_key);
    expect(row(first).sender_key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(row(unknown).sender_key).toBeNull();
    // The other citizen's copy and the unknown sender's: the resend is the first sender's own.
    const [{ state, burst }] = await q(`SELECT state, burst FROM monitor_clusters WHERE id = $1`, [row(first).cluster_id]);
    const copies = (state.recentCopies as [number, number][]).reduce((sum, [, n]) => sum + n, 0);
    expect(copies).toBe(2);
    // Three citizens wrote: the resend is a message of the topic, but no fourth voice in its window.
    expect(state.messageCount).toBe(4);
    expect({ count: burst.count, copies: burst.copies, resends: burst.resends }).toEqual({ count: 3, copies: 2, resends: 1 });
  });

  it('refreshes an open alert while its topic stays as bad, tells the monitors only when it grows worse, batched or not', async () => {
    const at = START + 70 * HOUR;
    const texts = [
      '幸福里养老院的护工打骂老人，投诉了好几次都没人管，太气人了！',
      '幸福里养老院护工虐待老人，家属投诉没人管，再不解决我们就去讨说法！',
      '我母亲住在幸福里养老院，被护工打骂，投诉多次推诿扯皮没人管！',
    ];
    const burst: string[] = [];
    for (let i = 0; i < 10; i += 1) burst.push(await submit(at + i * 2 * 60_000, '养老院护工打骂老人', `${texts[i % 3]}（第${i + 1}次反映）`));
    await segmentMessages(hub, burst);
    const alertOf = async () => {
      const alerts = await q(`SELECT a.level, a.reasons, a.burst, c.burst AS latest FROM monitor_alerts a JOIN monitor_clusters c ON c.id = a.cluster_id`);
      const notices = await q(`SELECT DISTINCT split_part(split_part(dedupe_key, '|', 1), ':', 3) AS level FROM notifications WHERE kind = 'monitor.alert'`);
      return { alerts, notified: notices.map((n: { level: string }) => n.level).sort() };
    };

    await reset();
    const single = processor(1);
    for (const id of burst) expect(await single.process(id)).toBe('done');
    const alone = await alertOf();
    expect(alone.alerts).toHaveLength(1);
    const [alert] = alone.alerts;
    // Raised by the third message or so, then refreshed: it shows the whole burst, as the cluster's last reading does.
    expect(alert.burst.count).toBe(10);
    expect(alert.burst).toEqual(alert.latest);
    expect(alert.reasons[0]).toMatchObject({ code: 'burst', count: 10 });
    expect(alert.level).toBe('critical');
    // One notice per level the alert reached, not one per message.
    expect(alone.notified.length).toBeLessThanOrEqual(2);
    expect(alone.notified).toContain('critical');

    await reset();
    const batched = processor(64);
    expect(await Promise.all(burst.map((id) => batched.process(id)))).toEqual(burst.map(() => 'done'));
    expect(await alertOf()).toEqual(alone);
  });

  it('skips a message monitored already or listed twice, and fails only one that cannot be monitored', async () => {
    await reset();
    const batched = processor(64);
    await batched.process(ids[0]);
    const outcomes = await Promise.allSettled([ids[0], ids[1], unanalyzed, ids[1], ids[2]].map((id) => batched.process(id)));
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual([
      'skipped',
      'done',
      `message ${unanalyzed} is not analyzed yet`,
      'skipped',
      'done',
    ] satisfies (MonitorStepOutcome | string)[]);
    const monitored = await q(`SELECT message_id FROM monitor_messages ORDER BY message_id`);
    expect(monitored.map((r: { message_id: string }) => r.message_id)).toEqual([ids[0], ids[1], ids[2]].sort());
  });

  it('takes a batch whose transaction fails apart, so that only the message that failed it fails', async () => {
    await reset();
    const batched = processor(64);
    // Not a uuid: the batch's first statement fails on it, for all of them.
    const outcomes = await Promise.allSettled([ids[3], 'not-a-message', ids[4]].map((id) => batched.process(id)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason.message).toMatch(/uuid/);
    const [{ n }] = await q(`SELECT count(*)::int AS n FROM monitor_messages`);
    expect(n).toBe(2);
  });
});
