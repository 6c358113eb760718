import type Redis from 'ioredis';
import { RateLimitError } from '@wenzheng/errors';

export interface LoginThrottleLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

/**
 * Failed logins counted per account and per client address in Redis (fixed window from the first failure).
 * Over either limit, login is refused with 429 until the window ends, even with the right password: that is what
 * stops a guesser. A success clears the account's count, not the address's.
 */
export class LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limits: LoginThrottleLimits,
  ) {}

  async check(username: string, address: string): Promise<void> {
    const [account, fromAddress] = await this.redis.mget(this.accountKey(username), this.addressKey(address));
    const blocked =
      Number(account ?? 0) >= this.limits.perAccount
        ? this.accountKey(username)
        : Number(fromAddress ?? 0) >= this.limits.perAddress
          ? this.addressKey(address)
          : undefined;
    if (blocked === undefined) return;
    const ttlMs = await this.redis.pttl(blocked);
    throw new RateLimitError('too many failed logins; try again later', Math.max(1, Math.ceil(ttlMs / 1000)));
  }

  async failed(username: string, address: string): Promise<void> {
    const pipeline = this.redis.multi();
    for (const key of [this.accountKey(username), this.addressKey(address)]) {
      pipeline.incr(key).pexpire(key, this.limits.windowMs, 'NX');
    }
    await pipeline.exec();
  }

  async succeeded(username: string): Promise<void> {
    await this.redis.del(this.accountKey(username));
  }

  private accountKey(username: string): string {
    return `${this.prefix}:login-fail:account:${username}`;
  }

  private addressKey(address: string): string {
    return `${this.prefix}:login-fail:address:${address}`;
  }
}
