/**
 * Puts `item` where it ranks in `top` (best first, at most `count` long), or leaves `top` as it is when the item does
 * not make it. `before(a, b)`: a ranks strictly before b; of equal items the one that came first stays first. The
 * monitor keeps a few best of many (a message's heaviest terms, a cluster's label) for every message: this is one
 * pass and no sort.
 */
export function keepBest<T>(top: T[], count: number, item: T, before: (a: T, b: T) => boolean): void {
  if (top.length === count && !before(item, top[count - 1])) return;
  let place = top.length === count ? count - 1 : top.length;
  for (; place > 0 && before(item, top[place - 1]); place -= 1) top[place] = top[place - 1];
  top[place] = item;
}
