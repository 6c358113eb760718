/**
 * 32-bit hashing that is exact in JavaScript: every product goes through Math.imul and every
 * result is brought back to an unsigned integer with `>>> 0`, so the values are the same on any
 * engine and can be stored by another process (Redis, PostgreSQL) and compared later.
 */

// Read once: under jest's sandbox every lookup of a global such as `Math` goes through the
// context's interceptor, which made each hashed message some 50 times slower.
const imul = Math.imul;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const GOLDEN = 0x9e3779b9;

/** MurmurHash3's finaliser: a bijection on 32-bit integers in which every input bit affects every output bit. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over a run of integers (code points, hash values), finished with `mix32`. */
export function hashInts(values: ArrayLike<number>, start = 0, end = values.length, seed = 0): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = start; i < end; i += 1) {
    h = imul(h ^ values[i], FNV_PRIME);
  }
  return mix32(h);
}

/** Hash of a string's code points. */
export function hashString(text: string, seed = 0): number {
  return hashInts(codePointsOf(text), 0, undefined, seed);
}

/** The code points of a string: a character outside the BMP is one value, not two surrogates. */
export function codePointsOf(text: string): Int32Array {
  const codePoints = new Int32Array(text.length);
  return codePoints.subarray(0, codePointsInto(text, codePoints));
}

/** Writes the code points of a string into `codePoints` (at least `text.length` long) and answers how many there are. */
export function codePointsInto(text: string, codePoints: Int32Array): number {
  let length = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        codePoints[length++] = (unit - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000;
        i += 1;
        continue;
      }
    }
    codePoints[length++] = unit;
  }
  return length;
}

/** `count` distinct 32-bit values derived from `seed` alone (a counter run through `mix32`, which is a bijection). */
export function seededValues(seed: number, count: number): Uint32Array {
  const values = new Uint32Array(count);
  for (let i = 0; i < count; i += 1) {
    values[i] = mix32((imul(i + 1, GOLDEN) ^ seed) >>> 0);
  }
  return values;
}
