import { escapeHtml, formatShanghaiDate, formatShanghaiTime, messageKindText, paragraphs, shanghaiIsoDate } from './html';

describe('escapeHtml', () => {
  it.each([
    ['plain 中文', 'plain 中文'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['a & b', 'a &amp; b'],
    [`"quoted" 'single'`, '&quot;quoted&quot; &#39;single&#39;'],
    ['&lt;', '&amp;lt;'],
  ])('%j → %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe('formatShanghaiTime', () => {
  it.each([
    ['2026-10-26T15:59:59.000Z', '2026年10月26日 23:59'],
    // 16:00 UTC is already the next day in Shanghai.
    ['2026-12-31T16:00:00.000Z', '2027年1月1日 00:00'],
    ['2026-09-29T02:05:00.000Z', '2026年9月29日 10:05'],
  ])('%s → %s', (iso, expected) => {
    expect(formatShanghaiTime(iso)).toBe(expected);
  });
});

describe('paragraphs', () => {
  it('makes one escaped paragraph per non-empty line', () => {
    expect(paragraphs('您好：\r\n\n<b>已处理</b>\n  ')).toBe('<p>您好：</p><p>&lt;b&gt;已处理&lt;/b&gt;</p>');
  });
});

describe('messageKindText', () => {
  it.each([
    ['consult', '咨询'],
    ['urgent', '紧急'],
    ['something-new', 'something-new'],
  ])('%s → %s', (kind, text) => {
    expect(messageKindText(kind)).toBe(text);
  });
});

describe('Shanghai dates', () => {
  it.each([
    ['2026-10-26T15:59:59.000Z', '2026年10月26日', '2026-10-26'],
    ['2026-12-31T16:00:00.000Z', '2027年1月1日', '2027-01-01'],
  ])('%s → %s, %s', (iso, text, date) => {
    expect(formatShanghaiDate(iso)).toBe(text);
    expect(shanghaiIsoDate(iso)).toBe(date);
  });
});
