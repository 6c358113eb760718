import { performance } from 'node:perf_hooks';
import { HttpTarget, runHttpLoad } from './http-load';
import { LoadRun, runClosedLoop } from './load-harness';
import { wireCounts } from './wire-counter';

/** Requests sent over HTTP from the client thread, or calls made on this (the server's) thread. */
export type LoadSource = { http: HttpTarget } | { call: (index: number) => Promise<unknown> };

/** One closed-loop row: the measured run, and what this process (the server side) did during it. */
export interface MeasuredLoad {
  run: LoadRun;
  /** Warm-up requests that succeeded (not in the figures). */
  warmupOk: number;
  /** Share of the measured run during which the main thread was busy, 0..1. */
  mainThreadBusy: number;
  /** PostgreSQL statements and Redis commands the process sent during the measured run (installWireCounter). */
  pgStatements: number;
  redisCommands: number;
}

/**
 * `warmup` unmeasured requests, then `requests` measured ones, `concurrency` in flight. An HTTP source must hold
 * `warmup + requests` requests; a call source is called with indexes 0 .. warmup + requests - 1.
 */
export async function measureClosedLoop(
  source: LoadSource,
  warmup: number,
  requests: number,
  concurrency: number,
): Promise<MeasuredLoad> {
  let busySince = performance.eventLoopUtilization();
  let wireSince = wireCounts();
  const measuring = () => {
    busySince = performance.eventLoopUtilization();
    wireSince = wireCounts();
  };
  let run: LoadRun;
  let warmupOk: number;
  if ('http' in source) {
    const httpRun = await runHttpLoad({ ...source.http, warmup, load: { kind: 'closed', concurrency } }, measuring);
    warmupOk = httpRun.warmupOk;
    run = httpRun;
  } else {
    const warm = await runClosedLoop(warmup, concurrency, source.call);
    warmupOk = warm.latenciesMs.length;
    measuring();
    run = await runClosedLoop(requests, concurrency, (i) => source.call(warmup + i));
  }
  const mainThreadBusy = performance.eventLoopUtilization(busySince).utilization;
  const wire = wireCounts();
  return {
    run,
    warmupOk,
    mainThreadBusy,
    pgStatements: wire.pg - wireSince.pg,
    redisCommands: wire.redis - wireSince.redis,
  };
}
