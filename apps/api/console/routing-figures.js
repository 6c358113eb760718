// 分派统计 for dispatchers: how much the router assigned by itself (by rule, by model) and each unit's misroute rate.
import { api } from './api.js';
import { field, h, replace } from './dom.js';
import { setTitle, showError } from './ui.js';

export const ROUTING_FIGURES_HASH = '#/routing-figures';

const DAY_MS = 86_400_000;
const shanghaiDate = (time) => new Date(time + 8 * 3_600_000).toISOString().slice(0, 10);
const percent = (rate) => (rate == null ? '—' : `${(rate * 100).toFixed(1)}%`);

export async function renderRoutingFigures(main, params) {
  const to = params.get('to') || shanghaiDate(Date.now());
  const from = params.get('from') || shanghaiDate(Date.now() - 29 * DAY_MS);
  setTitle('分派统计');
  const results = h('div', { class: 'results', 'aria-live': 'polite' }, h('p', { class: 'loading' }, '正在加载…'));
  const fromInput = h('input', { id: 'figures-from', name: 'from', type: 'date', value: from, required: true });
  const toInput = h('input', { id: 'figures-to', name: 'to', type: 'date', value: to, required: true });
  const form = h(
    'form',
    {
      class: 'filters',
      onsubmit: (event) => {
        event.preventDefault();
        location.hash = `${ROUTING_FIGURES_HASH}?${new URLSearchParams({ from: fromInput.value, to: toInput.value })}`;
      },
    },
    field('开始日期', fromInput),
    field('结束日期', toInput),
    h('div', { class: 'buttons' }, h('button', { type: 'submit' }, '查询')),
  );
  replace(main, h('p', {}, h('a', { href: '#/inbox' }, '← 返回我的待办')), h('h1', { id: 'view-heading', tabindex: '-1' }, '分派统计'), form, results);
  try {
    const figures = await api.routingFigures(from, to);
    if (results.isConnected) replace(results, overall(figures.overall), daysTable(figures.days), unitsTable(figures.units));
  } catch (error) {
    if (!results.isConnected) return;
    replace(results);
    showError(error);
  }
}

function overall(o) {
  return h(
    'p',
    { 'data-testid': 'routing-overall' },
    `共分派 ${o.routed} 件：目录规则 ${o.byRule} 件，模型 ${o.byModel} 件，转人工派单 ${o.toDispatcher} 件；自动分派率 ${percent(o.automaticRate)}。`,
  );
}

function table(caption, testid, head, rows) {
  return h(
    'table',
    { class: 'figures', 'data-testid': testid },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, head.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c) => h('td', {}, String(c)))))),
  );
}

function daysTable(days) {
  return table(
    '每日自动分派率',
    'routing-days',
    ['日期', '分派', '规则', '模型', '人工', '自动分派率'],
    days.map((d) => [d.day, d.routed, d.byRule, d.byModel, d.toDispatcher, percent(d.automaticRate)]),
  );
}

function unitsTable(units) {
  return table(
    '各单位错派率（退回 + 改派 ÷ 派给该单位）',
    'routing-units',
    ['单位', '派给该单位', '退回', '被改派', '错派率'],
    units.map((u) => [u.unitName, u.assignments, u.returns, u.reassignedAway, percent(u.misrouteRate)]),
  );
}
