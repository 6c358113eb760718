import { HOUR_MS } from './time';
import { createRandom } from '@wenzheng/routing';
import { compareStrings, TopicClusterer, TopicClustererOptions, TopicClustererState, TopicMessage } from './topic-clusterer';

const T0 = Date.parse('2026-01-12T08:00:00+08:00');
const flat = (): number => 1;

function clusterer(options: Partial<TopicClustererOptions> = {}): TopicClusterer {
  return new TopicClusterer({ idf: flat, ...options });
}

function message(id: string, tokens: string[], at = T0, extra: Partial<TopicMessage> = {}): TopicMessage {
  return { id, at, tokens, ...extra };
}

function state(c: TopicClusterer): TopicClustererState {
  return JSON.parse(JSON.stringify(c)) as TopicClustererState;
}

describe('TopicClusterer.add', () => {
  it.each([
    ['no tokens', []],
    ['only empty tokens', ['', '']],
  ])('ignores a message with %s', (_, tokens) => {
    const c = clusterer();
    expect(c.add(message('a', tokens))).toBeNull();
    expect(c.size).toBe(0);
  });

  it('starts a cluster with the first message and puts an identical one in it', () => {
    const c = clusterer();
    expect(c.add(message('a', ['暖气', '不热', '小区']))).toEqual({ clusterId: 'topic-1', created: true, similarity: 1 });
    const second = c.add(message('b', ['小区', '暖气', '不热']));
    expect(second).toEqual({ clusterId: 'topic-1', created: false, similarity: expect.any(Number) });
    expect(second?.similarity).toBeCloseTo(1, 12);
  });

  it('starts a new cluster for a message sharing no term', () => {
    const c = clusterer();
    c.add(message('a', ['暖气', '不热']));
    expect(c.add(message('b', ['烧烤', '油烟']))).toEqual({ clusterId: 'topic-2', created: true, similarity: 1 });
  });

  // {a, b, c, d} against {a, b, x, y}: cosine 2 × 0.5 × 0.5 = 0.5.
  it.each([
    [0.5, false],
    [0.49, false],
    [0.51, true],
  ])('with threshold %d, a message at cosine 0.5 starts a new cluster: %s', (threshold, created) => {
    const c = clusterer({ threshold });
    c.add(message('a', ['a', 'b', 'c', 'd']));
    const result = c.add(message('b', ['a', 'b', 'x', 'y']));
    expect(result?.created).toBe(created);
    if (!created) expect(result?.similarity).toBeCloseTo(0.5, 12);
  });

  it('joins the most similar cluster, and of equally similar ones the older', () => {
    const c = clusterer({ threshold: 0.1 });
    c.add(message('a', ['a', 'b', 'c', 'd']));
    c.add(message('b', ['w', 'x', 'y', 'z']));
    expect(c.add(message('c', ['a', 'b', 'c', 'z']))?.clusterId).toBe('topic-1');
    const d = clusterer({ threshold: 0.1 });
    d.add(message('a', ['a', 'b']));
    d.add(message('b', ['c', 'd']));
    expect(d.add(message('c', ['a', 'c']))?.clusterId).toBe('topic-1');
  });

  it('weighs repeated terms sublinearly (1 + ln tf) and normalises the vector', () => {
    const c = clusterer();
    c.add(message('a', ['a', 'a', 'b']));
    const w = 1 + Math.log(2);
    const norm = Math.sqrt(w * w + 1);
    expect(state(c).clusters[0].centroid).toEqual([
      ['a', w / norm],
      ['b', 1 / norm],
    ]);
  });

  it('uses the idf given', () => {
    const c = new TopicClusterer({ idf: (term) => (term === 'rare' ? 3 : 1) });
    c.add(message('a', ['rare', 'common']));
    const [[, rare], [, common]] = state(c).clusters[0].centroid.sort((x, y) => (x[0] < y[0] ? 1 : -1));
    expect(rare / common).toBeCloseTo(3, 12);
    expect(c.idf('rare')).toBe(3);
  });

  it('ignores terms with an idf of 0 or less', () => {
    const c = new TopicClusterer({ idf: (term) => (term === '的' ? 0 : 1) });
    c.add(message('a', ['的', '暖气']));
    expect(state(c).clusters[0].centroid.map(([t]) => t)).toEqual(['暖气']);
    expect(c.add(message('b', ['的']))).toBeNull();
  });

  it('keeps only the heaviest terms of a long message', () => {
    const tokens = Array.from({ length: 40 }, (_, i) => `t${String(i).padStart(2, '0')}`);
    const c = new TopicClusterer({ idf: (term) => Number(term.slice(1)) + 1, maxTermsPerMessage: 5 });
    c.add(message('a', tokens));
    expect(state(c).clusters[0].centroid.map(([t]) => t)).toEqual(['t35', 't36', 't37', 't38', 't39']);
  });

  it('keeps, of equally heavy terms, the first in term order, whatever order they come in', () => {
    const tokens = Array.from({ length: 40 }, (_, i) => `t${String(39 - i).padStart(2, '0')}`);
    // Twice each of t10 and t20: heavier than all the others.
    const c = new TopicClusterer({ idf: () => 1, maxTermsPerMessage: 5 });
    c.add(message('a', [...tokens, 't20', 't10']));
    expect(state(c).clusters[0].centroid.map(([t]) => t)).toEqual(['t00', 't01', 't02', 't10', 't20']);
  });

  it('still finds the oldest and the newest of more clusters than its arrays first hold', () => {
    const c = clusterer();
    for (let i = 0; i < 600; i += 1) expect(c.add(message(`m${i}`, [`w${i}`, `v${i}`]))?.created).toBe(true);
    // The norms of the first clusters were carried over when the arrays grew: an identical message is at cosine 1.
    const first = c.add(message('first-again', ['w0', 'v0']));
    expect([first?.clusterId, first?.created]).toEqual(['topic-1', false]);
    expect(first?.similarity).toBeCloseTo(1, 12);
    expect(c.add(message('last-again', ['w599', 'v599']))?.clusterId).toBe('topic-600');
    expect(c.size).toBe(600);
  });

  it('keeps at most maxCentroidTerms and forgets the pruned terms in its index', () => {
    const c = clusterer({ maxCentroidTerms: 3, threshold: 0.1 });
    c.add(message('a', ['a', 'b', 'c']));
    c.add(message('b', ['a', 'b', 'd']));
    const centroid = state(c).clusters[0].centroid;
    expect(centroid.map(([t]) => t)).toEqual(['a', 'b', 'c']);
    // d was pruned (c won the tie on term order), so a message with only d finds no candidate.
    expect(c.add(message('c', ['d']))?.created).toBe(true);
  });

  it('merges new terms into the middle of a centroid and prunes several at once as a full sort would', () => {
    const c = clusterer({ maxCentroidTerms: 5, threshold: 0.01 });
    const reference = new Map<string, number>();
    const letters = 'zbdfhjlacegik'.split('');
    for (let i = 0; i < 12; i += 1) {
      // Every message has z, so all join one cluster; the others come in no particular term order.
      const tokens = ['z', letters[(i * 5) % 13], letters[(i * 7 + 3) % 13], letters[(i * 11 + 1) % 13]];
      const counts = new Map<string, number>();
      for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
      const norm = Math.sqrt([...counts.values()].reduce((sum, n) => sum + (1 + Math.log(n)) ** 2, 0));
      c.add(message(`m${i}`, tokens));
      for (const [term, n] of counts) reference.set(term, (reference.get(term) ?? 0) + (1 + Math.log(n)) / norm);
      const kept = [...reference].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
      reference.clear();
      for (const [term, weight] of kept) reference.set(term, weight);
      const centroid = state(c).clusters[0].centroid;
      expect(centroid.map(([term]) => term)).toEqual([...reference.keys()].sort());
      for (const [term, weight] of centroid) expect(weight).toBeCloseTo(reference.get(term) as number, 12);
    }
    expect(c.size).toBe(1);
    // The index forgot what the centroid dropped: a message with only a dropped term starts a cluster of its own.
    const dropped = letters.find((l) => !reference.has(l)) as string;
    expect(c.add(message('dropped', [dropped]))?.created).toBe(true);
    expect(c.add(message('kept', ['z']))?.clusterId).toBe('topic-1');
  });

  it('refuses a sentiment that is not a number and an invalid time', () => {
    const c = clusterer();
    expect(() => c.add(message('a', ['a'], T0, { sentiment: Number.NaN }))).toThrow(/sentiment/);
    expect(() => c.add(message('a', ['a'], Number.NaN))).toThrow(/not a valid time/);
  });
});

describe('TopicClusterer decay and expiry', () => {
  it('halves the weight of older messages after a half-life', () => {
    const c = clusterer({ halfLifeMs: 24 * HOUR_MS });
    c.add(message('a', ['a']));
    c.add(message('b', ['a'], T0 + 24 * HOUR_MS));
    const [cluster] = state(c).clusters;
    expect(cluster.weight).toBeCloseTo(1.5, 12);
    expect(cluster.centroid).toEqual([['a', 1.5]]);
    expect(cluster.messageCount).toBe(2);
  });

  it('fades lazily to the same weights as fading every message, over many half-lives', () => {
    // A message every 12 hours for 30 days keeps one cluster alive; with a 24 h half-life the faded count after
    // message n is the sum over j ≤ n of 2^(−(n − j) / 2).
    const c = clusterer({ halfLifeMs: 24 * HOUR_MS, threshold: 0.1 });
    const steps = 60;
    for (let n = 0; n <= steps; n += 1) c.add(message(`m${n}`, n % 2 === 0 ? ['a', 'b'] : ['a', 'c'], T0 + n * 12 * HOUR_MS));
    const faded = (parity: number): number => {
      let sum = 0;
      for (let j = parity; j <= steps; j += 2) sum += 2 ** (-(steps - j) / 2);
      return sum;
    };
    const expected = faded(0) + faded(1);
    expect(c.summaries()).toHaveLength(1);
    expect(c.summaries()[0].weight).toBeCloseTo(expected, 9);
    // The stored weights are as of decayedAt, which stays within one half-life of the last message.
    const [stored] = state(c).clusters;
    expect(stored.lastAt - stored.decayedAt).toBeLessThan(24 * HOUR_MS);
    expect(stored.weight * 2 ** (-(stored.lastAt - stored.decayedAt) / (24 * HOUR_MS))).toBeCloseTo(expected, 9);
    // b came with the even messages, c with the odd ones.
    const terms = new Map(c.summaries()[0].terms.map((t) => [t.term, t.weight]));
    expect((terms.get('b') as number) / (terms.get('c') as number)).toBeCloseTo(faded(0) / faded(1), 9);
  });

  it('lets recent messages pull the centroid towards them', () => {
    const c = clusterer({ halfLifeMs: HOUR_MS, threshold: 0.1 });
    c.add(message('a', ['old', 'shared']));
    c.add(message('b', ['new', 'shared'], T0 + 5 * HOUR_MS));
    const summary = c.summaries()[0];
    expect(summary.label).toEqual(['shared', 'new', 'old']);
    expect(summary.terms[1].weight).toBeGreaterThan(10 * summary.terms[2].weight);
  });

  it.each([
    ['one millisecond before the window ends', 72 * HOUR_MS - 1, false],
    ['exactly when the window ends', 72 * HOUR_MS, true],
    ['after the window', 80 * HOUR_MS, true],
  ])('a message %s finds the cluster expired: %s', (_, delay, expired) => {
    const c = clusterer();
    c.add(message('a', ['a']));
    expect(c.add(message('b', ['a'], T0 + delay))?.created).toBe(expired);
    expect(c.summaries().map((s) => [s.id, s.messageCount])).toEqual([expired ? ['topic-2', 1] : ['topic-1', 2]]);
  });

  it('drops clusters on expire, measuring the window from the last message', () => {
    const c = clusterer({ windowMs: 10 * HOUR_MS });
    c.add(message('a', ['a']));
    c.add(message('b', ['b'], T0 + 5 * HOUR_MS));
    c.add(message('c', ['a'], T0 + 8 * HOUR_MS));
    c.expire(T0 + 15 * HOUR_MS);
    expect(c.summaries().map((s) => s.id)).toEqual(['topic-1']);
    c.expire(T0 + 18 * HOUR_MS);
    expect(c.size).toBe(0);
    expect(c.add(message('d', ['a'], T0 + 18 * HOUR_MS))).toEqual({ clusterId: 'topic-3', created: true, similarity: 1 });
  });

  it('never moves the clock back for a late message and does not lower lastAt', () => {
    const c = clusterer();
    c.add(message('a', ['a'], T0 + 2 * HOUR_MS));
    c.add(message('b', ['a'], T0));
    const s = c.summaries()[0];
    expect([s.createdAt, s.lastAt, s.messageCount]).toEqual([T0 + 2 * HOUR_MS, T0 + 2 * HOUR_MS, 2]);
    expect(s.hourly).toEqual([
      { start: T0, count: 1 },
      { start: T0 + 2 * HOUR_MS, count: 1 },
    ]);
    expect(state(c).clock).toBe(T0 + 2 * HOUR_MS);
  });
});

describe('TopicClusterer summaries', () => {
  it('counts per hour and per day in Shanghai time', () => {
    const c = clusterer();
    c.add(message('a', ['a'], Date.parse('2026-01-12T23:10:00+08:00')));
    c.add(message('b', ['a'], Date.parse('2026-01-12T23:50:00+08:00')));
    c.add(message('c', ['a'], Date.parse('2026-01-13T00:05:00+08:00')));
    const s = c.summaries()[0];
    expect(s.hourly).toEqual([
      { start: Date.parse('2026-01-12T23:00:00+08:00'), count: 2 },
      { start: Date.parse('2026-01-13T00:00:00+08:00'), count: 1 },
    ]);
    expect(s.daily).toEqual([
      { start: Date.parse('2026-01-12T00:00:00+08:00'), count: 2 },
      { start: Date.parse('2026-01-13T00:00:00+08:00'), count: 1 },
    ]);
  });

  it('starts days at UTC midnight with an offset of 0', () => {
    const c = clusterer({ utcOffsetMinutes: 0 });
    c.add(message('a', ['a'], Date.parse('2026-01-12T23:10:00+08:00')));
    expect(c.summaries()[0].daily).toEqual([{ start: Date.parse('2026-01-12T00:00:00Z'), count: 1 }]);
  });

  it('keeps only the last hourlyBuckets hours and dailyBuckets days', () => {
    const c = clusterer({ hourlyBuckets: 3, dailyBuckets: 2, windowMs: 30 * 24 * HOUR_MS });
    for (const hours of [0, 1, 2, 3, 4, 30, 50]) c.add(message(`m${hours}`, ['a'], T0 + hours * HOUR_MS));
    const s = c.summaries()[0];
    expect(s.hourly.map((b) => (b.start - T0) / HOUR_MS)).toEqual([50]);
    expect(s.daily.map((b) => b.count)).toEqual([1, 1]);
    expect(s.messageCount).toBe(7);
    // The state does not carry the dropped buckets either.
    expect(state(c).clusters[0].hourly).toEqual([[T0 + 50 * HOUR_MS, 1]]);
    expect(state(c).clusters[0].daily).toHaveLength(2);
    c.expire(T0 + 51 * HOUR_MS);
    expect(c.summaries()[0].hourly.map((b) => (b.start - T0) / HOUR_MS)).toEqual([50]);
    c.expire(T0 + 53 * HOUR_MS);
    expect(c.summaries()[0].hourly).toEqual([]);
  });

  it('keeps no bucket of a message that comes late, past the buckets kept, in the same ten minutes as the last', () => {
    const c = clusterer({ hourlyBuckets: 3, dailyBuckets: 2, recentBuckets: 2, windowMs: 30 * 24 * HOUR_MS });
    c.add(message('now', ['a'], T0 + 50 * HOUR_MS, { copy: true, resent: true }));
    c.add(message('again', ['a'], T0 + 50 * HOUR_MS + 60_000));
    // Hours, days and ten minutes too old to keep, though the clock (and the bounds) did not move.
    c.add(message('late', ['a'], T0, { copy: true, resent: true }));
    const saved = state(c).clusters[0];
    expect(saved.messageCount).toBe(3);
    for (const buckets of [saved.hourly, saved.recent, saved.recentCopies, saved.hourlyResends, saved.recentResends]) {
      expect((buckets ?? []).every(([start]) => start >= T0 + 48 * HOUR_MS)).toBe(true);
    }
    expect(saved.daily.every(([start]) => start >= T0 + 24 * HOUR_MS)).toBe(true);
    expect(saved.hourly).toEqual([[T0 + 50 * HOUR_MS, 2]]);
  });

  it('counts channels and units, most frequent first, and averages sentiment', () => {
    const c = clusterer();
    c.add(message('a', ['a'], T0, { channel: 'weibo', unitCode: 'u2', sentiment: -0.5 }));
    c.add(message('b', ['a'], T0, { channel: 'portal', unitCode: 'u1', sentiment: -1 }));
    c.add(message('c', ['a'], T0, { channel: 'weibo', unitCode: 'u1' }));
    const s = c.summaries()[0];
    expect(s.channels).toEqual([
      { name: 'weibo', count: 2 },
      { name: 'portal', count: 1 },
    ]);
    expect(s.unitCodes).toEqual([
      { code: 'u1', count: 2 },
      { code: 'u2', count: 1 },
    ]);
    expect(s.sentimentAverage).toBeCloseTo(-0.75, 12);
  });

  it('gives a null sentiment average when no message had a score', () => {
    const c = clusterer();
    c.add(message('a', ['a']));
    expect(c.summaries()[0].sentimentAverage).toBeNull();
  });

  it('labels a cluster with its heaviest terms, labelSize of them', () => {
    const c = clusterer({ labelSize: 2, threshold: 0.1 });
    c.add(message('a', ['暖气', '不热', '小区']));
    c.add(message('b', ['暖气', '不热', '热力公司']));
    c.add(message('c', ['暖气', '室温']));
    const s = c.summaries()[0];
    expect(s.label).toEqual(['暖气', '不热']);
    expect(s.terms.map((t) => t.term).slice(0, 2)).toEqual(['暖气', '不热']);
    expect(s.terms.reduce((sum, t) => sum + t.weight, 0)).toBeCloseTo(1, 12);
  });

  it('samples the first messages and then the most central ones', () => {
    const c = clusterer({ sampleSize: 2, threshold: 0.1 });
    c.add(message('first', ['a', 'x']));
    c.add(message('second', ['a', 'y']));
    c.add(message('edge', ['a', 'z', 'w', 'v']));
    c.add(message('core1', ['a', 'b']));
    c.add(message('core2', ['a', 'b']));
    c.add(message('core3', ['a', 'b']));
    expect(c.summaries()[0].sampleMessageIds).toEqual(['first', 'second', 'core1', 'core2']);
  });

  it('gives a pulse with the label, heaviest terms, hourly counts and sentiment of the summary', () => {
    const c = clusterer({ labelSize: 2, threshold: 0.1 });
    c.add(message('a', ['暖气', '不热', '小区'], T0, { sentiment: -0.4 }));
    c.add(message('b', ['暖气', '不热', '热力公司'], T0 + HOUR_MS, { sentiment: -0.8 }));
    const summary = c.summaries()[0];
    const pulse = c.pulse(summary.id);
    expect(pulse?.label).toEqual(summary.label);
    expect(pulse?.terms).toEqual(summary.terms.map((t) => t.term));
    expect([...(pulse?.hourly ?? [])].map(([start, count]) => ({ start, count }))).toEqual(summary.hourly);
    expect(pulse?.sentimentAverage).toBe(summary.sentimentAverage);
    expect(c.pulse('topic-9')).toBeUndefined();
  });

  it('returns undefined for an unknown cluster and lists clusters oldest first', () => {
    const c = clusterer();
    c.add(message('a', ['a']));
    c.add(message('b', ['b']));
    expect(c.summary('topic-9')).toBeUndefined();
    expect(c.summary('topic-2')?.id).toBe('topic-2');
    expect(c.summaries().map((s) => s.id)).toEqual(['topic-1', 'topic-2']);
  });
});

describe('TopicClusterer state', () => {
  /** A deterministic stream over a few overlapping vocabularies. */
  function stream(count: number): TopicMessage[] {
    const vocabularies = [
      ['暖气', '不热', '室温', '热力公司', '供暖费', '小区'],
      ['烧烤', '油烟', '噪音', '扰民', '城管', '夜市'],
      ['补偿款', '安置房', '拆迁', '棚户区', '南村镇', '小区'],
    ];
    let seed = 7;
    const next = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    return Array.from({ length: count }, (_, i) => {
      const words = vocabularies[Math.floor(next() * 3)];
      const tokens = words.filter(() => next() < 0.6).concat(`噪${Math.floor(next() * 50)}`);
      return message(`m${i}`, tokens, T0 + i * 7 * 60_000 - Math.floor(next() * 3) * 60_000, {
        channel: next() < 0.5 ? 'wechat' : 'portal',
        unitCode: `u${Math.floor(next() * 3)}`,
        sentiment: Math.round(next() * 200 - 100) / 100,
      });
    });
  }

  it.each([
    ['a flat idf', { idf: flat }],
    ['an idf that differs by term', { idf: (term: string) => 1 + (term.charCodeAt(term.length - 1) % 7) / 3 }],
  ])('gives the same JSON whether or not the state went through JSON midway (%s)', (_, options: TopicClustererOptions) => {
    const messages = stream(400);
    const direct = new TopicClusterer(options);
    const resumed = new TopicClusterer(options);
    messages.slice(0, 200).forEach((m) => {
      direct.add(m);
      resumed.add(m);
    });
    const reloaded = TopicClusterer.fromJSON(JSON.parse(JSON.stringify(resumed)), options);
    const assignments = messages.slice(200).map((m) => [direct.add(m), reloaded.add(m)]);
    for (const [a, b] of assignments) expect(b).toEqual(a);
    expect(JSON.stringify(reloaded)).toBe(JSON.stringify(direct));
    expect(direct.size).toBeGreaterThan(1);
  });

  it('gives the same JSON for the same messages', () => {
    const run = (): string => {
      const c = clusterer();
      stream(300).forEach((m) => c.add(m));
      return JSON.stringify(c);
    };
    expect(run()).toBe(run());
  });

  it('is plain JSON data: numbers, strings, arrays and objects only', () => {
    const c = clusterer();
    stream(50).forEach((m) => c.add(m));
    const json = c.toJSON();
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json.version).toBe(1);
  });

  it('refuses to be built without an idf', () => {
    expect(() => new TopicClusterer({} as TopicClustererOptions)).toThrow(/idf/);
  });

  it.each([
    ['another version', (s: TopicClustererState) => ({ ...s, version: 2 })],
    ['no clusters', (s: TopicClustererState) => ({ ...s, clusters: undefined })],
    ['a cluster numbered past nextSeq', (s: TopicClustererState) => ({ ...s, nextSeq: 1 })],
  ])('refuses a state with %s', (_, corrupt) => {
    const c = clusterer();
    c.add(message('a', ['a']));
    expect(() => TopicClusterer.fromJSON(corrupt(state(c)) as unknown as TopicClustererState, { idf: flat })).toThrow();
  });

  it('continues numbering clusters after a reload', () => {
    const c = clusterer();
    c.add(message('a', ['a']));
    const reloaded = TopicClusterer.fromJSON(state(c), { idf: flat });
    expect(reloaded.add(message('b', ['b']))?.clusterId).toBe('topic-2');
    expect(reloaded.add(message('c', ['a']))?.clusterId).toBe('topic-1');
  });
});

describe('TopicClusterer options', () => {
  it.each([
    { threshold: 0 },
    { threshold: 1.2 },
    { windowMs: 0 },
    { halfLifeMs: -1 },
    { maxTermsPerMessage: 0 },
    { maxCentroidTerms: 2.5 },
    { labelSize: 0 },
    { sampleSize: -1 },
    { hourlyBuckets: 0 },
    { dailyBuckets: 0 },
    { utcOffsetMinutes: 0.5 },
  ])('refuses %j', (options) => {
    expect(() => clusterer(options)).toThrow(RangeError);
  });

  it('treats undefined options as absent', () => {
    expect(() => new TopicClusterer({ threshold: undefined, idf: flat, isTerm: undefined })).not.toThrow();
  });
});

describe('TopicClusterer term order and token ids', () => {
  it('keeps a centroid in code-unit order, as JavaScript compares strings', () => {
    const random = createRandom(11);
    const alphabet = ['\u0000', 'a', 'b', '低', '保', '\uffff', '\ud83d\ude00'];
    const term = () => Array.from({ length: 1 + Math.floor(random() * 4) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const terms = [...new Set(Array.from({ length: 400 }, term))];
    const saved = TopicClusterer.fromJSON(
      { version: 1, clock: T0, nextSeq: 2, clusters: [{ ...stateOfOne(), centroid: terms.map((t, i): [string, number] => [t, 1 + (i % 5)]) }] },
      { idf: flat, maxCentroidTerms: 1000 },
    );
    const centroid = saved.clusterState('topic-1')?.centroid.map(([t]) => t);
    expect(centroid).toEqual([...terms].sort(compareStrings));
    // A message of every term joins it and leaves it in order.
    saved.add(message('m', terms));
    expect(saved.clusterState('topic-1')?.centroid.map(([t]) => t)).toEqual([...terms].sort(compareStrings));
  });

  it('forgets the tokens no cluster holds once it has seen 200,000, and keeps those clusters hold', () => {
    const c = clusterer({ threshold: 0.9 });
    c.add(message('first', ['甲', '乙', '丙']));
    // 2,100 messages of 100 tokens seen nowhere else: past the limit, and each a cluster of its own 24 heaviest.
    const tokensOf = (i: number) => Array.from({ length: 100 }, (_, j) => `t${i}-${j}`);
    for (let i = 0; i < 2_100; i += 1) c.add(message(`m${i}`, tokensOf(i), T0 + i));
    expect(c.add(message('again', ['丙', '甲', '乙'], T0 + 3_000))).toEqual({ clusterId: 'topic-1', created: false, similarity: expect.closeTo(1, 12) });
    // Ids given out again after the sweep carry their new tokens, and the old clusters still carry theirs.
    const later = c.add(message('later', ['新', '词'], T0 + 3_001));
    expect(c.clusterState(later!.clusterId)?.centroid.map(([t]) => t)).toEqual(['新', '词'].sort(compareStrings));
    const json = c.toJSON();
    expect(json.clusters).toHaveLength(2_102);
    for (const saved of json.clusters.slice(1, -1)) {
      const own = new Set(tokensOf(Number(saved.firstMessageIds[0].slice(1))));
      expect(saved.centroid.every(([t]) => own.has(t))).toBe(true);
      expect(saved.central[0].vector.every(([t]) => own.has(t))).toBe(true);
    }
    expect(json.clusters[0].centroid.map(([t]) => t)).toEqual(['丙', '乙', '甲'].sort(compareStrings));
  });
});

function stateOfOne(): TopicClustererState['clusters'][number] {
  const c = clusterer();
  c.add(message('a', ['a']));
  return c.toJSON().clusters[0];
}
