import { createRandom } from '@wenzheng/routing';
import { keepBest } from './keep-best';

describe('keepBest', () => {
  it('keeps the count best, best first, as a stable sort and a cut would', () => {
    const random = createRandom(3);
    for (let round = 0; round < 200; round += 1) {
      // Few distinct scores, so that ties are common; items are their arrival order.
      const scores = Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() * 6));
      const count = 1 + Math.floor(random() * 10);
      const top: number[] = [];
      for (let i = 0; i < scores.length; i += 1) keepBest(top, count, i, (a, b) => scores[a] > scores[b]);
      const expected = scores
        .map((_, i) => i)
        .sort((a, b) => scores[b] - scores[a] || a - b)
        .slice(0, count);
      expect({ round, top }).toEqual({ round, top: expected });
    }
  });

  it('leaves the list alone for an item that does not make it', () => {
    const top = [9, 7, 5];
    keepBest(top, 3, 5, (a, b) => a > b);
    expect(top).toEqual([9, 7, 5]);
    keepBest(top, 3, 8, (a, b) => a > b);
    expect(top).toEqual([9, 8, 7]);
  });
});
