// The cyberspace office's view (网信办): alerts, hot and rising topics, one topic in detail, cases and their clocks.
import { request } from './api.js';
import { field, h, replace } from './dom.js';
import { CHANNEL_TEXT, CLOCK_STATE_TEXT, STATUS_TEXT, formatTime, textOf } from './format.js';
import { busy, setTitle, showError, showMessage } from './ui.js';

const LEVEL_CLASS = { info: 'level-info', warning: 'level-warning', critical: 'level-critical' };
const ALERT_STATUS_TEXT = { open: '待处理', acknowledged: '已知悉', closed: '已关闭' };
const SENTIMENT_TEXT = { negative: '负面', neutral: '中性', positive: '正面' };
const CLOCK_PURPOSE_TEXT = { sentimentResponse: '舆情回应', sentimentPressConference: '新闻发布会' };

const monitorApi = {
  clusters: (view) => request('GET', `/monitor/clusters?view=${view}`),
  cluster: (id) => request('GET', `/monitor/clusters/${encodeURIComponent(id)}`),
  alerts: () => request('GET', '/monitor/alerts'),
  acknowledge: (id) => request('POST', `/monitor/alerts/${encodeURIComponent(id)}/acknowledge`),
  close: (id, note) => request('POST', `/monitor/alerts/${encodeURIComponent(id)}/close`, { note }),
  cases: () => request('GET', '/monitor/cases'),
  openCase: (id, body) => request('POST', `/monitor/clusters/${encodeURIComponent(id)}/case`, body),
};

/** `#/monitor` (overview) or `#/monitor/clusters/<id>` (one topic). */
export async function renderMonitor(main, path) {
  const cluster = /^\/monitor\/clusters\/([^/]+)$/.exec(path);
  try {
    if (cluster) await renderCluster(main, decodeURIComponent(cluster[1]));
    else await renderOverview(main);
  } catch (error) {
    showError(error);
  }
}

const heading = (text) => h('h1', { id: 'view-heading', tabindex: '-1' }, text);
const topicLink = (c) => h('a', { href: `#/monitor/clusters/${encodeURIComponent(c.id ?? c.clusterId)}`, 'data-testid': 'topic-link' }, c.label.join('、'));
const mood = (average) => (average === null || average === undefined ? '—' : average.toFixed(2));

async function renderOverview(main) {
  setTitle('舆情监测');
  const [alerts, hot, rising, cases] = await Promise.all([monitorApi.alerts(), monitorApi.clusters('hot'), monitorApi.clusters('rising'), monitorApi.cases()]);
  replace(
    main,
    heading('舆情监测'),
    h('section', { class: 'card', 'aria-labelledby': 'alerts-heading' }, h('h2', { id: 'alerts-heading' }, `预警（${alerts.length}）`), alertList(main, alerts)),
    h('section', { class: 'card', 'aria-labelledby': 'hot-heading' }, h('h2', { id: 'hot-heading' }, '热点话题'), clusterTable(hot, 'hot-topics')),
    h('section', { class: 'card', 'aria-labelledby': 'rising-heading' }, h('h2', { id: 'rising-heading' }, '上升话题'), clusterTable(rising, 'rising-topics')),
    h('section', { class: 'card', 'aria-labelledby': 'cases-heading' }, h('h2', { id: 'cases-heading' }, '舆情处置'), caseTable(cases)),
  );
}

function alertList(main, alerts) {
  if (!alerts.length) return h('p', { class: 'empty' }, '暂无预警。');
  return h(
    'ul',
    { class: 'alerts' },
    alerts.map((alert) => {
      const note = h('input', { id: `close-note-${alert.id}`, maxlength: 500 });
      const item = h(
        'li',
        { class: `alert ${LEVEL_CLASS[alert.level]}`, 'data-testid': 'alert', 'data-status': alert.status },
        h('p', {}, h('strong', {}, `【${alert.levelText}】`), topicLink(alert), ` · ${textOf(ALERT_STATUS_TEXT, alert.status)}`),
        h('p', { class: 'why' }, whyText(alert)),
        h('p', { class: 'hint' }, `预警时间 ${formatTime(alert.raisedAt)}`),
        h(
          'div',
          { class: 'actions' },
          alert.status === 'open'
            ? h('button', { type: 'button', 'data-testid': 'alert-acknowledge', onclick: () => act(main, item, () => monitorApi.acknowledge(alert.id), '已知悉该预警。') }, '知悉')
            : null,
          field('关闭说明', note),
          h(
            'button',
            { type: 'button', class: 'secondary', 'data-testid': 'alert-close', onclick: () => act(main, item, () => monitorApi.close(alert.id, note.value), '预警已关闭。') },
            '关闭预警',
          ),
        ),
      );
      return item;
    }),
  );
}

function whyText(alert) {
  const notes = [alert.copies ? `其中复制 ${alert.copies} 条` : '', alert.resends ? `另有重复来信 ${alert.resends} 条未计` : ''].filter(Boolean);
  const parts = [`本时段 ${alert.count} 条${notes.length ? `（${notes.join('；')}）` : ''}`, `z = ${alert.z.toFixed(1)}`];
  if (alert.sentimentAverage !== null) parts.push(`情绪均值 ${alert.sentimentAverage.toFixed(2)}`);
  if (alert.watchCategories.length) parts.push(`重点领域：${alert.watchCategories.join('、')}`);
  return parts.join('，');
}

async function act(main, scope, work, done) {
  try {
    await busy(scope, work);
    await renderOverview(main);
    showMessage(done);
  } catch (error) {
    showError(error);
  }
}

function clusterTable(clusters, testId) {
  if (!clusters.length) return h('p', { class: 'empty' }, '暂无。');
  return h(
    'table',
    { 'data-testid': testId },
    h('thead', {}, h('tr', {}, ['话题', '本时段', '此前均值', 'z', '累计', '情绪', '重点领域', '预警', '处置'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      {},
      clusters.map((c) =>
        h(
          'tr',
          { 'data-testid': 'topic-row', 'data-cluster-id': c.id },
          h('td', {}, topicLink(c)),
          h('td', {}, String(c.current)),
          h('td', {}, c.mean.toFixed(1)),
          h('td', {}, c.z.toFixed(1)),
          h('td', {}, String(c.messageCount)),
          h('td', {}, mood(c.sentimentAverage)),
          h('td', {}, c.watchCategories.join('、') || '—'),
          h('td', {}, c.alert ? `${c.alert.levelText}（${textOf(ALERT_STATUS_TEXT, c.alert.status)}）` : '—'),
          h('td', {}, c.caseId ? '已立案' : '—'),
        ),
      ),
    ),
  );
}

function caseTable(cases) {
  if (!cases.length) return h('p', { class: 'empty' }, '暂无处置中的舆情。');
  return h(
    'table',
    { 'data-testid': 'cases' },
    h('thead', {}, h('tr', {}, ['工单', '话题', '牵头单位', '关联留言', '状态', '回应时限'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      {},
      cases.map((k) =>
        h(
          'tr',
          { 'data-testid': 'case-row' },
          h('td', {}, h('a', { href: `#/tickets/${encodeURIComponent(k.ticketId)}` }, k.trackingNo)),
          h('td', {}, topicLink(k), k.majorEmergency ? ' （重大突发）' : ''),
          h('td', {}, k.leadUnit.name),
          h('td', {}, String(k.memberCount)),
          h('td', {}, textOf(STATUS_TEXT, k.status)),
          h(
            'td',
            {},
            k.clocks.map((c) => h('div', { 'data-testid': 'case-clock' }, `${textOf(CLOCK_PURPOSE_TEXT, c.purpose)}：${formatTime(c.dueAt)}（${textOf(CLOCK_STATE_TEXT, c.state)}）`)),
          ),
        ),
      ),
    ),
  );
}

async function renderCluster(main, id) {
  const c = await monitorApi.cluster(id);
  setTitle(`话题 ${c.label.join('、')}`);
  const max = Math.max(1, ...c.hourly.map((b) => b.count));
  const topWeight = Math.max(...c.terms.map((t) => t.weight), 0.0001);
  const major = h('input', { id: 'case-major', type: 'checkbox' });
  const leadUnit = h('input', { id: 'case-lead-unit', placeholder: '留空则取关联工单的多数主办单位' });
  const openForm = h(
    'form',
    {
      class: 'stack',
      'data-testid': 'open-case',
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          const body = { majorEmergency: major.checked };
          if (leadUnit.value.trim()) body.leadUnit = leadUnit.value.trim();
          const opened = await busy(openForm, () => monitorApi.openCase(id, body));
          await renderCluster(main, id);
          showMessage(`已立案：工单 ${opened.trackingNo}，回应时限已开始计时。`);
        } catch (error) {
          showError(error);
        }
      },
    },
    h('label', { class: 'check' }, major, ' 重大突发事件（5 小时发布权威信息、24 小时召开新闻发布会）'),
    field('牵头单位编码', leadUnit),
    h('button', { type: 'submit', 'data-testid': 'open-case-submit' }, '立案处置'),
  );
  replace(
    main,
    h('p', {}, h('a', { href: '#/monitor' }, '← 舆情监测')),
    heading(`话题：${c.label.join('、')}`),
    h(
      'section',
      { class: 'card' },
      h('p', {}, `累计 ${c.messageCount} 条 · 首条 ${formatTime(c.createdAt)} · 最近 ${formatTime(c.lastAt)} · 情绪均值 ${mood(c.sentimentAverage)}`),
      h('h2', {}, '关键词'),
      h('p', { class: 'terms', 'data-testid': 'terms' }, c.terms.map((t) => h('span', { style: `font-size:${(0.9 + (t.weight / topWeight) * 0.9).toFixed(2)}rem` }, t.term))),
      h('h2', {}, '每小时留言数'),
      h(
        'div',
        { class: 'timeline', 'data-testid': 'timeline', role: 'img', 'aria-label': c.hourly.map((b) => `${formatTime(b.start)} ${b.count} 条`).join('；') },
        c.hourly.map((b) => h('span', { class: 'bar', title: `${formatTime(b.start)}：${b.count} 条`, style: `height:${Math.round((b.count / max) * 100)}%` })),
      ),
      h('div', { class: 'splits' }, split('情绪', c.sentiment.map((s) => [textOf(SENTIMENT_TEXT, s.label), s.count]), 'sentiment-split'), split('渠道', c.channels.map((s) => [textOf(CHANNEL_TEXT, s.name), s.count]), 'channel-split'), split('承办单位', c.units.map((u) => [u.name, u.count]), 'unit-split')),
    ),
    h('section', { class: 'card' }, h('h2', {}, '处置'), c.caseId ? h('p', { 'data-testid': 'case-opened' }, '已立案处置，见舆情监测页的处置列表。') : openForm),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, '最新留言'),
      h(
        'ul',
        {},
        c.messages.map((m) =>
          h('li', {}, h('a', { href: `#/tickets/${encodeURIComponent(m.ticketId)}` }, m.trackingNo), ` ${m.title} · ${formatTime(m.at)} · ${textOf(SENTIMENT_TEXT, m.sentimentLabel)}${m.duplicate ? ' · 重复件' : ''}`),
        ),
      ),
    ),
    c.publicPosts.length
      ? h(
          'section',
          { class: 'card', 'data-testid': 'public-posts' },
          h('h2', {}, '微博公开言论'),
          h('ul', {}, c.publicPosts.map((p) => h('li', {}, `${p.text} · ${textOf(CHANNEL_TEXT, p.channel)} · ${formatTime(p.at)} · ${textOf(SENTIMENT_TEXT, p.sentimentLabel)}${p.copyOf ? ' · 复制' : ''}`))),
          c.copiedPosts.length
            ? h(
                'div',
                { 'data-testid': 'copied-posts' },
                h('h3', {}, '复制传播（相同或近似内容反复发布）'),
                h('ul', {}, c.copiedPosts.map((g) => h('li', {}, `${g.posts} 条，来自 ${g.authors} 个账号，${formatTime(g.firstAt)} 至 ${formatTime(g.lastAt)}：${g.text}`))),
              )
            : null,
        )
      : null,
  );
}

function split(title, entries, testId) {
  return h('div', { 'data-testid': testId }, h('h3', {}, title), entries.length ? h('ul', {}, entries.map(([name, count]) => h('li', {}, `${name}：${count}`))) : h('p', { class: 'empty' }, '—'));
}
