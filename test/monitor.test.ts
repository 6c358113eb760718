import { bootstrapWorker } from '../apps/worker/src/bootstrap';
import { MonitorSweeper } from '../libs/monitor/src';
import { JobName, JobQueue } from '../libs/queue/src';
import { BURST_TOPIC, monitorStream, StreamMessage } from '../libs/monitor/src/demo-stream';
import { FixedTime, InProcessHub, startInProcessHub } from './support/in-process-hub';
import { Monitored, replayMonitored, submitMonitored } from './support/monitor-replay';
import { call, login } from './support/staff-client';
import { waitFor } from './support/wait-for';

/**
 * The hot-topic monitor end to end, in simulated time: portal messages → analyze → monitor-message jobs on real
 * PostgreSQL and Redis; the monitor's and dispatcher's API on top.
 */
describe('hot-topic monitor', () => {
  const START = Date.parse('2026-11-02T08:00:00+08:00');
  const time = new FixedTime(new Date(START));
  let hub: InProcessHub;
  let monitor: string;
  let dispatcher: string;
  const q = (sql: string, params: unknown[] = []) => hub.dataSource.query(sql, params);

  const submit = (at: number, title: string, body: string) => submitMonitored(hub, time, at, title, body);
  const replay = (messages: StreamMessage[]) => replayMonitored(hub, time, messages);
  const clusterOf = async (messageId: string) => (await q(`SELECT cluster_id FROM monitor_messages WHERE message_id = $1`, [messageId]))[0].cluster_id;

  beforeAll(async () => {
    hub = await startInProcessHub({ time });
    monitor = await login(hub.baseUrl, 'pingdu-cyberspace.monitor');
    dispatcher = await login(hub.baseUrl, 'pingdu-office.dispatcher');
  });
  afterAll(() => hub?.close());

  describe('near-duplicates', () => {
    const original =
      '南村镇马家沟村到镇上的村道去年修过以后，今年夏天一下雨就被冲出好几个大坑，三轮车和电动车经过非常危险，上周还有一位老人摔伤了腿，请交通部门尽快派人修补路面。';
    const copies = {
      prefixed: `尊敬的领导您好！我再反映一次：${original}`,
      suffixed: `${original}这件事已经拖了很久了，希望这次能有人管，谢谢！`,
      edited: original.replace('好几个', '十几个').replace('老人', '老汉'),
      cut: original.slice(0, Math.round(original.length * 0.8)),
    };
    const sameSubject =
      '马家沟村的村道坑坑洼洼，雨天积水很深，孩子上学只能绕远路走，村里反映了多次也没有回音，希望有关部门把这条路重新硬化。';
    let ids: Record<string, Monitored>;

    beforeAll(async () => {
      ids = { original: await submit(START, '村道坑洼危险', original) };
      // Apart enough not to be a burst themselves: one copy an hour.
      let minute = 0;
      for (const [name, text] of Object.entries(copies)) ids[name] = await submit(START + (minute += 70) * 60_000, '村道坑洼', text);
      ids.sameSubject = await submit(START + (minute += 70) * 60_000, '村道需要硬化', sameSubject);
    });

    it('links prefixed, suffixed, 3-character-edited and 20 %-cut copies to the original, not another message on the same subject', async () => {
      const rows = await q(`SELECT message_id, duplicate_of FROM monitor_messages`);
      const duplicateOf = new Map(rows.map((r: { message_id: string; duplicate_of: string | null }) => [r.message_id, r.duplicate_of]));
      for (const name of Object.keys(copies)) expect({ name, of: duplicateOf.get(ids[name].messageId) }).toEqual({ name, of: ids.original.messageId });
      expect(duplicateOf.get(ids.original.messageId)).toBeNull();
      expect(duplicateOf.get(ids.sameSubject.messageId)).toBeNull();
    });

    it('proposes each copy to the dispatcher as a 并单 into the original ticket, until merged or dismissed', async () => {
      const list = await call(hub.baseUrl, 'GET', '/api/v1/staff/merge-suggestions', { token: dispatcher });
      expect(list.status).toBe(200);
      expect(list.body.map((s: { trackingNo: string }) => s.trackingNo).sort()).toEqual(Object.keys(copies).map((n) => ids[n].trackingNo).sort());
      for (const s of list.body) expect(s.into.trackingNo).toBe(ids.original.trackingNo);

      const one = await call(hub.baseUrl, 'GET', `/api/v1/staff/tickets/${ids.prefixed.ticketId}/merge-suggestion`, { token: dispatcher });
      expect(one.body).toMatchObject({ trackingNo: ids.prefixed.trackingNo, into: { trackingNo: ids.original.trackingNo } });
      expect(one.body.similarity).toBeGreaterThanOrEqual(0.5);
      const none = await call(hub.baseUrl, 'GET', `/api/v1/staff/tickets/${ids.sameSubject.ticketId}/merge-suggestion`, { token: dispatcher });
      expect(none).toEqual({ status: 200, body: undefined });

      await waitFor('the copy to be routed', async () => (await q(`SELECT status FROM tickets WHERE id = $1`, [ids.prefixed.ticketId]))[0].status !== 'analyzed');
      const merged = await call(hub.baseUrl, 'POST', `/api/v1/staff/tickets/${ids.prefixed.ticketId}/merge`, { token: dispatcher, body: { into: ids.original.trackingNo } });
      expect(merged.status).toBe(200);
      const dismissed = await call(hub.baseUrl, 'POST', `/api/v1/staff/tickets/${ids.cut.ticketId}/merge-suggestion/dismiss`, { token: dispatcher });
      expect(dismissed).toEqual({ status: 200, body: { dismissed: true } });
      const after = await call(hub.baseUrl, 'GET', '/api/v1/staff/merge-suggestions', { token: dispatcher });
      expect(after.body.map((s: { trackingNo: string }) => s.trackingNo).sort()).toEqual([ids.suffixed.trackingNo, ids.edited.trackingNo].sort());
    });
  });

  describe('bursts, alerts and cases', () => {
    const BURST_START = START + 2 * 86_400_000;
    const stream = monitorStream({ seed: 3, start: BURST_START - 36 * 3_600_000, hours: 40, backgroundEveryMinutes: 45, burst: { atHour: 36, count: 40, minutes: 120 } });
    const burst = stream.filter((m) => m.topic === BURST_TOPIC.key);
    let ids: Map<string, Monitored>;
    let burstCluster: string;

    beforeAll(async () => {
      ids = await replay(stream);
      burstCluster = await clusterOf(ids.get(burst[0].id)!.messageId);
    });

    it('raises exactly one alert, for the burst cluster, and notifies the monitors', async () => {
      const members = await q(`SELECT count(*)::int AS n FROM monitor_messages WHERE cluster_id = $1`, [burstCluster]);
      expect(members[0].n).toBeGreaterThanOrEqual(36);
      const alerts = await q(`SELECT cluster_id, level, status FROM monitor_alerts`);
      expect(alerts).toEqual([{ cluster_id: burstCluster, level: expect.stringMatching(/^(warning|critical)$/), status: 'open' }]);
      const [unit] = await q(`SELECT id FROM units WHERE code = 'pingdu-cyberspace'`);
      const notices = await q(`SELECT kind, title FROM notifications WHERE recipient_unit_id = $1 AND recipient_role = 'monitor'`, [unit.id]);
      expect(notices.length).toBeGreaterThanOrEqual(1);
      expect(notices[0]).toMatchObject({ kind: 'monitor.alert', title: expect.stringContaining('低保金') });
    });

    it('shows the cluster as hot to the monitor, with its timeline, terms and splits, and to nobody else', async () => {
      time.set(new Date(Date.parse(burst[burst.length - 1].time) + 60_000));
      const hot = await call(hub.baseUrl, 'GET', '/api/v1/staff/monitor/clusters?view=hot', { token: monitor });
      expect(hot.status).toBe(200);
      expect(hot.body.map((c: { id: string }) => c.id)).toEqual([burstCluster]);
      expect(hot.body[0]).toMatchObject({ hot: true, alert: { status: 'open' }, caseId: null });
      expect(hot.body[0].label).toContain('低保金');
      const detail = await call(hub.baseUrl, 'GET', `/api/v1/staff/monitor/clusters/${burstCluster}`, { token: monitor });
      expect(detail.status).toBe(200);
      expect(detail.body.hourly.reduce((sum: number, b: { count: number }) => sum + b.count, 0)).toBe(detail.body.messageCount);
      expect(detail.body.channels).toEqual([{ name: 'portal', count: detail.body.messageCount }]);
      expect(detail.body.sentiment.reduce((sum: number, s: { count: number }) => sum + s.count, 0)).toBe(detail.body.messageCount);
      expect(detail.body.units[0]).toMatchObject({ code: 'pingdu-civil-affairs' });
      expect((await call(hub.baseUrl, 'GET', '/api/v1/staff/monitor/clusters', { token: dispatcher })).status).toBe(403);
    });

    it('keeps the alert and the clusters across a worker restart: more of the same joins the cluster, no second alert', async () => {
      await hub.worker!.close();
      hub.worker = await bootstrapWorker(hub.config, time);
      const later = monitorStream({ seed: 99, start: Date.parse(burst[burst.length - 1].time) + 10 * 60_000, hours: 0.5, backgroundEveryMinutes: 60, burst: { atHour: 0, count: 5, minutes: 20 } });
      const more = await replay(later);
      for (const m of later.filter((x) => x.topic === BURST_TOPIC.key)) expect(await clusterOf(more.get(m.id)!.messageId)).toBe(burstCluster);
      const alerts = await call(hub.baseUrl, 'GET', '/api/v1/staff/monitor/alerts', { token: monitor });
      expect(alerts.body).toHaveLength(1);
      expect(alerts.body[0]).toMatchObject({ clusterId: burstCluster, status: 'open', levelText: expect.stringMatching(/^(较大|重大)$/) });
      expect(alerts.body[0].count).toBeGreaterThanOrEqual(5);
    });

    it('opens a case from the cluster: one ticket for the majority lead unit, the members linked, a 48-hour clock', async () => {
      const openedAt = Date.parse(burst[burst.length - 1].time) + 2 * 3_600_000;
      time.set(new Date(openedAt));
      const opened = await call(hub.baseUrl, 'POST', `/api/v1/staff/monitor/clusters/${burstCluster}/case`, { token: monitor, body: {} });
      expect(opened.status).toBe(201);
      const [ticket] = await q(
        `SELECT t.status, u.code FROM tickets t JOIN units u ON u.id = t.lead_unit_id WHERE t.id = $1`,
        [opened.body.ticketId],
      );
      expect(ticket).toEqual({ status: 'assigned', code: 'pingdu-civil-affairs' });
      const linked = await q(`SELECT ticket_id FROM monitor_case_tickets WHERE case_id = $1 ORDER BY 1`, [opened.body.id]);
      const members = await q(`SELECT ticket_id FROM monitor_messages WHERE cluster_id = $1 ORDER BY 1`, [burstCluster]);
      expect(linked).toEqual(members);
      const clocks = await q(`SELECT purpose, state, unit, length, due_at FROM clocks WHERE subject_id = $1 AND purpose LIKE 'sentiment%'`, [opened.body.ticketId]);
      expect(clocks).toEqual([{ purpose: 'sentimentResponse', state: 'running', unit: 'hours', length: 48, due_at: new Date(openedAt + 48 * 3_600_000) }]);

      const cases = await call(hub.baseUrl, 'GET', '/api/v1/staff/monitor/cases', { token: monitor });
      expect(cases.body).toHaveLength(1);
      expect(cases.body[0]).toMatchObject({ clusterId: burstCluster, trackingNo: opened.body.trackingNo, leadUnit: { code: 'pingdu-civil-affairs' }, memberCount: members.length });
      expect(cases.body[0].clocks).toEqual([expect.objectContaining({ purpose: 'sentimentResponse', dueAt: new Date(openedAt + 48 * 3_600_000).toISOString() })]);
      const again = await call(hub.baseUrl, 'POST', `/api/v1/staff/monitor/clusters/${burstCluster}/case`, { token: monitor, body: {} });
      expect(again.status).toBe(409);
    });

    it('starts the 5-hour and 24-hour clocks for a major emergency, with the lead unit named', async () => {
      const other = await clusterOf(ids.get(stream.find((m) => m.topic === 'heating')!.id)!.messageId);
      const opened = await call(hub.baseUrl, 'POST', `/api/v1/staff/monitor/clusters/${other}/case`, {
        token: monitor,
        body: { majorEmergency: true, leadUnit: 'pingdu-construction' },
      });
      expect(opened.status).toBe(201);
      const clocks = await q(`SELECT purpose, length FROM clocks WHERE subject_id = $1 AND purpose LIKE 'sentiment%' ORDER BY length`, [opened.body.ticketId]);
      expect(clocks).toEqual([
        { purpose: 'sentimentResponse', length: 5 },
        { purpose: 'sentimentPressConference', length: 24 },
      ]);
      const unknown = await call(hub.baseUrl, 'POST', `/api/v1/staff/monitor/clusters/topic-99999/case`, { token: monitor, body: {} });
      expect(unknown.status).toBe(404);
    });

    it('lets the monitor acknowledge, then close the alert with a note', async () => {
      const [{ id }] = await q(`SELECT id FROM monitor_alerts`);
      const path = `/api/v1/staff/monitor/alerts/${id}`;
      expect(await call(hub.baseUrl, 'POST', `${path}/acknowledge`, { token: monitor })).toEqual({ status: 200, body: { id, status: 'acknowledged' } });
      expect((await call(hub.baseUrl, 'POST', `${path}/acknowledge`, { token: monitor })).status).toBe(409);
      expect((await call(hub.baseUrl, 'POST', `${path}/close`, { token: monitor, body: {} })).body).toMatchObject({ field: 'note' });
      expect(await call(hub.baseUrl, 'POST', `${path}/close`, { token: monitor, body: { note: '已立案处置' } })).toEqual({ status: 200, body: { id, status: 'closed' } });
      expect((await call(hub.baseUrl, 'GET', '/api/v1/staff/monitor/alerts', { token: monitor })).body).toEqual([]);
      expect((await call(hub.baseUrl, 'GET', '/api/v1/staff/monitor/alerts?status=closed', { token: monitor })).body[0]).toMatchObject({ id, closeNote: '已立案处置' });
    });

    it('raises nothing for the same topic spread over a week once the burst has expired', async () => {
      const weekStart = Date.parse(burst[burst.length - 1].time) + 4 * 86_400_000;
      const spread = monitorStream({ seed: 5, start: weekStart, hours: 7 * 24, backgroundEveryMinutes: 24 * 60, burst: { atHour: 0, count: 40, minutes: 7 * 24 * 60 } });
      const spreadIds = await replay(spread);
      const clusters = new Set<string>();
      for (const m of spread.filter((x) => x.topic === BURST_TOPIC.key)) clusters.add(await clusterOf(spreadIds.get(m.id)!.messageId));
      expect(clusters.has(burstCluster)).toBe(false);
      const alerts = await q(`SELECT cluster_id FROM monitor_alerts WHERE cluster_id = ANY ($1)`, [[...clusters]]);
      expect(alerts).toEqual([]);
      expect((await q(`SELECT status FROM monitor_clusters WHERE id = $1`, [burstCluster]))[0].status).toBe('expired');
    });
  });

  describe('several workers', () => {
    it('cluster messages arriving at once in two workers as one worker would: no lost update of a cluster row', async () => {
      const second = await bootstrapWorker(hub.config, time);
      try {
        const from = START + 30 * 86_400_000;
        const stream = monitorStream({ seed: 11, start: from, hours: 1, backgroundEveryMinutes: 10, burst: { atHour: 0, count: 20, minutes: 30 } });
        const trackingNos: string[] = [];
        for (const m of stream) {
          time.set(new Date(Date.parse(m.time)));
          const receipt = await call(hub.baseUrl, 'POST', '/api/v1/portal/messages', { body: { title: m.title, body: m.text, kind: 'complaint', publicConsent: true } });
          trackingNos.push(receipt.body.trackingNo);
        }
        await waitFor('both workers to monitor every message', async () => {
          const [{ n }] = await q(`SELECT count(*)::int AS n FROM monitor_messages mm JOIN tickets t ON t.id = mm.ticket_id WHERE t.tracking_no = ANY ($1)`, [trackingNos]);
          return n === stream.length;
        });
        const drift = await q(
          `SELECT c.id, c.message_count, (SELECT count(*)::int FROM monitor_messages mm WHERE mm.cluster_id = c.id) AS members
             FROM monitor_clusters c WHERE c.message_count <> (SELECT count(*) FROM monitor_messages mm WHERE mm.cluster_id = c.id)`,
        );
        expect(drift).toEqual([]);
        // Every transaction bumps the revision once, and takes one message or more (a batch).
        const [state] = await q(`SELECT revision::int AS revision FROM monitor_state`);
        const [{ n }] = await q(`SELECT count(*)::int AS n FROM monitor_messages`);
        expect(state.revision).toBeGreaterThan(0);
        expect(state.revision).toBeLessThanOrEqual(n);
        const burstClusters = await q(
          `SELECT DISTINCT mm.cluster_id FROM monitor_messages mm JOIN tickets t ON t.id = mm.ticket_id JOIN inbound_messages m ON m.id = mm.message_id
            WHERE t.tracking_no = ANY ($1) AND m.title = $2`,
          [trackingNos, BURST_TOPIC.title],
        );
        expect(burstClusters).toHaveLength(1);
      } finally {
        await second.close();
      }
    });
  });

  it('sends a message whose monitor job was lost (Redis flushed) to the monitor again', async () => {
    const lost = await submit(START + 40 * 86_400_000, '供暖不热', '我家暖气一直不热，室温只有十二度，老人孩子都冻感冒了，请热力公司尽快来检修。');
    await q(`DELETE FROM monitor_messages WHERE message_id = $1`, [lost.messageId]);
    await hub.worker!.get(JobQueue).remove({ name: JobName.MonitorMessage, data: { messageId: lost.messageId } });
    expect(await hub.worker!.get(MonitorSweeper).sweep(0)).toBe(1);
    await waitFor('the swept message to be monitored', async () => (await q(`SELECT 1 FROM monitor_messages WHERE message_id = $1`, [lost.messageId])).length === 1);
  });
});
