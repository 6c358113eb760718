import { nightlyRunKey } from './routing-retrain.trigger';

describe('nightlyRunKey', () => {
  it.each([
    ['2026-12-01T17:59:59Z', 2, null], // 01:59:59 in Shanghai, 2 December: not yet
    ['2026-12-01T18:00:00Z', 2, 'nightly-2026-12-02'], // 02:00 in Shanghai
    ['2026-12-02T15:59:59Z', 2, 'nightly-2026-12-02'], // 23:59:59 the same Shanghai day
    ['2026-12-02T16:00:00Z', 2, null], // 00:00 on 3 December, before 02:00
    ['2026-12-02T16:00:00Z', 0, 'nightly-2026-12-03'],
    ['2026-12-02T14:00:00Z', 23, null], // 22:00
  ])('%s with retrain hour %i → %s', (now, hour, expected) => {
    expect(nightlyRunKey(new Date(now), hour)).toBe(expected);
  });
});
