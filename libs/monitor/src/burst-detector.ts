import { HOUR_MS, RECENT_BUCKET_MS, toEpochMs } from './time';
import { watchCategoriesOf, WatchMatch, watchWordsIn } from './watch-categories';

export interface BurstOptions {
  /** z-score at which a window is hot; default 3. */
  zThreshold?: number;
  /** Messages a window needs to be hot at all; default 5. */
  minCount?: number;
  /** Lower bound of the standard deviation, so a flat or empty history does not divide by ~0; default 1. */
  stdFloor?: number;
  /** Both thresholds are multiplied by this when the topic touches a watch category or word; default 0.6. */
  watchFactor?: number;
}

export const DEFAULT_BURST_OPTIONS: Readonly<Required<BurstOptions>> = {
  zThreshold: 3,
  minCount: 5,
  stdFloor: 1,
  watchFactor: 0.6,
};

export interface BurstInput {
  /** Messages in the current window. */
  current: number;
  /** Messages in each of the previous windows; empty for a topic with no history. */
  history: readonly number[];
  /** The topic touches a watch category or watch word. */
  watched?: boolean;
}

export interface BurstResult {
  hot: boolean;
  z: number;
  count: number;
  mean: number;
  /** Population standard deviation of the history, before the floor. */
  std: number;
  /** The thresholds applied (lowered when watched). */
  zThreshold: number;
  minCount: number;
  watched: boolean;
}

function resolved(options: BurstOptions): Required<BurstOptions> {
  // Field by field rather than over Object.entries: this runs for every message of the monitor.
  const o: Required<BurstOptions> = {
    zThreshold: options.zThreshold ?? DEFAULT_BURST_OPTIONS.zThreshold,
    minCount: options.minCount ?? DEFAULT_BURST_OPTIONS.minCount,
    stdFloor: options.stdFloor ?? DEFAULT_BURST_OPTIONS.stdFloor,
    watchFactor: options.watchFactor ?? DEFAULT_BURST_OPTIONS.watchFactor,
  };
  if (!(o.stdFloor > 0)) throw new RangeError(`stdFloor must be positive, got ${o.stdFloor}`);
  if (!(o.watchFactor > 0 && o.watchFactor <= 1)) throw new RangeError(`watchFactor must be in (0, 1], got ${o.watchFactor}`);
  if (!(o.minCount >= 0)) throw new RangeError(`minCount must not be negative, got ${o.minCount}`);
  return o;
}

/** z = (current − mean) / max(std, stdFloor) over the previous windows; hot when z and the count both reach their thresholds. */
export function detectBurst(input: BurstInput, options: BurstOptions = {}): BurstResult {
  return burstOf(input.current, input.history, input.watched ?? false, resolved(options));
}

function burstOf(current: number, history: readonly number[], watched: boolean, o: Required<BurstOptions>): BurstResult {
  checkCount(current);
  const n = history.length;
  let sum = 0;
  for (let i = 0; i < n; i += 1) {
    checkCount(history[i]);
    sum += history[i];
  }
  const mean = n === 0 ? 0 : sum / n;
  let squares = 0;
  for (let i = 0; i < n; i += 1) squares += (history[i] - mean) ** 2;
  const std = Math.sqrt(n === 0 ? 0 : squares / n);
  const z = (current - mean) / Math.max(std, o.stdFloor);
  const zThreshold = watched ? o.zThreshold * o.watchFactor : o.zThreshold;
  const minCount = watched ? Math.ceil(o.minCount * o.watchFactor) : o.minCount;
  return { hot: z >= zThreshold && current >= minCount, z, count: current, mean, std, zThreshold, minCount, watched };
}

function checkCount(value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`window counts must be non-negative numbers, got ${value}`);
}

export interface WindowCountOptions {
  /** Hours per window; default 1. */
  windowHours?: number;
  /**
   * Previous windows compared with the current one; default 24. Keep windowHours × (historyWindows + 1) within the
   * hourly buckets the clusterer keeps, and windowHours within its ten-minute ones.
   */
  historyWindows?: number;
}

/** A topic's message counts: `[bucket start, messages]`, in any order. */
export interface WindowBuckets {
  /** Per hour, for the history. */
  hourly: Iterable<readonly [number, number]>;
  /** Per `RECENT_BUCKET_MS`, for the current window (at least its buckets). */
  recent: Iterable<readonly [number, number]>;
  /**
   * The resends among them (a sender's near-duplicates of their own messages), likewise per hour and per ten
   * minutes, left out of every window: a burst is of people writing, and one citizen sending a letter ten times is
   * one voice (the workflow merges the letters).
   */
  hourlyResends?: Iterable<readonly [number, number]>;
  recentResends?: Iterable<readonly [number, number]>;
  /** The copies among them (near-duplicates of other senders' messages), per ten minutes: counted, not left out. */
  recentCopies?: Iterable<readonly [number, number]>;
}

/**
 * Counts per window. The current window is the last `windowHours` up to the ten-minute bucket holding `now` (so it
 * includes the bucket in progress): a burst is as hot just after the hour turns as just before, where a clock-hour
 * window would start again from nothing and count the burst in the history it is compared with. `history` lists the
 * windows of whole hours before the hour the current window starts in, oldest first; the part of that hour before
 * the current window is in neither, so no message counts twice.
 */
export function windowCounts(
  buckets: WindowBuckets,
  now: Date | number,
  options: WindowCountOptions = {},
): { current: number; history: number[]; resends: number; copies: number } {
  const { windowHours, historyWindows } = windowsOf(options);
  const windowMs = windowHours * HOUR_MS;
  const [currentStart, currentEnd] = currentWindow(toEpochMs(now, 'now'), windowHours);
  const resends = countIn(buckets.recentResends ?? [], currentStart, currentEnd);
  const current = countIn(buckets.recent, currentStart, currentEnd) - resends;
  const copies = countIn(buckets.recentCopies ?? [], currentStart, currentEnd);
  const historyEnd = Math.floor(currentStart / HOUR_MS) * HOUR_MS;
  const history = new Array<number>(historyWindows).fill(0);
  addToHistory(history, buckets.hourly, 1, historyEnd, windowMs);
  if (buckets.hourlyResends !== undefined) addToHistory(history, buckets.hourlyResends, -1, historyEnd, windowMs);
  return { current, history, resends, copies };
}

/** Adds `sign` × each hour's count before `historyEnd` to its window, the last window ending there. */
function addToHistory(history: number[], hourly: Iterable<readonly [number, number]>, sign: number, historyEnd: number, windowMs: number): void {
  eachBucket(hourly, (start, count) => {
    if (start >= historyEnd) return;
    const back = Math.floor((historyEnd - 1 - start) / windowMs);
    if (back < history.length) history[history.length - 1 - back] += sign * count;
  });
}

/**
 * Every `[start, count]` of the buckets. A Map (what `TopicClusterer.pulse` gives, for every message) is read with
 * `forEach`: iterating its entries made an array per bucket.
 */
function eachBucket(buckets: Iterable<readonly [number, number]>, visit: (start: number, count: number) => void): void {
  if (buckets instanceof Map) {
    (buckets as ReadonlyMap<number, number>).forEach((count, start) => visit(start, count));
    return;
  }
  for (const [start, count] of buckets) visit(start, count);
}

function windowsOf(options: WindowCountOptions): Required<WindowCountOptions> {
  const windowHours = options.windowHours ?? 1;
  const historyWindows = options.historyWindows ?? 24;
  if (!Number.isInteger(windowHours) || windowHours < 1) throw new RangeError(`windowHours must be a positive integer, got ${windowHours}`);
  if (!Number.isInteger(historyWindows) || historyWindows < 0) {
    throw new RangeError(`historyWindows must be a non-negative integer, got ${historyWindows}`);
  }
  return { windowHours, historyWindows };
}

/** The current window, [start, end): the last `windowHours` up to the end of the ten-minute bucket holding `nowMs`. */
function currentWindow(nowMs: number, windowHours: number): [number, number] {
  const end = Math.floor(nowMs / RECENT_BUCKET_MS) * RECENT_BUCKET_MS + RECENT_BUCKET_MS;
  return [end - windowHours * HOUR_MS, end];
}

function countIn(buckets: Iterable<readonly [number, number]>, start: number, end: number): number {
  let total = 0;
  eachBucket(buckets, (at, count) => {
    if (at >= start && at < end) total += count;
  });
  return total;
}

export interface ClusterBurstOptions extends BurstOptions, WindowCountOptions {
  /** Local issues of the moment that are watched like the categories. */
  watchWords?: readonly string[];
}

export interface ClusterBurst extends BurstResult {
  clusterId: string;
  watchCategories: WatchMatch[];
  watchWords: string[];
  sentimentAverage: number | null;
  /** Of `count`, the near-duplicates of earlier messages (posts): many is a copy-paste campaign or a template letter. */
  copies: number;
  /** Resends in the current window, beside `count` (which leaves them out). */
  resends: number;
}

/** What the burst check reads of a cluster; `TopicClusterer.pulse` gives it. */
export interface BurstSubject extends WindowBuckets {
  id: string;
  /** The heaviest terms, which decide the watch categories and words. */
  terms: readonly string[];
  sentimentAverage: number | null;
}

/** A cluster's current window against its history, with the watch categories and words its heaviest terms touch. */
export function detectClusterBurst(
  cluster: BurstSubject,
  now: Date | number,
  options: ClusterBurstOptions = {},
): ClusterBurst {
  const watchCategories = watchCategoriesOf(cluster.terms);
  const watchWords = watchWordsIn(cluster.terms, options.watchWords ?? []);
  const { current, history, resends, copies } = windowCounts(cluster, now, options);
  // Built field by field: spreading the burst into a new object showed in the monitor's profile (one per message).
  const burst = burstOf(current, history, watchCategories.length > 0 || watchWords.length > 0, resolved(options));
  return {
    hot: burst.hot,
    z: burst.z,
    count: burst.count,
    mean: burst.mean,
    std: burst.std,
    zThreshold: burst.zThreshold,
    minCount: burst.minCount,
    watched: burst.watched,
    clusterId: cluster.id,
    watchCategories,
    watchWords,
    sentimentAverage: cluster.sentimentAverage,
    copies,
    resends,
  };
}
