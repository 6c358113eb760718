import { createRandom, shuffle } from './random';

describe('createRandom', () => {
  it.each([0, 1, 42, 2 ** 31, -7])('gives the same sequence in [0, 1) for seed %p every time', (seed) => {
    const first = Array.from({ length: 1000 }, createRandom(seed));
    const second = Array.from({ length: 1000 }, createRandom(seed));
    expect(second).toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it('gives different sequences for different seeds', () => {
    const a = Array.from({ length: 20 }, createRandom(1));
    const b = Array.from({ length: 20 }, createRandom(2));
    expect(a).not.toEqual(b);
  });

  it('spreads its values evenly over ten bins', () => {
    const random = createRandom(7);
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i += 1) bins[Math.floor(random() * 10)] += 1;
    for (const count of bins) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it.each([1.5, Number.NaN])('refuses the seed %p', (seed) => {
    expect(() => createRandom(seed)).toThrow(/must be an integer/);
  });
});

describe('shuffle', () => {
  it.each([0, 1, 2, 10, 101])('permutes %p items without losing or repeating any', (length) => {
    const items = Array.from({ length }, (_, i) => i);
    const shuffled = shuffle([...items], createRandom(3));
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
  });

  it('is deterministic for a seed and actually moves items', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const a = shuffle([...items], createRandom(9));
    expect(shuffle([...items], createRandom(9))).toEqual(a);
    expect(a).not.toEqual(items);
  });

  it('puts every item first about equally often', () => {
    const counts = [0, 0, 0, 0];
    const random = createRandom(11);
    for (let i = 0; i < 40_000; i += 1) counts[shuffle([0, 1, 2, 3], random)[0]] += 1;
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(400);
  });
});
