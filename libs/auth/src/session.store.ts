import { createHash, randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

interface StoredSession {
  userId: string;
  issuedAt: number;
  endsAt: number;
}

export interface Session {
  userId: string;
  /** When the session ends if nothing more happens (idle limit, capped by the absolute limit). */
  expiresAt: Date;
}

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Opaque sessions in Redis: the token goes to the client, only its SHA-256 is stored (a Redis dump holds no usable
 * token). Each use slides the idle expiry; the absolute end never moves. Logout and revocation delete the key.
 */
export class SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limits: { idleMs: number; maxMs: number },
  ) {}

  async create(userId: string): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    const stored: StoredSession = { userId, issuedAt: now, endsAt: now + this.limits.maxMs };
    const ttl = Math.min(this.limits.idleMs, this.limits.maxMs);
    await this.redis
      .multi()
      .set(this.key(token), JSON.stringify(stored), 'PX', ttl)
      .sadd(this.userKey(userId), digest(token))
      .pexpire(this.userKey(userId), this.limits.maxMs)
      .exec();
    return { token, session: { userId, expiresAt: new Date(now + ttl) } };
  }

  /** The live session for a token, its idle expiry pushed forward; undefined when unknown, ended or revoked. */
  async touch(token: string): Promise<Session | undefined> {
    const raw = await this.redis.get(this.key(token));
    if (raw === null) return undefined;
    const stored = JSON.parse(raw) as StoredSession;
    const now = Date.now();
    const ttl = Math.min(this.limits.idleMs, stored.endsAt - now);
    if (ttl <= 0) {
      await this.redis.del(this.key(token));
      return undefined;
    }
    await this.redis.pexpire(this.key(token), ttl);
    return { userId: stored.userId, expiresAt: new Date(now + ttl) };
  }

  async end(token: string): Promise<void> {
    await this.redis.del(this.key(token));
  }

  /** Ends every session of a user (password changed, account disabled). */
  async endAll(userId: string): Promise<void> {
    const digests = await this.redis.smembers(this.userKey(userId));
    await this.redis.del(this.userKey(userId), ...digests.map((d) => `${this.prefix}:session:${d}`));
  }

  private key(token: string): string {
    return `${this.prefix}:session:${digest(token)}`;
  }

  private userKey(userId: string): string {
    return `${this.prefix}:user-sessions:${userId}`;
  }
}
