import { replyParts } from './reply-parts';

describe('replyParts', () => {
  const overflow = '全文请看状态页';
  const wechat = { partLength: 600, maxParts: 4 };
  it.each<[string, string, string[]]>([
    ['an empty body', '', ['']],
    ['a short reply', '已修复。', ['已修复。']],
    ['exactly one part', '好'.repeat(600), ['好'.repeat(600)]],
    ['one character more', '好'.repeat(601), ['好'.repeat(600), '好']],
    ['exactly four parts', '好'.repeat(2400), Array(4).fill('好'.repeat(600))],
    ['longer than four parts', '好'.repeat(2401), [...Array(3).fill('好'.repeat(600)), overflow]],
    ['astral characters counted as one', '😀'.repeat(601), ['😀'.repeat(600), '😀']],
  ])('%s', (_, body, parts) => {
    expect(replyParts(body, overflow, wechat)).toEqual(parts);
  });

  it('keeps to other limits (Weibo: 300 characters a message)', () => {
    expect(replyParts('好'.repeat(301), overflow, { partLength: 300, maxParts: 2 })).toEqual(['好'.repeat(300), '好']);
    expect(replyParts('好'.repeat(601), overflow, { partLength: 300, maxParts: 2 })).toEqual(['好'.repeat(300), overflow]);
  });
});
