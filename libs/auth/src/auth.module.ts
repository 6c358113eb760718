import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { AuthService, LOGIN_THROTTLE, SESSION_STORE } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { AUTH_REDIS, PublicRateLimitGuard } from './public-rate-limit.guard';
import { SessionStore } from './session.store';
import { StaffAuthGuard } from './staff-auth.guard';
import { StaffUsersService } from './staff-users.service';


/** Staff sessions, login limits and the public request limit live in Redis under the deployment's prefix; accounts in PostgreSQL. */
@Module({
  providers: [
    {
      provide: AUTH_REDIS,
      inject: [HUB_CONFIG],
      useFactory: (config: HubConfig) => new Redis(config.redis.url, { maxRetriesPerRequest: 1 }),
    },
    {
      provide: SESSION_STORE,
      inject: [AUTH_REDIS, HUB_CONFIG],
      useFactory: (redis: Redis, config: HubConfig) =>
        new SessionStore(redis, `${config.redis.queuePrefix}:auth`, { idleMs: config.auth.sessionIdleMs, maxMs: config.auth.sessionMaxMs }),
    },
    {
      provide: LOGIN_THROTTLE,
      inject: [AUTH_REDIS, HUB_CONFIG],
      useFactory: (redis: Redis, config: HubConfig) =>
        new LoginThrottle(redis, `${config.redis.queuePrefix}:auth`, {
          perAccount: config.auth.maxFailuresPerAccount,
          perAddress: config.auth.maxFailuresPerAddress,
          windowMs: config.auth.loginLockMs,
        }),
    },
    AuthService,
    StaffUsersService,
    StaffAuthGuard,
    PublicRateLimitGuard,
  ],
  exports: [AuthService, StaffUsersService, StaffAuthGuard, PublicRateLimitGuard, AUTH_REDIS],
})
export class AuthModule implements OnApplicationShutdown {
  constructor(@Inject(AUTH_REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
