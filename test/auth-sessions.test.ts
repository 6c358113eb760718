import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import { SessionStore } from '../libs/auth/src/session.store';
import { deleteKeysWithPrefix } from './support/redis-keys';
import { REDIS_URL, uniqueName } from './support/test-env';

const IDLE_MS = 300;
const MAX_MS = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The Redis session store on a real Redis with tiny limits: sliding idle expiry, a fixed absolute end, revocation. */
describe('SessionStore (idle 300 ms, absolute 1000 ms)', () => {
  const prefix = `{${uniqueName('wzt_sessions')}}`;
  let redis: Redis;
  let store: SessionStore;

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
    store = new SessionStore(redis, prefix, { idleMs: IDLE_MS, maxMs: MAX_MS });
  });
  afterAll(async () => {
    await deleteKeysWithPrefix(prefix);
    expect(await redis.keys(`${prefix}:*`)).toEqual([]);
    redis.disconnect();
  });

  it('creates a session that a touch finds, with its expiry one idle period ahead', async () => {
    const before = Date.now();
    const { token, session } = await store.create('user-a');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.userId).toBe('user-a');
    expect(session.expiresAt.getTime()).toBeGreaterThanOrEqual(before + IDLE_MS);
    expect(session.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + IDLE_MS);
    const touched = await store.touch(token);
    expect(touched?.userId).toBe('user-a');
    expect(touched!.expiresAt.getTime()).toBeGreaterThanOrEqual(session.expiresAt.getTime());
  });

  it('keeps only a digest of the token in Redis', async () => {
    const { token } = await store.create('user-digest');
    const keys = await redis.keys(`${prefix}:*`);
    expect(keys.join(' ')).not.toContain(token);
    const digest = createHash('sha256').update(token).digest('base64url');
    expect(keys).toContain(`${prefix}:session:${digest}`);
    const values = await Promise.all(keys.map(async (key) => ((await redis.type(key)) === 'string' ? redis.get(key) : (await redis.smembers(key)).join(' '))));
    expect(values.join(' ')).not.toContain(token);
  });

  it('answers nothing for an unknown token', async () => {
    expect(await store.touch('not-a-token')).toBeUndefined();
  });

  it('ends a session left idle longer than the idle limit', async () => {
    const { token } = await store.create('user-idle');
    await sleep(IDLE_MS / 2);
    expect(await store.touch(token)).toBeDefined();
    await sleep(IDLE_MS + 100);
    expect(await store.touch(token)).toBeUndefined();
    // Gone for good: a later touch does not bring it back.
    expect(await store.touch(token)).toBeUndefined();
  });

  it('slides the idle expiry with use, but never past the absolute end', async () => {
    const created = Date.now();
    const { token } = await store.create('user-busy');
    let last = { expiresAt: 0, touchedAt: 0 };
    // Used every 100 ms: well within the idle limit each time, and alive past several idle periods.
    while (Date.now() - created < MAX_MS - 200) {
      await sleep(100);
      const session = await store.touch(token);
      expect(session).toBeDefined();
      expect(session!.expiresAt.getTime()).toBeLessThanOrEqual(created + MAX_MS + 50);
      last = { expiresAt: session!.expiresAt.getTime(), touchedAt: Date.now() };
    }
    expect(last.touchedAt - created).toBeGreaterThan(2 * IDLE_MS);
    // Near the end the expiry is capped by the absolute limit, not pushed a whole idle period on.
    expect(last.expiresAt - last.touchedAt).toBeLessThan(IDLE_MS - 50);
    while (Date.now() - created < MAX_MS + 100) {
      await sleep(100);
      await store.touch(token);
    }
    expect(await store.touch(token)).toBeUndefined();
  });

  it('end() ends one session; the user’s other sessions live on', async () => {
    const first = await store.create('user-two-tabs');
    const second = await store.create('user-two-tabs');
    await store.end(first.token);
    expect(await store.touch(first.token)).toBeUndefined();
    expect((await store.touch(second.token))?.userId).toBe('user-two-tabs');
  });

  it('endAll() ends every session of one user and no one else’s', async () => {
    const mine = await Promise.all([store.create('user-revoked'), store.create('user-revoked'), store.create('user-revoked')]);
    const theirs = await store.create('user-bystander');
    await store.endAll('user-revoked');
    for (const { token } of mine) expect(await store.touch(token)).toBeUndefined();
    expect((await store.touch(theirs.token))?.userId).toBe('user-bystander');
    expect(await redis.exists(`${prefix}:user-sessions:user-revoked`)).toBe(0);
  });

  it('leaves no key behind longer than the absolute limit', async () => {
    const { token } = await store.create('user-ttl');
    const digest = createHash('sha256').update(token).digest('base64url');
    const sessionTtl = await redis.pttl(`${prefix}:session:${digest}`);
    const indexTtl = await redis.pttl(`${prefix}:user-sessions:user-ttl`);
    expect(sessionTtl).toBeGreaterThan(0);
    expect(sessionTtl).toBeLessThanOrEqual(IDLE_MS);
    expect(indexTtl).toBeGreaterThan(0);
    expect(indexTtl).toBeLessThanOrEqual(MAX_MS);
  });
});

describe('SessionStore with an idle limit longer than the absolute one', () => {
  const prefix = `{${uniqueName('wzt_sessions')}}`;
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await deleteKeysWithPrefix(prefix);
    redis.disconnect();
  });

  it('ends the session at the absolute limit even while it is used', async () => {
    const store = new SessionStore(redis, prefix, { idleMs: 5000, maxMs: 400 });
    const created = Date.now();
    const { token, session } = await store.create('user-short');
    expect(session.expiresAt.getTime()).toBeLessThanOrEqual(created + 400 + 50);
    await sleep(200);
    expect((await store.touch(token))!.expiresAt.getTime()).toBeLessThanOrEqual(created + 400 + 50);
    await sleep(300);
    expect(await store.touch(token)).toBeUndefined();
  });
});
