import { replyParts } from './wechat-reply.channel';

describe('replyParts', () => {
  const overflow = '全文请看状态页';
  it.each<[string, string, string[]]>([
    ['an empty body', '', ['']],
    ['a short reply', '已修复。', ['已修复。']],
    ['exactly one part', '好'.repeat(600), ['好'.repeat(600)]],
    ['one character more', '好'.repeat(601), ['好'.repeat(600), '好']],
    ['exactly four parts', '好'.repeat(2400), Array(4).fill('好'.repeat(600))],
    ['longer than four parts', '好'.repeat(2401), [...Array(3).fill('好'.repeat(600)), overflow]],
    ['astral characters counted as one', '😀'.repeat(601), ['😀'.repeat(600), '😀']],
  ])('%s', (_, body, parts) => {
    expect(replyParts(body, overflow)).toEqual(parts);
  });
});
