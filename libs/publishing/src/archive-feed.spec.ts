import { ATOM_CONTENT_TYPE, renderArchiveFeed, xmlText } from './archive-feed';
import type { ArchiveEntry } from './archive.views';

const entry = (over: Partial<ArchiveEntry> = {}): ArchiveEntry => ({
  id: '0b6f3f5e-8a2d-4c55-9a57-3f1d2b9c0a11',
  kind: 'reply',
  title: '关于棚户区改造进度的咨询',
  messageKind: 'consult',
  category: '城乡建设',
  messageText: '想了解棚户区改造什么时候开始。',
  replyText: '您好：\n项目已列入2027年计划。',
  unit: { code: 'pingdu-construction', name: '市城乡建设局' },
  receivedAt: '2026-09-29T02:00:00.000Z',
  repliedAt: '2026-10-13T07:30:00.000Z',
  workingDays: 6,
  publishedAt: '2026-10-14T01:00:00.000Z',
  ...over,
});

const options = { baseUrl: 'https://wz.example.cn/', now: new Date('2026-11-01T00:00:00.000Z') };

const ENTITIES = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;
const NAME = '[A-Za-z_][\\w:.-]*';
const ATTRIBUTES = new RegExp(`^(?:\\s+${NAME}="[^"<]*")*\\s*$`);

/** A strict-enough XML 1.0 well-formedness check for what the feed uses: elements, attributes, text, entities. */
function checkWellFormed(xml: string): string[] {
  const problems: string[] = [];
  if (!xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')) problems.push('no XML declaration');
  const body = xml.replace(/^<\?xml[^>]*\?>/, '');
  const stack: string[] = [];
  let roots = 0;
  const text = (segment: string) => {
    if (/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(segment)) problems.push(`a character XML forbids in ${JSON.stringify(segment)}`);
    for (let at = segment.indexOf('&'); at >= 0; at = segment.indexOf('&', at + 1)) {
      ENTITIES.lastIndex = at;
      if (!ENTITIES.test(segment)) problems.push(`a bare & in ${JSON.stringify(segment)}`);
    }
  };
  for (const [, close, name, attributes, selfClosing, chars] of body.matchAll(new RegExp(`<(/?)(${NAME})([^>]*?)(/?)>|([^<]+)`, 'g'))) {
    if (chars !== undefined) {
      if (!stack.length && chars.trim()) problems.push(`text outside the root: ${chars}`);
      text(chars);
      continue;
    }
    if (!ATTRIBUTES.test(attributes)) problems.push(`bad attributes on <${name}>: ${attributes}`);
    text(attributes);
    if (close) {
      if (stack.pop() !== name) problems.push(`</${name}> closes the wrong element`);
    } else if (!selfClosing) {
      if (!stack.length) roots += 1;
      stack.push(name);
    }
  }
  if (body.replace(new RegExp(`<(/?)(${NAME})([^>]*?)(/?)>|([^<]+)`, 'g'), '').length) problems.push('a stray <');
  if (stack.length) problems.push(`unclosed: ${stack.join(', ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

const elements = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, 'g'))].map((m) => m[1]);

describe('renderArchiveFeed', () => {
  const feed = renderArchiveFeed(
    [entry(), entry({ id: '1c7a0000-0000-4000-8000-000000000002', title: '第二条', publishedAt: '2026-10-10T01:00:00.000Z', unit: null, messageKind: null })],
    options,
  );

  it('is well-formed Atom with absolute links, the newest publication as its updated time', () => {
    expect(checkWellFormed(feed)).toEqual([]);
    expect(feed).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">');
    expect(feed).toContain('<id>https://wz.example.cn/archive</id>');
    expect(feed).toContain('<link rel="self" type="application/atom+xml" href="https://wz.example.cn/archive/feed.atom"/>');
    expect(feed).toContain('<link rel="alternate" type="text/html" href="https://wz.example.cn/archive"/>');
    expect(feed).toMatch(/<\/generator>\n<entry>/);
    expect(feed).toContain('<updated>2026-10-14T01:00:00.000Z</updated>\n<author><name>问政</name></author>');
    expect(ATOM_CONTENT_TYPE).toBe('application/atom+xml; charset=utf-8');
  });

  it('has one entry per reply, linked to its page, with id, times, unit, kind and the masked texts', () => {
    const entries = elements(feed, 'entry');
    expect(entries).toHaveLength(2);
    const [first, second] = entries;
    expect(first).toContain('<id>urn:uuid:0b6f3f5e-8a2d-4c55-9a57-3f1d2b9c0a11</id>');
    expect(first).toContain('<title type="text">关于棚户区改造进度的咨询</title>');
    expect(first).toContain('<link rel="alternate" type="text/html" href="https://wz.example.cn/archive/replies/0b6f3f5e-8a2d-4c55-9a57-3f1d2b9c0a11"/>');
    expect(first).toContain('<published>2026-10-14T01:00:00.000Z</published>');
    expect(first).toContain('<updated>2026-10-14T01:00:00.000Z</updated>');
    expect(first).toContain('<author><name>市城乡建设局</name></author>');
    expect(first).toContain('<category term="consult" label="咨询"/>');
    expect(elements(first, 'content')).toEqual(['来信：\n想了解棚户区改造什么时候开始。\n\n答复（市城乡建设局）：\n您好：\n项目已列入2027年计划。']);
    expect(second).toContain('<updated>2026-10-10T01:00:00.000Z</updated>');
    expect(second).not.toContain('<author>');
    expect(second).not.toContain('<category');
  });

  it('is still valid with no entries, updated now', () => {
    const empty = renderArchiveFeed([], options);
    expect(checkWellFormed(empty)).toEqual([]);
    expect(empty).toContain('<updated>2026-11-01T00:00:00.000Z</updated>');
    expect(empty).not.toContain('<entry>');
  });

  it.each<[string, Partial<ArchiveEntry>]>([
    ['the title', { title: '<script>alert("x")</script> & \'q\'' }],
    ['the message', { messageText: '<script>alert("x")</script> & \'q\'' }],
    ['the reply', { replyText: '<script>alert("x")</script> & \'q\'' }],
    ['the unit', { unit: { code: 'x', name: '<script>alert("x")</script> & \'q\'' } }],
    ['the kind', { messageKind: '"><script>alert("x")</script> & \'q\'' }],
    ['the id', { id: '"><script>&' }],
  ])('escapes markup in %s', (_what, over) => {
    const xml = renderArchiveFeed([entry(over)], options);
    expect(checkWellFormed(xml)).toEqual([]);
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;');
  });

  it('drops characters XML cannot carry', () => {
    const xml = renderArchiveFeed([entry({ title: 'a\u0000b\u0008c\uFFFEd\uD800e', replyText: 'tab\tand\nline' })], options);
    expect(checkWellFormed(xml)).toEqual([]);
    expect(xml).toContain('<title type="text">abcde</title>');
    expect(xml).toContain('tab\tand\nline');
  });

  it('takes the base address with or without a trailing slash', () => {
    expect(renderArchiveFeed([], { ...options, baseUrl: 'http://127.0.0.1:3000' })).toContain('href="http://127.0.0.1:3000/archive/feed.atom"');
  });
});

describe('xmlText', () => {
  it.each([
    ['纯文本', '纯文本'],
    [`<a href="x">&'`, '&lt;a href=&quot;x&quot;&gt;&amp;&#39;'],
    ['\u0001\u001F', ''],
    ['𠀀', '𠀀'],
  ])('%j → %j', (input, expected) => {
    expect(xmlText(input)).toBe(expected);
  });
});

describe('the well-formedness check itself', () => {
  it.each([
    ['<?xml version="1.0" encoding="utf-8"?>\n<a><b></a></b>', '</a> closes the wrong element'],
    ['<?xml version="1.0" encoding="utf-8"?>\n<a>x & y</a>', 'a bare &'],
    ['<?xml version="1.0" encoding="utf-8"?>\n<a x="1"y="2"></a>', 'bad attributes'],
    ['<?xml version="1.0" encoding="utf-8"?>\n<a></a><b></b>', '2 root elements'],
    ['<?xml version="1.0" encoding="utf-8"?>\n<a>1 < 2</a>', 'a stray <'],
  ])('finds the fault in %j', (xml, problem) => {
    expect(checkWellFormed(xml).join('; ')).toContain(problem);
  });
});
