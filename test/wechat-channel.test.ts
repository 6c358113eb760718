import { queryCodeFor } from '../libs/tickets/src/tracking-number';
import { FakeWechatApi } from './support/fake-wechat-api';
import { InProcessHub, startInProcessHub } from './support/in-process-hub';
import { PreparedPush, WechatPushClient, sendOnce } from './support/platform-push-client';
import { answerAndApprove, receiptByApi, sentDelivery } from './support/reply-flow';
import { call, login } from './support/staff-client';
import { noIntakeRunning, slowDownIntake } from './support/slow-intake';
import { waitFor } from './support/wait-for';

const APP_ID = 'wx0000000000000001';
const APP_SECRET = 'fake-app-secret';
const TOKEN = 'pingduToken2026';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const ACCOUNT = 'gh_pingdu';
const STREETLIGHT = '李园街道幸福小区门口的路灯坏了三天了，晚上出行很不安全，请尽快维修。';

const contentOf = (xml: string | undefined) => /<Content><!\[CDATA\[([\s\S]*?)\]\]><\/Content>/.exec(xml ?? '')?.[1];
const trackingNoIn = (text: string | undefined) => /受理编号：(\d{12,16})/.exec(text ?? '')?.[1];

describe('WeChat official accounts', () => {
  const fake = new FakeWechatApi({ appId: APP_ID, appSecret: APP_SECRET });
  let wechat: { baseUrl: string; close: () => Promise<void> };
  let hub: InProcessHub;
  let admin: string;
  let plainAccount: string;
  let safeAccount: string;
  let plainClient: WechatPushClient;
  let safeClient: WechatPushClient;

  const createAccount = (body: unknown) => call(hub.baseUrl, 'POST', '/api/v1/admin/channel-accounts', { token: admin, body });
  const ticketsOf = async (openId: string) =>
    (await hub.dataSource.query(`SELECT t.id, t.tracking_no FROM tickets t JOIN inbound_messages m ON m.id = t.message_id WHERE m.sender_id = $1`, [
      openId,
    ])) as { id: string; tracking_no: string }[];

  beforeAll(async () => {
    wechat = await fake.start();
    hub = await startInProcessHub({ env: { WECHAT_API_BASE_URL: wechat.baseUrl, PUBLIC_BASE_URL: 'https://wz.pingdu.example' } });
    admin = await login(hub.baseUrl, 'admin');
    const plain = await createAccount({
      platform: 'wechat-mp',
      name: '平度发布',
      appId: APP_ID,
      mode: 'plain',
      credentials: { appSecret: APP_SECRET, token: TOKEN },
      settings: { menu: { QUERY: 'query', WRITE: 'how-to-write' }, replyNotice: { templateId: 'tpl-reply', data: { keyword1: '{trackingNo}', keyword2: '{unit}' } } },
    });
    expect(plain.status).toBe(201);
    plainAccount = plain.body.id;
    const safe = await createAccount({
      platform: 'wechat-mp',
      name: '平度市民热线',
      appId: 'wx0000000000000002',
      mode: 'safe',
      credentials: { appSecret: 'other-secret', token: TOKEN, encodingAesKey: AES_KEY },
    });
    expect(safe.status).toBe(201);
    safeAccount = safe.body.id;
    plainClient = new WechatPushClient({ url: `${hub.baseUrl}${plain.body.webhookPath}`, token: TOKEN });
    safeClient = new WechatPushClient({ url: `${hub.baseUrl}${safe.body.webhookPath}`, token: TOKEN, mode: 'safe', encodingAesKey: AES_KEY, appId: 'wx0000000000000002' });
  });
  afterAll(async () => {
    await hub?.close();
    await wechat?.close();
  });

  describe('accounts as data', () => {
    it('stores the credentials encrypted and never shows them', async () => {
      const listed = await call(hub.baseUrl, 'GET', '/api/v1/admin/channel-accounts', { token: admin });
      expect(listed.body.map((a: { name: string }) => a.name).sort()).toEqual(['平度发布', '平度市民热线']);
      expect(JSON.stringify(listed.body)).not.toMatch(new RegExp(`${APP_SECRET}|${TOKEN}|${AES_KEY}`));
      expect(listed.body.find((a: { id: string }) => a.id === safeAccount)).toMatchObject({
        credentialsSet: ['appSecret', 'encodingAesKey', 'token'],
        webhookPath: `/channels/wechat-mp/${safeAccount}`,
      });
      const [row] = await hub.dataSource.query(`SELECT credentials FROM channel_accounts WHERE id = $1`, [safeAccount]);
      expect(row.credentials).toMatch(/^v1\./);
      expect(row.credentials).not.toMatch(new RegExp(`${APP_SECRET}|${TOKEN}|${AES_KEY}`));
    });

    it.each([
      [{ platform: 'wechat-mp', name: 'x', appId: 'wx9', mode: 'safe', credentials: { appSecret: 's', token: 'tok' } }, 'credentials.encodingAesKey'],
      [{ platform: 'wechat-mp', name: 'x', appId: 'wx9', mode: 'plain', credentials: { appSecret: 's', token: 'a b' } }, 'credentials.token'],
      [{ platform: 'fax', name: 'x', appId: 'wx9', mode: 'plain', credentials: {} }, 'platform'],
      [{ platform: 'wechat-mp', name: 'x', appId: 'wx9', mode: 'plain', credentials: { appSecret: 's', token: 'tok' }, settings: { menu: { A: 'dance' } } }, 'settings.menu.A'],
    ])('refuses %j naming the field', async (body, field) => {
      const refused = await createAccount(body);
      expect(refused.status).toBe(400);
      expect(refused.body.field).toBe(field);
    });

    it('refuses a second account with the same app id (409), and non-admins (403)', async () => {
      const again = await createAccount({ platform: 'wechat-mp', name: 'dup', appId: APP_ID, mode: 'plain', credentials: { appSecret: 's', token: 'tok' } });
      expect(again.status).toBe(409);
      const dispatcher = await login(hub.baseUrl, 'pingdu-big-data.dispatcher');
      expect((await call(hub.baseUrl, 'GET', '/api/v1/admin/channel-accounts', { token: dispatcher })).status).toBe(403);
    });
  });

  describe('the server URL', () => {
    it('answers the URL check with echostr, and a wrong signature with 403 and nothing else', async () => {
      const check = plainClient.urlCheck('echo-1234567');
      const answer = await sendOnce(check, 5000);
      expect(answer).toMatchObject({ status: 200, body: 'echo-1234567' });
      const forged = await sendOnce({ ...check, url: check.url.replace(/signature=[0-9a-f]+/, `signature=${'0'.repeat(40)}`) }, 5000);
      expect(forged.status).toBe(403);
      expect(forged.body).not.toContain('echo-1234567');
      expect((await sendOnce({ ...check, url: check.url.replace(plainAccount, '00000000-0000-4000-8000-000000000000') }, 5000)).status).toBe(404);
    });

    it('turns a plain-mode text into one ticket, however often the platform sends it, and answers with the receipt', async () => {
      const push = plainClient.prepare(plainClient.textXml({ toUser: ACCOUNT, fromUser: 'o-plain-citizen', content: STREETLIGHT }));
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await sendOnce(push, 5000));
      const texts = answers.map((a) => contentOf(plainClient.readReply(a.body ?? '')));
      const tickets = await ticketsOf('o-plain-citizen');
      expect(tickets).toHaveLength(1);
      for (const text of texts) {
        expect(trackingNoIn(text)).toBe(tickets[0].tracking_no);
        expect(text).toMatch(/查询码：[2-9A-Z]{8}/);
        expect(text).toMatch(/答复期限：\d{4}年\d{1,2}月\d{1,2}日前/);
      }
      expect(answers[0].body).toContain(`<ToUserName><![CDATA[o-plain-citizen]]></ToUserName><FromUserName><![CDATA[${ACCOUNT}]]></FromUserName>`);
      const [message] = await hub.dataSource.query(`SELECT channel, account_id, kind, public_consent, body FROM inbound_messages WHERE sender_id = 'o-plain-citizen'`);
      expect(message).toEqual({ channel: 'wechat-mp', account_id: plainAccount, kind: 'consult', public_consent: false, body: STREETLIGHT });
    });

    it('speaks safe mode: decrypts the push, answers encrypted and signed, and refuses plain pushes', async () => {
      const report = await safeClient.pushWithRetries(safeClient.textXml({ toUser: ACCOUNT, fromUser: 'o-safe-citizen', content: '投诉：楼下饭店油烟直排，熏得开不了窗户。' }));
      expect(report.attempts).toHaveLength(1);
      expect(report.body).toContain('<Encrypt>');
      expect(report.body).not.toContain('受理编号');
      const text = contentOf(safeClient.readReply(report.body ?? ''));
      expect(trackingNoIn(text)).toBe((await ticketsOf('o-safe-citizen'))[0].tracking_no);
      const [message] = await hub.dataSource.query(`SELECT kind FROM inbound_messages WHERE sender_id = 'o-safe-citizen'`);
      expect(message.kind).toBe('complaint');

      const plainToSafe = new WechatPushClient({ url: `${hub.baseUrl}/channels/wechat-mp/${safeAccount}`, token: TOKEN });
      const refused = await plainToSafe.push(plainToSafe.textXml({ toUser: ACCOUNT, fromUser: 'o-sneaky', content: STREETLIGHT }));
      expect(refused.status).toBe(403);
      expect(await ticketsOf('o-sneaky')).toHaveLength(0);
    });

    it('welcomes followers, records unfollows, answers menu clicks, and tells what is not handled', async () => {
      const openId = 'o-events';
      const answer = async (xml: string) => {
        const attempt = await plainClient.push(xml);
        expect(attempt.status).toBe(200);
        return attempt.body === 'success' ? 'success' : contentOf(attempt.body);
      };
      // Events are told apart by sender and CreateTime: one second each.
      const at = Math.floor(Date.now() / 1000) - 10;
      expect(await answer(plainClient.eventXml({ toUser: ACCOUNT, fromUser: openId, event: 'subscribe', createTime: at }))).toContain('欢迎关注');
      expect(await answer(plainClient.eventXml({ toUser: ACCOUNT, fromUser: openId, event: 'CLICK', eventKey: 'WRITE', createTime: at + 1 }))).toContain('直接发送文字');
      expect(await answer(plainClient.eventXml({ toUser: ACCOUNT, fromUser: openId, event: 'CLICK', eventKey: 'QUERY', createTime: at + 2 }))).toContain('还没有');
      // The platform's retry of the same click is answered again but recorded once.
      expect(await answer(plainClient.eventXml({ toUser: ACCOUNT, fromUser: openId, event: 'CLICK', eventKey: 'QUERY', createTime: at + 2 }))).toContain('还没有');
      const image = `<xml><ToUserName><![CDATA[${ACCOUNT}]]></ToUserName><FromUserName><![CDATA[${openId}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://mmbiz.example/p.jpg]]></PicUrl><MediaId><![CDATA[media-1]]></MediaId><MsgId>24000000000000000123</MsgId></xml>`;
      expect(await answer(image)).toContain('目前只受理文字留言');
      expect(await answer(plainClient.textXml({ toUser: ACCOUNT, fromUser: openId, content: '你好' }))).toContain('请用一段文字说明');
      expect(await answer(plainClient.eventXml({ toUser: ACCOUNT, fromUser: openId, event: 'unsubscribe', createTime: at + 3 }))).toBe('success');
      const events = await hub.dataSource.query(`SELECT kind, payload FROM channel_events WHERE sender_id = $1 ORDER BY received_at`, [openId]);
      expect(events.map((e: { kind: string }) => e.kind)).toEqual(['event:subscribe', 'event:CLICK', 'event:CLICK', 'image', 'event:unsubscribe']);
      expect(events[3].payload).toEqual({ mediaId: 'media-1', picUrl: 'http://mmbiz.example/p.jpg' });
      expect(await ticketsOf(openId)).toHaveLength(0);
    });

    it('answers 查询 with the sender’s own tickets only', async () => {
      const [own] = await ticketsOf('o-plain-citizen');
      const ask = async (fromUser: string, content: string) => contentOf((await plainClient.push(plainClient.textXml({ toUser: ACCOUNT, fromUser, content }))).body);
      expect(await ask('o-plain-citizen', `查询 ${own.tracking_no}`)).toMatch(new RegExp(`^${own.tracking_no}「李园街道幸福小区门口的路灯坏了三天了，晚上出行很不安全」：已`));
      expect(await ask('o-plain-citizen', '查询')).toContain(own.tracking_no);
      expect(await ask('o-stranger', `查询 ${own.tracking_no}`)).toContain(`没有找到您提交的受理编号为 ${own.tracking_no} 的留言`);
      // With the query code anyone may ask, as on the portal; a wrong code tells nothing.
      const code = queryCodeFor(own.tracking_no, hub.config.security.trackingSecret);
      expect(await ask('o-stranger', `查询 ${own.tracking_no} ${code}`)).toMatch(new RegExp(`^${own.tracking_no}：已`));
      expect(await ask('o-stranger', `查询 ${own.tracking_no} 22222222`)).toContain('没有找到');
    });
  });

  describe('what must never create a ticket or crash', () => {
    const before = async () => Number((await hub.dataSource.query(`SELECT count(*) FROM inbound_messages`))[0].count);

    it.each<[string, (push: PreparedPush) => PreparedPush, number]>([
      ['a forged signature', (p) => ({ ...p, url: p.url.replace(/signature=[0-9a-f]+/, `signature=${'f'.repeat(40)}`) }), 403],
      ['no signature', (p) => ({ ...p, url: p.url.replace(/signature=[0-9a-f]+&?/, '') }), 403],
      ['a replayed timestamp', (p) => p, 403],
      ['a 2 MB body', (p) => ({ ...p, body: `<xml><Content><![CDATA[${'路'.repeat(700_000)}]]></Content></xml>` }), 413],
    ])('%s → %s', async (what, tamper, status) => {
      const count = await before();
      const client =
        what === 'a replayed timestamp' ? new WechatPushClient({ url: `${hub.baseUrl}/channels/wechat-mp/${plainAccount}`, token: TOKEN, now: () => Date.now() - 600_000 }) : plainClient;
      const push = tamper(client.prepare(client.textXml({ toUser: ACCOUNT, fromUser: 'o-attacker', content: STREETLIGHT })));
      const answer = await sendOnce(push, 5000);
      expect(answer.status).toBe(status);
      expect(await before()).toBe(count);
    });

    it('answers malformed XML and unknown types safely, and keeps the unreadable push', async () => {
      const count = await before();
      const malformed = await sendOnce(plainClient.prepare('<xml><ToUserName>gh_pingdu</ToUserName><MsgType>text', 'o-broken'), 5000);
      expect(malformed).toMatchObject({ status: 200, body: 'success' });
      const doctype = await sendOnce(plainClient.prepare('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><xml><Content>&e;</Content></xml>', 'o-broken'), 5000);
      expect(doctype).toMatchObject({ status: 200, body: 'success' });
      const unknown = await plainClient.push(
        `<xml><ToUserName><![CDATA[${ACCOUNT}]]></ToUserName><FromUserName><![CDATA[o-broken]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[hologram]]></MsgType><MsgId>77</MsgId></xml>`,
      );
      expect(contentOf(unknown.body)).toContain('目前只受理文字留言');
      expect(await before()).toBe(count);
      const kept = await hub.dataSource.query(`SELECT kind FROM channel_events WHERE kind IN ('unreadable', 'unknown:hologram') ORDER BY kind`);
      expect(kept.map((k: { kind: string }) => k.kind)).toEqual(['unknown:hologram', 'unreadable', 'unreadable']);
    });
  });

  describe('replies on the same channel', () => {
    /** The citizen writes; the construction bureau answers and its reviewer approves. */
    async function answered(openId: string, reply: string, options: { platformWindow?: boolean; beforeApproval?: () => Promise<unknown> } = {}): Promise<string> {
      if (options.platformWindow ?? true) fake.recordInteraction(openId);
      await plainClient.push(plainClient.textXml({ toUser: ACCOUNT, fromUser: openId, content: STREETLIGHT }));
      const [ticket] = await ticketsOf(openId);
      await answerAndApprove(hub, ticket.id, reply, options.beforeApproval);
      return ticket.id;
    }
    const delivery = (ticketId: string) => sentDelivery(hub, ticketId);

    it('sends the reply as a customer-service message inside the 48-hour window, refreshing a revoked token', async () => {
      const first = await answered('o-reply-window', '经查，路灯线路老化，已于今日更换，现已恢复照明。');
      expect(await delivery(first)).toMatchObject({ method: 'customer-service' });
      const sent = fake.sentTo('o-reply-window').map((m) => m.content);
      expect(sent).toEqual([expect.stringMatching(/^【答复】您的留言（受理编号 \d+）已由市城乡建设局答复：\n经查，路灯线路老化/)]);

      // The token the hub holds stops working (another system fetched a new one): refreshed once, then sent.
      const fetches = fake.state.stableTokenFetches;
      const second = await answered('o-reply-window-2', '已更换灯泡。', { beforeApproval: async () => fake.revokeAllTokens() });
      expect(await delivery(second)).toMatchObject({ method: 'customer-service' });
      expect(fake.sentTo('o-reply-window-2')).toHaveLength(1);
      expect(fake.state.requests.some((r) => r.code === 40001)).toBe(true);
      expect(fake.state.stableTokenFetches).toBeGreaterThan(fetches);
    });

    it('falls back to the reply-notice template, linking the status page, when the window is closed', async () => {
      // The citizen wrote 49 hours before the approval, as far as the hub knows.
      const ticketId = await answered('o-reply-late', '已维修。', {
        beforeApproval: () => hub.dataSource.query(`UPDATE inbound_messages SET received_at = received_at - interval '49 hours' WHERE sender_id = 'o-reply-late'`),
      });
      expect(await delivery(ticketId)).toMatchObject({ method: 'template' });
      const [{ tracking_no: trackingNo }] = await ticketsOf('o-reply-late');
      expect(fake.state.templates.filter((t) => t.touser === 'o-reply-late')).toEqual([
        { touser: 'o-reply-late', templateId: 'tpl-reply', url: `https://wz.pingdu.example/portal/status?no=${trackingNo}`, data: { keyword1: trackingNo, keyword2: '市城乡建设局' } },
      ]);
      expect(fake.sentTo('o-reply-late')).toEqual([]);
    });

    it('uses the template when the platform refuses the customer-service message (45015) although the hub thought the window open', async () => {
      const ticketId = await answered('o-reply-refused', '已维修完毕。', { platformWindow: false });
      expect(await delivery(ticketId)).toMatchObject({ method: 'template' });
      expect(fake.state.requests.some((r) => r.code === 45015)).toBe(true);
    });

    it('records the status page as the way when the window is closed and the account has no template', async () => {
      // Moved to the account without a reply-notice template, written 49 hours ago: nothing can be sent.
      const ticketId = await answered('o-reply-nowhere', '已维修完毕。', {
        beforeApproval: () =>
          hub.dataSource.query(`UPDATE inbound_messages SET account_id = $2, received_at = received_at - interval '49 hours' WHERE sender_id = $1`, [
            'o-reply-nowhere',
            safeAccount,
          ]),
      });
      const requests = fake.state.requests.length;
      expect(await delivery(ticketId)).toMatchObject({ method: 'status-page' });
      expect(fake.state.requests.length).toBe(requests);
    });
  });
});

/** A hub whose every new message takes PostgreSQL 2 seconds, with a fake WeChat API and a plain-mode account. */
function slowDatabaseHub(env: Record<string, string>) {
  const fake = new FakeWechatApi({ appId: APP_ID, appSecret: APP_SECRET });
  const parts = {} as { fake: FakeWechatApi; hub: InProcessHub; client: WechatPushClient };
  let wechat: { baseUrl: string; close: () => Promise<void> } | undefined;
  beforeAll(async () => {
    wechat = await fake.start();
    const hub = await startInProcessHub({ env: { WECHAT_API_BASE_URL: wechat.baseUrl, ...env } });
    const created = await call(hub.baseUrl, 'POST', '/api/v1/admin/channel-accounts', {
      token: await login(hub.baseUrl, 'admin'),
      body: { platform: 'wechat-mp', name: '平度发布', appId: APP_ID, mode: 'plain', credentials: { appSecret: APP_SECRET, token: TOKEN } },
    });
    Object.assign(parts, { fake, hub, client: new WechatPushClient({ url: `${hub.baseUrl}${created.body.webhookPath}`, token: TOKEN }) });
    await slowDownIntake(hub.dataSource, 2);
  });
  afterAll(async () => {
    await parts.hub?.close();
    await wechat?.close();
  });
  return parts;
}

describe('WeChat when PostgreSQL is slow', () => {
  // 2 seconds: far over the 400 ms budget, under the platform's 5 s.
  const slow = slowDatabaseHub({ CHANNEL_REPLY_BUDGET_MS: '400' });

  it('answers "success" within the budget, then sends the receipt once through the customer-service API', async () => {
    const { fake, hub, client } = slow;
    fake.recordInteraction('o-slow');
    const report = await client.pushWithRetries(client.textXml({ toUser: ACCOUNT, fromUser: 'o-slow', content: STREETLIGHT }));
    expect(report).toMatchObject({ delivered: true, body: 'success' });
    expect(report.attempts).toHaveLength(1);
    // Answered before PostgreSQL had the message: the receipt could not have been in the answer.
    expect(await hub.dataSource.query(`SELECT id FROM inbound_messages WHERE sender_id = 'o-slow'`)).toEqual([]);

    const { receipt, ticket } = await receiptByApi(hub, 'o-slow', () => fake.sentTo('o-slow'));
    expect(trackingNoIn(receipt.content)).toBe(ticket.tracking_no);
    expect(ticket.acknowledged_via).toBe('customer-service');
    // Both the push's own intake and the job's finished: still one message, one receipt.
    await waitFor('both intakes to finish', () => noIntakeRunning(hub.dataSource));
    expect(await hub.dataSource.query(`SELECT id FROM inbound_messages WHERE sender_id = 'o-slow'`)).toHaveLength(1);
    expect(fake.sentTo('o-slow')).toHaveLength(1);
  });
});

describe('WeChat when intakes already wait on PostgreSQL (load shedding)', () => {
  // A budget long enough for the 2-second intake: a push that tries the intake gets its receipt in the answer.
  const slow = slowDatabaseHub({ CHANNEL_REPLY_BUDGET_MS: '4500', CHANNEL_MAX_PENDING_INTAKES: '1' });

  it('answers a push that would wait behind CHANNEL_MAX_PENDING_INTAKES at once, and its receipt follows by the API', async () => {
    const { fake, hub, client } = slow;
    fake.recordInteraction('o-first');
    fake.recordInteraction('o-second');
    const first = client.push(client.textXml({ toUser: ACCOUNT, fromUser: 'o-first', content: STREETLIGHT }));
    await waitFor('the first intake to wait on PostgreSQL', async () => !(await noIntakeRunning(hub.dataSource)));
    const second = await client.push(client.textXml({ toUser: ACCOUNT, fromUser: 'o-second', content: `${STREETLIGHT}（再次反映）` }));
    expect(second).toMatchObject({ status: 200, body: 'success' });
    // The first push took the intake's slot and, within the long budget, answers with its receipt.
    const answered = await first;
    expect(trackingNoIn(client.readReply(answered.body ?? ''))).toMatch(/^\d+$/);

    const { receipt, ticket } = await receiptByApi(hub, 'o-second', () => fake.sentTo('o-second'));
    expect(trackingNoIn(receipt.content)).toBe(ticket.tracking_no);
    expect(ticket.acknowledged_via).toBe('customer-service');
    expect(fake.sentTo('o-first')).toEqual([]);
  });
});
