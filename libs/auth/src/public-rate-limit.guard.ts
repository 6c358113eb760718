import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type Redis from 'ioredis';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { RateLimitError } from '@wenzheng/errors';

export const AUTH_REDIS = Symbol('AUTH_REDIS');

const WINDOW_MS = 60_000;

/**
 * Public pages and APIs (the archive): at most PUBLIC_RATE_LIMIT_PER_MINUTE requests per client address and minute,
 * counted in Redis so every API process shares the count. Over it: 429 with Retry-After until the minute ends.
 * Redis being away must not close the archive: the request passes.
 */
@Injectable()
export class PublicRateLimitGuard implements CanActivate {
  constructor(
    @Inject(AUTH_REDIS) private readonly redis: Redis,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const address = context.switchToHttp().getRequest<Request>().ip ?? 'unknown';
    const window = Math.floor(Date.now() / WINDOW_MS);
    const key = `${this.config.redis.queuePrefix}:rate:public:${address}:${window}`;
    let count: number;
    try {
      const results = await this.redis.multi().incr(key).pexpire(key, WINDOW_MS).exec();
      count = Number(results?.[0]?.[1] ?? 0);
    } catch {
      return true;
    }
    if (count > this.config.publicApi.requestsPerMinute) {
      throw new RateLimitError('too many requests; try again in a minute', Math.ceil(((window + 1) * WINDOW_MS - Date.now()) / 1000));
    }
    return true;
  }
}
