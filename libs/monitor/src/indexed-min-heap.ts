/** What the heap keeps on each item: its position, so that an item can be moved or removed without a search. */
export interface HeapSlot {
  heapIndex: number;
}

/**
 * A binary min-heap that knows where each item sits, so an item whose key changed is re-sifted, and an item is
 * removed, in O(log n). The order is `before(a, b)`, which must be a strict order on the keys of items in the heap.
 */
export class IndexedMinHeap<T extends HeapSlot> {
  private readonly items: T[] = [];

  constructor(private readonly before: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    item.heapIndex = this.items.length;
    this.items.push(item);
    this.up(item.heapIndex);
  }

  /** Restores the order after the item's key changed (either way). */
  update(item: T): void {
    this.check(item);
    this.down(this.up(item.heapIndex));
  }

  remove(item: T): void {
    this.check(item);
    const index = item.heapIndex;
    const last = this.items.pop() as T;
    item.heapIndex = -1;
    if (last === item) return;
    this.place(last, index);
    this.down(this.up(index));
  }

  private check(item: T): void {
    if (this.items[item.heapIndex] !== item) throw new Error('item is not in this heap');
  }

  private place(item: T, index: number): void {
    this.items[index] = item;
    item.heapIndex = index;
  }

  private up(index: number): number {
    const item = this.items[index];
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.before(item, this.items[parent])) break;
      this.place(this.items[parent], index);
      index = parent;
    }
    this.place(item, index);
    return index;
  }

  private down(index: number): void {
    const item = this.items[index];
    const length = this.items.length;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= length) break;
      if (child + 1 < length && this.before(this.items[child + 1], this.items[child])) child += 1;
      if (!this.before(this.items[child], item)) break;
      this.place(this.items[child], index);
      index = child;
    }
    this.place(item, index);
  }
}
