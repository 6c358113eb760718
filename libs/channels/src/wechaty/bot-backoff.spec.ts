import { reconnectDelayMs } from './bot-backoff';

describe('reconnectDelayMs', () => {
  it.each([
    [1, 2_000],
    [2, 4_000],
    [3, 8_000],
    [8, 256_000],
    [9, 300_000],
    [1000, 300_000],
    [0, 2_000],
    [-3, 2_000],
    [Number.NaN, 2_000],
  ])('attempt %d waits %d ms', (attempt, delay) => {
    expect(reconnectDelayMs(attempt, 2_000, 300_000)).toBe(delay);
  });
});
