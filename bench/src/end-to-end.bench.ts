import { Client } from 'pg';
import { JobQueue, QueueName } from '@wenzheng/queue';
import { loadAverage, prepareBenchSection } from './bench-environment';
import { withBenchHub } from './bench-hub';
import { portalSubmission } from './corpus';
import { runHttpLoad } from './http-load';
import { LatencySummary, percentile, summarize } from './load-harness';
import { wireCounts } from './wire-counter';

export const E2E_RATE_PER_SECOND = 50;
export const E2E_SECONDS = 20;
export const E2E_WARMUP_SECONDS = 2;
/** How long after the last POST the measured tickets may take to settle before the run is reported as unfinished. */
export const E2E_SETTLE_TIMEOUT_MS = 60000;

const SETTLED = ['assigned', 'dispatching'];

export interface EndToEndFigures {
  ratePerSecond: number;
  seconds: number;
  segmenter: string;
  queueConcurrency: number;
  sent: number;
  post: LatencySummary;
  maxStartLagMs: number;
  firstError?: string;
  settled: number;
  assigned: number;
  dispatching: number;
  /** received → assigned/dispatching, from the ticket's own events, milliseconds. */
  p50: number;
  p99: number;
  max: number;
  /** From the last POST's answer to the last measured ticket settling (or to the timeout). */
  drainMs: number;
  /** Everything the process sent while the measured tickets went through (intake, both jobs, relay and sweeper ticks). */
  pgPerTicket: number;
  redisPerTicket: number;
  /** Jobs that failed at least once (failed for good or waiting to retry), by name. */
  troubledJobs: string[];
  loadBefore: number;
  loadAfter: number;
}

/** Polls until every ticket is settled or the timeout passes; returns how many settled and how many polls it took. */
async function waitSettled(
  db: Client,
  trackingNos: string[],
  timeoutMs: number,
): Promise<{ settled: number; polls: number }> {
  const deadline = Date.now() + timeoutMs;
  for (let polls = 1; ; polls++) {
    const { rows } = await db.query<{ settled: number }>(
      `SELECT count(*)::int AS settled FROM tickets WHERE tracking_no = ANY($1) AND status = ANY($2)`,
      [trackingNos, SETTLED],
    );
    if (rows[0].settled >= trackingNos.length || Date.now() > deadline) return { settled: rows[0].settled, polls };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Section 3: api + worker in this process (as `npm start` runs them), POSTs at a fixed arrival rate from the client
 * thread, and each ticket's time from its `received` event to its `assigned` or `dispatching` event.
 */
export async function benchEndToEnd(
  texts: readonly string[],
  progress: (line: string) => void,
): Promise<EndToEndFigures> {
  const config = await prepareBenchSection();
  const loadBefore = loadAverage();

  return withBenchHub(config, async ({ worker, db, baseUrl }) => {
    const url = `${baseUrl}/api/v1/portal/messages`;
    const post = async (count: number, offset: number, tag: string) => {
      const bodies = Array.from({ length: count }, (_, i) => JSON.stringify(portalSubmission(texts, offset + i, tag)));
      return runHttpLoad({
        url,
        bodies,
        warmup: 0,
        load: { kind: 'open', ratePerSecond: E2E_RATE_PER_SECOND },
        resultField: 'trackingNo',
      });
    };
    const trackingNos = (results: (string | undefined)[]) => results.filter((r): r is string => r !== undefined);

    progress(`end to end: warm-up, ${E2E_WARMUP_SECONDS} s at ${E2E_RATE_PER_SECOND}/s`);
    const warm = await post(E2E_WARMUP_SECONDS * E2E_RATE_PER_SECOND, 0, 'e2e-warm');
    await waitSettled(db, trackingNos(warm.results), E2E_SETTLE_TIMEOUT_MS);

    progress(`end to end: ${E2E_SECONDS} s at ${E2E_RATE_PER_SECOND}/s, then waiting for the pipeline`);
    const sent = E2E_SECONDS * E2E_RATE_PER_SECOND;
    const wireBefore = wireCounts();
    const run = await post(sent, warm.count, 'e2e');
    const postedAt = Date.now();
    const measured = trackingNos(run.results);
    const { settled, polls } = await waitSettled(db, measured, E2E_SETTLE_TIMEOUT_MS);
    const drainMs = Date.now() - postedAt;
    const wireAfter = wireCounts();

    const { rows } = await db.query<{ latency_ms: number | null; outcome: string | null }>(
      `SELECT extract(epoch FROM (s.at - r.at)) * 1000 AS latency_ms, s.to_status AS outcome
         FROM tickets t
         JOIN ticket_events r ON r.ticket_id = t.id AND r.type = 'received'
         LEFT JOIN LATERAL (
           SELECT e.at, e.to_status FROM ticket_events e
            WHERE e.ticket_id = t.id AND e.to_status = ANY($2)
            ORDER BY e.id LIMIT 1
         ) s ON true
        WHERE t.tracking_no = ANY($1)`,
      [measured, SETTLED],
    );
    const latencies = rows.filter((r) => r.latency_ms !== null).map((r) => Number(r.latency_ms));
    const jobs = worker.get(JobQueue);
    // Failed for good, or failed at least once and waiting for a retry (backoff): either is an error in the run.
    const troubled: string[] = [];
    for (const name of Object.values(QueueName)) {
      const queue = jobs.queue(name);
      for (const job of await queue.getJobs(['failed', 'delayed'], 0, 999)) {
        if (job.attemptsMade > 0 || job.failedReason) troubled.push(`${job.name} (${job.attemptsMade} attempts)`);
      }
    }

    return {
      ratePerSecond: E2E_RATE_PER_SECOND,
      seconds: E2E_SECONDS,
      segmenter: config.nlp.segmenter,
      queueConcurrency: config.queue.concurrency,
      sent,
      post: summarize(run),
      maxStartLagMs: run.maxStartLagMs ?? Number.NaN,
      firstError: run.firstError,
      settled,
      assigned: rows.filter((r) => r.outcome === 'assigned').length,
      dispatching: rows.filter((r) => r.outcome === 'dispatching').length,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      max: latencies.reduce((a, b) => Math.max(a, b), latencies.length ? 0 : Number.NaN),
      drainMs,
      // The bench's own settle polls are not the hub's work.
      pgPerTicket: (wireAfter.pg - wireBefore.pg - polls) / measured.length,
      redisPerTicket: (wireAfter.redis - wireBefore.redis) / measured.length,
      troubledJobs: troubled,
      loadBefore,
      loadAfter: loadAverage(),
    };
  });
}
