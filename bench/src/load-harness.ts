import { performance } from 'node:perf_hooks';

/** One measured run: latencies of the successful calls, in milliseconds, and what each call returned. */
export interface LoadRun<T = unknown> {
  count: number;
  errors: number;
  firstError?: string;
  elapsedMs: number;
  latenciesMs: number[];
  results: (T | undefined)[];
  /** Open loop only: how late the generator started a call after its scheduled time (it must stay near 0). */
  maxStartLagMs?: number;
  /** Open loop only: the latency of call i (NaN when it failed), to show whether latency grows over the run. */
  latencyByIndexMs?: number[];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Closed loop: `concurrency` lanes, each starts its next call when its previous one ends, until `count` calls are done.
 * The same function drives every intake row (HTTP from the client thread, in-process on the main thread).
 */
export async function runClosedLoop<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
): Promise<LoadRun<T>> {
  const latencies: number[] = [];
  const results: (T | undefined)[] = new Array(count);
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const lane = async () => {
    for (let index = next++; index < count; index = next++) {
      const started = performance.now();
      try {
        results[index] = await task(index);
        latencies.push(performance.now() - started);
      } catch (error) {
        errors += 1;
        firstError ??= describe(error);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return { count, errors, firstError, elapsedMs: performance.now() - started, latenciesMs: latencies, results };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Open loop: call i starts at start + i / rate whatever the previous calls are doing (a fixed arrival rate). */
export async function runOpenLoop<T>(
  count: number,
  ratePerSecond: number,
  task: (index: number) => Promise<T>,
): Promise<LoadRun<T>> {
  const latencies: number[] = [];
  const results: (T | undefined)[] = new Array(count);
  const latencyByIndex = new Array<number>(count).fill(Number.NaN);
  const pending: Promise<void>[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let maxStartLagMs = 0;
  const started = performance.now();
  for (let index = 0; index < count; index++) {
    const due = started + (index * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const callStarted = performance.now();
    maxStartLagMs = Math.max(maxStartLagMs, callStarted - due);
    pending.push(
      task(index).then(
        (result) => {
          results[index] = result;
          latencyByIndex[index] = performance.now() - callStarted;
          latencies.push(latencyByIndex[index]);
        },
        (error) => {
          errors += 1;
          firstError ??= describe(error);
        },
      ),
    );
  }
  await Promise.all(pending);
  return {
    count,
    errors,
    firstError,
    elapsedMs: performance.now() - started,
    latenciesMs: latencies,
    results,
    maxStartLagMs,
    latencyByIndexMs: latencyByIndex,
  };
}

/** How calls are started: `concurrency` in flight (closed loop) or at a fixed arrival rate (open loop). */
export type LoadShape = { kind: 'closed'; concurrency: number } | { kind: 'open'; ratePerSecond: number };

/** `count` calls in the given shape. */
export function runLoad<T>(count: number, load: LoadShape, task: (index: number) => Promise<T>): Promise<LoadRun<T>> {
  return load.kind === 'closed'
    ? runClosedLoop(count, load.concurrency, task)
    : runOpenLoop(count, load.ratePerSecond, task);
}

/** Nearest-rank percentile (p in 0..1) of unsorted values; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1];
}

export interface LatencySummary {
  ok: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
}

export function summarize(run: LoadRun): LatencySummary {
  const ok = run.latenciesMs.length;
  return {
    ok,
    errors: run.errors,
    perSecond: ok / (run.elapsedMs / 1000),
    p50: percentile(run.latenciesMs, 0.5),
    p99: percentile(run.latenciesMs, 0.99),
    max: ok ? run.latenciesMs.reduce((a, b) => Math.max(a, b), 0) : Number.NaN,
  };
}
