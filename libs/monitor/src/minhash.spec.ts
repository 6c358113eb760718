import { createRandom } from '@wenzheng/routing';
import { hashInts, mix32 } from './hash32';
import {
  bandKeys,
  candidateProbability,
  DEFAULT_MINHASH_OPTIONS,
  estimateJaccard,
  jaccard,
  jaccardAtLeast,
  minHashConfig,
  minHashSignature,
  shingleHashes,
} from './minhash';

const codes = (text: string): number[] => Array.from(text, (c) => c.codePointAt(0) as number);

/** Jaccard of the 3-gram string sets, computed naively for comparison. */
function naiveJaccard(a: string, b: string): number {
  const grams = (text: string): Set<string> => {
    const chars = Array.from(text);
    if (chars.length <= 3) return new Set(chars.length === 0 ? [] : [chars.join('')]);
    const set = new Set<string>();
    for (let i = 0; i + 3 <= chars.length; i += 1) set.add(chars.slice(i, i + 3).join(''));
    return set;
  };
  const x = grams(a);
  const y = grams(b);
  let shared = 0;
  for (const g of x) if (y.has(g)) shared += 1;
  return x.size + y.size === 0 ? 0 : shared / (x.size + y.size - shared);
}

describe('minHashConfig', () => {
  it('defaults to 126 permutations in 42 bands of 3 rows', () => {
    const config = minHashConfig();
    expect([config.permutations, config.bands, config.rows, config.shingleSize]).toEqual([126, 42, 3, 3]);
    expect(config.hashSeeds).toHaveLength(126);
    expect(DEFAULT_MINHASH_OPTIONS.bands * DEFAULT_MINHASH_OPTIONS.rows).toBeLessThanOrEqual(126);
  });

  it.each([
    [{ bands: 33, rows: 4, permutations: 128 }, /exceeds/],
    [{ bands: 0 }, /bands/],
    [{ rows: 1.5 }, /rows/],
    [{ permutations: -1 }, /permutations/],
    [{ shingleSize: 0 }, /shingleSize/],
    [{ seed: 0.5 }, /seed/],
  ])('refuses %j', (options, message) => {
    expect(() => minHashConfig(options)).toThrow(message);
  });

  it('accepts 32 × 4 over 128 permutations', () => {
    expect(minHashConfig({ bands: 32, rows: 4, permutations: 128 }).bands).toBe(32);
  });
});

describe('shingleHashes', () => {
  it.each([
    ['', []],
    ['冷', [hashInts(codes('冷'))]],
    ['暖气', [hashInts(codes('暖气'))]],
    ['不热了', [hashInts(codes('不热了'))]],
  ])('of %j (shorter than or as long as a shingle) is the text itself', (text, expected) => {
    expect(Array.from(shingleHashes(text))).toEqual(expected);
  });

  it('has one hash per distinct 3-gram, sorted', () => {
    const hashes = shingleHashes('哈哈哈哈哈哈好');
    // 哈哈哈 (×4), 哈哈好
    expect(hashes).toHaveLength(2);
    expect(Array.from(hashes)).toEqual([...hashes].sort((a, b) => a - b));
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('reads a rare character outside the BMP as one character', () => {
    expect(shingleHashes('𠀀𠀁𠀂')).toHaveLength(1);
    expect(shingleHashes('𠀀𠀁𠀂𠀃')).toHaveLength(2);
  });

  it('takes another shingle size', () => {
    expect(shingleHashes('abcde', 2)).toHaveLength(4);
  });

  it('is, for any text, the sorted distinct hashInts of its runs of code points (the values stored signatures hold)', () => {
    const random = createRandom(23);
    // Lone surrogates and characters outside the BMP as well as the common ones.
    const alphabet = ['低', '保', '金', 'a', '1', '𠀀', '😀', '\ud800', '\udc00'];
    for (let round = 0; round < 500; round += 1) {
      const text = Array.from({ length: Math.floor(random() * 40) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      for (const size of [1, 3, 5]) {
        const points = Array.from(text, (c) => c.codePointAt(0) as number);
        const runs = points.length <= size ? (points.length === 0 ? [] : [points]) : points.slice(0, points.length - size + 1).map((_, i) => points.slice(i, i + size));
        const expected = [...new Set(runs.map((run) => hashInts(run)))].sort((a, b) => a - b);
        expect(Array.from(shingleHashes(text, size))).toEqual(expected);
      }
    }
  });
});

describe('jaccard', () => {
  it.each([
    ['identical', '小区暖气不热室温只有十二度', '小区暖气不热室温只有十二度'],
    ['unrelated', '小区暖气不热室温只有十二度', '烧烤摊油烟扰民噪音到凌晨'],
    ['overlapping', '小区暖气不热室温只有十二度', '紧急小区暖气不热室温只有十二度请尽快处理'],
    ['a single character each', '冷', '冷'],
    ['short against long', '冷', '冷冷冷冷'],
  ])('equals the naive 3-gram Jaccard for %s texts', (_, a, b) => {
    expect(jaccard(shingleHashes(a), shingleHashes(b))).toBeCloseTo(naiveJaccard(a, b), 12);
  });

  it('is 0 for two empty sets and for an empty set against anything', () => {
    expect(jaccard(new Uint32Array(0), new Uint32Array(0))).toBe(0);
    expect(jaccard(new Uint32Array(0), shingleHashes('暖气不热'))).toBe(0);
  });

  it('is symmetric', () => {
    const a = shingleHashes('李园街道烧烤摊油烟扰民');
    const b = shingleHashes('李园街道烧烤摊噪音扰民');
    expect(jaccard(a, b)).toBe(jaccard(b, a));
  });
});

describe('jaccardAtLeast', () => {
  /** A sorted set of `size` distinct values below `range`, drawn by a generator seeded with `seed`. */
  const sortedSet = (seed: number, size: number, range: number): Uint32Array => {
    const random = createRandom(seed);
    const values = new Set<number>();
    while (values.size < size) values.add(Math.floor(random() * range));
    return Uint32Array.from([...values].sort((x, y) => x - y));
  };

  it('is the exact Jaccard at or above the bound, and −1 only below it', () => {
    let gaveUp = 0;
    // Sizes across the 64-step checks; overlaps from nearly all (values from a range hardly wider than the sets) to few.
    for (let seed = 1; seed <= 400; seed += 1) {
      const sizeA = 1 + (seed % 300);
      const sizeB = 1 + ((seed * 13) % 300);
      const range = Math.max(sizeA, sizeB) + (seed % 7) * 60;
      const a = sortedSet(seed, sizeA, range);
      const b = sortedSet(seed * 7919, sizeB, range);
      const exact = jaccard(a, b);
      for (const min of [0, 0.2, 0.5, exact, 0.8, 1]) {
        const answer = jaccardAtLeast(a, b, min);
        if (exact >= min) expect({ seed, min, answer }).toEqual({ seed, min, answer: exact });
        else expect([-1, exact]).toContain(answer);
        if (answer === -1) gaveUp += 1;
      }
    }
    // It does give up early, or it would only be slower.
    expect(gaveUp).toBeGreaterThan(100);
  });

  it('merges the same as a plain loop over sets longer than one check', () => {
    const a = sortedSet(3, 700, 2_000);
    const b = sortedSet(4, 650, 2_000);
    const inB = new Set(b);
    const shared = Array.from(a).filter((x) => inB.has(x)).length;
    expect(jaccard(a, b)).toBe(shared / (a.length + b.length - shared));
  });
});

/** The signature as the TypeScript core computed it before the native one, step by step, for comparison. */
function referenceSignature(shingles: Uint32Array, permutations: number, seed: number, hashSeeds: Uint32Array): number[] {
  const signature = new Array<number>(permutations).fill(0xffffffff);
  if (shingles.length === 0) return signature;
  const filled = new Array<boolean>(permutations).fill(false);
  for (const shingle of shingles) {
    const value = mix32(shingle ^ seed);
    const bin = Math.floor((value / 2 ** 32) * permutations);
    if (!filled[bin] || value < signature[bin]) signature[bin] = value;
    filled[bin] = true;
  }
  for (let bin = 0; bin < permutations; bin += 1) {
    for (let attempt = 1; !filled[bin]; attempt += 1) {
      const from = Math.floor((mix32((hashSeeds[bin] + attempt) >>> 0) / 2 ** 32) * permutations);
      if (filled[from]) {
        signature[bin] = signature[from];
        break;
      }
    }
  }
  return signature;
}

describe('minHashSignature', () => {
  it.each([
    ['the defaults', {}],
    ['another seed and size', { seed: 42, permutations: 64, bands: 16, rows: 4 }],
    ['more bins than shingles', { permutations: 500, bands: 100, rows: 5 }],
  ])('gives the values of the step-by-step definition (%s)', (_, options) => {
    const config = minHashConfig(options);
    const random = createRandom(5);
    for (const size of [0, 1, 2, 30, 300]) {
      const shingles = Uint32Array.from(new Set(Array.from({ length: size }, () => Math.floor(random() * 2 ** 32)))).sort();
      expect(Array.from(minHashSignature(shingles, config))).toEqual(referenceSignature(shingles, config.permutations, config.seed, config.hashSeeds));
    }
  });

  const config = minHashConfig();

  it('is deterministic and as long as the permutations', () => {
    const shingles = shingleHashes('南村镇棚户区改造补偿款至今没有发放到位');
    const a = minHashSignature(shingles, config);
    expect(a).toHaveLength(126);
    expect(Array.from(a)).toEqual(Array.from(minHashSignature(shingles, minHashConfig())));
  });

  it('changes with the seed', () => {
    const shingles = shingleHashes('南村镇棚户区改造补偿款');
    expect(Array.from(minHashSignature(shingles, minHashConfig({ seed: 1 })))).not.toEqual(
      Array.from(minHashSignature(shingles, config)),
    );
  });

  it('of no shingles is all 0xffffffff', () => {
    expect(new Set(minHashSignature(new Uint32Array(0), config))).toEqual(new Set([0xffffffff]));
  });

  // Pairs built to cover low to high overlap; with 126 permutations the standard error is at most 0.045.
  const base = '同和街道幸福里小区冬天集中供暖暖气不热室温只有十二度供暖费一分不少交热力公司却不管不问';
  it.each([
    ['identical', base],
    ['prefixed', `紧急${base}`],
    ['half', base.slice(0, base.length / 2)],
    ['a third', base.slice(0, base.length / 3)],
    ['rewritten', '幸福里小区暖气片摸着是凉的家里只有十三度老人孩子都冻感冒了热力公司电话一直占线'],
  ])('estimates the Jaccard similarity of %s text within 0.15', (_, other) => {
    const a = shingleHashes(base);
    const b = shingleHashes(other);
    const estimate = estimateJaccard(minHashSignature(a, config), minHashSignature(b, config));
    expect(Math.abs(estimate - jaccard(a, b))).toBeLessThan(0.15);
  });

  it('estimates across many pairs without bias', () => {
    let error = 0;
    let pairs = 0;
    const chars = Array.from(base);
    for (let cut = 5; cut < chars.length; cut += 3) {
      const a = shingleHashes(chars.slice(0, cut).join(''));
      const b = shingleHashes(chars.slice(cut - 5).join(''));
      error += estimateJaccard(minHashSignature(a, config), minHashSignature(b, config)) - jaccard(a, b);
      pairs += 1;
    }
    expect(Math.abs(error / pairs)).toBeLessThan(0.03);
  });
});

describe('estimateJaccard', () => {
  it('refuses signatures of different lengths', () => {
    expect(() => estimateJaccard(new Uint32Array(2), new Uint32Array(3))).toThrow(/lengths/);
  });

  it('is 0 for empty signatures', () => {
    expect(estimateJaccard(new Uint32Array(0), new Uint32Array(0))).toBe(0);
  });
});

describe('bandKeys', () => {
  const config = minHashConfig();
  const signature = minHashSignature(shingleHashes('李园街道烧烤摊油烟扰民噪音到凌晨'), config);

  it('gives one "<band>:<8 hex>" key per band', () => {
    const keys = bandKeys(signature, config);
    expect(keys).toHaveLength(42);
    keys.forEach((key, band) => expect(key).toMatch(new RegExp(`^${band}:[0-9a-f]{8}$`)));
  });

  it('gives equal keys for equal signatures and different keys in a band whose rows differ', () => {
    const copy = Uint32Array.from(signature);
    expect(bandKeys(copy, config)).toEqual(bandKeys(signature, config));
    copy[4] ^= 1; // row 1 of band 1
    const changed = bandKeys(copy, config);
    const original = bandKeys(signature, config);
    expect(changed.filter((key, i) => key !== original[i])).toEqual([changed[1]]);
  });

  it('gives different keys to equal rows in different bands', () => {
    const flat = new Uint32Array(126).fill(7);
    const keys = bandKeys(flat, config);
    expect(new Set(keys.map((key) => key.split(':')[1])).size).toBe(42);
  });

  it('refuses a signature shorter than bands × rows', () => {
    expect(() => bandKeys(new Uint32Array(10), config)).toThrow(/shorter/);
  });
});

describe('candidateProbability', () => {
  it.each([
    [0, 42, 3, 0],
    [1, 42, 3, 1],
    [0.5, 42, 3, 0.9963],
    [0.5, 32, 4, 0.8732],
    [0.3, 42, 3, 0.6832],
  ])('at s = %d with %d × %d is %d', (s, bands, rows, expected) => {
    expect(candidateProbability(s, { bands, rows })).toBeCloseTo(expected, 4);
  });
});
