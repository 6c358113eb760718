import { performance } from 'node:perf_hooks';
import { HttpTarget, runHttpLoad } from './http-load';
import { LoadRun, LoadShape, runLoad } from './load-harness';
import { wireCounts } from './wire-counter';

/** Requests sent over HTTP from the client thread, or calls made on this (the server's) thread. */
export type LoadSource = { http: HttpTarget } | { call: (index: number) => Promise<unknown> };

/** One row: the measured run, and what this process (the server side) did during it. */
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
export function measureClosedLoop(
  source: LoadSource,
  warmup: number,
  requests: number,
  concurrency: number,
): Promise<MeasuredLoad> {
  return measureLoad(source, warmup, requests, { kind: 'closed', concurrency });
}

/** As measureClosedLoop, with the load's shape given: the warm-up runs in the same shape as the measured run. */
export async function measureLoad(
  source: LoadSource,
  warmup: number,
  requests: number,
  load: LoadShape,
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
    const httpRun = await runHttpLoad({ ...source.http, warmup, load }, measuring);
    warmupOk = httpRun.warmupOk;
    run = httpRun;
  } else {
    const warm = await runLoad(warmup, load, source.call);
    warmupOk = warm.latenciesMs.length;
    measuring();
    run = await runLoad(requests, load, (i) => source.call(warmup + i));
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
