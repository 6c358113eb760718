import type Redis from 'ioredis';

export interface FetchedToken {
  token: string;
  expiresInSeconds: number;
}

/** An app as the token endpoint knows it. */
export interface PlatformApp {
  appId: string;
  appSecret: string;
}

/** Fetches a token from the platform; `force` asks for a new one even if the current one still looks valid. */
export type TokenFetcher = (app: PlatformApp, force: boolean) => Promise<FetchedToken>;

export interface AccessTokenOptions {
  /** Refresh this long before the platform's expiry (a fetch near expiry may race other processes' use). */
  refreshMarginSeconds?: number;
  /** How long a process waits for another process's fetch before fetching itself. */
  lockMs?: number;
  pollMs?: number;
}

// Deletes a key only while it holds the given value: a rejected token another process already replaced stays, and
// a lock is released only by its owner.
const DELETE_IF_VALUE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * access_token per platform app, shared by every process through Redis. A fresh fetch invalidates older tokens, so
 * only one process fetches at a time (a Redis lock; the others wait for its result) and a process fetches at most
 * once for all its concurrent callers.
 */
export class AccessTokenCache {
  private readonly inFlight = new Map<string, Promise<string>>();
  private readonly marginSeconds: number;
  private readonly lockMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly fetchToken: TokenFetcher,
    options: AccessTokenOptions = {},
  ) {
    this.marginSeconds = options.refreshMarginSeconds ?? 300;
    this.lockMs = options.lockMs ?? 10_000;
    this.pollMs = options.pollMs ?? 50;
  }

  async get(app: PlatformApp): Promise<string> {
    const cached = await this.redis.get(this.tokenKey(app.appId));
    if (cached) return cached;
    return this.singleFlight(app, undefined);
  }

  /** The platform refused `staleToken` (40001/42001/40014): drop it unless already replaced, and get a fresh one. */
  async refreshAfterRejection(app: PlatformApp, staleToken: string): Promise<string> {
    await this.redis.eval(DELETE_IF_VALUE, 1, this.tokenKey(app.appId), staleToken);
    return this.singleFlight(app, staleToken);
  }

  private singleFlight(app: PlatformApp, staleToken: string | undefined): Promise<string> {
    let pending = this.inFlight.get(app.appId);
    if (!pending) {
      pending = this.fetchShared(app, staleToken).finally(() => this.inFlight.delete(app.appId));
      this.inFlight.set(app.appId, pending);
    }
    return pending;
  }

  private async fetchShared(app: PlatformApp, staleToken: string | undefined): Promise<string> {
    const { appId } = app;
    const lockKey = `${this.tokenKey(appId)}:lock`;
    const owner = `${process.pid}:${Math.random().toString(36).slice(2)}`;
    const deadline = Date.now() + this.lockMs;
    for (;;) {
      const cached = await this.redis.get(this.tokenKey(appId));
      if (cached && cached !== staleToken) return cached;
      if ((await this.redis.set(lockKey, owner, 'PX', this.lockMs, 'NX')) === 'OK') break;
      if (Date.now() > deadline) break; // the lock holder died mid-fetch; its lock expires, fetch ourselves
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
    try {
      // A stable token the platform still returns unchanged after a rejection needs a forced refresh.
      let fetched = await this.fetchToken(app, false);
      if (staleToken && fetched.token === staleToken) fetched = await this.fetchToken(app, true);
      const ttl = Math.max(60, fetched.expiresInSeconds - this.marginSeconds);
      await this.redis.set(this.tokenKey(appId), fetched.token, 'EX', ttl);
      return fetched.token;
    } finally {
      await this.redis.eval(DELETE_IF_VALUE, 1, lockKey, owner);
    }
  }

  private tokenKey(appId: string): string {
    return `${this.prefix}:wechat-token:${appId}`;
  }
}
