import { WeiboPollService } from '../libs/channels/src/weibo/weibo-poll.service';
import { JobName, JobQueue, QueueName, jobIdOf } from '../libs/queue/src';
import { DEFAULT_PUBLIC_ACKNOWLEDGEMENT } from '../libs/channels/src/weibo/weibo-push-plan';
import { formatWeiboTime } from '../libs/channels/src/weibo/weibo-push';
import { FakeWeiboApi } from './support/fake-weibo-api';
import { FixedTime, InProcessHub, startInProcessHub } from './support/in-process-hub';
import { PreparedPush, WeiboPushClient, sendOnce } from './support/platform-push-client';
import { answerAndApprove, receiptByApi, sentDelivery } from './support/reply-flow';
import { call, login } from './support/staff-client';
import { noIntakeRunning, slowDownIntake } from './support/slow-intake';
import { waitFor } from './support/wait-for';

const APP_KEY = '3965328901';
const APP_SECRET = 'fake-weibo-app-secret';
const ACCESS_TOKEN = 'fake-weibo-token';
/** The account's uid (the pushes' receiver_id). */
const ACCOUNT_UID = '1902538057';
const STREETLIGHT = '李园街道幸福小区门口的路灯坏了三天了，晚上出行很不安全，请尽快维修。';

/** The text of a passive reply (data is the URL-encoded JSON {"text": …}); undefined for the empty "received" body. */
function passiveText(body: string | undefined): string | undefined {
  if (!body) return undefined;
  const reply = JSON.parse(body);
  expect(reply).toMatchObject({ result: true, sender_id: ACCOUNT_UID, type: 'text' });
  return JSON.parse(decodeURIComponent(reply.data)).text;
}
const trackingNoIn = (text: string | undefined) => /受理编号：(\d{12,16})/.exec(text ?? '')?.[1];

async function createWeiboAccount(hub: InProcessHub, body: Record<string, unknown> = {}) {
  return call(hub.baseUrl, 'POST', '/api/v1/admin/channel-accounts', {
    token: await login(hub.baseUrl, 'admin'),
    body: { platform: 'weibo', name: '平度发布', appId: APP_KEY, mode: 'push', credentials: { appSecret: APP_SECRET, accessToken: ACCESS_TOKEN }, ...body },
  });
}

const weiboEnv = (baseUrl: string, extra: Record<string, string> = {}) => ({
  WEIBO_API_BASE_URL: baseUrl,
  WEIBO_MESSAGES_BASE_URL: baseUrl,
  PUBLIC_BASE_URL: 'https://wz.pingdu.example',
  ...extra,
});

describe('Weibo accounts (fan-service push)', () => {
  const fake = new FakeWeiboApi({ accessTokens: [ACCESS_TOKEN] });
  let weibo: { baseUrl: string; close: () => Promise<void> };
  let hub: InProcessHub;
  let accountId: string;
  let client: WeiboPushClient;

  const ticketsOf = async (uid: string) =>
    (await hub.dataSource.query(`SELECT t.id, t.tracking_no FROM tickets t JOIN inbound_messages m ON m.id = t.message_id WHERE m.sender_id = $1`, [uid])) as {
      id: string;
      tracking_no: string;
    }[];
  const count = async (table: string) => Number((await hub.dataSource.query(`SELECT count(*) FROM ${table}`))[0].count);
  const privateMessage = (senderId: string, text: string, createdAt?: string) => client.json({ type: 'text', senderId, receiverId: ACCOUNT_UID, text, ...(createdAt ? { createdAt } : {}) });

  beforeAll(async () => {
    weibo = await fake.start();
    hub = await startInProcessHub({ env: weiboEnv(weibo.baseUrl) });
    const created = await createWeiboAccount(hub, { settings: { menu: { QUERY: 'query' } } });
    expect(created.status).toBe(201);
    accountId = created.body.id;
    client = new WeiboPushClient({ url: `${hub.baseUrl}${created.body.webhookPath}`, appSecret: APP_SECRET });
  });
  afterAll(async () => {
    await hub?.close();
    await weibo?.close();
  });

  describe('accounts as data', () => {
    it('stores the app secret and access token encrypted and never shows them', async () => {
      const shown = await call(hub.baseUrl, 'GET', `/api/v1/admin/channel-accounts/${accountId}`, { token: await login(hub.baseUrl, 'admin') });
      expect(shown.body).toMatchObject({ platform: 'weibo', mode: 'push', credentialsSet: ['accessToken', 'appSecret'], webhookPath: `/channels/weibo/${accountId}` });
      expect(JSON.stringify(shown.body)).not.toMatch(new RegExp(`${APP_SECRET}|${ACCESS_TOKEN}`));
      const [row] = await hub.dataSource.query(`SELECT credentials FROM channel_accounts WHERE id = $1`, [accountId]);
      expect(row.credentials).toMatch(/^v1\./);
      expect(row.credentials).not.toMatch(new RegExp(`${APP_SECRET}|${ACCESS_TOKEN}`));
    });

    it.each([
      [{ mode: 'safe' }, 'mode'],
      [{ appId: 'other', credentials: { appSecret: APP_SECRET } }, 'credentials.accessToken'],
      [{ appId: 'other', settings: { mentionReply: '长'.repeat(141) } }, 'settings.mentionReply'],
    ])('refuses %j naming the field', async (body, field) => {
      const refused = await createWeiboAccount(hub, body);
      expect(refused.status).toBe(400);
      expect(refused.body.field).toBe(field);
    });
  });

  describe('the callback URL', () => {
    it('answers the URL check with echostr, and a wrong signature with 403 and nothing else', async () => {
      const check = client.urlCheck('weibo-echo-42');
      expect(await sendOnce(check, 5000)).toMatchObject({ status: 200, body: 'weibo-echo-42' });
      const forged = await sendOnce({ ...check, url: check.url.replace(/signature=[0-9a-f]+/, `signature=${'0'.repeat(40)}`) }, 5000);
      expect(forged.status).toBe(403);
      expect(forged.body).not.toContain('weibo-echo-42');
      expect((await sendOnce({ ...check, url: check.url.replace(accountId, '00000000-0000-4000-8000-000000000000') }, 5000)).status).toBe(404);
      expect((await sendOnce({ ...check, url: check.url.replace('/channels/weibo/', '/channels/fax/') }, 5000)).status).toBe(404);
    });

    it('turns a private message into one ticket however often the platform sends it, each answer carrying the receipt', async () => {
      const uid = '98765432109876543210';
      const push = client.prepare(privateMessage(uid, STREETLIGHT));
      const texts = [];
      for (let i = 0; i < 3; i++) {
        const answer = await sendOnce(push, 5000);
        expect(answer.status).toBe(200);
        texts.push(passiveText(answer.body));
      }
      const tickets = await ticketsOf(uid);
      expect(tickets).toHaveLength(1);
      for (const text of texts) {
        expect(trackingNoIn(text)).toBe(tickets[0].tracking_no);
        expect(text).toMatch(/查询码：[2-9A-Z]{8}/);
        expect(text).toMatch(/答复期限：\d{4}年\d{1,2}月\d{1,2}日前/);
      }
      const [message] = await hub.dataSource.query(`SELECT channel, account_id, kind, public_consent, body FROM inbound_messages WHERE sender_id = $1`, [uid]);
      expect(message).toEqual({ channel: 'weibo', account_id: accountId, kind: 'consult', public_consent: false, body: STREETLIGHT });
      expect(JSON.parse((await sendOnce(push, 5000)).body ?? '{}').receiver_id).toBe(uid);
    });

    it('answers 查询 with the sender’s own tickets, 帮助 and menu clicks as on WeChat', async () => {
      const uid = '2489518277';
      const receipt = passiveText((await client.push(privateMessage(uid, '投诉：楼下饭店油烟直排，熏得开不了窗户。'))).body);
      const trackingNo = trackingNoIn(receipt);
      expect(passiveText((await client.push(privateMessage(uid, '查询', 'Mon Jan 05 10:00:01 +0800 2026'))).body)).toContain(`${trackingNo}「投诉：楼下饭店油烟直排，熏得开不了窗户」`);
      expect(passiveText((await client.push(privateMessage('2489518278', `查询 ${trackingNo}`))).body)).toContain('没有找到');
      expect(passiveText((await client.push(privateMessage(uid, '帮助', 'Mon Jan 05 10:00:02 +0800 2026'))).body)).toContain('直接发送文字');
      const click = await client.push(client.json({ type: 'event', senderId: uid, receiverId: ACCOUNT_UID, data: { subtype: 'click', key: 'QUERY' } }));
      expect(passiveText(click.body)).toContain(trackingNo);
      const [message] = await hub.dataSource.query(`SELECT kind FROM inbound_messages WHERE sender_id = $1`, [uid]);
      expect(message.kind).toBe('complaint');
      expect(await ticketsOf(uid)).toHaveLength(1);
    });

    it('welcomes followers, records unfollows and tells what is not handled', async () => {
      const uid = '2489518300';
      const event = (subtype: string, createdAt: string) => client.json({ type: 'event', senderId: uid, receiverId: ACCOUNT_UID, createdAt, data: { subtype } });
      expect(passiveText((await client.push(event('follow', 'Mon Jan 05 10:00:00 +0800 2026'))).body)).toContain('欢迎关注');
      const image = client.json({ type: 'image', senderId: uid, receiverId: ACCOUNT_UID, createdAt: 'Mon Jan 05 10:00:01 +0800 2026', data: { vfid: 'v-1', tovfid: 'v-2' } });
      expect(passiveText((await client.push(image)).body)).toContain('目前只受理文字留言');
      expect(await client.push(event('unfollow', 'Mon Jan 05 10:00:02 +0800 2026'))).toMatchObject({ status: 200, body: '' });
      const events = await hub.dataSource.query(`SELECT kind, payload FROM channel_events WHERE sender_id = $1 ORDER BY received_at`, [uid]);
      expect(events).toEqual([
        { kind: 'event:follow', payload: {} },
        { kind: 'image', payload: { vfid: 'v-1', tovfid: 'v-2' } },
        { kind: 'event:unfollow', payload: {} },
      ]);
      expect(await ticketsOf(uid)).toHaveLength(0);
    });

    it('records a public @mention for the monitor and answers it only with the short public text', async () => {
      const uid = '5500000001';
      const mention = client.prepare(client.json({ type: 'mention', senderId: uid, receiverId: ACCOUNT_UID, text: `@平度发布 ${STREETLIGHT} 我电话13812345678` }));
      const first = await sendOnce(mention, 5000);
      const again = await sendOnce(mention, 5000);
      const text = passiveText(first.body);
      expect(text).toBe(DEFAULT_PUBLIC_ACKNOWLEDGEMENT);
      expect(passiveText(again.body)).toBe(DEFAULT_PUBLIC_ACKNOWLEDGEMENT);
      // No number, no query code, nothing of what the citizen wrote (their phone number included).
      expect(text).not.toMatch(/\d|查询码|路灯/);
      const posts = await hub.dataSource.query(`SELECT kind, source, author_id, text, acknowledged_via FROM channel_public_posts WHERE author_id = $1`, [uid]);
      expect(posts).toEqual([{ kind: 'mention', source: 'push', author_id: uid, text: `@平度发布 ${STREETLIGHT} 我电话13812345678`, acknowledged_via: 'passive-reply' }]);
      expect(await ticketsOf(uid)).toHaveLength(0);

      const comment = await client.push(client.json({ type: 'comment', senderId: uid, receiverId: ACCOUNT_UID, createdAt: 'Mon Jan 05 10:00:00 +0800 2026', text: '同问' }));
      expect(comment).toMatchObject({ status: 200, body: '' });
      expect(await hub.dataSource.query(`SELECT kind, acknowledged_via FROM channel_public_posts WHERE author_id = $1 ORDER BY kind`, [uid])).toEqual([
        { kind: 'comment', acknowledged_via: 'none' },
        { kind: 'mention', acknowledged_via: 'passive-reply' },
      ]);
      // The worker's monitor takes both (the retried push once), as public posts, not messages.
      const monitored = () =>
        hub.dataSource.query(
          `SELECT mp.channel FROM monitor_public_posts mp JOIN channel_public_posts p ON p.id = mp.post_id WHERE p.author_id = $1 ORDER BY 1`,
          [uid],
        );
      await waitFor('the monitor to take both posts', async () => (await monitored()).length === 2);
      expect(await monitored()).toEqual([{ channel: 'weibo-comment' }, { channel: 'weibo-mention' }]);
    });
  });

  describe('what must never create a ticket or crash', () => {
    it.each<[string, (push: PreparedPush) => PreparedPush, number]>([
      ['a forged signature', (p) => ({ ...p, url: p.url.replace(/signature=[0-9a-f]+/, `signature=${'f'.repeat(40)}`) }), 403],
      ['no signature', (p) => ({ ...p, url: p.url.replace(/signature=[0-9a-f]+&?/, '') }), 403],
      ['a replayed timestamp', (p) => p, 403],
      ['a 2 MB body', (p) => ({ ...p, body: `{"type":"text","text":"${'路'.repeat(700_000)}"}` }), 413],
    ])('%s → %s', async (what, tamper, status) => {
      const [messages, events, posts] = [await count('inbound_messages'), await count('channel_events'), await count('channel_public_posts')];
      const sender = what === 'a replayed timestamp' ? new WeiboPushClient({ url: `${hub.baseUrl}/channels/weibo/${accountId}`, appSecret: APP_SECRET, now: () => Date.now() - 600_000 }) : client;
      const answer = await sendOnce(tamper(sender.prepare(privateMessage('6600000001', STREETLIGHT))), 5000);
      expect(answer.status).toBe(status);
      expect([await count('inbound_messages'), await count('channel_events'), await count('channel_public_posts')]).toEqual([messages, events, posts]);
    });

    it('answers malformed and incomplete JSON safely, and keeps the unreadable push', async () => {
      const messages = await count('inbound_messages');
      for (const body of ['{"type":"text",', '[1,2]', '{"type":"text","sender_id":1,"receiver_id":2,"created_at":"x"}', '{"type":"text","sender_id":"abc","receiver_id":2}']) {
        expect(await sendOnce(client.prepare(body), 5000)).toMatchObject({ status: 200, body: '' });
      }
      expect(await count('inbound_messages')).toBe(messages);
      const kept = await hub.dataSource.query(`SELECT payload->>'reason' AS reason FROM channel_events WHERE kind = 'unreadable' AND account_id = $1 ORDER BY reason`, [accountId]);
      expect(kept.map((k: { reason: string }) => k.reason)).toEqual(['invalidField', 'malformed', 'malformed', 'missingField']);
    });
  });

  describe('replies on the same channel', () => {
    async function answered(uid: string, reply: string, options: { platformWindow?: boolean; beforeApproval?: () => Promise<unknown> } = {}): Promise<string> {
      if (options.platformWindow ?? true) fake.recordPrivateMessage(uid);
      await client.push(privateMessage(uid, STREETLIGHT));
      const [ticket] = await ticketsOf(uid);
      await answerAndApprove(hub, ticket.id, reply, options.beforeApproval);
      return ticket.id;
    }

    it('sends the reply by private message inside the 48-hour window, in parts of 300 characters', async () => {
      const ticketId = await answered('7700000001', `经查，路灯线路老化，已于今日更换，现已恢复照明。${'详'.repeat(400)}`);
      expect(await sentDelivery(hub, ticketId)).toMatchObject({ method: 'private-message' });
      const sent = fake.repliesTo('7700000001').map((r) => r.text);
      expect(sent).toHaveLength(2);
      expect(sent[0]).toMatch(/^【答复】您的留言（受理编号 \d+）已由市城乡建设局答复：\n经查，路灯线路老化/);
      expect(sent.every((text) => [...text].length <= 300)).toBe(true);
    });

    it('retries a platform system error with backoff and then delivers', async () => {
      const ticketId = await answered('7700000002', '已更换灯泡。', { beforeApproval: async () => fake.systemErrorNext(2) });
      expect(await sentDelivery(hub, ticketId)).toMatchObject({ method: 'private-message', attempts: 3 });
      expect(fake.state.requests.filter((r) => r.code === 10001)).toHaveLength(2);
      expect(fake.repliesTo('7700000002')).toHaveLength(1);
    });

    it('records the status page as the way when the window is closed, sending nothing', async () => {
      const ticketId = await answered('7700000003', '已维修。', {
        beforeApproval: () => hub.dataSource.query(`UPDATE inbound_messages SET received_at = received_at - interval '49 hours' WHERE sender_id = '7700000003'`),
      });
      const requests = fake.state.requests.length;
      expect(await sentDelivery(hub, ticketId)).toMatchObject({ method: 'status-page' });
      expect(fake.state.requests.length).toBe(requests);
      expect(fake.repliesTo('7700000003')).toEqual([]);
    });

    it('falls back to the status page when the platform refuses although the hub thought the window open', async () => {
      const ticketId = await answered('7700000004', '已维修完毕。', { platformWindow: false });
      expect(await sentDelivery(hub, ticketId)).toMatchObject({ method: 'status-page' });
      expect(fake.state.requests.some((r) => r.code === 29999)).toBe(true);
    });

    // Last in this hub: the account's token stays expired.
    it('fails the delivery at once, without retries, when the platform rejects the access token', async () => {
      const ticketId = await answered('7700000005', '已维修完毕。', { beforeApproval: async () => fake.expireToken(ACCESS_TOKEN) });
      const queue = hub.worker!.get(JobQueue).queue(QueueName.Deliver);
      const id = jobIdOf({ name: JobName.DeliverReply, data: { ticketId, round: 1 } });
      await waitFor('the delivery job to fail', async () => (await queue.getJobState(id)) === 'failed');
      // Read again once failed: a job read while it still ran keeps its attempts of that moment.
      expect((await queue.getJob(id))?.attemptsMade).toBe(1);
      const [row] = await hub.dataSource.query(`SELECT state, attempts, last_error FROM ticket_deliveries WHERE ticket_id = $1`, [ticketId]);
      expect(row).toMatchObject({ state: 'failed', attempts: 1, last_error: expect.stringContaining('21327') });
      expect(fake.repliesTo('7700000005')).toEqual([]);
    });
  });
});

describe('Weibo when PostgreSQL is slow', () => {
  const fake = new FakeWeiboApi({ accessTokens: [ACCESS_TOKEN] });
  let weibo: { baseUrl: string; close: () => Promise<void> };
  let hub: InProcessHub;
  let client: WeiboPushClient;

  beforeAll(async () => {
    weibo = await fake.start();
    hub = await startInProcessHub({ env: weiboEnv(weibo.baseUrl, { CHANNEL_REPLY_BUDGET_MS: '400' }) });
    const created = await createWeiboAccount(hub);
    client = new WeiboPushClient({ url: `${hub.baseUrl}${created.body.webhookPath}`, appSecret: APP_SECRET });
    // Every new message takes PostgreSQL 2 seconds: far over the 400 ms budget, under the platform's 5 s.
    await slowDownIntake(hub.dataSource, 2);
  });
  afterAll(async () => {
    await hub?.close();
    await weibo?.close();
  });

  it('answers with the empty body within the budget, then sends the receipt once by the reply API', async () => {
    const uid = '8800000001';
    fake.recordPrivateMessage(uid);
    const report = await client.pushWithRetries(client.json({ type: 'text', senderId: uid, receiverId: ACCOUNT_UID, text: STREETLIGHT }));
    expect(report).toMatchObject({ delivered: true, body: '' });
    expect(report.attempts).toHaveLength(1);
    // Answered before PostgreSQL had the message: the receipt could not have been in the answer.
    expect(await hub.dataSource.query(`SELECT id FROM inbound_messages WHERE sender_id = $1`, [uid])).toEqual([]);

    const { receipt, ticket } = await receiptByApi(hub, uid, () => fake.repliesTo(uid));
    expect(trackingNoIn(receipt.text)).toBe(ticket.tracking_no);
    expect(ticket.acknowledged_via).toBe('private-message');
    // Both the push's own intake and the job's finished: still one message, one receipt.
    await waitFor('both intakes to finish', () => noIntakeRunning(hub.dataSource));
    expect(await hub.dataSource.query(`SELECT id FROM inbound_messages WHERE sender_id = $1`, [uid])).toHaveLength(1);
    expect(fake.repliesTo(uid)).toHaveLength(1);
  });
});

describe('Weibo polling for accounts without push', () => {
  const INTERVAL_MS = 600_000;
  const time = new FixedTime(new Date());
  const fake = new FakeWeiboApi({ accessTokens: [ACCESS_TOKEN], now: () => time.now().getTime() });
  let weibo: { baseUrl: string; close: () => Promise<void> };
  let hub: InProcessHub;
  let accountId: string;
  let poller: WeiboPollService;

  const advance = (ms: number) => time.set(new Date(time.now().getTime() + ms));
  const posts = () =>
    hub.dataSource.query(`SELECT kind, source, platform_post_id, platform_status_id, author_id, acknowledged_via FROM channel_public_posts ORDER BY platform_post_id NULLS FIRST`);
  const acknowledged = (expected: number) =>
    waitFor(`${expected} public answers`, async () => {
      const [{ n }] = await hub.dataSource.query(`SELECT count(*)::int AS n FROM channel_public_posts WHERE acknowledged_via = 'public-comment'`);
      return n === expected && fake.state.comments.length === expected;
    });

  beforeAll(async () => {
    weibo = await fake.start();
    hub = await startInProcessHub({ time, env: weiboEnv(weibo.baseUrl, { WEIBO_POLL_INTERVAL_MS: String(INTERVAL_MS) }) });
    const created = await createWeiboAccount(hub, { mode: 'poll', settings: { mentionReply: '您好，已收到您的意见。具体诉求请私信本账号留言。' } });
    accountId = created.body.id;
    poller = hub.worker!.get(WeiboPollService);
  });
  afterAll(async () => {
    await hub?.close();
    await weibo?.close();
  });

  it('records mentions and comments once across two polls and answers each mention with one public comment', async () => {
    const post = fake.addToTimeline('status-mentions', { authorId: '9900000001', text: '@平度发布 南村镇的路灯坏了一个月了' });
    const mentionInComment = fake.addToTimeline('comment-mentions', { authorId: '9900000002', text: '@平度发布 同问', statusId: '4100000000000999' });
    const comment = fake.addToTimeline('comments-to-me', { authorId: '9900000003', text: '支持', statusId: '4100000000000888' });
    expect(await poller.pollAll()).toEqual({ [accountId]: { 'status-mentions': 'polled', 'comment-mentions': 'polled', 'comments-to-me': 'polled' } });
    await acknowledged(2);

    advance(INTERVAL_MS);
    const later = fake.addToTimeline('status-mentions', { authorId: '9900000004', text: '@平度发布 公交站牌被撞坏了' });
    await poller.pollAll();
    await acknowledged(3);

    expect(await posts()).toEqual([
      { kind: 'mention', source: 'poll', platform_post_id: post.id, platform_status_id: null, author_id: '9900000001', acknowledged_via: 'public-comment' },
      { kind: 'mention', source: 'poll', platform_post_id: mentionInComment.id, platform_status_id: '4100000000000999', author_id: '9900000002', acknowledged_via: 'public-comment' },
      { kind: 'comment', source: 'poll', platform_post_id: comment.id, platform_status_id: '4100000000000888', author_id: '9900000003', acknowledged_via: 'none' },
      { kind: 'mention', source: 'poll', platform_post_id: later.id, platform_status_id: null, author_id: '9900000004', acknowledged_via: 'public-comment' },
    ]);
    const text = '您好，已收到您的意见。具体诉求请私信本账号留言。';
    expect(fake.state.comments).toEqual(
      expect.arrayContaining([
        { statusId: post.id, text, accessToken: ACCESS_TOKEN },
        { statusId: '4100000000000999', commentId: mentionInComment.id, text, accessToken: ACCESS_TOKEN },
        { statusId: later.id, text, accessToken: ACCESS_TOKEN },
      ]),
    );
    await waitFor('the monitor to take the four polled posts', async () => (await hub.dataSource.query(`SELECT count(*)::int AS n FROM monitor_public_posts`))[0].n === 4);
    // The second poll read from the cursor: nothing before it came back.
    const [cursor] = await hub.dataSource.query(`SELECT since_id FROM weibo_poll_cursors WHERE account_id = $1 AND timeline = 'status-mentions'`, [accountId]);
    expect(cursor.since_id).toBe(later.id);
  });

  it('polls a timeline at most once per interval', async () => {
    const calls = fake.timelineCalls().length;
    expect(await poller.pollAll()).toEqual({ [accountId]: { 'status-mentions': 'not-due', 'comment-mentions': 'not-due', 'comments-to-me': 'not-due' } });
    expect(fake.timelineCalls()).toHaveLength(calls);
  });

  it('meets the push path: a mention pushed first is not recorded or answered again when polled', async () => {
    advance(INTERVAL_MS);
    const client = new WeiboPushClient({ url: `${hub.baseUrl}/channels/weibo/${accountId}`, appSecret: APP_SECRET, now: () => time.now().getTime() });
    const createdAt = formatWeiboTime(time.now().getTime());
    const pushed = await client.push(client.json({ type: 'mention', senderId: '9900000005', receiverId: ACCOUNT_UID, createdAt, text: '@平度发布 河道有垃圾' }));
    expect(pushed.status).toBe(200);
    const polled = fake.addToTimeline('status-mentions', { authorId: '9900000005', createdAt, text: '@平度发布 河道有垃圾' });
    const comments = fake.state.comments.length;
    await poller.pollAll();
    expect(await hub.dataSource.query(`SELECT source, platform_post_id, acknowledged_via FROM channel_public_posts WHERE author_id = '9900000005'`)).toEqual([
      { source: 'push', platform_post_id: polled.id, acknowledged_via: 'passive-reply' },
    ]);
    expect(fake.state.comments).toHaveLength(comments);
  });

  it('backs off when the platform says the rate limit is reached, and resumes after the pause', async () => {
    advance(INTERVAL_MS);
    fake.rateLimitNext(1);
    const waiting = fake.addToTimeline('status-mentions', { authorId: '9900000006', text: '@平度发布 路面塌陷' });
    expect(await poller.pollAll()).toEqual({ [accountId]: { 'status-mentions': 'rate-limited' } });
    const paused = await hub.dataSource.query(`SELECT paused_until, rate_limit_strikes FROM weibo_poll_cursors WHERE account_id = $1`, [accountId]);
    for (const row of paused) {
      expect(row.paused_until.getTime()).toBe(time.now().getTime() + 2 * INTERVAL_MS);
      expect(row.rate_limit_strikes).toBe(1);
    }

    // One interval later the pause (two intervals at the first strike) still holds: not a single call.
    advance(INTERVAL_MS);
    const calls = fake.timelineCalls().length;
    expect(await poller.pollAll()).toEqual({ [accountId]: { 'status-mentions': 'not-due', 'comment-mentions': 'not-due', 'comments-to-me': 'not-due' } });
    expect(fake.timelineCalls()).toHaveLength(calls);

    advance(INTERVAL_MS);
    expect(await poller.pollAll()).toEqual({ [accountId]: { 'status-mentions': 'polled', 'comment-mentions': 'polled', 'comments-to-me': 'polled' } });
    expect(await hub.dataSource.query(`SELECT author_id FROM channel_public_posts WHERE platform_post_id = $1`, [waiting.id])).toEqual([{ author_id: '9900000006' }]);
    const strikes = await hub.dataSource.query(`SELECT DISTINCT rate_limit_strikes FROM weibo_poll_cursors WHERE account_id = $1`, [accountId]);
    expect(strikes).toEqual([{ rate_limit_strikes: 0 }]);
  });
});
