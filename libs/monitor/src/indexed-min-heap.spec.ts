import { createRandom } from '@wenzheng/routing';
import { IndexedMinHeap } from './indexed-min-heap';

interface Item {
  key: number;
  id: number;
  heapIndex: number;
}

const heapOf = (): IndexedMinHeap<Item> => new IndexedMinHeap<Item>((a, b) => a.key < b.key || (a.key === b.key && a.id < b.id));

function drain(heap: IndexedMinHeap<Item>): number[] {
  const ids: number[] = [];
  for (let item = heap.peek(); item !== undefined; item = heap.peek()) {
    ids.push(item.id);
    heap.remove(item);
  }
  return ids;
}

describe('IndexedMinHeap', () => {
  it('gives items smallest key first, ties by the order given', () => {
    const heap = heapOf();
    [5, 1, 4, 1, 3].forEach((key, id) => heap.push({ key, id, heapIndex: -1 }));
    expect(heap.size).toBe(5);
    expect(drain(heap)).toEqual([1, 3, 4, 2, 0]);
  });

  it('re-sifts an item whose key went up or down, and removes one from the middle', () => {
    const heap = heapOf();
    const items = [10, 20, 30, 40, 50].map((key, id) => ({ key, id, heapIndex: -1 }));
    items.forEach((item) => heap.push(item));
    items[0].key = 45;
    heap.update(items[0]);
    items[4].key = 5;
    heap.update(items[4]);
    heap.remove(items[2]);
    expect(items[2].heapIndex).toBe(-1);
    expect(drain(heap)).toEqual([4, 1, 3, 0]);
  });

  it('agrees with a sort over many random operations', () => {
    const next = createRandom(11);
    const heap = heapOf();
    const live: Item[] = [];
    for (let step = 0; step < 5_000; step += 1) {
      const choice = next();
      if (choice < 0.5 || live.length === 0) {
        const item = { key: Math.floor(next() * 100), id: step, heapIndex: -1 };
        live.push(item);
        heap.push(item);
      } else if (choice < 0.8) {
        const item = live[Math.floor(next() * live.length)];
        item.key = Math.floor(next() * 100);
        heap.update(item);
      } else {
        const [item] = live.splice(Math.floor(next() * live.length), 1);
        heap.remove(item);
      }
      const smallest = [...live].sort((a, b) => a.key - b.key || a.id - b.id)[0];
      expect(heap.peek()).toBe(smallest);
    }
    expect(drain(heap)).toEqual([...live].sort((a, b) => a.key - b.key || a.id - b.id).map((item) => item.id));
  });

  it('refuses an item it does not hold', () => {
    const heap = heapOf();
    expect(() => heap.remove({ key: 1, id: 1, heapIndex: 0 })).toThrow(/not in this heap/);
  });
});
