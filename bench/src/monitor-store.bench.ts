import { Pool } from 'pg';
import { bootstrapWorker } from '../../apps/worker/src/bootstrap';
import { MonitorProcessor } from '@wenzheng/monitor';
import { KeywordExtractor, TextAnalyzer, createSegmenter } from '@wenzheng/nlp';
import { createRandom } from '@wenzheng/routing';
import { loadAverage, prepareBenchSection } from './bench-environment';
import { LatencySummary, summarize } from './load-harness';
import { mixedText } from './monitor.bench';
import { wireCounts } from './wire-counter';
import { seedWorkbench } from './workbench-seed';

export const MONITOR_STORE_MESSAGES = 10_000;
const HOUR_MS = 3_600_000;

/** One way of feeding the worker's monitor step the same messages, from an empty monitor. */
export interface MonitorStoreRun {
  /** Steps awaited at once: 1 is one transaction per message; more is what a worker's monitor queue holds. */
  inFlight: number;
  perSecond: number;
  /** From `process` called to its answer. */
  step: LatencySummary;
  statementsPerMessage: number;
  /** Monitor transactions (revisions) the run took. */
  transactions: number;
  clusters: number;
  duplicates: number;
  alerts: number;
  /** Digest of every message's cluster, copy-of, similarity and sentiment, to compare the runs by. */
  digest: string;
}

export interface MonitorStoreFigures {
  messages: number;
  runs: MonitorStoreRun[];
  loadBefore: number;
  loadAfter: number;
}

/**
 * Section 9: the monitor as the worker runs it, on PostgreSQL. MONITOR_STORE_MESSAGES analyzed messages (with their
 * tickets) are seeded, spread over 72 simulated hours; each then goes through the worker's `MonitorProcessor` in
 * arrival order: one transaction under the monitor's advisory lock (near-duplicates over the stored signatures, the
 * clusterer synced by revision, cluster row, signature, alert). Queues are left out: this is the step a
 * `monitor-message` job runs. Twice from an empty monitor: one message at a time (a transaction each), then as many
 * in flight as a monitor transaction takes (group commit), which must write the same answers.
 */
export async function benchMonitorStore(texts: readonly string[], progress: (line: string) => void): Promise<MonitorStoreFigures> {
  const config = await prepareBenchSection({ HUB_ROLES: 'worker' });
  const pool = new Pool({ connectionString: config.database.url, max: 2 });
  const random = createRandom(90);
  const sample = Array.from({ length: MONITOR_STORE_MESSAGES }, () => mixedText(texts, random));
  try {
    progress(`monitor-store: seeding ${sample.length} analyzed messages`);
    await seedWorkbench(pool, sample, sample.length, 0);
    const analyzer = new TextAnalyzer(
      createSegmenter(config.nlp.segmenter, { userDictPath: config.nlp.userDictPath }),
      KeywordExtractor.fromFiles({ stopWordsPath: config.nlp.stopWordsPath }),
    );
    const { rows } = await pool.query<{ id: string; title: string; body: string }>(
      `SELECT id, title, body FROM inbound_messages ORDER BY external_id`,
    );
    const start = Date.parse('2026-11-02T00:00:00+08:00');
    const ids = rows.map((r) => r.id);
    await pool.query(
      `UPDATE inbound_messages m SET received_at = s.at, analysis = s.analysis
         FROM unnest($1::uuid[], $2::timestamptz[], $3::jsonb[]) AS s(id, at, analysis) WHERE m.id = s.id`,
      [
        ids,
        ids.map((_, i) => new Date(start + (i * 72 * HOUR_MS) / ids.length)),
        rows.map((r) => JSON.stringify({ tokens: analyzer.tokenize(`${r.title}\n${r.body}`) })),
      ],
    );

    const worker = await bootstrapWorker(config);
    try {
      const processor = worker.get(MonitorProcessor);
      const loadBefore = loadAverage();
      const runs: MonitorStoreRun[] = [];
      for (const inFlight of [1, config.monitor.batchSize]) {
        progress(`monitor-store: ${ids.length} messages through the worker's monitor step, ${inFlight} at a time`);
        await resetMonitor(pool);
        runs.push(await feed(processor, pool, ids, inFlight));
      }
      return { messages: ids.length, runs, loadBefore, loadAfter: loadAverage() };
    } finally {
      await worker.close();
    }
  } finally {
    await pool.end();
  }
}

/** The monitor as new: no clusters, signatures, alerts or monitored messages (the processor resyncs by revision). */
async function resetMonitor(pool: Pool): Promise<void> {
  await pool.query(`TRUNCATE monitor_signature_bands, monitor_signatures, monitor_alerts, monitor_messages, monitor_clusters CASCADE`);
  await pool.query(`DELETE FROM notifications WHERE kind = 'monitor.alert'`);
  await pool.query(`UPDATE monitor_state SET revision = 0, clock = NULL, next_seq = 1`);
}

/**
 * `ids` in arrival order through `process`, `inFlight` awaited at once: as a worker's monitor queue runs them, each
 * slot taking the next message when its step is answered.
 */
async function feed(processor: MonitorProcessor, pool: Pool, ids: readonly string[], inFlight: number): Promise<MonitorStoreRun> {
  const latencies: number[] = [];
  const wireBefore = wireCounts().pg;
  let next = 0;
  const slot = async () => {
    while (next < ids.length) {
      const id = ids[next++];
      const before = performance.now();
      await processor.process(id);
      latencies.push(performance.now() - before);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, slot));
  const seconds = (performance.now() - started) / 1000;
  const statements = wireCounts().pg - wireBefore;
  const [counts] = (
    await pool.query<{ clusters: number; duplicates: number; alerts: number; transactions: number; digest: string }>(
      `SELECT (SELECT count(*)::int FROM monitor_clusters) AS clusters,
              (SELECT count(*)::int FROM monitor_messages WHERE duplicate_of IS NOT NULL) AS duplicates,
              (SELECT count(*)::int FROM monitor_alerts) AS alerts,
              (SELECT revision::int FROM monitor_state) AS transactions,
              (SELECT md5(string_agg(concat_ws(',', message_id, cluster_id, duplicate_of, duplicate_similarity, sentiment_score), ';'
                                     ORDER BY message_id)) FROM monitor_messages) AS digest`,
    )
  ).rows;
  return {
    inFlight,
    perSecond: ids.length / seconds,
    step: summarize({ count: ids.length, errors: 0, elapsedMs: seconds * 1000, latenciesMs: latencies, results: [] }),
    statementsPerMessage: statements / ids.length,
    ...counts,
  };
}
