import Redis from 'ioredis';
import { AccessTokenCache, FetchedToken, PlatformApp } from '../libs/channels/src/wechat-mp/wechat-access-tokens';
import { deleteKeysWithPrefix } from './support/redis-keys';
import { REDIS_URL, uniqueName } from './support/test-env';

/** A platform that hands out numbered tokens, slowly, and counts how often it was asked. */
function platform(delayMs = 30) {
  const calls: { appId: string; force: boolean }[] = [];
  let issued = 0;
  let stable: string | undefined;
  const fetch = async ({ appId }: PlatformApp, force: boolean): Promise<FetchedToken> => {
    calls.push({ appId, force });
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    // Like stable_token: the same token until it is forced or dropped.
    if (force || !stable) stable = `token-${++issued}`;
    return { token: stable, expiresInSeconds: 7200 };
  };
  return { calls, fetch, drop: () => (stable = undefined) };
}

const app = (appId: string): PlatformApp => ({ appId, appSecret: `secret-of-${appId}` });

describe('AccessTokenCache (real Redis, two processes simulated by two caches)', () => {
  const redisA = new Redis(REDIS_URL);
  const redisB = new Redis(REDIS_URL);
  let prefix: string;
  beforeEach(() => {
    prefix = uniqueName('{tokens}');
  });
  afterEach(() => deleteKeysWithPrefix(prefix));
  afterAll(() => Promise.all([redisA.quit(), redisB.quit()]));

  it('fetches once for many concurrent callers across processes, and keeps the token until shortly before expiry', async () => {
    const wechat = platform();
    const a = new AccessTokenCache(redisA, prefix, wechat.fetch);
    const b = new AccessTokenCache(redisB, prefix, wechat.fetch);
    const tokens = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).get(app('wx-app'))));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(wechat.calls).toHaveLength(1);
    const ttl = await redisA.ttl(`${prefix}:wechat-token:wx-app`);
    expect(ttl).toBeGreaterThan(6800);
    expect(ttl).toBeLessThanOrEqual(6900);
    expect(await a.get(app('wx-app'))).toBe('token-1');
    expect(wechat.calls).toHaveLength(1);
  });

  it('refreshes once after a rejection seen by both processes, and forces a new token when the platform repeats the stale one', async () => {
    const wechat = platform();
    const a = new AccessTokenCache(redisA, prefix, wechat.fetch);
    const b = new AccessTokenCache(redisB, prefix, wechat.fetch);
    const stale = await a.get(app('wx-app'));
    // The platform still returns the same stable token: the cache must force a new one.
    const [fromA, fromB] = await Promise.all([a.refreshAfterRejection(app('wx-app'), stale), b.refreshAfterRejection(app('wx-app'), stale)]);
    expect(fromA).toBe('token-2');
    expect(fromB).toBe('token-2');
    expect(wechat.calls).toEqual([
      { appId: 'wx-app', force: false },
      { appId: 'wx-app', force: false },
      { appId: 'wx-app', force: true },
    ]);
    // A late rejection of the old token does not throw away the new one.
    expect(await b.refreshAfterRejection(app('wx-app'), stale)).toBe('token-2');
    expect(wechat.calls).toHaveLength(3);
  });

  it('keeps apps apart', async () => {
    const wechat = platform(0);
    const a = new AccessTokenCache(redisA, prefix, wechat.fetch);
    await a.get(app('wx-one'));
    await a.get(app('wx-two'));
    expect(wechat.calls.map((c) => c.appId)).toEqual(['wx-one', 'wx-two']);
  });

  it('fetches itself when the process holding the lock died mid-fetch', async () => {
    const wechat = platform(0);
    await redisA.set(`${prefix}:wechat-token:wx-app:lock`, 'dead-process', 'PX', 60_000);
    const a = new AccessTokenCache(redisA, prefix, wechat.fetch, { lockMs: 200, pollMs: 20 });
    expect(await a.get(app('wx-app'))).toBe('token-1');
  });

  it('passes a failed fetch to every waiting caller and lets the next call try again', async () => {
    let fail = true;
    const fetch = async (): Promise<FetchedToken> => {
      if (fail) throw new Error('platform down');
      return { token: 'ok', expiresInSeconds: 7200 };
    };
    const a = new AccessTokenCache(redisA, prefix, fetch);
    const results = await Promise.allSettled([a.get(app('wx-app')), a.get(app('wx-app'))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await a.get(app('wx-app'))).toBe('ok');
  });
});
