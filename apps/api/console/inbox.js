import { api } from './api.js';
import { ROUTING_FIGURES_HASH } from './routing-figures.js';
import { field, h, replace } from './dom.js';
import { KIND_TEXT, OPEN_STATUSES, STATUS_FILTERS, STATUS_TEXT, countdownText, dueLabel, formatTime } from './format.js';
import { setTitle, showError } from './ui.js';

const PAGE_SIZE = 20;
/** The status filter value for "every status" (no filter sent). */
const ALL = 'all';

/** Quick tabs are filter presets: every user has 我的待办; reviewers and dispatchers get their own queue. */
function tabsFor(user) {
  const tabs = [{ id: 'all', label: '我的待办', status: OPEN_STATUSES }];
  if (user.roles.includes('reviewer')) tabs.push({ id: 'review', label: '待审核', status: 'replied' });
  if (user.roles.includes('dispatcher')) tabs.push({ id: 'dispatch', label: '待派单', status: 'dispatching' });
  return tabs;
}

export function inboxHash({ status = OPEN_STATUSES, kind = '', overdue = false, q = '', page = 1 } = {}) {
  const params = new URLSearchParams();
  if (status !== OPEN_STATUSES) params.set('status', status);
  if (kind) params.set('kind', kind);
  if (overdue) params.set('overdue', 'true');
  if (q) params.set('q', q);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return `#/inbox${text ? `?${text}` : ''}`;
}

export async function renderInbox(main, params, user) {
  const filters = {
    status: params.get('status') || OPEN_STATUSES,
    kind: params.get('kind') ?? '',
    overdue: params.get('overdue') === 'true',
    q: params.get('q') ?? '',
    page: Math.max(1, Math.floor(Number(params.get('page'))) || 1),
  };
  const tabs = tabsFor(user);
  const current = tabs.find((tab) => tab.status === filters.status && !filters.kind && !filters.overdue && !filters.q);
  const title = current?.label ?? '工单查询';
  setTitle(title);
  const results = h('div', { class: 'results', 'aria-live': 'polite' }, h('p', { class: 'loading' }, '正在加载…'));
  replace(
    main,
    h(
      'nav',
      { class: 'tabs', 'aria-label': '工单分类' },
      tabs.map((tab) =>
        h('a', { href: inboxHash({ status: tab.status }), 'data-testid': `tab-${tab.id}`, 'aria-current': tab === current ? 'page' : null }, tab.label),
      ),
      user.roles.includes('dispatcher') ? h('a', { href: ROUTING_FIGURES_HASH, 'data-testid': 'tab-routing-figures' }, '分派统计') : null,
    ),
    h('h1', { id: 'view-heading', tabindex: '-1' }, title),
    filterForm(filters),
    results,
  );
  try {
    const page = await api.tickets({
      status: filters.status === ALL ? undefined : filters.status,
      kind: filters.kind,
      overdue: filters.overdue ? 'true' : undefined,
      q: filters.q,
      page: filters.page,
      pageSize: PAGE_SIZE,
    });
    // The user may have moved on while the list loaded.
    if (results.isConnected) replace(results, ticketTable(page.items), pager(page, filters));
  } catch (error) {
    if (!results.isConnected) return;
    replace(results);
    showError(error);
  }
}

function filterForm(filters) {
  const status = h(
    'select',
    { id: 'filter-status', name: 'status' },
    h('option', { value: OPEN_STATUSES }, '全部待办（未办结）'),
    STATUS_FILTERS.map((s) => h('option', { value: s }, STATUS_TEXT[s])),
    h('option', { value: ALL }, '全部状态'),
  );
  status.value = filters.status;
  const kind = h('select', { id: 'filter-kind', name: 'kind' }, h('option', { value: '' }, '全部类型'), Object.entries(KIND_TEXT).map(([value, text]) => h('option', { value }, text)));
  kind.value = filters.kind;
  const q = h('input', { id: 'filter-q', name: 'q', type: 'search', value: filters.q, placeholder: '受理编号、标题或内容' });
  const overdue = h('input', { id: 'filter-overdue', name: 'overdue', type: 'checkbox', checked: filters.overdue });
  return h(
    'form',
    {
      class: 'filters',
      role: 'search',
      'aria-label': '筛选工单',
      'data-testid': 'filter-form',
      onsubmit: (event) => {
        event.preventDefault();
        location.hash = inboxHash({ status: status.value, kind: kind.value, overdue: overdue.checked, q: q.value.trim() });
      },
    },
    field('状态', status),
    field('类型', kind),
    field('搜索', q),
    h('div', { class: 'field check' }, overdue, h('label', { for: overdue.id }, '只看已超期')),
    h('button', { type: 'submit' }, '查询'),
  );
}

function ticketTable(items) {
  if (!items.length) return h('p', { class: 'empty', 'data-testid': 'inbox-empty' }, '暂无符合条件的工单。');
  return h(
    'table',
    { class: 'tickets', 'data-testid': 'inbox-table' },
    h('caption', { class: 'visually-hidden' }, '工单列表，期限最近的在前'),
    h('thead', {}, h('tr', {}, ['受理编号', '标题', '类型', '状态', '主办单位', '期限', '签收人'].map((title) => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, items.map(ticketRow)),
  );
}

function ticketRow(ticket) {
  return h(
    'tr',
    { 'data-testid': 'inbox-row', 'data-tracking-no': ticket.trackingNo, class: ticket.overdue ? 'overdue' : null },
    h('td', { class: 'mono' }, ticket.trackingNo),
    h(
      'td',
      { class: 'title' },
      h('a', { href: `#/tickets/${encodeURIComponent(ticket.id)}` }, ticket.title),
      ticket.position === 'assisting' ? h('span', { class: 'badge' }, '协办') : null,
    ),
    h('td', {}, KIND_TEXT[ticket.kind] ?? ticket.kind),
    h('td', {}, statusWords(ticket)),
    h('td', {}, ticket.leadUnit?.name ?? '—'),
    h('td', {}, countdown(ticket), h('small', { class: 'due' }, `${dueLabel(ticket.dueClock)} ${formatTime(ticket.dueAt)}`)),
    h('td', {}, ticket.claimedBy?.displayName ?? '—'),
  );
}

/** The API's statusText is the citizen's wording (accepted and replied read alike); staff need the step. */
export function statusWords(ticket) {
  return STATUS_TEXT[ticket.status] ?? ticket.statusText;
}

export function countdown(ticket) {
  return h('span', { class: ticket.overdue ? 'countdown overdue' : 'countdown', 'data-testid': 'countdown' }, countdownText(ticket));
}

function pager(page, filters) {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const go = (n) => () => (location.hash = inboxHash({ ...filters, page: n }));
  return h(
    'nav',
    { class: 'pager', 'aria-label': '分页', 'data-testid': 'pager' },
    h('button', { type: 'button', disabled: page.page <= 1, onclick: go(page.page - 1) }, '上一页'),
    h('span', {}, `第 ${page.page} / ${pages} 页，共 ${page.total} 件`),
    h('button', { type: 'button', disabled: page.page >= pages, onclick: go(page.page + 1) }, '下一页'),
  );
}
