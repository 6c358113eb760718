import { hashInts, mix32, seededValues } from './hash32';

/** The same finaliser in BigInt arithmetic, where nothing can overflow silently. */
function mix32Reference(value: number): number {
  const mask = 0xffffffffn;
  let h = BigInt(value >>> 0);
  h ^= h >> 16n;
  h = (h * 0x85ebca6bn) & mask;
  h ^= h >> 13n;
  h = (h * 0xc2b2ae35n) & mask;
  h ^= h >> 16n;
  return Number(h);
}

function fnv1aReference(bytes: number[]): number {
  let h = 0x811c9dc5n;
  for (const byte of bytes) h = ((h ^ BigInt(byte)) * 0x01000193n) & 0xffffffffn;
  return Number(h);
}

describe('mix32', () => {
  it.each([0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0xdeadbeef, 123456789, -1, -123456789])(
    'of %d equals the BigInt computation',
    (value) => {
      expect(mix32(value)).toBe(mix32Reference(value));
    },
  );

  it('returns unsigned 32-bit integers', () => {
    for (let i = 0; i < 1000; i += 1) {
      const h = mix32(Math.imul(i, 0x9e3779b9));
      expect(Number.isInteger(h) && h >= 0 && h <= 0xffffffff).toBe(true);
    }
  });

  it('maps 0 to 0 (the finaliser has that fixed point, which is why seeds are mixed in first)', () => {
    expect(mix32(0)).toBe(0);
  });
});

describe('hashInts', () => {
  // Published FNV-1a 32-bit vectors: "a" → e40c292c, "foobar" → bf9cf968.
  it.each([
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('is FNV-1a of %j then mix32', (text, fnv) => {
    const bytes = Array.from(text, (c) => c.charCodeAt(0));
    expect(fnv1aReference(bytes)).toBe(fnv);
    expect(hashInts(bytes)).toBe(mix32(fnv));
  });

  it('hashes only the range asked for', () => {
    expect(hashInts([9, 1, 2, 3, 9], 1, 4)).toBe(hashInts([1, 2, 3]));
  });

  it('depends on the seed and on the order', () => {
    expect(hashInts([1, 2, 3], 0, 3, 1)).not.toBe(hashInts([1, 2, 3]));
    expect(hashInts([3, 2, 1])).not.toBe(hashInts([1, 2, 3]));
  });
});

describe('seededValues', () => {
  it('gives the same distinct values for the same seed', () => {
    const a = seededValues(42, 500);
    expect(Array.from(a)).toEqual(Array.from(seededValues(42, 500)));
    expect(new Set(a).size).toBe(500);
  });

  it('gives other values for another seed', () => {
    expect(Array.from(seededValues(43, 8))).not.toEqual(Array.from(seededValues(42, 8)));
  });

  it('gives nothing for a count of 0', () => {
    expect(seededValues(1, 0)).toHaveLength(0);
  });
});
