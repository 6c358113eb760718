import { escapeHtml, formatShanghaiTime, messageKindText, paragraphs, renderHtmlPage } from '@wenzheng/web-pages';
import type { PortalStatus } from './portal.service';

/**
 * The citizen's status page (办理进度查询) as plain HTML: it must work without JavaScript, so the lookup and the
 * rating are ordinary forms. Pure functions; every value from the database goes through `escapeHtml`.
 */

export const STATUS_PAGE_PATH = '/portal/status';
export const RATING_PATH = '/portal/status/rating';

const SCORE_TEXT = ['很不满意', '不满意', '一般', '满意', '很满意'];

/**
 * The status page's path and query. With the code it opens the status (the code is the citizen's key, so it
 * travels only in this link); without it, the lookup form with the number filled in (links in chat messages).
 */
export function statusPageUrl(trackingNo: string, code?: string): string {
  return `${STATUS_PAGE_PATH}?${new URLSearchParams(code === undefined ? { no: trackingNo } : { no: trackingNo, code }).toString()}`;
}

/** The lookup form; a link from a chat message fills in the tracking number, the citizen types the code. */
export function renderLookupPage(trackingNo = ''): string {
  return page('诉求办理进度查询', `<h1>诉求办理进度查询</h1>${lookupForm(trackingNo)}`);
}

export function renderNotFoundPage(): string {
  return page(
    '未找到诉求',
    `<h1>未找到诉求</h1>
<p class="notice" role="alert">没有找到与该受理编号和查询码对应的诉求，请核对后重新查询。</p>
${lookupForm()}`,
  );
}

/** `error` is shown above the rating form when a submitted rating was refused. */
export function renderStatusPage(status: PortalStatus, code: string, error?: string): string {
  const sections = [summarySection(status), replySection(status), ratingSection(status)];
  if (status.canRate) sections.push(ratingForm(status.trackingNo, code, error));
  else if (error) sections.push(`<p class="notice" role="alert">${escapeHtml(error)}</p>`);
  return page(`诉求 ${status.trackingNo} 办理进度`, `<h1>诉求办理进度</h1>\n${sections.filter(Boolean).join('\n')}`);
}

function summarySection(status: PortalStatus): string {
  const kind = messageKindText(status.kind);
  const rows: [string, string][] = [
    ['受理编号', escapeHtml(status.trackingNo)],
    ['诉求类型', escapeHtml(kind)],
    ['受理时间', formatShanghaiTime(status.receivedAt)],
    ['办理状态', `<strong data-testid="status-text">${escapeHtml(status.statusText)}</strong>`],
    ['承办单位', status.leadUnit ? escapeHtml(status.leadUnit) : '正在确定'],
  ];
  if (status.assistingUnits.length) rows.push(['协办单位', escapeHtml(status.assistingUnits.join('、'))]);
  rows.push(['答复期限', `${formatShanghaiTime(status.replyDueAt)}（北京时间）${status.provisional ? '，暂定' : ''}`]);
  return `<section aria-labelledby="summary-heading">
<h2 id="summary-heading">基本信息</h2>
<dl>${rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>
</section>`;
}

function replySection(status: PortalStatus): string {
  if (!status.reply) return '';
  const { reply } = status;
  return `<section aria-labelledby="reply-heading">
<h2 id="reply-heading">答复意见</h2>
<div class="reply" data-testid="reply-body">${paragraphs(reply.body)}</div>
<p class="meta">${reply.unit ? `答复单位：${escapeHtml(reply.unit)}，` : ''}答复时间：${formatShanghaiTime(reply.repliedAt)}</p>
</section>`;
}

function ratingSection(status: PortalStatus): string {
  if (!status.rating) return '';
  const { rating } = status;
  return `<section aria-labelledby="rating-heading">
<h2 id="rating-heading">您的评价</h2>
<dl data-testid="rating">
<dt>服务态度</dt><dd>${rating.attitude} 分（${SCORE_TEXT[rating.attitude - 1] ?? ''}）</dd>
<dt>办理速度</dt><dd>${rating.speed} 分（${SCORE_TEXT[rating.speed - 1] ?? ''}）</dd>
<dt>问题是否解决</dt><dd>${rating.resolved ? '已解决' : '未解决'}</dd>
${rating.comment ? `<dt>意见</dt><dd>${escapeHtml(rating.comment)}</dd>` : ''}
<dt>评价时间</dt><dd>${formatShanghaiTime(rating.ratedAt)}</dd>
</dl>
</section>`;
}

function ratingForm(trackingNo: string, code: string, error?: string): string {
  const scale = (name: string, legend: string) => `<fieldset>
<legend>${legend}</legend>
${SCORE_TEXT.map(
  (text, i) => `<label><input type="radio" name="${name}" value="${i + 1}" required> ${i + 1} 分 ${text}</label>`,
).join('\n')}
</fieldset>`;
  return `<section aria-labelledby="rate-heading">
<h2 id="rate-heading">评价本次办理</h2>
${error ? `<p class="notice" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${RATING_PATH}" data-testid="rating-form">
<input type="hidden" name="no" value="${escapeHtml(trackingNo)}">
<input type="hidden" name="code" value="${escapeHtml(code)}">
${scale('attitude', '服务态度')}
${scale('speed', '办理速度')}
<fieldset>
<legend>问题是否解决</legend>
<label><input type="radio" name="resolved" value="true" required> 是</label>
<label><input type="radio" name="resolved" value="false"> 否</label>
</fieldset>
<label for="comment">意见（选填）</label>
<textarea id="comment" name="comment" rows="4" maxlength="500"></textarea>
<button type="submit">提交评价</button>
</form>
</section>`;
}

function lookupForm(trackingNo = ''): string {
  return `<form method="get" action="${STATUS_PAGE_PATH}" data-testid="lookup-form">
<label for="no">受理编号</label>
<input id="no" name="no" inputmode="numeric" autocomplete="off" required${trackingNo ? ` value="${escapeHtml(trackingNo)}"` : ''}>
<label for="code">查询码</label>
<input id="code" name="code" autocomplete="off" required>
<button type="submit">查询</button>
</form>`;
}

function page(title: string, body: string): string {
  return renderHtmlPage({ title, body, noindex: true, style: STYLE });
}

const STYLE = `
dl{display:grid;grid-template-columns:8em 1fr;gap:.25rem 1rem;margin:0}
dt{color:#4a4f57}dd{margin:0}
.reply{background:#f0f6ff;border-left:4px solid #1d5fbf;padding:.5rem 1rem}
.reply p{margin:.25rem 0}
`;
