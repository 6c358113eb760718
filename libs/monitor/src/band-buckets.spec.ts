import { createRandom } from '@wenzheng/routing';
import { BandBuckets } from './band-buckets';

function bucket(buckets: BandBuckets, band: number, key: number): number[] {
  const entries: number[] = [];
  for (let entry = buckets.first(band, key); entry !== -1; entry = buckets.nextOf(entry, band)) entries.push(entry);
  return entries.sort((a, b) => a - b);
}

describe('BandBuckets', () => {
  it('lists the entries of a bucket, keeps bands apart and frees a bucket left empty', () => {
    const buckets = new BandBuckets(3);
    buckets.add(0, 0, 7);
    buckets.add(1, 0, 7);
    buckets.add(2, 1, 7);
    expect(bucket(buckets, 0, 7)).toEqual([0, 1]);
    expect(bucket(buckets, 1, 7)).toEqual([2]);
    expect(bucket(buckets, 2, 7)).toEqual([]);
    expect(buckets.size).toBe(2);
    buckets.remove(0, 0, 7);
    expect(bucket(buckets, 0, 7)).toEqual([1]);
    buckets.remove(1, 0, 7);
    expect(bucket(buckets, 0, 7)).toEqual([]);
    expect(buckets.size).toBe(1);
  });

  it('agrees with a Map of sets over 50,000 random adds and removes, through growth and back-shifted deletions', () => {
    const random = createRandom(3);
    const bands = 4;
    const buckets = new BandBuckets(bands, 16);
    const reference = new Map<string, Set<number>>();
    // Entry → its key per band, for the entries currently in.
    const live = new Map<number, number[]>();
    const free: number[] = [];
    let nextEntry = 0;
    for (let step = 0; step < 50_000; step += 1) {
      if (live.size > 0 && random() < 0.45) {
        const entries = [...live.keys()];
        const entry = entries[Math.floor(random() * entries.length)];
        (live.get(entry) as number[]).forEach((key, band) => {
          buckets.remove(entry, band, key);
          const set = reference.get(`${band}:${key}`) as Set<number>;
          set.delete(entry);
          if (set.size === 0) reference.delete(`${band}:${key}`);
        });
        live.delete(entry);
        free.push(entry);
      } else {
        const entry = free.pop() ?? nextEntry++;
        // Few keys (so buckets chain) and some of any size (so slots collide).
        const keys = Array.from({ length: bands }, () => (random() < 0.5 ? Math.floor(random() * 50) : Math.floor(random() * 2 ** 30)));
        keys.forEach((key, band) => {
          buckets.add(entry, band, key);
          const set = reference.get(`${band}:${key}`) ?? new Set<number>();
          set.add(entry);
          reference.set(`${band}:${key}`, set);
        });
        live.set(entry, keys);
      }
      if (step % 4_999 === 0) {
        for (const [name, set] of reference) {
          const [band, key] = name.split(':').map(Number);
          expect(bucket(buckets, band, key)).toEqual([...set].sort((a, b) => a - b));
        }
        expect(buckets.size).toBe(reference.size);
      }
    }
  });
});
