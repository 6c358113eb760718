import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { HubConfig } from '@wenzheng/config';
import { Segmenter, createSegmenter } from '@wenzheng/nlp';
import { ArchiveService, queryTerms } from '@wenzheng/publishing';
import { bootstrapApi } from '../../apps/api/src/bootstrap';
import { ArchiveSeed, seedArchive } from './archive-seed';
import { deleteBenchQueueKeys, loadAverage, prepareBenchSection } from './bench-environment';
import { loadCorpus } from './corpus';
import { percentile } from './load-harness';
import { LoadSource, measureClosedLoop } from './measured-load';
import { PlanSummary, Statement, explain } from './workbench.bench';

/** Published replies in the archive: BENCH_ARCHIVE_ROWS, default one million. */
export const ARCHIVE_ROWS = Number(process.env.BENCH_ARCHIVE_ROWS ?? 1_000_000);
/** Distinct generated entries the rows are drawn from (each about 25 times at a million rows). */
const DISTINCT_ENTRIES = 40_000;
const PAGE_SIZE = 10;

export type ArchiveQueryName = 'frequent' | 'phrase' | 'two words' | 'rare';
export const ARCHIVE_QUERIES: { name: ArchiveQueryName; q: string }[] = [
  { name: 'frequent', q: '供暖' },
  { name: 'phrase', q: '棚户区改造' },
  { name: 'two words', q: '路灯 维修' },
  { name: 'rare', q: '光伏' },
];

export type ArchiveTarget = 'hub-http' | 'hub-service' | 'scan';
const HUB_CONCURRENCIES = [1, 4];
/** Hub rows are sized from a warm-up of HUB_SIZING calls to last about this long (within the bounds below). */
const HUB_ROW_SECONDS = 3;
const HUB_SIZING = 5;
/** Unmeasured requests at the start of each hub row (the sizing calls warmed the caches already). */
const HUB_WARMUP = 2;
const HUB_REQUESTS = { min: 20, max: 400 };
/**
 * The ILIKE scan reads the whole table (and its TOAST) per request: a few measured, one in flight, no warm-up (the
 * EXPLAIN of the frequent word's scan has just read it all, and it is read from the OS cache either way).
 */
const SCAN_WARMUP = 0;
const SCAN_REQUESTS = 3;

export interface ArchiveRow {
  query: ArchiveQueryName;
  target: ArchiveTarget;
  concurrency: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  mainThreadBusy: number;
  pgPerRequest: number;
  redisPerRequest: number;
  firstError?: string;
}

export interface ArchiveFigures {
  seed: ArchiveSeed;
  corpusSource: string;
  /** Per query: the words the hub cut it into and the entries they match (the result's total). */
  matches: { name: ArchiveQueryName; q: string; terms: string[]; total: number; totalIsExact: boolean; order: string; scanTotal: number }[];
  rows: ArchiveRow[];
  plans: PlanSummary[];
  poolSize: number;
  /** The PostgreSQL settings that decide whether the table is read from shared buffers or from the OS cache. */
  serverSettings: string;
  loadBefore: number;
  loadAfter: number;
}

/** The statements ArchiveService.search sends for a query, captured with a recorder in place of its DataSource. */
async function searchStatements(segmenter: Segmenter, q: string): Promise<Statement[]> {
  const statements: Statement[] = [];
  const recorder = {
    query: async (sql: string, params: unknown[]) => {
      statements.push({ sql, params: [...params] });
      return statements.length === 1 ? [{ total: 0 }] : [];
    },
  };
  // search() needs neither the figures service nor the clock.
  const service = new ArchiveService(recorder as unknown as DataSource, undefined as never, segmenter, undefined as never);
  await service.search({ q, pageSize: String(PAGE_SIZE) });
  return statements;
}

/**
 * The baseline: what an archive without a word index would run, the same words as `ILIKE '%word%'` on the three
 * texts (every word somewhere in the entry), the newest page first, and the count.
 */
function scanStatements(terms: readonly string[]): Statement[] {
  const params = terms.map((t) => `%${t}%`);
  const where = [
    `state = 'published'`,
    ...params.map((_, i) => `(title ILIKE $${i + 1} OR message_text ILIKE $${i + 1} OR reply_text ILIKE $${i + 1})`),
  ].join(' AND ');
  return [
    { sql: `SELECT count(*)::int AS total FROM publications WHERE ${where}`, params },
    {
      sql: `SELECT id, kind, title, message_kind, message_text, reply_text, unit_id, received_at, replied_at, working_days, published_at
              FROM publications WHERE ${where} ORDER BY published_at DESC LIMIT ${PAGE_SIZE}`,
      params,
    },
  ];
}

/**
 * Section 5: the public archive's Chinese full-text search on ARCHIVE_ROWS seeded published replies. Each query runs
 * through GET /api/v1/archive/replies and ArchiveService.search in-process at 1 and 4 in flight, and as an ILIKE
 * scan of the same table on a bare pg Pool (the baseline: the ratio says what the word index buys).
 */
export async function benchArchive(progress: (line: string) => void): Promise<ArchiveFigures> {
  const config: HubConfig = await prepareBenchSection({ HUB_ROLES: 'api', PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000' });
  const pool = new Pool({ connectionString: config.database.url, max: config.database.poolSize });
  try {
    const corpus = loadCorpus(Number.MAX_SAFE_INTEGER);
    const segmenter = createSegmenter(config.nlp.segmenter, { userDictPath: config.nlp.userDictPath });
    progress(`archive: seeding ${ARCHIVE_ROWS} published replies`);
    const seed = await seedArchive(
      pool,
      segmenter,
      corpus.raw,
      ARCHIVE_ROWS,
      Math.min(DISTINCT_ENTRIES, ARCHIVE_ROWS),
      progress,
    );

    const settings = (
      await pool.query<{ name: string; setting: string }>(
        `SELECT name, current_setting(name) AS setting FROM pg_settings
          WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'jit') ORDER BY name`,
      )
    ).rows;
    const serverSettings = settings.map((s) => `${s.name} ${s.setting}`).join(', ');
    const loadBefore = loadAverage();
    const api = await bootstrapApi(config);
    try {
      const origin = `http://127.0.0.1:${api.getHttpServer().address().port}`;
      const archive = api.get(ArchiveService);
      const hubStatements = new Map<ArchiveQueryName, Statement[]>();
      const scans = new Map<ArchiveQueryName, Statement[]>();
      const matches: ArchiveFigures['matches'] = [];
      for (const { name, q } of ARCHIVE_QUERIES) {
        const terms = queryTerms(segmenter, q);
        hubStatements.set(name, await searchStatements(segmenter, q));
        scans.set(name, scanStatements(terms));
        const { total, totalIsExact, order } = await archive.search({ q, pageSize: String(PAGE_SIZE) });
        matches.push({ name, q, terms, total, totalIsExact, order, scanTotal: Number.NaN });
      }
      const plans: PlanSummary[] = [];
      for (const name of ['frequent', 'rare'] as const) {
        const [count, page] = hubStatements.get(name)!;
        const q = ARCHIVE_QUERIES.find((x) => x.name === name)!.q;
        plans.push(await explain(pool, `hub "${q}" (${name}): count`, count));
        plans.push(await explain(pool, `hub "${q}" (${name}): ranked page`, page));
      }
      const [scanCount, scanPage] = scans.get('frequent')!;
      plans.push(await explain(pool, `baseline ILIKE "${ARCHIVE_QUERIES[0].q}": count`, scanCount));
      plans.push(await explain(pool, `baseline ILIKE "${ARCHIVE_QUERIES[0].q}": newest page`, scanPage));

      const rows: ArchiveRow[] = [];
      const measure = async (
        query: ArchiveQueryName,
        target: ArchiveTarget,
        concurrency: number,
        warmup: number,
        requests: number,
        source: LoadSource,
      ) => {
        progress(`archive: ${query} ${target}, ${concurrency} in flight, ${warmup} warm-up + ${requests} measured`);
        const measured = await measureClosedLoop(source, warmup, requests, concurrency);
        const { latenciesMs } = measured.run;
        const ok = latenciesMs.length;
        rows.push({
          query,
          target,
          concurrency,
          requests,
          perSecond: ok / (measured.run.elapsedMs / 1000),
          p50: percentile(latenciesMs, 0.5),
          p95: percentile(latenciesMs, 0.95),
          p99: percentile(latenciesMs, 0.99),
          errors: measured.run.errors,
          mainThreadBusy: measured.mainThreadBusy,
          pgPerRequest: measured.pgStatements / ok,
          redisPerRequest: measured.redisCommands / ok,
          firstError: measured.run.firstError,
        });
      };

      for (const { name, q } of ARCHIVE_QUERIES) {
        const path = `/api/v1/archive/replies?${new URLSearchParams({ q, pageSize: String(PAGE_SIZE) })}`;
        const call = () => archive.search({ q, pageSize: String(PAGE_SIZE) });
        // Size the rows from a warm-up of the service: about HUB_ROW_SECONDS each.
        const started = performance.now();
        for (let i = 0; i < HUB_SIZING; i++) await call();
        const meanMs = (performance.now() - started) / HUB_SIZING;
        for (const concurrency of HUB_CONCURRENCIES) {
          const requests = Math.max(
            HUB_REQUESTS.min,
            Math.min(HUB_REQUESTS.max, Math.round((HUB_ROW_SECONDS * 1000 * Math.min(concurrency, 2)) / meanMs)),
          );
          const gets = Array.from({ length: HUB_WARMUP + requests }, () => path);
          await measure(name, 'hub-http', concurrency, HUB_WARMUP, requests, { http: { url: origin, gets } });
          await measure(name, 'hub-service', concurrency, HUB_WARMUP, requests, { call });
        }
        const [count, page] = scans.get(name)!;
        let scanTotal = Number.NaN;
        await measure(name, 'scan', 1, SCAN_WARMUP, SCAN_REQUESTS, {
          call: async () => {
            scanTotal = (await pool.query<{ total: number }>(count.sql, count.params)).rows[0].total;
            return pool.query(page.sql, page.params);
          },
        });
        matches.find((m) => m.name === name)!.scanTotal = scanTotal;
      }
      return {
        seed,
        corpusSource: corpus.source,
        matches,
        rows,
        plans,
        poolSize: config.database.poolSize,
        serverSettings,
        loadBefore,
        loadAfter: loadAverage(),
      };
    } finally {
      await api.close();
    }
  } finally {
    await pool.end();
    await deleteBenchQueueKeys();
  }
}
