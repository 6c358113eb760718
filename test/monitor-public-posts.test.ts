import { randomUUID } from 'node:crypto';
import { ChannelPublicPostsRepository } from '../libs/channels/src/accounts/channel-public-posts.repository';
import { MonitorProcessor, MonitorSweeper } from '../libs/monitor/src';
import { BURST_TOPIC, monitorStream } from '../libs/monitor/src/demo-stream';
import { JobName, JobQueue, QueueName, jobIdOf } from '../libs/queue/src';
import { FixedTime, InProcessHub, startInProcessHub } from './support/in-process-hub';
import { monitorProcessor, segmentMessages, submitPortalMessage } from './support/monitor-replay';
import { call, login } from './support/staff-client';

/**
 * Public Weibo posts (@mentions, comments) in the hot-topic monitor: clustered and scored beside the citizens'
 * messages, in rows of their own (they have no ticket), so that a wave of public posts about one matter is an alert
 * like a wave of messages. No worker runs: the test feeds the monitor itself, in simulated time.
 */
describe('public posts in the monitor', () => {
  const START = Date.parse('2026-11-09T08:00:00+08:00');
  const HOUR = 3_600_000;
  const ACCOUNT_NAME = '平度发布';
  const time = new FixedTime(new Date(START));
  let hub: InProcessHub;
  let processor: MonitorProcessor;
  let posts: ChannelPublicPostsRepository;
  let accountId: string;
  const q = (sql: string, params: unknown[] = []) => hub.dataSource.query(sql, params);

  const record = async (
    text: string,
    postedAt: Date | null,
    receivedAt: Date,
    kind: 'mention' | 'comment' = 'mention',
    authorId = String(5_000_000_000 + Math.floor(Math.random() * 1e8)),
  ): Promise<string> => {
    const recorded = await posts.record({
      accountId,
      kind,
      dedupeKey: `weibo:${randomUUID()}`,
      source: 'poll',
      authorId,
      text,
      postedAt,
      payload: {},
      receivedAt,
      acknowledgedVia: 'none',
    });
    return recorded.id;
  };

  beforeAll(async () => {
    hub = await startInProcessHub({ worker: false, time });
    processor = monitorProcessor(hub, time);
    posts = hub.api.get(ChannelPublicPostsRepository, { strict: false });
    const created = await call(hub.baseUrl, 'POST', '/api/v1/admin/channel-accounts', {
      token: await login(hub.baseUrl, 'admin'),
      body: { platform: 'weibo', name: ACCOUNT_NAME, appId: '3965328901', mode: 'push', credentials: { appSecret: 'secret', accessToken: 'token' } },
    });
    expect(created.status).toBe(201);
    accountId = created.body.id;
  });
  afterAll(() => hub?.close());

  describe('a wave of public @mentions among messages', () => {
    // A day and a half of messages on everyday matters, then the 低保金 matter as public @mentions only.
    const stream = monitorStream({ seed: 8, start: START, hours: 32, backgroundEveryMinutes: 50, burst: { atHour: 30, count: 24, minutes: 45 } });
    const wave = stream.filter((m) => m.topic === BURST_TOPIC.key);
    let waveIds: string[];
    let messageIds: string[];

    beforeAll(async () => {
      messageIds = [];
      waveIds = [];
      const subjects: { kind: 'message' | 'post'; id: string }[] = [];
      for (const m of stream) {
        const at = Date.parse(m.time);
        if (m.topic === BURST_TOPIC.key) {
          // Polled a few minutes after it was posted; @the account in front, as a mention has it.
          const id = await record(`@${ACCOUNT_NAME} ${m.text}`, new Date(at), new Date(at + 5 * 60_000));
          waveIds.push(id);
          subjects.push({ kind: 'post', id });
        } else {
          const id = await submitPortalMessage(hub, time, at, m.title, m.text);
          messageIds.push(id);
          subjects.push({ kind: 'message', id });
        }
      }
      await segmentMessages(hub, messageIds);
      // In arrival order, as the jobs would come; batched as the worker's would be.
      const outcomes = await Promise.all(subjects.map((s) => (s.kind === 'post' ? processor.processPost(s.id) : processor.process(s.id))));
      expect(outcomes).toEqual(subjects.map(() => 'done'));
    });

    it('clusters the posts together, in rows of their own, by the time they were posted', async () => {
      expect(wave.length).toBe(24);
      const rows = await q(`SELECT post_id, at, channel, cluster_id, sentiment_label FROM monitor_public_posts ORDER BY at`);
      expect(rows).toHaveLength(wave.length);
      expect(new Set(rows.map((r: { cluster_id: string }) => r.cluster_id)).size).toBe(1);
      expect(rows.map((r: { at: Date }) => r.at.toISOString())).toEqual(wave.map((m) => new Date(m.time).toISOString()));
      for (const r of rows) expect(r.channel).toBe('weibo-mention');
      // The messages have their rows as before, none of them in the posts' cluster.
      const messages = await q(`SELECT count(*)::int AS n, count(*) FILTER (WHERE cluster_id = $1)::int AS inWave FROM monitor_messages`, [rows[0].cluster_id]);
      expect(messages).toEqual([{ n: messageIds.length, inwave: 0 }]);
    });

    it('raises one alert for the wave, labelled by the matter and not by the account @named in every post', async () => {
      const [{ cluster_id: clusterId }] = await q(`SELECT cluster_id FROM monitor_public_posts LIMIT 1`);
      const alerts = await q(`SELECT cluster_id, status FROM monitor_alerts`);
      expect(alerts).toEqual([{ cluster_id: clusterId, status: 'open' }]);
      const [cluster] = await q(`SELECT label, state FROM monitor_clusters WHERE id = $1`, [clusterId]);
      expect(cluster.label).toContain('低保金');
      const terms = cluster.state.centroid.map(([term]: [string, number]) => term);
      expect(terms.filter((term: string) => ACCOUNT_NAME.includes(term) || term.includes('@'))).toEqual([]);
    });

    it('shows the posts to the monitor in the cluster, with the channel and sentiment splits counting them', async () => {
      time.set(new Date(Date.parse(wave[wave.length - 1].time) + 10 * 60_000));
      const [{ cluster_id: clusterId }] = await q(`SELECT cluster_id FROM monitor_public_posts LIMIT 1`);
      const monitor = await login(hub.baseUrl, 'pingdu-cyberspace.monitor');
      const hot = await call(hub.baseUrl, 'GET', '/api/v1/staff/monitor/clusters?view=hot', { token: monitor });
      expect(hot.body.map((c: { id: string }) => c.id)).toEqual([clusterId]);
      const detail = await call(hub.baseUrl, 'GET', `/api/v1/staff/monitor/clusters/${clusterId}`, { token: monitor });
      expect(detail.status).toBe(200);
      expect(detail.body.channels).toEqual([{ name: 'weibo-mention', count: wave.length }]);
      expect(detail.body.sentiment.reduce((sum: number, s: { count: number }) => sum + s.count, 0)).toBe(wave.length);
      expect(detail.body.messages).toEqual([]);
      expect(detail.body.publicPosts).toHaveLength(20);
      expect(detail.body.publicPosts[0]).toMatchObject({ kind: 'mention', channel: 'weibo-mention', text: `@${ACCOUNT_NAME} ${wave[wave.length - 1].text}`, sentimentLabel: expect.any(String) });
      // Past the turn of the hour the wave is still in the last hour: still hot, not a new hour with nothing in it. The
      // last hour is the ten-minute bucket of 15:05 and the five before it, from 14:10.
      const nextHour = Math.floor(Date.parse(wave[wave.length - 1].time) / HOUR) * HOUR + HOUR;
      time.set(new Date(nextHour + 5 * 60_000));
      const inLastHour = wave.filter((m) => Date.parse(m.time) >= nextHour - 50 * 60_000).length;
      expect(inLastHour).toBeLessThan(wave.length);
      const after = await call(hub.baseUrl, 'GET', '/api/v1/staff/monitor/clusters?view=hot', { token: monitor });
      expect(after.body.map((c: { id: string; current: number }) => [c.id, c.current])).toEqual([[clusterId, inLastHour]]);
    });

    it('opens a case from the wave for a lead unit the monitor names, since no member ticket has one', async () => {
      const [{ cluster_id: clusterId }] = await q(`SELECT cluster_id FROM monitor_public_posts LIMIT 1`);
      const monitor = await login(hub.baseUrl, 'pingdu-cyberspace.monitor');
      const path = `/api/v1/staff/monitor/clusters/${clusterId}/case`;
      const unnamed = await call(hub.baseUrl, 'POST', path, { token: monitor, body: {} });
      expect(unnamed.status).toBe(400);
      expect(JSON.stringify(unnamed.body)).toContain('name the lead unit');
      const openedAt = time.now().getTime();
      const opened = await call(hub.baseUrl, 'POST', path, { token: monitor, body: { leadUnit: 'pingdu-civil-affairs' } });
      expect(opened.status).toBe(201);
      expect(await q(`SELECT count(*)::int AS n FROM monitor_case_tickets WHERE case_id = $1`, [opened.body.id])).toEqual([{ n: 0 }]);
      const clocks = await q(`SELECT purpose, due_at FROM clocks WHERE subject_id = $1 AND purpose LIKE 'sentiment%'`, [opened.body.ticketId]);
      expect(clocks).toEqual([{ purpose: 'sentimentResponse', due_at: new Date(openedAt + 48 * HOUR) }]);
    });
  });

  describe('one text posted again and again by many accounts (a copy-paste campaign)', () => {
    const AT = START + 44 * HOUR;
    const TEXT = '开发区化工厂半夜偷排废水，白沙河里的鱼都死了，环保部门到现在不管不问！';
    // Five accounts, one of them twice: the same text, a repost's //@name:, a prefix, an edit of a few characters.
    const copies: [author: string, text: string][] = [
      ['6000000001', `@${ACCOUNT_NAME} ${TEXT}`],
      ['6000000002', `${TEXT}//@白沙河边人: 转发`],
      ['6000000003', `@${ACCOUNT_NAME} 大家帮忙转：${TEXT}`],
      ['6000000004', `@${ACCOUNT_NAME} ${TEXT.replace('半夜', '夜里')}`],
      ['6000000001', `@${ACCOUNT_NAME} ${TEXT}`],
      ['6000000005', `@${ACCOUNT_NAME} ${TEXT}求扩散`],
    ];
    // The same matter in a citizen's own words is no copy.
    const OWN_WORDS = '白沙河这几天水发黑发臭，死鱼漂了一片，怀疑上游化工厂排污，希望环保局去查一查。';
    let messageId: string;
    let firstIds: string[];
    let laterId: string;
    let ownWordsId: string;

    beforeAll(async () => {
      // A message with the campaign's text came first: a post never copies a message (nor a message a post).
      messageId = await submitPortalMessage(hub, time, AT - HOUR, '化工厂偷排废水', TEXT);
      await segmentMessages(hub, [messageId]);
      expect(await processor.process(messageId)).toBe('done');
      firstIds = [];
      for (const [i, [author, text]] of copies.slice(0, 5).entries()) {
        firstIds.push(await record(text, new Date(AT + i * 60_000), new Date(AT + i * 60_000 + 30_000), 'mention', author));
      }
      ownWordsId = await record(`@${ACCOUNT_NAME} ${OWN_WORDS}`, new Date(AT + 6 * 60_000), new Date(AT + 6 * 60_000 + 30_000), 'mention', '6000000009');
      // Taken together (one group-committed step, the batch's own signatures), then one more in a step of its own.
      const outcomes = await Promise.all([...firstIds, ownWordsId].map((id) => processor.processPost(id)));
      expect(outcomes.every((o) => o === 'done')).toBe(true);
      const [author, text] = copies[5];
      laterId = await record(text, new Date(AT + 9 * 60_000), new Date(AT + 9 * 60_000 + 30_000), 'comment', author);
      expect(await processor.processPost(laterId)).toBe('done');
    });

    it('links each copy to the first post, within a batch and across steps, and leaves the post in other words alone', async () => {
      const rows = await q(`SELECT post_id, duplicate_of, duplicate_similarity FROM monitor_public_posts WHERE post_id = ANY($1)`, [[...firstIds, ownWordsId, laterId]]);
      const copyOf = new Map(rows.map((r: { post_id: string; duplicate_of: string | null }) => [r.post_id, r.duplicate_of]));
      expect(copyOf.get(firstIds[0])).toBeNull();
      for (const id of [...firstIds.slice(1), laterId]) expect(copyOf.get(id)).toBe(firstIds[0]);
      expect(copyOf.get(ownWordsId)).toBeNull();
      for (const r of rows) if (r.duplicate_of !== null) expect(r.duplicate_similarity).toBeGreaterThanOrEqual(0.5);
      // Posts and messages are compared within their own kind only.
      expect(await q(`SELECT duplicate_of FROM monitor_messages WHERE message_id = $1`, [messageId])).toEqual([{ duplicate_of: null }]);
      expect(await q(`SELECT count(*)::int AS n FROM monitor_post_signatures WHERE post_id = $1`, [messageId])).toEqual([{ n: 0 }]);
      expect(await q(`SELECT count(*)::int AS n FROM monitor_signatures WHERE message_id = ANY($1)`, [[...firstIds, laterId]])).toEqual([{ n: 0 }]);
    });

    it('shows the campaign in the topic view: how many posts, from how many accounts, when', async () => {
      const [{ cluster_id: clusterId }] = await q(`SELECT cluster_id FROM monitor_public_posts WHERE post_id = $1`, [firstIds[0]]);
      const monitor = await login(hub.baseUrl, 'pingdu-cyberspace.monitor');
      const detail = await call(hub.baseUrl, 'GET', `/api/v1/staff/monitor/clusters/${clusterId}`, { token: monitor });
      expect(detail.status).toBe(200);
      expect(detail.body.copiedPosts).toEqual([
        {
          firstPostId: firstIds[0],
          text: copies[0][1],
          posts: 6,
          authors: 5,
          firstAt: new Date(AT).toISOString(),
          lastAt: new Date(AT + 9 * 60_000).toISOString(),
        },
      ]);
      const listed = new Map(detail.body.publicPosts.map((p: { id: string; copyOf: string | null }) => [p.id, p.copyOf]));
      expect(listed.get(laterId)).toBe(firstIds[0]);
      expect(listed.get(firstIds[0])).toBeNull();
    });

    it("counts the copies in the burst check: four of the last hour's posts, and the first author's resend apart", async () => {
      const [{ cluster_id: clusterId }] = await q(`SELECT cluster_id FROM monitor_public_posts WHERE post_id = $1`, [firstIds[0]]);
      const [{ burst }] = await q(`SELECT burst FROM monitor_clusters WHERE id = $1`, [clusterId]);
      // The first post and four copies by other accounts (the post in other words may have joined them); its author's
      // own second post is linked as a near-duplicate all the same, but it is a resend: no copy, and no other voice.
      expect(burst.count).toBeGreaterThanOrEqual(5);
      expect({ copies: burst.copies, resends: burst.resends, hot: burst.hot }).toEqual({ copies: 4, resends: 1, hot: true });
      const [{ sender_key: first }] = await q(`SELECT sender_key FROM monitor_post_signatures WHERE post_id = $1`, [firstIds[0]]);
      const [{ sender_key: again }] = await q(`SELECT sender_key FROM monitor_post_signatures WHERE post_id = $1`, [firstIds[4]]);
      expect(again).toBe(first);
      expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });
  });

  it('monitors a post of nothing but @names, in no cluster', async () => {
    const id = await record(`@${ACCOUNT_NAME} @东阁发布`, null, new Date(START + 41 * HOUR));
    expect(await processor.processPost(id)).toBe('done');
    expect(await q(`SELECT cluster_id, sentiment_label FROM monitor_public_posts WHERE post_id = $1`, [id])).toEqual([{ cluster_id: null, sentiment_label: 'neutral' }]);
  });

  it('skips a post monitored already and fails one that does not exist, changing nothing for it', async () => {
    const [{ post_id: done }] = await q(`SELECT post_id FROM monitor_public_posts LIMIT 1`);
    const missing = randomUUID();
    const before = await q(`SELECT count(*)::int AS n FROM monitor_public_posts`);
    const outcomes = await Promise.allSettled([processor.processPost(done), processor.processPost(missing)]);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual(['skipped', `public post ${missing} does not exist`]);
    expect(await q(`SELECT count(*)::int AS n FROM monitor_public_posts`)).toEqual(before);
  });

  it("takes a post at the time it was posted, but never later than it arrived, and at its arrival when it has no time", async () => {
    const arrived = new Date(START + 40 * HOUR);
    const ahead = await record('东阁街道的路灯又坏了，晚上出行很不安全', new Date(arrived.getTime() + 2 * HOUR), arrived, 'comment');
    const timeless = await record('东阁街道路灯坏了好几天，希望尽快修好', null, arrived, 'comment');
    expect(await processor.processPost(ahead)).toBe('done');
    expect(await processor.processPost(timeless)).toBe('done');
    const rows = await q(`SELECT post_id, at, channel FROM monitor_public_posts WHERE post_id = ANY($1) ORDER BY post_id`, [[ahead, timeless]]);
    expect(rows).toEqual(
      [ahead, timeless].sort().map((id) => ({ post_id: id, at: arrived, channel: 'weibo-comment' })),
    );
  });

  it('re-enqueues a post of the window whose monitor job was lost', async () => {
    const lost = await record('村里的自来水停了三天，没人来修', null, new Date(Date.now() - 10 * 60_000));
    const jobs = hub.api.get(JobQueue, { strict: false });
    const sweeper = new MonitorSweeper(hub.dataSource, jobs, hub.config);
    expect(await sweeper.sweep(60_000)).toBeGreaterThanOrEqual(1);
    const job = await jobs.queue(QueueName.Monitor).getJob(jobIdOf({ name: JobName.MonitorPublicPost, data: { postId: lost } }));
    expect(job?.data).toEqual({ postId: lost });
    // Once monitored, it is not swept again.
    expect(await processor.processPost(lost)).toBe('done');
    await job!.remove();
    await sweeper.sweep(60_000);
    expect(await jobs.queue(QueueName.Monitor).getJob(jobIdOf({ name: JobName.MonitorPublicPost, data: { postId: lost } }))).toBeUndefined();
  });
});
