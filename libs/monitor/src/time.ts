/** Epoch milliseconds from a Date or a number, refusing what would silently poison windows and buckets. */
export function toEpochMs(at: Date | number, name = 'at'): number {
  const ms = typeof at === 'number' ? at : at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${name} is not a valid time: ${String(at)}`);
  return ms;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
