import {
  MESSAGE_KIND_OPTIONS,
  escapeHtml,
  formatShanghaiDate,
  messageKindText,
  paragraphs,
  renderHtmlPage,
  shanghaiIsoDate,
} from '@wenzheng/web-pages';
import { ARCHIVE_COUNT_CAP } from './archive.views';
import type { ArchiveEntry, ArchiveSearchResult, ArchiveTombstone, ArchiveUnitFigures } from './archive.views';
import { TextPiece, highlight } from './search-text';

/**
 * The public archive (公开答复) as server-rendered HTML: search and filters are an ordinary GET form, so the pages work
 * without JavaScript. Pure functions; every value from the database or the URL goes through `escapeHtml`.
 */

export const ARCHIVE_PATH = '/archive';
export const ARCHIVE_UNITS_PATH = '/archive/units';
export const ARCHIVE_POLICIES_PATH = '/archive/policies';
export const ARCHIVE_FEED_PATH = '/archive/feed.atom';

export function archiveReplyPath(id: string): string {
  return `${ARCHIVE_PATH}/replies/${encodeURIComponent(id)}`;
}

/** The filters as they came in the URL (strings only), to fill the form again and to carry into the page links. */
export interface ArchiveFilters {
  q?: string;
  unit?: string;
  category?: string;
  kind?: string;
  from?: string;
  to?: string;
  pageSize?: string;
}

const FILTER_FIELDS = ['q', 'unit', 'category', 'kind', 'from', 'to', 'pageSize'] as const;

export function archiveFiltersOf(query: unknown): ArchiveFilters {
  const filters: ArchiveFilters = {};
  if (typeof query !== 'object' || query === null) return filters;
  for (const field of FILTER_FIELDS) {
    const value = (query as Record<string, unknown>)[field];
    if (typeof value === 'string' && value.trim()) filters[field] = value.trim();
  }
  return filters;
}

/** The search page's address with the same filters on another page; page 1 is left out. */
export function archivePageUrl(filters: ArchiveFilters, page: number): string {
  const params = new URLSearchParams();
  for (const field of FILTER_FIELDS) {
    const value = filters[field];
    if (value) params.set(field, value);
  }
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `${ARCHIVE_PATH}?${query}` : ARCHIVE_PATH;
}

export interface ArchiveUnitOption {
  code: string;
  name: string;
}

/** What the filter form offers: the units, and the topic categories of published replies. */
export interface ArchiveFilterOptions {
  units: readonly ArchiveUnitOption[];
  categories: readonly string[];
}

export function renderArchiveSearchPage(filters: ArchiveFilters, options: ArchiveFilterOptions, result: ArchiveSearchResult): string {
  const body = `<h1>公开答复</h1>
${intro()}
${searchForm(filters, options)}
${resultsSection(filters, options.units, result)}`;
  return archivePage(filters.q ? `“${filters.q}”的检索结果` : '公开答复', body, 'search');
}

export interface ArchiveFilterProblem {
  field: string;
  message: string;
}

/** A filter the archive refused (400): the form again, with the reason beside the field. */
export function renderArchiveFilterErrorPage(filters: ArchiveFilters, options: ArchiveFilterOptions, problem: ArchiveFilterProblem): string {
  const body = `<h1>公开答复</h1>
<p class="notice" role="alert" id="filter-error" data-testid="filter-error">${problemText(problem)}</p>
${searchForm(filters, options, problem.field)}`;
  return archivePage('检索条件有误', body, 'search');
}

export function renderArchiveEntryPage(entry: ArchiveEntry | ArchiveTombstone): string {
  return 'withdrawn' in entry ? tombstonePage(entry) : entryPage(entry);
}

export function renderArchiveNotFoundPage(): string {
  return archivePage(
    '未找到该答复',
    `<h1>未找到该答复</h1>
<p class="notice" role="alert">没有找到这条公开答复，请核对网址，或在公开答复中检索。</p>
<p><a href="${ARCHIVE_PATH}">返回公开答复</a></p>`,
  );
}

export function renderArchiveUnitsPage(figures: readonly ArchiveUnitFigures[]): string {
  const head = ['承办单位', '公开答复', '平均答复用时', '90% 答复用时不超过', '按时答复率', '评价数', '服务态度平均分', '办理速度平均分', '问题解决率'];
  const rows = figures.map(
    (f) => `<tr data-testid="unit-row" data-unit="${escapeHtml(f.unit.code)}">
<th scope="row">${escapeHtml(f.unit.name)}</th>
<td>${f.published}</td>
<td>${days(f.averageWorkingDays)}</td>
<td>${days(f.p90WorkingDays)}</td>
<td>${percent(f.onTimeRate)}</td>
<td>${f.ratings}</td>
<td>${score(f.averageAttitude)}</td>
<td>${score(f.averageSpeed)}</td>
<td>${percent(f.resolvedRate)}</td>
</tr>`,
  );
  const table = dataTable({ name: 'units', testId: 'unit-figures', caption: '近 365 天各承办单位答复情况', head, rows, empty: '暂无承办单位数据。' });
  const body = `<h1>各单位答复情况</h1>
<p>近 365 天内各承办单位的答复情况：已公开的答复数，答复用时（按工作日计，节假日不计），按期限答复的比例，以及来信人的评价（满分 5 分）。“—”表示暂无数据。</p>
${table}`;
  return archivePage('各单位答复情况', body, 'units', true);
}

/** A policy document as `InterpretationService.policies()` lists it; `publicationId` is its published archive entry. */
export interface ArchivePolicy {
  title: string;
  docNumber: string;
  /** `YYYY-MM-DD` */
  publishedOn: string;
  url: string | null;
  /** The issuing unit's name. */
  unit: string;
  publicationId: string | null;
  /** The instant the interpretation is due (ISO). */
  dueAt: string;
}

/** 政策文件与解读: the policy documents, newest first, each with its interpretation or the date it is due. */
export function renderArchivePoliciesPage(policies: readonly ArchivePolicy[]): string {
  const head = ['文件名称', '文号', '发布单位', '公开日期', '解读'];
  const rows = policies.map(
    (p) => `<tr data-testid="policy-row" data-doc-number="${escapeHtml(p.docNumber)}">
<th scope="row">${policyTitle(p)}</th>
<td>${escapeHtml(p.docNumber)}</td>
<td>${escapeHtml(p.unit)}</td>
<td class="date">${localDate(p.publishedOn)}</td>
<td data-testid="policy-interpretation">${policyInterpretation(p)}</td>
</tr>`,
  );
  const table = dataTable({ name: 'policies', testId: 'policies', className: 'policies', caption: '政策文件及其解读', head, rows, empty: '暂无政策文件。' });
  const body = `<h1>政策文件与解读</h1>
<p>公开的政策文件及其解读，按公开日期由近及远排列。政策文件公开后，起草单位应在 3 个工作日内发布解读。</p>
${table}`;
  return archivePage('政策文件与解读', body, 'policies', true);
}

/** The title, linked to the document's own page when it has an http(s) address; that page is on another site. */
function policyTitle(policy: ArchivePolicy): string {
  const title = escapeHtml(policy.title);
  if (!policy.url || !/^https?:\/\//i.test(policy.url)) return title;
  return `<a href="${escapeHtml(policy.url)}" target="_blank" rel="noopener">${title}<span aria-hidden="true"> ↗</span><span class="sr-only">（外部网站，在新窗口打开）</span></a>`;
}

function policyInterpretation(policy: ArchivePolicy): string {
  if (policy.publicationId) {
    return `<a href="${escapeHtml(archiveReplyPath(policy.publicationId))}">查看解读<span class="sr-only">：${escapeHtml(policy.title)}</span></a>`;
  }
  return `解读待发布（应于 <time datetime="${shanghaiIsoDate(policy.dueAt)}">${formatShanghaiDate(policy.dueAt)}</time> 前发布）`;
}

/** `2026-11-20` → `2026年11月20日` in a `<time>`; anything else is shown as it is. */
function localDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return escapeHtml(date);
  return `<time datetime="${date}">${match[1]}年${Number(match[2])}月${Number(match[3])}日</time>`;
}

/** Up to `length` characters of `text` (whitespace folded) around the first query term, with the terms marked. */
export function excerpt(text: string, terms: readonly string[], length = 120): TextPiece[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  const lower = flat.toLowerCase();
  const hits = terms.filter(Boolean).map((t) => lower.indexOf(t.toLowerCase())).filter((at) => at >= 0);
  // Character positions, not UTF-16 units, so a cut never splits a character outside the Basic Multilingual Plane.
  const first = hits.length ? Array.from(flat.slice(0, Math.min(...hits))).length : 0;
  const start = Math.max(0, Math.min(first - Math.floor(length / 4), chars.length - length));
  const end = Math.min(chars.length, start + length);
  const pieces = highlight(chars.slice(start, end).join(''), terms);
  if (start > 0) pieces.unshift({ text: '…', hit: false });
  if (end < chars.length) pieces.push({ text: '…', hit: false });
  return pieces;
}

function marked(pieces: readonly TextPiece[]): string {
  return pieces.map((p) => (p.hit ? `<mark>${escapeHtml(p.text)}</mark>` : escapeHtml(p.text))).join('');
}

function intro(): string {
  return `<p>这里公开的是来信人同意公开的留言及承办单位的答复，已隐去姓名、电话、证件号、详细地址等个人信息。</p>`;
}

const FIELD_PROBLEMS: Record<string, [string, string]> = {
  q: ['关键词', '关键词过长或格式不正确，请精简后重试。'],
  unit: ['承办单位', '请从列表中选择承办单位。'],
  category: ['问题分类', '请从列表中选择问题分类。'],
  kind: ['类型', '请从列表中选择类型。'],
  from: ['答复日期从', '请按“年-月-日”填写有效日期，例如 2026-10-01。'],
  to: ['答复日期至', '请按“年-月-日”填写有效日期，例如 2026-10-31。'],
  page: ['页码', '页码应为正整数，且不超过最后一页。'],
  pageSize: ['每页条数', '每页条数不正确。'],
};

function problemText(problem: ArchiveFilterProblem): string {
  const known = FIELD_PROBLEMS[problem.field];
  if (known) return `检索条件有误：<strong>${known[0]}</strong>，${known[1]}`;
  return `检索条件有误：<span lang="en">${escapeHtml(problem.field)}: ${escapeHtml(problem.message)}</span>`;
}

function searchForm(filters: ArchiveFilters, { units, categories }: ArchiveFilterOptions, invalid?: string): string {
  const attrs = (field: string) => (field === invalid ? ' aria-invalid="true" aria-describedby="filter-error"' : '');
  const value = (field: keyof ArchiveFilters) => (filters[field] ? ` value="${escapeHtml(filters[field])}"` : '');
  const option = (optionValue: string, text: string, selected: string | undefined) =>
    `<option value="${escapeHtml(optionValue)}"${optionValue === selected ? ' selected' : ''}>${escapeHtml(text)}</option>`;
  return `<form method="get" action="${ARCHIVE_PATH}" class="filters" role="search" aria-label="检索公开答复" data-testid="archive-search">
<div class="field field-q"><label for="q">关键词</label>
<input type="search" id="q" name="q" maxlength="100"${value('q')}${attrs('q')}></div>
<div class="field"><label for="unit">承办单位</label>
<select id="unit" name="unit"${attrs('unit')}>
${option('', '全部单位', filters.unit)}
${units.map((u) => option(u.code, u.name, filters.unit)).join('\n')}
</select></div>
<div class="field"><label for="category">问题分类</label>
<select id="category" name="category"${attrs('category')}>
${option('', '全部分类', filters.category)}
${categories.map((c) => option(c, c, filters.category)).join('\n')}
</select></div>
<div class="field"><label for="kind">类型</label>
<select id="kind" name="kind"${attrs('kind')}>
${option('', '全部类型', filters.kind)}
${MESSAGE_KIND_OPTIONS.map((k) => option(k.value, k.text, filters.kind)).join('\n')}
</select></div>
<div class="field"><label for="from">答复日期从</label>
<input type="date" id="from" name="from"${value('from')}${attrs('from')}></div>
<div class="field"><label for="to">答复日期至</label>
<input type="date" id="to" name="to"${value('to')}${attrs('to')}></div>
${filters.pageSize ? `<input type="hidden" name="pageSize" value="${escapeHtml(filters.pageSize)}">\n` : ''}<div class="actions"><button type="submit">检索</button>
<a href="${ARCHIVE_PATH}">清除条件</a></div>
</form>`;
}

function resultsSection(filters: ArchiveFilters, units: readonly ArchiveUnitOption[], result: ArchiveSearchResult): string {
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const unitName = filters.unit ? (units.find((u) => u.code === filters.unit)?.name ?? filters.unit) : undefined;
  const conditions = [
    filters.q ? `关键词“${escapeHtml(filters.q)}”` : '',
    unitName ? `承办单位 ${escapeHtml(unitName)}` : '',
    filters.category ? `分类 ${escapeHtml(filters.category)}` : '',
    filters.kind ? `类型 ${escapeHtml(messageKindText(filters.kind))}` : '',
    filters.from || filters.to ? `答复日期 ${escapeHtml(filters.from ?? '')} 至 ${escapeHtml(filters.to ?? '')}` : '',
  ].filter(Boolean);
  const total = result.totalIsExact ? String(result.total) : `超过 ${result.total}`;
  const count = `<p class="count" data-testid="result-count">共找到 <strong>${total}</strong> 条公开答复${
    conditions.length ? `（${conditions.join('；')}）` : ''
  }${result.total ? `，第 ${result.page} / ${pages} 页` : ''}。${orderNote(result)}</p>`;
  let list: string;
  if (!result.total) {
    list = `<p data-testid="no-results">没有找到符合条件的公开答复。可以换一个关键词，或减少筛选条件。</p>`;
  } else if (!result.items.length) {
    list = `<p data-testid="no-results">这一页没有结果。<a href="${escapeHtml(archivePageUrl(filters, 1))}">回到第 1 页</a></p>`;
  } else {
    list = `<ol class="results">
${result.items.map((item) => resultItem(item, result.terms)).join('\n')}
</ol>`;
  }
  return `<section aria-labelledby="results-heading">
<h2 id="results-heading">检索结果</h2>
${count}
${list}
${pagination(filters, result.page, pages)}
</section>`;
}

function orderNote(result: ArchiveSearchResult): string {
  if (!result.total) return '';
  if (result.order === 'relevance') return '按相关程度排列。';
  if (result.totalIsExact) return '按答复时间从新到旧排列。';
  return `${result.terms.length ? '匹配较多，' : ''}按答复时间从新到旧排列；只能翻看前 ${ARCHIVE_COUNT_CAP} 条，可用关键词、单位或日期缩小范围。`;
}

function resultItem(entry: ArchiveEntry, terms: readonly string[]): string {
  const headingId = `result-${escapeHtml(entry.id)}`;
  return `<li data-testid="archive-result" data-id="${escapeHtml(entry.id)}">
<article aria-labelledby="${headingId}">
<h3 id="${headingId}"><a href="${escapeHtml(archiveReplyPath(entry.id))}">${marked(highlight(entry.title, terms))}</a></h3>
${facts(entry, false)}
<p class="excerpt" data-testid="message-excerpt"><span class="label">${textLabels(entry).message}：</span>${marked(excerpt(entry.messageText, terms))}</p>
<p class="excerpt" data-testid="reply-excerpt"><span class="label">${textLabels(entry).reply}：</span>${marked(excerpt(entry.replyText, terms))}</p>
</article>
</li>`;
}

/** Links to the first, last and nearby pages, each keeping the filters. */
function pagination(filters: ArchiveFilters, page: number, pages: number): string {
  if (pages <= 1) return '';
  const link = (to: number, text: string, label?: string) =>
    `<a href="${escapeHtml(archivePageUrl(filters, to))}"${label ? ` aria-label="${label}"` : ''}>${text}</a>`;
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const items: string[] = [];
  if (page > 1) items.push(`<li>${link(page - 1, '上一页')}</li>`);
  shown.forEach((p, i) => {
    if (i > 0 && p - shown[i - 1] > 1) items.push('<li aria-hidden="true">…</li>');
    items.push(p === page ? `<li><a aria-current="page" href="${escapeHtml(archivePageUrl(filters, p))}" aria-label="第 ${p} 页，当前页">${p}</a></li>` : `<li>${link(p, String(p), `第 ${p} 页`)}</li>`);
  });
  if (page < pages) items.push(`<li>${link(page + 1, '下一页')}</li>`);
  return `<nav class="pagination" aria-label="分页" data-testid="pagination">
<ul>${items.join('')}</ul>
</nav>`;
}

function textLabels(entry: ArchiveEntry): { kind: string; message: string; reply: string } {
  return entry.kind === 'interpretation'
    ? { kind: '政策解读', message: '政策内容', reply: '解读' }
    : { kind: entry.messageKind ? messageKindText(entry.messageKind) : '留言', message: '来信', reply: '答复' };
}

function facts(entry: ArchiveEntry, full: boolean): string {
  const date = (iso: string | null) => (iso ? `<time datetime="${shanghaiIsoDate(iso)}">${formatShanghaiDate(iso)}</time>` : NO_DATA);
  const rows: [string, string][] = [
    ['承办单位', entry.unit ? escapeHtml(entry.unit.name) : NO_DATA],
    ['类型', escapeHtml(textLabels(entry).kind)],
    ...(entry.category ? [['问题分类', `<span data-testid="entry-category">${escapeHtml(entry.category)}</span>`] as [string, string]] : []),
    ['留言时间', date(entry.receivedAt)],
    ['答复时间', date(entry.repliedAt)],
    ['用时', entry.workingDays === null ? NO_DATA : `<span data-testid="working-days">${entry.workingDays} 个工作日</span>`],
  ];
  if (full) rows.push(['公开时间', date(entry.publishedAt)]);
  return `<dl class="facts">${rows.map(([term, value]) => `<div><dt>${term}</dt><dd>${value}</dd></div>`).join('')}</dl>`;
}

function entryPage(entry: ArchiveEntry): string {
  const labels = textLabels(entry);
  const body = `${breadcrumb()}
<h1 data-testid="entry-title">${escapeHtml(entry.title)}</h1>
${facts(entry, true)}
<section aria-labelledby="message-heading">
<h2 id="message-heading">${labels.message}</h2>
<div class="text" data-testid="message-text">${paragraphs(entry.messageText)}</div>
</section>
<section aria-labelledby="reply-heading">
<h2 id="reply-heading">${labels.reply}</h2>
<div class="text reply" data-testid="reply-text">${paragraphs(entry.replyText)}</div>
</section>
<p class="meta">本页已隐去个人信息。</p>`;
  return archivePage(entry.title, body);
}

function tombstonePage(tombstone: ArchiveTombstone): string {
  const body = `${breadcrumb()}
<h1>该答复已撤回</h1>
<p data-testid="withdrawn-reason">撤回原因：${tombstone.reason?.trim() ? escapeHtml(tombstone.reason) : '未说明'}</p>
<p class="meta">撤回时间：<time datetime="${shanghaiIsoDate(tombstone.withdrawnAt)}">${formatShanghaiDate(tombstone.withdrawnAt)}</time></p>
<p><a href="${ARCHIVE_PATH}">返回公开答复</a></p>`;
  return archivePage('该答复已撤回', body);
}

function breadcrumb(): string {
  return `<nav class="breadcrumb" aria-label="当前位置"><a href="${ARCHIVE_PATH}">公开答复</a> › 答复详情</nav>`;
}

/** 2 decimals at most, trailing zeros dropped. */
const number = (value: number) => String(Math.round(value * 100) / 100);
const NO_DATA = '<span aria-hidden="true">—</span><span class="sr-only">暂无数据</span>';
const days = (value: number | null) => (value === null ? NO_DATA : `${number(value)} 个工作日`);
const percent = (value: number | null) => (value === null ? NO_DATA : `${Math.round(value * 1000) / 10}%`);
const score = (value: number | null) => (value === null ? NO_DATA : `${number(value)} 分`);

type Section = 'search' | 'units' | 'policies';

function archivePage(title: string, body: string, current?: Section, wide = false): string {
  const link = (href: string, text: string, section?: Section) =>
    `<a href="${href}"${section && section === current ? ' aria-current="page"' : ''}>${text}</a>`;
  const isWide = wide || current === 'search';
  const header = `<header class="site${isWide ? ' wide' : ''}">
<p class="site-name">问政 · 公开答复</p>
<nav aria-label="公开答复栏目">
${link(ARCHIVE_PATH, '公开答复', 'search')}
${link(ARCHIVE_UNITS_PATH, '各单位答复情况', 'units')}
${link(ARCHIVE_POLICIES_PATH, '政策文件与解读', 'policies')}
${link(ARCHIVE_FEED_PATH, '订阅（Atom）')}
</nav>
</header>`;
  return renderHtmlPage({
    title,
    body,
    header,
    head: `<link rel="alternate" type="application/atom+xml" href="${ARCHIVE_FEED_PATH}" title="问政 · 公开答复">`,
    style: STYLE,
    wide: isWide,
  });
}

const STYLE = `
.site{max-width:44rem;margin:0 auto;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:baseline;box-sizing:border-box}
.site.wide{max-width:72rem}
.site-name{margin:0;font-weight:600}
.site nav{display:flex;flex-wrap:wrap;gap:1rem}
.site a[aria-current=page]{font-weight:600;color:#1a1a1a}
.breadcrumb{color:#4a4f57;font-size:.9rem;margin-bottom:.5rem}
.filters{max-width:none;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));align-items:end;background:#f7f8fa;border:1px solid #d0d4da;padding:1rem;border-radius:4px}
.filters .field{display:grid;gap:.25rem}
.filters .field-q{grid-column:1/-1}
.filters .actions{display:flex;gap:1rem;align-items:center}
.filters [aria-invalid=true]{border:2px solid #b3261e}
.count{margin:.5rem 0}
.results{list-style:none;padding:0;margin:0}
.results li{border-bottom:1px solid #d0d4da;padding:.75rem 0}
.results h3{font-size:1.05rem;margin:0 0 .25rem}
.facts{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:0 0 .25rem;color:#4a4f57;font-size:.9rem}
.facts div{display:flex;gap:.35rem}
.facts dt::after{content:"："}
.facts dd{margin:0;color:#1a1a1a}
.excerpt{margin:.25rem 0}
.excerpt .label{color:#4a4f57}
mark{background:#ffe066;color:#1a1a1a;padding:0 .1em}
.text p{margin:.25rem 0}
.reply{background:#f0f6ff;border-left:4px solid #1d5fbf;padding:.5rem 1rem}
.pagination ul{list-style:none;display:flex;flex-wrap:wrap;gap:.5rem;padding:0;margin:1rem 0}
.pagination a{display:inline-block;min-width:2rem;padding:.25rem .5rem;text-align:center;border:1px solid #d0d4da;border-radius:4px}
.pagination a[aria-current=page]{background:#1d5fbf;color:#fff;border-color:#1d5fbf}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.5rem 0}
th,td{border:1px solid #d0d4da;padding:.4rem .6rem;vertical-align:top}
thead th{background:#eef1f5;text-align:left}
td{text-align:right;white-space:nowrap}
tbody th{text-align:left;font-weight:normal}
.policies td{text-align:left;white-space:normal}
.policies td.date{white-space:nowrap}
`;

/** A captioned table in a scrollable, keyboard-focusable region; `empty` stands in when there are no rows. */
function dataTable(t: { name: string; testId: string; className?: string; caption: string; head: readonly string[]; rows: readonly string[]; empty: string }): string {
  if (!t.rows.length) return `<p data-testid="${t.name}-empty">${t.empty}</p>`;
  return `<div class="table-wrap" role="region" aria-labelledby="${t.name}-caption" tabindex="0">
<table${t.className ? ` class="${t.className}"` : ''} data-testid="${t.testId}">
<caption id="${t.name}-caption">${t.caption}</caption>
<thead><tr>${t.head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
<tbody>
${t.rows.join('\n')}
</tbody>
</table>
</div>`;
}
