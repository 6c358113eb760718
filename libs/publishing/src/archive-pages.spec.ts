import {
  ArchiveFilters,
  ArchivePolicy,
  archiveFiltersOf,
  archivePageUrl,
  archiveReplyPath,
  excerpt,
  renderArchiveEntryPage,
  renderArchiveFilterErrorPage,
  renderArchiveNotFoundPage,
  renderArchivePoliciesPage,
  renderArchiveSearchPage,
  renderArchiveUnitsPage,
} from './archive-pages';
import type { ArchiveEntry, ArchiveSearchResult, ArchiveTombstone, ArchiveUnitFigures } from './archive.views';

const XSS = `<script>alert("x")</script>`;
const XSS_ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;';

const entry: ArchiveEntry = {
  id: '0b6f3f5e-8a2d-4c55-9a57-3f1d2b9c0a11',
  kind: 'reply',
  title: '关于棚户区改造进度的咨询',
  messageKind: 'consult',
  category: '城乡建设',
  messageText: '我家在城东棚户区，想了解棚户区改造什么时候开始。\n联系电话已隐去。',
  replyText: '您好：\n城东棚户区改造项目已列入2027年计划，预计3月启动征收。',
  unit: { code: 'pingdu-construction', name: '市城乡建设局' },
  receivedAt: '2026-09-29T02:00:00.000Z',
  repliedAt: '2026-10-13T07:30:00.000Z',
  workingDays: 6,
  publishedAt: '2026-10-14T01:00:00.000Z',
};

const options = {
  units: [
    { code: 'pingdu-construction', name: '市城乡建设局' },
    { code: 'pingdu-education', name: '市教体局' },
  ],
  categories: ['城乡建设', '教育文体'],
};

const result = (over: Partial<ArchiveSearchResult> = {}): ArchiveSearchResult => ({
  items: [{ ...entry, rank: 0.5 }],
  total: 1,
  totalIsExact: true,
  order: 'relevance',
  page: 1,
  pageSize: 10,
  terms: [],
  ...over,
});

/** The text a reader sees: style dropped, tags dropped, whitespace folded. */
const visibleText = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

const hrefs = (html: string, testId: string) => {
  const block = new RegExp(`<nav[^>]*data-testid="${testId}"[\\s\\S]*?</nav>`).exec(html)?.[0] ?? '';
  return [...block.matchAll(/href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
};

describe('every archive page', () => {
  const pages: [string, string][] = [
    ['search', renderArchiveSearchPage({}, options, result())],
    ['filter error', renderArchiveFilterErrorPage({ from: 'x' }, options, { field: 'from', message: 'from must be a date YYYY-MM-DD' })],
    ['entry', renderArchiveEntryPage(entry)],
    ['tombstone', renderArchiveEntryPage({ id: entry.id, withdrawn: true, reason: null, withdrawnAt: '2026-10-20T01:00:00.000Z' })],
    ['not found', renderArchiveNotFoundPage()],
    ['units', renderArchiveUnitsPage([])],
    ['policies', renderArchivePoliciesPage([])],
  ];

  it.each(pages)('%s: Chinese, one h1, a skip link, the archive navigation and feed, no script, indexable', (_what, html) => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain('<a class="skip-link" href="#main">跳到主要内容</a>');
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" href="/archive/feed.atom"');
    expect(html).toContain('<nav aria-label="公开答复栏目">');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('noindex');
  });

  it.each(pages)('%s: links the search, the unit figures and the policies', (_what, html) => {
    const nav = /<nav aria-label="公开答复栏目">[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
    expect(nav).toContain('href="/archive/units"');
    expect(nav).toContain('href="/archive/policies"');
  });
});

describe('renderArchiveSearchPage', () => {
  it('shows each result with its title linked, unit, kind, dates, working days and both excerpts', () => {
    const html = renderArchiveSearchPage({}, options, result());
    const text = visibleText(html);
    expect(html).toContain(`<a href="/archive/replies/${entry.id}">关于棚户区改造进度的咨询</a>`);
    for (const fragment of ['市城乡建设局', '咨询', '留言时间', '2026年9月29日', '答复时间', '2026年10月13日', '用时', '6 个工作日']) {
      expect(text).toContain(fragment);
    }
    expect(text).toContain('来信： 我家在城东棚户区，想了解棚户区改造什么时候开始。 联系电话已隐去。');
    expect(text).toContain('答复： 您好： 城东棚户区改造项目已列入2027年计划');
    expect(html).toContain('<time datetime="2026-10-13">');
    expect(text).toContain('共找到 1 条公开答复，第 1 / 1 页。');
    expect(html).not.toContain('<mark>');
  });

  it('marks the query terms in the title and both excerpts', () => {
    const html = renderArchiveSearchPage({ q: '棚户区改造' }, options, result({ terms: ['棚户区改造'] }));
    expect(html).toContain('关于<mark>棚户区改造</mark>进度的咨询');
    expect(html).toContain('想了解<mark>棚户区改造</mark>什么时候开始');
    expect(html).toContain('城东<mark>棚户区改造</mark>项目');
    // 棚户区 alone is not a hit for 棚户区改造.
    expect(html).toContain('我家在城东棚户区，');
    expect(visibleText(html)).toContain('共找到 1 条公开答复（关键词“棚户区改造”）');
  });

  it('fills the form with the filters and selects the unit and kind', () => {
    const html = renderArchiveSearchPage(
      { q: '供暖', unit: 'pingdu-education', category: '教育文体', kind: 'complaint', from: '2026-10-01', to: '2026-10-31' },
      options,
      result({ total: 0, items: [] }),
    );
    expect(html).toContain('<label for="category">问题分类</label>');
    expect(html).toContain('<option value="教育文体" selected>教育文体</option>');
    expect(html).toContain('<option value="城乡建设">城乡建设</option>');
    expect(html).toContain('<option value="">全部分类</option>');
    expect(html).toContain('<label for="q">关键词</label>');
    expect(html).toContain('<input type="search" id="q" name="q" maxlength="100" value="供暖">');
    expect(html).toContain('<label for="unit">承办单位</label>');
    expect(html).toContain('<option value="pingdu-education" selected>市教体局</option>');
    expect(html).toContain('<option value="pingdu-construction">市城乡建设局</option>');
    expect(html).toContain('<option value="complaint" selected>投诉</option>');
    expect(html).toContain('<option value="">全部类型</option>');
    expect(html).toContain('<input type="date" id="from" name="from" value="2026-10-01">');
    expect(html).toContain('<input type="date" id="to" name="to" value="2026-10-31">');
    for (const field of ['q', 'unit', 'category', 'kind', 'from', 'to']) expect(html).toMatch(new RegExp(`<label for="${field}">`));
    expect(visibleText(html)).toContain('共找到 0 条公开答复（关键词“供暖”；承办单位 市教体局；分类 教育文体；类型 投诉；答复日期 2026-10-01 至 2026-10-31）。');
  });

  it.each<[string, Partial<ArchiveSearchResult>, string]>([
    ['a ranked search', { terms: ['光伏'], total: 12 }, '共找到 12 条公开答复（关键词“光伏”），第 1 / 2 页。按相关程度排列。'],
    ['the whole archive', { order: 'newest', total: 12 }, '共找到 12 条公开答复，第 1 / 2 页。按答复时间从新到旧排列。'],
    [
      'a broad search',
      { terms: ['供暖'], order: 'newest', total: 1000, totalIsExact: false },
      '共找到 超过 1000 条公开答复（关键词“光伏”），第 1 / 100 页。匹配较多，按答复时间从新到旧排列；只能翻看前 1000 条，可用关键词、单位或日期缩小范围。',
    ],
    [
      'a long archive',
      { order: 'newest', total: 1000, totalIsExact: false },
      '共找到 超过 1000 条公开答复，第 1 / 100 页。按答复时间从新到旧排列；只能翻看前 1000 条，可用关键词、单位或日期缩小范围。',
    ],
  ])('states the count and the order of %s', (_, over, text) => {
    const html = renderArchiveSearchPage(over.terms ? { q: '光伏' } : {}, options, result(over));
    expect(visibleText(html)).toContain(text);
  });

  it('says so when nothing matches, and shows no pagination', () => {
    const html = renderArchiveSearchPage({ q: '火星' }, options, result({ total: 0, items: [] }));
    expect(visibleText(html)).toContain('没有找到符合条件的公开答复。');
    expect(html).not.toContain('data-testid="archive-result"');
    expect(html).not.toContain('data-testid="pagination"');
  });

  it('offers the first page when a page past the end is asked for', () => {
    const html = renderArchiveSearchPage({ q: '供暖' }, options, result({ total: 3, items: [], page: 9 }));
    expect(visibleText(html)).toContain('这一页没有结果。');
    expect(html).toContain('<a href="/archive?q=%E4%BE%9B%E6%9A%96">回到第 1 页</a>');
  });

  it('links pages with every filter kept, the current page marked', () => {
    const filters: ArchiveFilters = { q: '棚户区 改造', unit: 'pingdu-construction', kind: 'consult', from: '2026-01-01', to: '2026-12-31', pageSize: '5' };
    const html = renderArchiveSearchPage(filters, options, result({ total: 48, page: 5, pageSize: 5 }));
    const links = hrefs(html, 'pagination');
    expect(links).toEqual([4, 1, 3, 4, 5, 6, 7, 10, 6].map((p) => archivePageUrl(filters, p)));
    for (const link of links) {
      const params = new URL(link, 'http://x').searchParams;
      expect(Object.fromEntries([...params].filter(([k]) => k !== 'page'))).toEqual(filters);
    }
    expect(html).toContain('aria-current="page" href="/archive?q=%E6%A3%9A%E6%88%B7%E5%8C%BA+%E6%94%B9%E9%80%A0&amp;unit=pingdu-construction');
    expect(visibleText(html)).toContain('上一页');
    expect(visibleText(html)).toContain('下一页');
    expect(visibleText(html)).toContain('第 5 / 10 页');
    // The page size travels with the form too.
    expect(html).toContain('<input type="hidden" name="pageSize" value="5">');
  });

  it.each([
    [1, ['2', '3', '10', '下一页']],
    [10, ['上一页', '1', '8', '9']],
  ])('at page %i the links are %j', (page, texts) => {
    const html = renderArchiveSearchPage({}, options, result({ total: 100, page }));
    const nav = /<nav[^>]*data-testid="pagination"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
    const linkTexts = [...nav.matchAll(/<a href="[^"]*"(?: aria-label="[^"]*")?>([^<]*)<\/a>/g)].map((m) => m[1]);
    expect(linkTexts).toEqual(texts);
  });

  it.each<[string, Partial<ArchiveEntry>]>([
    ['the title', { title: XSS }],
    ['the message', { messageText: XSS }],
    ['the reply', { replyText: XSS }],
    ['the unit', { unit: { code: 'x', name: XSS } }],
    ['the message kind', { messageKind: XSS }],
  ])('escapes markup in %s', (_what, over) => {
    const html = renderArchiveSearchPage({}, options, result({ items: [{ ...entry, ...over, rank: null }] }));
    expect(html).not.toContain('<script>');
    expect(html).toContain(XSS_ESCAPED);
  });

  it('escapes markup in a highlighted text, inside and outside the marks', () => {
    const html = renderArchiveSearchPage({}, options, result({ items: [{ ...entry, title: '<b>棚户区</b>&"', rank: 1 }], terms: ['<b>', '棚户区'] }));
    expect(html).toContain('<mark>&lt;b&gt;棚户区</mark>&lt;/b&gt;&amp;&quot;');
  });

  it('escapes the filters echoed into attributes, the count and the links', () => {
    const filters = { q: `"><script>alert(1)</script>`, unit: `a" onfocus="x`, kind: '<i>', from: `'`, to: '&' };
    const html = renderArchiveSearchPage(filters, { units: [...options.units, { code: `c"'<>`, name: XSS }], categories: [XSS] }, result({ total: 30 }));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<i>');
    expect(html).not.toMatch(/ onfocus="/);
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain('value="&#39;"');
    expect(html).toContain('<option value="c&quot;&#39;&lt;&gt;">');
    expect(html).toContain(`>${XSS_ESCAPED}</option>`);
    for (const link of hrefs(html, 'pagination')) expect(new URL(link, 'http://x').searchParams.get('unit')).toBe(filters.unit);
  });
});

describe('renderArchiveFilterErrorPage', () => {
  it('says what is wrong with which field, marks the field, and keeps the typed values', () => {
    const html = renderArchiveFilterErrorPage({ q: '供暖', from: '2026-13-45' }, options, { field: 'from', message: 'from must be a date YYYY-MM-DD' });
    expect(html).toContain('检索条件有误：<strong>答复日期从</strong>，请按“年-月-日”填写有效日期');
    expect(html).toContain('role="alert" id="filter-error"');
    expect(html).toContain('<input type="date" id="from" name="from" value="2026-13-45" aria-invalid="true" aria-describedby="filter-error">');
    expect(html).toContain('value="供暖">');
    expect(html).not.toContain('data-testid="archive-result"');
  });

  it('names an unknown field as the archive did, escaped', () => {
    const html = renderArchiveFilterErrorPage({}, options, { field: '<x>', message: XSS });
    expect(html).toContain(`&lt;x&gt;: ${XSS_ESCAPED}`);
    expect(html).not.toContain('<script>');
  });
});

describe('renderArchiveEntryPage', () => {
  it('shows the title, unit, kind, dates, working days, the message and the reply', () => {
    const html = renderArchiveEntryPage(entry);
    const text = visibleText(html);
    expect(html).toContain('<h1 data-testid="entry-title">关于棚户区改造进度的咨询</h1>');
    expect(html).toContain('<title>关于棚户区改造进度的咨询 - 问政</title>');
    for (const fragment of ['承办单位', '市城乡建设局', '类型', '咨询', '问题分类 城乡建设', '留言时间 2026年9月29日', '答复时间 2026年10月13日', '6 个工作日', '公开时间 2026年10月14日']) {
      expect(text).toContain(fragment);
    }
    expect(html).toContain('<h2 id="message-heading">来信</h2>');
    expect(html).toContain('<div class="text" data-testid="message-text"><p>我家在城东棚户区，想了解棚户区改造什么时候开始。</p><p>联系电话已隐去。</p></div>');
    expect(html).toContain('<h2 id="reply-heading">答复</h2>');
    expect(html).toContain('<p>城东棚户区改造项目已列入2027年计划，预计3月启动征收。</p>');
  });

  it('shows missing facts as "no data" rather than nothing', () => {
    const text = visibleText(renderArchiveEntryPage({ ...entry, unit: null, receivedAt: null, workingDays: null }));
    expect(text).toContain('承办单位 — 暂无数据');
    expect(text).toContain('留言时间 — 暂无数据');
    expect(text).toContain('用时 — 暂无数据');
  });

  it('leaves the category out when the message has none, and escapes it', () => {
    expect(visibleText(renderArchiveEntryPage({ ...entry, category: null }))).not.toContain('问题分类');
    const html = renderArchiveEntryPage({ ...entry, category: XSS });
    expect(html).not.toContain('<script>');
    expect(html).toContain(XSS_ESCAPED);
  });

  it('labels a policy interpretation as one', () => {
    const text = visibleText(renderArchiveEntryPage({ ...entry, kind: 'interpretation', messageKind: null }));
    expect(text).toContain('类型 政策解读');
    expect(text).toContain('政策内容');
  });

  it.each<[string, Partial<ArchiveEntry>]>([
    ['the title', { title: XSS }],
    ['the message', { messageText: XSS }],
    ['the reply', { replyText: XSS }],
    ['the unit', { unit: { code: 'x', name: XSS } }],
  ])('escapes markup in %s', (_what, over) => {
    const html = renderArchiveEntryPage({ ...entry, ...over });
    expect(html).not.toContain('<script>');
    expect(html).toContain(XSS_ESCAPED);
  });

  it('shows a tombstone: withdrawn, the reason, the date, nothing of the content', () => {
    const tombstone: ArchiveTombstone = { id: entry.id, withdrawn: true, reason: '来信人撤回公开同意', withdrawnAt: '2026-10-20T01:00:00.000Z' };
    const html = renderArchiveEntryPage(tombstone);
    const text = visibleText(html);
    expect(html).toContain('<h1>该答复已撤回</h1>');
    expect(text).toContain('撤回原因：来信人撤回公开同意');
    expect(text).toContain('撤回时间： 2026年10月20日');
    expect(html).not.toContain('棚户区');
  });

  it.each([
    [null, '撤回原因：未说明'],
    ['  ', '撤回原因：未说明'],
    [XSS, `撤回原因：${XSS_ESCAPED}`],
  ])('tombstone reason %j', (reason, shown) => {
    const html = renderArchiveEntryPage({ id: entry.id, withdrawn: true, reason, withdrawnAt: '2026-10-20T01:00:00.000Z' });
    expect(html).toContain(shown);
    expect(html).not.toContain('<script>');
  });
});

describe('renderArchiveNotFoundPage', () => {
  it('says the reply was not found, without saying why', () => {
    const text = visibleText(renderArchiveNotFoundPage());
    expect(text).toContain('未找到该答复');
    expect(text).not.toMatch(/撤回|草稿|不予公开|未公开/);
  });
});

describe('renderArchiveUnitsPage', () => {
  const figures: ArchiveUnitFigures[] = [
    {
      unit: { code: 'pingdu-construction', name: '市城乡建设局' },
      published: 12,
      averageWorkingDays: 6.25,
      p90WorkingDays: 12,
      onTimeRate: 0.95,
      ratings: 8,
      averageAttitude: 4.38,
      averageSpeed: 3.5,
      resolvedRate: 0.625,
    },
    {
      unit: { code: 'pingdu-education', name: XSS },
      published: 0,
      averageWorkingDays: null,
      p90WorkingDays: null,
      onTimeRate: null,
      ratings: 0,
      averageAttitude: null,
      averageSpeed: null,
      resolvedRate: null,
    },
  ];
  const html = renderArchiveUnitsPage(figures);
  const rows = [...html.matchAll(/<tr data-testid="unit-row"[\s\S]*?<\/tr>/g)].map((m) => m[0]);
  const cells = (row: string) => [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => visibleText(m[1]).trim());

  it('is a table with a caption and column and row headers', () => {
    expect(html).toContain('<caption id="units-caption">近 365 天各承办单位答复情况</caption>');
    const head = /<thead>[\s\S]*?<\/thead>/.exec(html)?.[0] ?? '';
    expect([...head.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1])).toEqual([
      '承办单位',
      '公开答复',
      '平均答复用时',
      '90% 答复用时不超过',
      '按时答复率',
      '评价数',
      '服务态度平均分',
      '办理速度平均分',
      '问题解决率',
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('<th scope="row">市城乡建设局</th>');
  });

  it('shows rates as percentages, averages and working days', () => {
    expect(cells(rows[0])).toEqual(['市城乡建设局', '12', '6.25 个工作日', '12 个工作日', '95%', '8', '4.38 分', '3.5 分', '62.5%']);
  });

  it('shows missing figures as "no data", and escapes the unit name', () => {
    expect(cells(rows[1])).toEqual([
      XSS_ESCAPED,
      '0',
      ...Array(3).fill('— 暂无数据'),
      '0',
      ...Array(3).fill('— 暂无数据'),
    ]);
    expect(html).toContain(`<th scope="row">${XSS_ESCAPED}</th>`);
    expect(html).not.toContain('<script>');
  });

  it('says so when there are no units', () => {
    expect(visibleText(renderArchiveUnitsPage([]))).toContain('暂无承办单位数据。');
  });
});

describe('renderArchivePoliciesPage', () => {
  const published: ArchivePolicy = {
    title: '平度市城乡低保对象认定办法',
    docNumber: '平政办发〔2026〕12号',
    publishedOn: '2026-11-20',
    url: 'https://www.pingdu.gov.cn/n1/art/2026/12.html',
    unit: '市政府办公室',
    publicationId: entry.id,
    dueAt: '2026-11-25T15:59:59.000Z',
  };
  const pending: ArchivePolicy = {
    title: '平度市临时救助实施细则',
    docNumber: '平政办发〔2026〕13号',
    publishedOn: '2026-11-23',
    url: null,
    unit: '市政府办公室',
    publicationId: null,
    // The end of the 3rd working day: 11-26 23:59:59 in Shanghai.
    dueAt: '2026-11-26T15:59:59.000Z',
  };
  const html = renderArchivePoliciesPage([pending, published]);
  const rows = [...html.matchAll(/<tr data-testid="policy-row"[\s\S]*?<\/tr>/g)].map((m) => m[0]);
  const cells = (row: string) => [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => m[1]);

  it('is a table with a caption and column and row headers, in the order given', () => {
    expect(html).toContain('<h1>政策文件与解读</h1>');
    expect(html).toContain('<title>政策文件与解读 - 问政</title>');
    expect(html).toContain('<caption id="policies-caption">政策文件及其解读</caption>');
    expect(html).toContain('role="region" aria-labelledby="policies-caption" tabindex="0"');
    const head = /<thead>[\s\S]*?<\/thead>/.exec(html)?.[0] ?? '';
    expect([...head.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1])).toEqual(['文件名称', '文号', '发布单位', '公开日期', '解读']);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => /data-doc-number="([^"]*)"/.exec(r)?.[1])).toEqual([pending.docNumber, published.docNumber]);
    for (const row of rows) expect(row).toMatch(/<th scope="row">/);
  });

  it('marks itself as the current section of the navigation', () => {
    expect(html).toContain('<a href="/archive/policies" aria-current="page">政策文件与解读</a>');
    expect(html).toContain('<a href="/archive/units">各单位答复情况</a>');
  });

  it('links the title to the document on its own site, opened safely, and the interpretation to its archive entry', () => {
    const [title, docNumber, unit, date, interpretation] = cells(rows[1]);
    expect(title).toMatch(/^<a href="https:\/\/www\.pingdu\.gov\.cn\/n1\/art\/2026\/12\.html" target="_blank" rel="noopener">平度市城乡低保对象认定办法/);
    expect(visibleText(title)).toContain('外部网站，在新窗口打开');
    expect(docNumber).toBe('平政办发〔2026〕12号');
    expect(unit).toBe('市政府办公室');
    expect(date).toBe('<time datetime="2026-11-20">2026年11月20日</time>');
    expect(interpretation).toContain(`<a href="/archive/replies/${entry.id}">查看解读`);
    expect(interpretation).not.toContain('待发布');
  });

  it('shows a document without an address as plain text', () => {
    const [title] = cells(rows[0]);
    expect(title).toBe('平度市临时救助实施细则');
    expect(rows[0]).not.toContain('rel="noopener"');
  });

  it('shows a pending interpretation with the Shanghai date it is due, and no link to it', () => {
    const interpretation = cells(rows[0])[4];
    expect(visibleText(interpretation).trim()).toBe('解读待发布（应于 2026年11月26日 前发布）');
    expect(interpretation).toContain('<time datetime="2026-11-26">');
    expect(interpretation).not.toContain('<a ');
  });

  it.each([
    ['2026-11-26T15:59:59.000Z', '2026年11月26日'],
    // Past midnight in Shanghai, still the 26th in UTC.
    ['2026-11-26T16:30:00.000Z', '2026年11月27日'],
  ])('shows the due instant %s as the Shanghai date %s', (dueAt, shown) => {
    expect(visibleText(renderArchivePoliciesPage([{ ...pending, dueAt }]))).toContain(`解读待发布（应于 ${shown} 前发布）`);
  });

  it('escapes the title, the number, the unit and the address', () => {
    const evil = renderArchivePoliciesPage([
      { ...published, title: XSS, docNumber: XSS, unit: XSS, url: 'https://example.org/?a="><script>x</script>' },
      { ...pending, title: XSS },
    ]);
    expect(evil).not.toContain('<script>');
    expect(evil).toContain(`<th scope="row"><a href="https://example.org/?a=&quot;&gt;&lt;script&gt;x&lt;/script&gt;" target="_blank" rel="noopener">${XSS_ESCAPED}`);
    expect(evil).toContain(`<th scope="row">${XSS_ESCAPED}</th>`);
    expect(evil).toContain(`<td>${XSS_ESCAPED}</td>`);
    expect(evil).toContain(`data-doc-number="${XSS_ESCAPED}"`);
  });

  it('links no address that is not http(s)', () => {
    const page = renderArchivePoliciesPage([{ ...published, url: 'javascript:alert(1)' }]);
    expect(page).not.toContain('javascript:');
    expect(page).toContain(`<th scope="row">${published.title}</th>`);
  });

  it('says so when there are no documents', () => {
    const empty = renderArchivePoliciesPage([]);
    expect(visibleText(empty)).toContain('暂无政策文件。');
    expect(empty).not.toContain('<table');
  });
});

describe('excerpt', () => {
  const text = (pieces: { text: string }[]) => pieces.map((p) => p.text).join('');
  const long = `${'前'.repeat(100)}棚户区改造${'后'.repeat(100)}`;

  it.each([
    ['short text, no terms: whole', '短文本', [], 120, '短文本'],
    ['whitespace folded', ' 第一行\n\n第二行  ', [], 120, '第一行 第二行'],
    ['long text, no terms: the beginning', long, [], 10, `${'前'.repeat(10)}…`],
    ['long text: around the first hit', long, ['棚户区改造'], 20, `…${'前'.repeat(5)}棚户区改造${'后'.repeat(10)}…`],
    ['a hit near the end: the last characters', `${'前'.repeat(50)}改造`, ['改造'], 10, `…${'前'.repeat(8)}改造`],
  ])('%s', (_what, input, terms, length, expected) => {
    expect(text(excerpt(input, terms, length))).toBe(expected);
  });

  it('marks the hits', () => {
    expect(excerpt(long, ['棚户区改造'], 20).filter((p) => p.hit)).toEqual([{ text: '棚户区改造', hit: true }]);
  });

  it('counts characters outside the Basic Multilingual Plane as one, never splitting them', () => {
    const pieces = excerpt(`${'𠀀'.repeat(30)}目标${'𠀀'.repeat(30)}`, ['目标'], 10);
    expect(text(pieces)).toBe(`…${'𠀀'.repeat(2)}目标${'𠀀'.repeat(6)}…`);
    expect(text(pieces)).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('addresses', () => {
  it('encodes a reply id', () => {
    expect(archiveReplyPath('a/b?c')).toBe('/archive/replies/a%2Fb%3Fc');
  });

  it('reads only string filters from the URL query, trimmed, empty ones dropped', () => {
    expect(archiveFiltersOf({ q: ' 供暖 ', unit: '', kind: ['a', 'b'], from: '2026-10-01', page: '2', other: 'x' })).toEqual({ q: '供暖', from: '2026-10-01' });
    expect(archiveFiltersOf(undefined)).toEqual({});
  });

  it('leaves page 1 and empty filters out of a page link', () => {
    expect(archivePageUrl({}, 1)).toBe('/archive');
    expect(archivePageUrl({ kind: 'help' }, 2)).toBe('/archive?kind=help&page=2');
  });
});
