/** The wait before reconnection attempt `attempt` (1, 2, …): doubling from `baseMs`, never above `maxMs`. */
export function reconnectDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  if (!Number.isFinite(attempt) || attempt < 1) return baseMs;
  return Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 30));
}
