import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';
import Redis from 'ioredis';
import { Client } from 'pg';
import { HubConfig, loadHubConfig, projectRoot } from '@wenzheng/config';
import { prepareDatabase, withPgClient } from '@wenzheng/database';
import { deleteQueueKeys } from '@wenzheng/queue';
import { installWireCounter } from './wire-counter';

/** The services of this machine; BENCH_POSTGRES_URL / BENCH_REDIS_URL point the bench elsewhere. */
export const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const BENCH_DATABASE = 'wenzheng_bench';
export const QUEUE_PREFIX = '{wzbench}';

export function benchDatabaseUrl(): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${BENCH_DATABASE}`;
  return url.toString();
}

/**
 * The hub's configuration as a production start would build it (every tuning variable at its default: pool size,
 * queue concurrency, segmenter), with only the bench's own database, queue prefix, loopback port 0 and secrets.
 */
export function benchHubConfig(extra: Record<string, string> = {}): HubConfig {
  return loadHubConfig({
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: benchDatabaseUrl(),
    REDIS_URL,
    QUEUE_PREFIX,
    TRACKING_SECRET: 'wenzheng-bench-only-tracking-secret',
    CHANNEL_SECRETS_KEY: 'wenzheng-bench-only-channel-secrets-key',
    ...extra,
  });
}

const admin = <T>(work: (client: Client) => Promise<T>) => withPgClient(ADMIN_URL, work);

/** Drops and recreates the bench database, migrated with the demo city, as the hub's own boot step does it. */
async function freshBenchDatabase(config: HubConfig): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`));
  const prepared = await prepareDatabase(config);
  if (!prepared.demoLoaded) throw new Error(`${BENCH_DATABASE}: the demo city was not loaded`);
}

/**
 * The start of every section that runs the hub: statements counted on the wire from now on, a fresh bench database
 * and empty queues; answers the section's configuration (`extra` as in benchHubConfig).
 */
export async function prepareBenchSection(extra: Record<string, string> = {}): Promise<HubConfig> {
  installWireCounter();
  const config = benchHubConfig(extra);
  await freshBenchDatabase(config);
  await deleteBenchQueueKeys();
  return config;
}

/** Deletes every Redis key under the bench queue prefix (and nothing else). */
export function deleteBenchQueueKeys(): Promise<number> {
  return deleteQueueKeys(REDIS_URL, QUEUE_PREFIX);
}

export interface MachineInfo {
  date: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  redis: string;
  /** The commit measured, and whether the working tree differed from it. */
  code: string;
}

function describeCode(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: projectRoot(), encoding: 'utf8' }).trim();
    const commit = git('rev-parse', '--short', 'HEAD');
    const changed = git('status', '--porcelain', '--', 'apps', 'libs', 'config').length > 0;
    return changed ? `${commit} + uncommitted changes in apps/ libs/ config/` : commit;
  } catch {
    return 'unknown (no git)';
  }
}

export async function describeMachine(): Promise<MachineInfo> {
  const postgres = await admin(
    async (c) => (await c.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version,
  );
  const redis = new Redis(REDIS_URL);
  let redisVersion = 'unknown';
  try {
    redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? 'unknown';
  } finally {
    redis.disconnect();
  }
  const cores = cpus();
  return {
    date: new Date().toISOString(),
    cpu: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    memoryGiB: totalmem() / 2 ** 30,
    os: `${process.platform} ${release()}`,
    node: process.version,
    postgres,
    redis: redisVersion,
    code: describeCode(),
  };
}

/** 1-minute load average: other work on the machine would show here and distort every figure. */
export function loadAverage(): number {
  return loadavg()[0];
}
