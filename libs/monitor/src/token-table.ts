import { mix32 } from './hash32';

/**
 * Dense integer ids for the tokens of messages, so that what is known of a token can sit in typed arrays indexed by
 * its id. A Map keyed by a freshly segmented string hashes that string in the runtime and then reads the stored key
 * from elsewhere in the heap: some 400 ns per token, most of a message's cost. Here a token of up to four UTF-16
 * code units (nearly every Chinese word) is packed into three integers beside its id in one open-addressing array,
 * so a lookup is a few arithmetic operations and one cache line; longer tokens go to a Map.
 */
export class TokenTable {
  /** Four int32 per slot: code units 0–1, code units 2–3, length, id (−1 for an empty slot). */
  private slots: Int32Array;
  private mask: number;
  private readonly longIds = new Map<string, number>();
  private readonly tokens: string[] = [];

  constructor(initialSlots = 1 << 12) {
    const bits = Math.max(4, Math.ceil(Math.log2(initialSlots)));
    this.mask = (1 << bits) - 1;
    this.slots = new Int32Array(4 << bits).fill(-1);
  }

  /** Tokens with an id; ids are 0 … size − 1 in the order the tokens came. */
  get size(): number {
    return this.tokens.length;
  }

  /** The token's id, given a new one if it has none yet. */
  idOf(token: string): number {
    const length = token.length;
    if (length > 4) {
      let id = this.longIds.get(token);
      if (id === undefined) {
        id = this.tokens.length;
        this.tokens.push(token);
        this.longIds.set(token, id);
      }
      return id;
    }
    const low = length === 0 ? 0 : token.charCodeAt(0) | (length > 1 ? token.charCodeAt(1) << 16 : 0);
    const high = length > 2 ? token.charCodeAt(2) | (length > 3 ? token.charCodeAt(3) << 16 : 0) : 0;
    const { slots, mask } = this;
    for (let slot = slotHash(low, high, length) & mask; ; slot = (slot + 1) & mask) {
      const at = slot << 2;
      const id = slots[at + 3];
      if (id === -1) return this.insert(at, low, high, length, token);
      if (slots[at] === low && slots[at + 1] === high && slots[at + 2] === length) return id;
    }
  }

  tokenOf(id: number): string {
    return this.tokens[id];
  }

  /** Forgets every token; ids start from 0 again. */
  clear(): void {
    this.slots.fill(-1);
    this.longIds.clear();
    this.tokens.length = 0;
  }

  private insert(at: number, low: number, high: number, length: number, token: string): number {
    const id = this.tokens.length;
    this.tokens.push(token);
    this.slots[at] = low;
    this.slots[at + 1] = high;
    this.slots[at + 2] = length;
    this.slots[at + 3] = id;
    // At most half full (the long tokens are in the Map), so that a probe ends after a slot or two.
    if ((this.tokens.length - this.longIds.size) * 2 > this.mask + 1) this.grow();
    return id;
  }

  private grow(): void {
    const old = this.slots;
    this.mask = this.mask * 2 + 1;
    this.slots = new Int32Array(old.length * 2).fill(-1);
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 3] === -1) continue;
      let slot = slotHash(old[at], old[at + 1], old[at + 2]) & this.mask;
      while (this.slots[(slot << 2) + 3] !== -1) slot = (slot + 1) & this.mask;
      // Value by value: a subarray per slot was an object per token to collect.
      for (let i = 0; i < 4; i += 1) this.slots[(slot << 2) + i] = old[at + i];
    }
  }
}

const imul = Math.imul;

function slotHash(low: number, high: number, length: number): number {
  return mix32(low ^ imul(high, 0x9e3779b1) ^ length);
}
