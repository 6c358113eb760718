import { BurstSubject, detectBurst, detectClusterBurst, windowCounts } from './burst-detector';
import { HOUR_MS } from './time';

const T0 = Date.parse('2026-01-12T08:00:00+08:00');

describe('detectBurst', () => {
  it.each([
    // current, history, z, hot
    ['zero history and a quiet window', 0, [], 0, false],
    ['zero history and a new topic of 5', 5, [], 5, true],
    ['zero history and 4 messages (below the minimum count)', 4, [], 4, false],
    ['a flat history of zeros', 6, [0, 0, 0, 0], 6, true],
    ['a flat non-zero history (std floored at 1)', 8, [5, 5, 5, 5], 3, true],
    ['just below the z threshold', 7, [5, 5, 5, 5], 2, false],
    ['a noisy history', 10, [2, 4, 6, 8], (10 - 5) / Math.sqrt(5), false],
    ['a steep rise over a noisy history', 20, [2, 4, 6, 8], 15 / Math.sqrt(5), true],
    ['a drop', 0, [10, 10, 10], -10, false],
    ['a single previous window', 9, [3], 6, true],
  ])('%s', (_, current, history, z, hot) => {
    const result = detectBurst({ current, history });
    expect(result.z).toBeCloseTo(z, 12);
    expect(result.hot).toBe(hot);
    expect([result.zThreshold, result.minCount, result.watched]).toEqual([3, 5, false]);
  });

  it('reports the mean and the standard deviation before the floor', () => {
    expect(detectBurst({ current: 3, history: [1, 3] })).toMatchObject({ mean: 2, std: 1, count: 3 });
    expect(detectBurst({ current: 3, history: [2, 2] })).toMatchObject({ mean: 2, std: 0, z: 1 });
  });

  it.each([
    // z = 2 over a flat history, count 3
    ['unwatched', false, false, 3, 5],
    ['watched (thresholds × 0.6: z 1.8, count 3)', true, true, 1.8, 3],
  ])('lowers the thresholds for a watched topic: %s', (_, watched, hot, zThreshold, minCount) => {
    const result = detectBurst({ current: 3, history: [1, 1, 1], watched });
    expect(result).toMatchObject({ hot, minCount, watched });
    expect(result.zThreshold).toBeCloseTo(zThreshold, 12);
  });

  it('takes other thresholds, floor and factor', () => {
    expect(detectBurst({ current: 4, history: [0] }, { minCount: 2, zThreshold: 8, stdFloor: 0.5 })).toMatchObject({
      z: 8,
      hot: true,
    });
    expect(detectBurst({ current: 4, history: [0], watched: true }, { watchFactor: 1 }).minCount).toBe(5);
  });

  it.each([
    [{ current: -1, history: [] }, {}],
    [{ current: 1, history: [Number.NaN] }, {}],
    [{ current: 1, history: [] }, { stdFloor: 0 }],
    [{ current: 1, history: [] }, { watchFactor: 0 }],
    [{ current: 1, history: [] }, { watchFactor: 1.5 }],
    [{ current: 1, history: [] }, { minCount: -1 }],
  ])('refuses %j with %j', (input, options) => {
    expect(() => detectBurst(input, options)).toThrow(RangeError);
  });
});

describe('windowCounts', () => {
  const MINUTE = 60_000;
  const hourly: [number, number][] = [
    [T0 - 5 * HOUR_MS, 1],
    [T0 - 2 * HOUR_MS, 2],
    [T0 - HOUR_MS, 3],
    [T0, 4],
  ];
  // The last two hours in ten-minute buckets: the 3 of the hour before T0 came at its end, the 4 of T0's in its first half.
  const recent: [number, number][] = [
    [T0 - 20 * MINUTE, 1],
    [T0 - 10 * MINUTE, 2],
    [T0, 1],
    [T0 + 10 * MINUTE, 1],
    [T0 + 20 * MINUTE, 2],
  ];
  const buckets = { hourly, recent };

  it.each([
    // The current window is the hour up to the ten-minute bucket holding now; history is the whole hours before the
    // hour it starts in.
    ['half an hour into the hour', T0 + 30 * MINUTE, { historyWindows: 5 }, 7, [0, 1, 0, 0, 2]],
    ['at the first millisecond of the hour: the last hour, not a new one with nothing in it', T0, { historyWindows: 3 }, 4, [0, 0, 2]],
    ['the last millisecond of the previous hour', T0 - 1, { historyWindows: 2 }, 3, [0, 2]],
    ['the window ends in the bucket in progress', T0 + 59 * MINUTE, { historyWindows: 2 }, 4, [2, 3]],
    ['two-hour windows', T0 + 1, { windowHours: 2, historyWindows: 2 }, 4, [1, 0]],
    ['no history', T0 + 30 * MINUTE, { historyWindows: 0 }, 7, []],
    ['an hour after the last bucket', T0 + 90 * MINUTE, { historyWindows: 2 }, 0, [2, 3]],
  ] as const)('%s', (_, now, options, current, history) => {
    expect(windowCounts(buckets, now, options)).toEqual({ current, history, resends: 0, copies: 0 });
  });

  it('counts no message twice: what the current window holds of an hour is not in the history', () => {
    // A burst of 12 from 20 minutes before the hour to 20 after: all of it now, none of it in the history.
    const burst = { hourly: [[T0 - HOUR_MS, 6], [T0, 6]] as [number, number][], recent: [[T0 - 20 * MINUTE, 6], [T0 + 10 * MINUTE, 6]] as [number, number][] };
    expect(windowCounts(burst, T0 + 25 * MINUTE, { historyWindows: 3 })).toEqual({ current: 12, history: [0, 0, 0], resends: 0, copies: 0 });
  });

  it('ignores buckets after now and before the oldest window', () => {
    const later = { hourly: [[T0 + HOUR_MS, 9], ...hourly] as [number, number][], recent: [[T0 + HOUR_MS, 9], ...recent] as [number, number][] };
    expect(windowCounts(later, T0 + 30 * MINUTE, { historyWindows: 1 })).toEqual({ current: 7, history: [2], resends: 0, copies: 0 });
  });

  it('leaves resends out of the current window and of the history, and says how many resends and copies the current one had', () => {
    const withResends = {
      ...buckets,
      hourlyResends: [[T0 - 2 * HOUR_MS, 2], [T0, 3]] as [number, number][],
      recentResends: [[T0 - 20 * MINUTE, 1], [T0 + 20 * MINUTE, 2]] as [number, number][],
      // Copies are counted, and only those of the current window.
      recentCopies: [[T0 - 30 * MINUTE, 5], [T0, 1]] as [number, number][],
    };
    expect(windowCounts(withResends, T0 + 30 * MINUTE, { historyWindows: 5 })).toEqual({ current: 4, history: [0, 1, 0, 0, 0], resends: 3, copies: 1 });
  });

  it('defaults to hourly windows against the previous 24', () => {
    const counts = windowCounts(buckets, T0 + 30 * MINUTE);
    expect(counts.history).toHaveLength(24);
    expect(counts.current).toBe(7);
  });

  it.each([{ windowHours: 0 }, { windowHours: 1.5 }, { historyWindows: -1 }])('refuses %j', (options) => {
    expect(() => windowCounts(buckets, T0, options)).toThrow(RangeError);
  });
});

describe('detectClusterBurst', () => {
  /** A cluster whose messages all came in the bucket of T0, `copies` of them near-duplicates. */
  function cluster(terms: string[], hourly: [number, number][], copies = 0): BurstSubject {
    return { id: 'topic-7', terms, hourly, recent: hourly, recentCopies: copies ? [[T0, copies]] : [], sentimentAverage: -0.6 };
  }

  it('tests the last hour of a cluster against its earlier hours', () => {
    const burst = detectClusterBurst(cluster(['烧烤', '油烟'], [[T0, 6]]), T0 + 1);
    expect(burst).toMatchObject({
      clusterId: 'topic-7',
      hot: true,
      z: 6,
      watched: false,
      watchCategories: [],
      watchWords: [],
      sentimentAverage: -0.6,
    });
  });

  it("counts the copies in the current window, and only those", () => {
    expect(detectClusterBurst(cluster(['烧烤', '油烟'], [[T0, 6]], 4), T0 + 1).copies).toBe(4);
    expect(detectClusterBurst(cluster(['烧烤', '油烟'], [[T0, 6]], 4), T0 + 2 * HOUR_MS).copies).toBe(0);
    expect(detectClusterBurst(cluster(['烧烤', '油烟'], [[T0, 6]]), T0 + 1).copies).toBe(0);
  });

  it('lowers the thresholds when the label touches a watch category', () => {
    const hourly: [number, number][] = [[T0, 3]];
    expect(detectClusterBurst(cluster(['烧烤', '油烟'], hourly), T0).hot).toBe(false);
    const watched = detectClusterBurst(cluster(['燃气', '泄漏'], hourly), T0);
    expect(watched).toMatchObject({ hot: true, watched: true });
    expect(watched.watchCategories.map((m) => m.category)).toEqual(['安全生产']);
  });

  it('lowers the thresholds for a configured watch word', () => {
    const burst = detectClusterBurst(cluster(['化工园区', '异味'], [[T0, 3]]), T0, {
      watchWords: ['化工园区'],
    });
    expect(burst).toMatchObject({ hot: true, watched: true, watchWords: ['化工园区'] });
  });
});
