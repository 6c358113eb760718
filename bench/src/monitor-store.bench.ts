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

export interface MonitorStoreFigures {
  messages: number;
  /** Messages through `MonitorProcessor.process`, one after another, per second. */
  perSecond: number;
  step: LatencySummary;
  statementsPerMessage: number;
  clusters: number;
  duplicates: number;
  alerts: number;
  loadBefore: number;
  loadAfter: number;
}

/**
 * Section 9: the monitor as the worker runs it, on PostgreSQL. MONITOR_STORE_MESSAGES analyzed messages (with their
 * tickets) are seeded, spread over 72 simulated hours; each then goes through the worker's `MonitorProcessor` in
 * arrival order: one transaction under the monitor's advisory lock (near-duplicates over the stored signatures, the
 * clusterer synced by revision, cluster row, signature, alert). Queues are left out: this is the step a
 * `monitor-message` job runs.
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
      progress(`monitor-store: ${ids.length} messages through the worker's monitor step`);
      const latencies: number[] = [];
      const wireBefore = wireCounts().pg;
      const started = performance.now();
      for (const id of ids) {
        const before = performance.now();
        await processor.process(id);
        latencies.push(performance.now() - before);
      }
      const seconds = (performance.now() - started) / 1000;
      const statements = wireCounts().pg - wireBefore;
      const [counts] = (
        await pool.query<{ clusters: number; duplicates: number; alerts: number }>(
          `SELECT (SELECT count(*)::int FROM monitor_clusters) AS clusters,
                  (SELECT count(*)::int FROM monitor_messages WHERE duplicate_of IS NOT NULL) AS duplicates,
                  (SELECT count(*)::int FROM monitor_alerts) AS alerts`,
        )
      ).rows;
      return {
        messages: ids.length,
        perSecond: ids.length / seconds,
        step: summarize({ count: ids.length, errors: 0, elapsedMs: seconds * 1000, latenciesMs: latencies, results: [] }),
        statementsPerMessage: statements / ids.length,
        ...counts,
        loadBefore,
        loadAfter: loadAverage(),
      };
    } finally {
      await worker.close();
    }
  } finally {
    await pool.end();
  }
}
