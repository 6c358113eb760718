import { createServer, IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeWechatApi } from '../../../../test/support/fake-wechat-api';
import { WechatPushClient } from '../../../../test/support/platform-push-client';
import { customTextMessage, readTokenResponse } from './wechat-api.types';
import { WechatMessageCrypto } from './wechat-crypto';
import { messageSignature, signaturesMatch, urlSignature } from './wechat-signature';
import { encryptedReplyEnvelope, parseWechatEnvelope, parseWechatInbound, passiveTextReply, wechatDedupeKey } from './wechat-xml';

const token = 'wenzhengtoken';
const encodingAesKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const appId = 'wx0123456789abcdef';
const account = 'gh_97417a04a28d';
const citizen = 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY';
const hubCrypto = new WechatMessageCrypto({ encodingAesKey, appId });

/** What the hub's webhook does with a push, in pure functions. */
function receive(url: string, body: string) {
  const query = new URL(url).searchParams;
  const [timestamp, nonce] = [query.get('timestamp') ?? '', query.get('nonce') ?? ''];
  expect(signaturesMatch(urlSignature(token, timestamp, nonce), query.get('signature'))).toBe(true);
  if (query.get('encrypt_type') !== 'aes') return parseWechatInbound(body);
  const { encrypt } = parseWechatEnvelope(body);
  expect(signaturesMatch(messageSignature(token, timestamp, nonce, encrypt), query.get('msg_signature'))).toBe(true);
  return parseWechatInbound(hubCrypto.decrypt(encrypt));
}

describe('push client → signature → crypto → parser', () => {
  it.each(['plain', 'compatible', 'safe'] as const)('%s mode', (mode) => {
    const client = new WechatPushClient({ url: 'http://hub.test/wechat/callback?account=1', token, mode, encodingAesKey, appId });
    const push = client.prepare(client.textXml({ toUser: account, fromUser: citizen, createTime: 1714037059, content: '井盖丢了 ]]> 请处理' }));
    const message = receive(push.url, push.body ?? '');
    expect(message).toMatchObject({ kind: 'text', toUserName: account, fromUserName: citizen, createTime: 1714037059, content: '井盖丢了 ]]> 请处理' });
    expect(message.kind === 'text' && message.msgId).toMatch(/^\d{20}$/);
    expect(new URL(push.url).searchParams.get('openid')).toBe(citizen);
    expect(new URL(push.url).searchParams.get('account')).toBe('1');
    if (mode === 'safe') expect(push.body).not.toContain('井盖');
  });

  it('gives a retried push the same dedupe key and a new push another', () => {
    const client = new WechatPushClient({ url: 'http://hub.test/cb', token, mode: 'safe', encodingAesKey, appId });
    const xml = client.textXml({ toUser: account, fromUser: citizen, content: 'a' });
    const push = client.prepare(xml);
    const first = wechatDedupeKey(receive(push.url, push.body ?? ''));
    expect(wechatDedupeKey(receive(push.url, push.body ?? ''))).toBe(first);
    const other = client.prepare(client.textXml({ toUser: account, fromUser: citizen, content: 'a' }));
    expect(wechatDedupeKey(receive(other.url, other.body ?? ''))).not.toBe(first);
  });

  it('reads an event', () => {
    const client = new WechatPushClient({ url: 'http://hub.test/cb', token, mode: 'safe', encodingAesKey, appId });
    const push = client.prepare(client.eventXml({ toUser: account, fromUser: citizen, createTime: 5, event: 'CLICK', eventKey: 'QUERY_STATUS' }));
    const message = receive(push.url, push.body ?? '');
    expect(message).toMatchObject({ kind: 'event', event: 'CLICK', eventKey: 'QUERY_STATUS' });
    expect(wechatDedupeKey(message)).toBe(`event:${citizen}:5`);
  });

  it('carries an encrypted passive reply back to the client', () => {
    const client = new WechatPushClient({ url: 'http://hub.test/cb', token, mode: 'safe', encodingAesKey, appId });
    const reply = passiveTextReply({ toUser: citizen, fromUser: account, createTime: 1714037060, content: '已受理' });
    const encrypt = hubCrypto.encrypt(reply);
    const envelope = encryptedReplyEnvelope({ encrypt, signature: messageSignature(token, '1714037060', '42', encrypt), timestamp: 1714037060, nonce: '42' });
    expect(client.readReply(envelope)).toBe(reply);
    expect(client.readReply('success')).toBeUndefined();
    const forged = encryptedReplyEnvelope({ encrypt, signature: messageSignature('other', '1714037060', '42', encrypt), timestamp: 1714037060, nonce: '42' });
    expect(() => client.readReply(forged)).toThrow(/wrong MsgSignature/);
  });
});

describe('pushWithRetries against a slow webhook', () => {
  const bodies: string[] = [];
  let delays: number[] = [];
  let close: () => Promise<void>;
  let url: string;

  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString()));
    });

  beforeAll(async () => {
    const server = createServer(async (req, res) => {
      bodies.push(await read(req));
      const delay = delays.shift() ?? 0;
      setTimeout(() => {
        if (!res.destroyed) res.end('success');
      }, delay);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`;
    close = () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
  });
  afterAll(() => close());
  beforeEach(() => {
    bodies.length = 0;
  });

  it('re-sends the same body after a timeout and stops at the first answer', async () => {
    delays = [400, 0];
    const client = new WechatPushClient({ url, token, mode: 'safe', encodingAesKey, appId });
    const report = await client.pushWithRetries(client.textXml({ toUser: account, fromUser: citizen, content: 'x' }), { timeoutMs: 150 });
    expect(report.delivered).toBe(true);
    expect(report.attempts.map((a) => a.outcome)).toEqual(['timeout', 'answered']);
    expect(report.attempts[1]).toMatchObject({ status: 200, body: 'success' });
    expect(report.attempts[0].latencyMs).toBeGreaterThanOrEqual(140);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toBe(bodies[0]);
  });

  it('gives up after 3 sends', async () => {
    delays = [400, 400, 400];
    const client = new WechatPushClient({ url, token });
    const report = await client.pushWithRetries(client.textXml({ toUser: account, fromUser: citizen, content: 'x' }), { timeoutMs: 100 });
    expect(report.delivered).toBe(false);
    expect(report.attempts.map((a) => a.outcome)).toEqual(['timeout', 'timeout', 'timeout']);
  });
});

describe('FakeWechatApi', () => {
  let clock = Date.UTC(2026, 0, 5, 2, 0, 0);
  const fake = new FakeWechatApi({ appId, appSecret: 'secret', now: () => clock, overlapSeconds: 300 });
  let baseUrl: string;
  let close: () => Promise<void>;

  beforeAll(async () => ({ baseUrl, close } = await fake.start()));
  afterAll(() => close());

  const getToken = async () =>
    readTokenResponse(await (await fetch(`${baseUrl}/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=secret`)).json());
  const stable = async (forceRefresh = false) =>
    readTokenResponse(
      await (
        await fetch(`${baseUrl}/cgi-bin/stable_token`, {
          method: 'POST',
          body: JSON.stringify({ grant_type: 'client_credential', appid: appId, secret: 'secret', force_refresh: forceRefresh }),
        })
      ).json(),
    );
  const sendText = async (accessToken: string, openId: string, content = '您的诉求已受理') => {
    const response = await fetch(`${baseUrl}/cgi-bin/message/custom/send?access_token=${accessToken}`, {
      method: 'POST',
      body: JSON.stringify(customTextMessage(openId, content)),
    });
    return ((await response.json()) as { errcode: number }).errcode;
  };
  const accessToken = async () => {
    const result = await getToken();
    if (!result.ok) throw new Error(`token refused: ${result.errcode}`);
    return result.accessToken;
  };

  it('refuses a wrong secret with 40001 and counts only issued tokens', async () => {
    const before = fake.state.tokenFetches;
    const refused = readTokenResponse(await (await fetch(`${baseUrl}/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=x`)).json());
    expect(refused).toMatchObject({ ok: false, errcode: 40001 });
    expect(await getToken()).toMatchObject({ ok: true, expiresIn: 7200 });
    expect(fake.state.tokenFetches).toBe(before + 1);
  });

  it('enforces the 48-hour window and 5 sends per citizen message', async () => {
    const t = await accessToken();
    expect(await sendText(t, 'o_window')).toBe(45015);
    fake.recordInteraction('o_window');
    for (let i = 0; i < 5; i += 1) expect(await sendText(t, 'o_window', `第${i + 1}条`)).toBe(0);
    expect(await sendText(t, 'o_window')).toBe(45047);
    fake.recordInteraction('o_window');
    expect(await sendText(t, 'o_window')).toBe(0);
    clock += 48 * 3600 * 1000 + 1;
    expect(await sendText(await accessToken(), 'o_window')).toBe(45015);
    expect(fake.sentTo('o_window').map((m) => m.content)).toEqual(['第1条', '第2条', '第3条', '第4条', '第5条', '您的诉求已受理']);
  });

  it('gives a menu click 3 sends within a minute', async () => {
    const t = await accessToken();
    fake.recordInteraction('o_click', 'click');
    for (let i = 0; i < 3; i += 1) expect(await sendText(t, 'o_click')).toBe(0);
    expect(await sendText(t, 'o_click')).toBe(45047);
  });

  it('keeps an old token usable for the overlap after a fresh fetch, then answers 40001; expiry answers 42001', async () => {
    fake.recordInteraction('o_token');
    const old = await accessToken();
    await accessToken();
    expect(await sendText(old, 'o_token')).toBe(0);
    clock += 301_000;
    expect(await sendText(old, 'o_token')).toBe(40001);
    const current = await accessToken();
    clock += 7200 * 1000;
    expect(await sendText(current, 'o_token')).toBe(42001);
    expect(await sendText('', 'o_token')).toBe(41001);
  });

  it('hands out the same stable token until its last minutes; force_refresh ends the old one at once', async () => {
    fake.recordInteraction('o_stable');
    const first = await stable();
    const again = await stable();
    expect(first.ok && again.ok && again.accessToken).toBe(first.ok && first.accessToken);
    const forced = await stable(true);
    expect(forced.ok && forced.accessToken).not.toBe(first.ok && first.accessToken);
    expect(await sendText(first.ok ? first.accessToken : '', 'o_stable')).toBe(40001);
    expect(await sendText(forced.ok ? forced.accessToken : '', 'o_stable')).toBe(0);
  });

  it('injects system busy, HTTP 500 and delays', async () => {
    fake.recordInteraction('o_fault');
    const t = await accessToken();
    fake.systemBusyNext(2, 'send');
    expect(await sendText(t, 'o_fault')).toBe(-1);
    expect(await sendText(t, 'o_fault')).toBe(-1);
    expect(await sendText(t, 'o_fault')).toBe(0);
    fake.faults.http500Next(1);
    expect((await fetch(`${baseUrl}/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=secret`)).status).toBe(500);
    fake.faults.delayNext(200, 1);
    const started = Date.now();
    expect(await getToken()).toMatchObject({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(fake.state.requests.some((r) => r.status === 500)).toBe(true);
  });
});
