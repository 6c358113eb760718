import { FAKE_WEIBO_ERRORS, FakeWeiboApi } from '../../../../test/support/fake-weibo-api';
import { WeiboPushClient } from '../../../../test/support/platform-push-client';
import { parseWeiboPush, weiboDedupeKey, weiboReplyAllowance } from './weibo-push';
import { readWeiboError, WEIBO_REPLY_CONTENT_TYPE, WEIBO_REPLY_PATH, weiboTextReplyBody } from './weibo-reply';
import { weiboSignatureValid } from './weibo-signature';

const appSecret = 'fake-app-secret';

describe('Weibo push client → signature → parser', () => {
  const client = new WeiboPushClient({ url: 'http://hub.test/weibo/callback', appSecret, now: () => Date.UTC(2026, 0, 5, 2, 0, 0) });

  it('signs the URL check and pushes with a millisecond timestamp', () => {
    const check = new URL(client.urlCheck('dnPdpTZz85').url).searchParams;
    expect(check.get('timestamp')).toBe(String(Date.UTC(2026, 0, 5, 2, 0, 0)));
    expect(weiboSignatureValid(appSecret, Object.fromEntries(check))).toBe(true);
    expect(weiboSignatureValid('other', Object.fromEntries(check))).toBe(false);
  });

  it('carries a private message with a uid beyond 2^53', () => {
    const push = client.prepare(client.json({ type: 'text', senderId: '98765432109876543210', receiverId: '1902538057', text: '路灯坏了' }));
    expect(weiboSignatureValid(appSecret, Object.fromEntries(new URL(push.url).searchParams))).toBe(true);
    const parsed = parseWeiboPush(push.body ?? '');
    expect(parsed).toMatchObject({ kind: 'text', senderId: '98765432109876543210', text: '路灯坏了', createdAt: 'Mon Jan 05 10:00:00 +0800 2026' });
    expect(parsed.createdAtMs).toBe(Date.UTC(2026, 0, 5, 2, 0, 0));
    expect(weiboDedupeKey(parsed)).toBe('weibo:98765432109876543210:Mon Jan 05 10:00:00 +0800 2026');
    expect(weiboReplyAllowance(parsed)).toBe('window48h');
  });
});

describe('FakeWeiboApi', () => {
  let clock = Date.UTC(2026, 0, 5, 2, 0, 0);
  const fake = new FakeWeiboApi({ accessTokens: ['good', 'old'], now: () => clock });
  let baseUrl: string;
  let close: () => Promise<void>;
  beforeAll(async () => ({ baseUrl, close } = await fake.start()));
  afterAll(() => close());

  const reply = async (receiverId: string, text = '您好，已受理', accessToken = 'good') => {
    const response = await fetch(`${baseUrl}${WEIBO_REPLY_PATH}`, {
      method: 'POST',
      headers: { 'content-type': WEIBO_REPLY_CONTENT_TYPE },
      body: weiboTextReplyBody({ accessToken, receiverId, text }),
    });
    return { status: response.status, error: readWeiboError(await response.json())?.errorCode };
  };

  it('refuses without a private message, then allows unlimited replies for 48 hours', async () => {
    expect(await reply('1001')).toEqual({ status: 403, error: FAKE_WEIBO_ERRORS.noReplyQuota.code });
    fake.recordPrivateMessage('1001');
    for (let i = 0; i < 7; i += 1) expect(await reply('1001', `第${i + 1}条`)).toEqual({ status: 200, error: undefined });
    clock += 48 * 3600 * 1000;
    expect((await reply('1001')).error).toBe(FAKE_WEIBO_ERRORS.noReplyQuota.code);
    expect(fake.repliesTo('1001')).toHaveLength(7);
    expect(fake.repliesTo('1001')[0]).toMatchObject({ text: '第1条', type: 'text', saveSenderBox: '1' });
  });

  it('allows one reply after an @mention', async () => {
    fake.recordMention('2002');
    expect((await reply('2002')).error).toBeUndefined();
    expect((await reply('2002')).error).toBe(FAKE_WEIBO_ERRORS.noReplyQuota.code);
  });

  it('checks the token', async () => {
    fake.recordPrivateMessage('3003');
    expect(await reply('3003', 'x', 'unknown')).toEqual({ status: 401, error: FAKE_WEIBO_ERRORS.invalidToken.code });
    fake.expireToken('old');
    expect(await reply('3003', 'x', 'old')).toEqual({ status: 401, error: FAKE_WEIBO_ERRORS.expiredToken.code });
  });

  it('injects system errors and HTTP 500', async () => {
    fake.recordPrivateMessage('4004');
    fake.systemErrorNext(1);
    expect((await reply('4004')).error).toBe(FAKE_WEIBO_ERRORS.systemError.code);
    fake.faults.http500Next(1);
    const failed = await fetch(`${baseUrl}${WEIBO_REPLY_PATH}`, { method: 'POST', body: '' });
    expect(failed.status).toBe(500);
    expect((await reply('4004')).error).toBeUndefined();
  });
});
