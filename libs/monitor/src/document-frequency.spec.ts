import { compareStrings, DocumentFrequency } from './document-frequency';

const DAY = 86_400_000;

describe('DocumentFrequency', () => {
  it('counts documents per term', () => {
    const df = new DocumentFrequency(DAY);
    df.observe(['暖气', '小区'], 0);
    df.observe(['暖气'], 0);
    expect([df.frequency('暖气', 0), df.frequency('小区', 0), df.frequency('烧烤', 0)]).toEqual([2, 1, 0]);
  });

  it.each([
    // N = 4 documents; ln((1 + 4) / (1 + df)) + 1
    ['a term in every document', '小区', 1],
    ['a term in one document', '烧烤', Math.log(5 / 2) + 1],
    ['an unseen term', '地震', Math.log(5) + 1],
  ])('gives %s the smoothed IDF', (_, term, expected) => {
    const df = new DocumentFrequency(DAY);
    df.observe(['小区', '暖气'], 0);
    df.observe(['小区', '暖气'], 0);
    df.observe(['小区'], 0);
    df.observe(['小区', '烧烤'], 0);
    expect(df.idf(term, 0)).toBeCloseTo(expected, 12);
  });

  it('halves counts after one half-life', () => {
    const df = new DocumentFrequency(DAY);
    df.observe(['暖气'], 0);
    expect(df.frequency('暖气', DAY)).toBeCloseTo(0.5, 12);
    expect(df.frequency('暖气', 3 * DAY)).toBeCloseTo(0.125, 12);
    df.observe(['暖气'], DAY);
    expect(df.frequency('暖气', DAY)).toBeCloseTo(1.5, 12);
  });

  it('never grows a count when read before it was written (a late message)', () => {
    const df = new DocumentFrequency(DAY);
    df.observe(['暖气'], DAY);
    df.observe(['暖气'], 0);
    expect(df.frequency('暖气', 0)).toBe(2);
    expect(df.frequency('暖气', DAY)).toBe(2);
  });

  it('forgets faded terms on prune and keeps the rest', () => {
    const df = new DocumentFrequency(DAY);
    df.observe(['旧'], 0);
    df.observe(['新'], 10 * DAY);
    df.prune(10 * DAY, 0.05);
    expect(df.size).toBe(1);
    expect(df.frequency('新', 10 * DAY)).toBe(1);
  });

  it('survives JSON unchanged, terms sorted', () => {
    const df = new DocumentFrequency(DAY);
    df.observe(['乙', '甲', 'b', 'a'], 5);
    df.observe(['甲'], DAY);
    const json = JSON.parse(JSON.stringify(df));
    expect(json.terms.map((t: [string]) => t[0])).toEqual(['a', 'b', '乙', '甲'].sort(compareStrings));
    const back = DocumentFrequency.fromJSON(json, DAY);
    expect(JSON.stringify(back)).toBe(JSON.stringify(df));
    expect(back.idf('甲', 2 * DAY)).toBe(df.idf('甲', 2 * DAY));
  });

  it.each([0, -1, Number.NaN])('refuses a half-life of %d', (halfLife) => {
    expect(() => new DocumentFrequency(halfLife)).toThrow(RangeError);
  });
});

describe('compareStrings', () => {
  it('orders by UTF-16 code units, not by locale', () => {
    expect(['甲', 'b', 'B', '乙', 'a'].sort(compareStrings)).toEqual(['B', 'a', 'b', '乙', '甲']);
  });
});
