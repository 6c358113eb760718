import { mix32 } from './hash32';

const EMPTY = -1;
const GOLDEN = 0x9e3779b1;

/**
 * The LSH buckets of an in-memory near-duplicate index: (band, band key) → the entries that have it. One
 * open-addressing table of int32 (key, band, first entry) with each bucket's entries chained through a `next` array,
 * instead of one Map per band: a message looks up and inserts one key per band (42 of each, and as many removals when
 * it leaves the window), and in Maps of a million keys each of those was several cache misses and an allocation.
 * Entries are small integers (slots of the caller's entry list); keys are any int32.
 */
export class BandBuckets {
  /** Three int32 per slot: band key, band, first entry of the bucket (EMPTY for a free slot). */
  private slots: Int32Array;
  private mask: number;
  private used = 0;
  /** `next[entry × bands + band]`: the entry after `entry` in its bucket of that band, or EMPTY. */
  private next: Int32Array;

  constructor(
    private readonly bands: number,
    initialSlots = 1 << 12,
  ) {
    const bits = Math.max(4, Math.ceil(Math.log2(initialSlots)));
    this.mask = (1 << bits) - 1;
    this.slots = new Int32Array(3 << bits).fill(EMPTY);
    this.next = new Int32Array(bands * 64).fill(EMPTY);
  }

  /** Buckets with at least one entry. */
  get size(): number {
    return this.used;
  }

  /** The first entry of the bucket, EMPTY when it has none; `nextOf` gives the rest. */
  first(band: number, key: number): number {
    const at = this.find(band, key);
    return this.slots[at + 2];
  }

  nextOf(entry: number, band: number): number {
    return this.next[entry * this.bands + band];
  }

  add(entry: number, band: number, key: number): void {
    if ((entry + 1) * this.bands > this.next.length) this.growNext(entry + 1);
    const at = this.find(band, key);
    const slots = this.slots;
    if (slots[at + 2] === EMPTY) {
      slots[at] = key;
      slots[at + 1] = band;
      this.used += 1;
    }
    this.next[entry * this.bands + band] = slots[at + 2];
    slots[at + 2] = entry;
    // At most half full, so that probes stay short.
    if (this.used * 2 > this.mask + 1) this.grow();
  }

  /** Takes an entry out of its bucket; a bucket left empty frees its slot. */
  remove(entry: number, band: number, key: number): void {
    const at = this.find(band, key);
    const slots = this.slots;
    const link = entry * this.bands + band;
    if (slots[at + 2] === entry) {
      slots[at + 2] = this.next[link];
    } else {
      let previous = slots[at + 2];
      while (previous !== EMPTY && this.next[previous * this.bands + band] !== entry) previous = this.next[previous * this.bands + band];
      if (previous === EMPTY) return;
      this.next[previous * this.bands + band] = this.next[link];
    }
    this.next[link] = EMPTY;
    if (slots[at + 2] === EMPTY) this.free(at / 3);
  }

  /** Where (band, key) is, or the free slot where it would go. */
  private find(band: number, key: number): number {
    const { slots, mask } = this;
    for (let slot = slotOf(band, key) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 3;
      if (slots[at + 2] === EMPTY || (slots[at] === key && slots[at + 1] === band)) return at;
    }
  }

  /** Frees a slot by shifting back the slots after it that probed past it (linear probing needs no tombstones). */
  private free(slot: number): void {
    const { slots, mask } = this;
    let gap = slot;
    for (let probe = (gap + 1) & mask; slots[probe * 3 + 2] !== EMPTY; probe = (probe + 1) & mask) {
      const home = slotOf(slots[probe * 3 + 1], slots[probe * 3]) & mask;
      // The entry at `probe` may move into the gap unless its home lies cyclically in (gap, probe].
      const homeAfterGap = gap <= probe ? home > gap && home <= probe : home > gap || home <= probe;
      if (homeAfterGap) continue;
      slots.copyWithin(gap * 3, probe * 3, probe * 3 + 3);
      gap = probe;
    }
    slots[gap * 3] = EMPTY;
    slots[gap * 3 + 1] = EMPTY;
    slots[gap * 3 + 2] = EMPTY;
    this.used -= 1;
  }

  private grow(): void {
    const old = this.slots;
    this.mask = this.mask * 2 + 1;
    this.slots = new Int32Array(old.length * 2).fill(EMPTY);
    for (let at = 0; at < old.length; at += 3) {
      if (old[at + 2] === EMPTY) continue;
      // Value by value: a subarray per slot was an object per bucket to collect.
      const to = this.find(old[at + 1], old[at]);
      this.slots[to] = old[at];
      this.slots[to + 1] = old[at + 1];
      this.slots[to + 2] = old[at + 2];
    }
  }

  private growNext(entries: number): void {
    const next = new Int32Array(Math.max(entries, (this.next.length / this.bands) * 2) * this.bands).fill(EMPTY);
    next.set(this.next);
    this.next = next;
  }
}

function slotOf(band: number, key: number): number {
  return mix32((key ^ Math.imul(band + 1, GOLDEN)) >>> 0);
}
