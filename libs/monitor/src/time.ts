/** Epoch milliseconds from a Date or a number, refusing what would silently poison windows and buckets. */
export function toEpochMs(at: Date | number, name = 'at'): number {
  const ms = typeof at === 'number' ? at : at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${name} is not a valid time: ${String(at)}`);
  return ms;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** The step of a burst's current window: a topic is judged on its last hour at most ten minutes old, not the clock hour. */
export const RECENT_BUCKET_MS = 600_000;
