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

/** `count` distinct 32-bit values derived from `seed` alone (a counter run through `mix32`, which is a bijection). */
export function seededValues(seed: number, count: number): Uint32Array {
  const values = new Uint32Array(count);
  for (let i = 0; i < count; i += 1) {
    values[i] = mix32((imul(i + 1, GOLDEN) ^ seed) >>> 0);
  }
  return values;
}
