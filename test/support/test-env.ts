import { randomBytes } from 'node:crypto';

/** The PostgreSQL server of this machine (trust auth); DATABASE_ADMIN_URL overrides it. */
export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Overridable so that two checkouts on one machine can run their tests at the same time. */
export const TEMPLATE_DATABASE = process.env.TEST_TEMPLATE_DATABASE ?? 'wenzheng_test_template';

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** Environment for a hub under test: its own database and queue prefix, fast timers, ephemeral port. */
export function hubTestEnv(databaseName: string, queuePrefix: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    HUB_ROLES: 'api,worker',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl(databaseName),
    DATABASE_POOL_SIZE: '5',
    REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    QUEUE_CONCURRENCY: '4',
    QUEUE_LOCK_MS: '2000',
    QUEUE_STALLED_INTERVAL_MS: '1000',
    QUEUE_BACKOFF_MS: '100',
    SWEEP_INTERVAL_MS: '300',
    SWEEP_AFTER_MS: '1500',
    TRACKING_SECRET: 'test-secret-for-query-codes',
    ...extra,
  };
}
