import { ALERT_LEVEL_NAMES, alertChange, AlertInput, AlertLevel, alertLevel } from './alert-level';
import { BurstResult, detectBurst } from './burst-detector';

/** Thresholds z 3, count 5 (unwatched). */
function burst(z: number, count: number, hot = true): BurstResult {
  return { hot, z, count, mean: 0, std: 0, zThreshold: 3, minCount: 5, watched: false };
}

function input(patch: Partial<AlertInput> & { burst?: BurstResult } = {}): AlertInput {
  const { burst: b = burst(4, 6), ...rest } = patch;
  return { ...b, sentimentAverage: 0, watchCategories: [], watchWords: [], ...rest };
}

describe('alertLevel', () => {
  it.each([
    ['a topic that is not hot, whatever else', input({ burst: burst(10, 100, false), sentimentAverage: -1 }), 'none', []],
    ['a plain burst', input(), 'info', ['burst']],
    ['a strong burst (z ≥ 2 × threshold)', input({ burst: burst(6, 6) }), 'warning', ['burst', 'strong-burst']],
    ['a z just below a strong burst', input({ burst: burst(5.99, 6) }), 'info', ['burst']],
    ['a high volume (≥ 4 × minimum count)', input({ burst: burst(4, 20) }), 'warning', ['burst', 'high-volume']],
    ['a negative mood', input({ sentimentAverage: -0.3 }), 'warning', ['burst', 'negative-sentiment']],
    ['a mood just above the bar', input({ sentimentAverage: -0.29 }), 'info', ['burst']],
    ['no sentiment at all', input({ sentimentAverage: null }), 'info', ['burst']],
    [
      'a watch category',
      input({ watchCategories: [{ category: '安全生产', words: ['燃气'] }] }),
      'warning',
      ['burst', 'watch-category'],
    ],
    ['a watch word', input({ watchWords: ['化工园区'] }), 'warning', ['burst', 'watch-word']],
    ['a window of copies (≥ half of it, ≥ the minimum count)', input({ burst: burst(4, 10), copies: 5 }), 'warning', ['burst', 'copies']],
    ['copies under half the window', input({ burst: burst(4, 12), copies: 5 }), 'info', ['burst']],
    ['fewer copies than the minimum count', input({ burst: burst(4, 6), copies: 4 }), 'info', ['burst']],
    ['copies unknown', input({ burst: burst(4, 6) }), 'info', ['burst']],
    [
      'two watch categories (one factor)',
      input({
        watchCategories: [
          { category: '就学就医', words: ['医院'] },
          { category: '养老服务', words: ['养老金'] },
        ],
      }),
      'warning',
      ['burst', 'watch-category', 'watch-category'],
    ],
    [
      'a negative mood in a watch category',
      input({ sentimentAverage: -0.6, watchCategories: [{ category: '住房保障', words: ['安置房'] }] }),
      'critical',
      ['burst', 'negative-sentiment', 'watch-category'],
    ],
    [
      'everything at once',
      input({
        burst: burst(12, 40),
        sentimentAverage: -0.9,
        watchCategories: [{ category: '防灾减灾', words: ['内涝'] }],
        watchWords: ['地铁'],
      }),
      'critical',
      ['burst', 'strong-burst', 'high-volume', 'negative-sentiment', 'watch-category', 'watch-word'],
    ],
  ])('rates %s as %s', (_, alertInput, level, codes) => {
    const alert = alertLevel(alertInput);
    expect(alert.level).toBe(level);
    expect(alert.reasons.map((r) => r.code)).toEqual(codes);
  });

  it('explains each reason with its numbers', () => {
    const alert = alertLevel(
      input({ burst: burst(7, 21), sentimentAverage: -0.5, watchCategories: [{ category: '安全生产', words: ['燃气', '泄漏'] }] }),
    );
    expect(alert.reasons).toEqual([
      { code: 'burst', z: 7, zThreshold: 3, count: 21, minCount: 5 },
      { code: 'strong-burst', z: 7, threshold: 6 },
      { code: 'high-volume', count: 21, threshold: 20 },
      { code: 'negative-sentiment', average: -0.5, threshold: -0.3 },
      { code: 'watch-category', category: '安全生产', words: ['燃气', '泄漏'] },
    ]);
  });

  it('measures strength against the lowered thresholds of a watched topic', () => {
    const watched = detectBurst({ current: 12, history: [0, 0], watched: true });
    // thresholds z 1.8 and count 3: strong from z 3.6, high volume from 12
    const alert = alertLevel({ ...watched, sentimentAverage: null, watchCategories: [], watchWords: ['化工园区'] });
    expect(alert.reasons.map((r) => r.code)).toEqual(['burst', 'strong-burst', 'high-volume', 'watch-word']);
    expect(alert.level).toBe('critical');
  });

  it('takes other bars', () => {
    const alert = alertLevel(input({ burst: burst(4, 6), sentimentAverage: -0.2 }), {
      strongBurstFactor: 1.2,
      highVolumeFactor: 1,
      negativeSentiment: -0.1,
    });
    expect(alert.reasons.map((r) => r.code)).toEqual(['burst', 'strong-burst', 'high-volume', 'negative-sentiment']);
  });

  it('names the levels as staff see them', () => {
    expect(ALERT_LEVEL_NAMES).toEqual({ info: '一般', warning: '较大', critical: '重大' });
  });
});

describe('alertChange', () => {
  it.each<[AlertLevel | null, AlertLevel, ReturnType<typeof alertChange>]>([
    [null, 'none', 'keep'],
    [null, 'info', 'raise'],
    [null, 'critical', 'raise'],
    ['info', 'warning', 'raise'],
    ['warning', 'critical', 'raise'],
    ['info', 'info', 'refresh'],
    ['critical', 'critical', 'refresh'],
    ['critical', 'warning', 'keep'],
    ['warning', 'info', 'keep'],
    ['warning', 'none', 'keep'],
  ])('with %s open, a reading at %s: %s', (active, level, change) => {
    expect(alertChange(active, level)).toBe(change);
  });
});
