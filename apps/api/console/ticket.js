import { api } from './api.js';
import { field, h, replace } from './dom.js';
import {
  CHANNEL_TEXT,
  CLOCK_STATE_TEXT,
  EVENT_TEXT,
  EXTENSION_STATUS_TEXT,
  KIND_TEXT,
  PURPOSE_TEXT,
  REPLY_STATE_TEXT,
  STATUS_TEXT,
  formatTime,
  textOf,
} from './format.js';
import { countdown, statusWords } from './inbox.js';
import { refreshNoticeCount } from './notices.js';
import { busy, setTitle, showError, showMessage } from './ui.js';

/** Units for the assign form; they change rarely, so once per page load. */
let unitsOnce;
const loadUnits = () => (unitsOnce ??= api.units().catch((error) => ((unitsOnce = undefined), Promise.reject(error))));

/** History actors are `citizen:<channel>`, `system:<step>` or `staff:<username>`. */
function actorText(actor) {
  if (actor.startsWith('citizen:')) return '来信人';
  if (actor.startsWith('system:')) return '系统';
  return actor.replace(/^staff:/, '');
}

export async function renderTicket(main, id) {
  const loading = h('p', { class: 'loading' }, '正在加载…');
  replace(main, loading);
  try {
    const ticket = await api.ticket(id);
    // The user may have moved on (or been signed out) while the ticket loaded.
    if (loading.isConnected) show(main, ticket);
  } catch (error) {
    if (!loading.isConnected) return;
    replace(main, h('p', {}, h('a', { href: '#/inbox' }, '← 返回我的待办')));
    showError(error);
  }
}

/** Draws the whole ticket; every action answers the updated ticket and comes back here. */
function show(main, ticket) {
  const can = (action) => ticket.actions.includes(action);
  /** Runs an action from a form, redraws from its answer, and keeps the form's input when it fails. */
  const act = (scope, work, done) =>
    busy(scope, async () => {
      try {
        const updated = await work();
        show(main, updated);
        showMessage(done);
        main.querySelector('#view-heading')?.focus();
        // An action may bring or settle notices (an extension asked or decided); the header count follows.
        refreshNoticeCount();
      } catch (error) {
        showError(error);
      }
    });
  const context = { ticket, can, act };
  setTitle(`${ticket.trackingNo} ${ticket.title}`);

  replace(
    main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/inbox' }, '← 返回我的待办')),
    h(
      'header',
      { class: 'ticket-head', 'data-testid': 'ticket-detail', 'data-ticket-id': ticket.id },
      h('h1', { id: 'view-heading', tabindex: '-1', 'data-testid': 'ticket-title' }, ticket.message?.title ?? ticket.title),
      h(
        'p',
        { class: 'meta' },
        h('span', { class: 'mono', 'data-testid': 'ticket-tracking-no' }, `受理编号 ${ticket.trackingNo}`),
        h('span', { class: 'status', 'data-testid': 'ticket-status', 'data-status': ticket.status }, statusWords(ticket)),
        h('span', {}, textOf(KIND_TEXT, ticket.kind)),
        countdown(ticket),
        ticket.round > 1 ? h('span', {}, `第 ${ticket.round} 轮办理`) : null,
      ),
    ),
    h(
      'div',
      { class: 'detail-grid' },
      h('div', { class: 'col-main' }, messageSection(ticket), replySection(context), opinionsSection(context), notesSection(context), historySection(ticket)),
      h('aside', { class: 'col-side', 'aria-label': '办理信息与操作' }, handlingSection(ticket), actionsSection(context), clocksSection(context), keywordsSection(ticket)),
    ),
  );
}

function section(id, title, ...children) {
  return h('section', { class: 'card', 'aria-labelledby': `${id}-heading`, 'data-testid': `section-${id}` }, h('h2', { id: `${id}-heading` }, title), ...children);
}

function list(pairs) {
  return h('dl', { class: 'pairs' }, pairs.filter(Boolean).map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

function messageSection({ message }) {
  return section(
    'message',
    '来信内容',
    h('h3', { class: 'message-title' }, message.title),
    h('div', { class: 'message-body', 'data-testid': 'message-body' }, message.body),
    list([
      ['来信人', message.senderName || '未留姓名'],
      ['联系电话', message.senderPhone || '未留'],
      ['渠道', textOf(CHANNEL_TEXT, message.channel)],
      ['受理时间', formatTime(message.receivedAt)],
      ['同意公开', message.publicConsent ? '同意（公开时隐去个人信息）' : '不同意公开'],
    ]),
  );
}

function replySection({ ticket, can, act }) {
  const { reply } = ticket;
  const parts = [];
  if (reply) {
    parts.push(
      h(
        'p',
        { class: 'meta', 'data-testid': 'reply-state' },
        `${textOf(REPLY_STATE_TEXT, reply.state)} · ${reply.authorName ?? ''} · ${formatTime(reply.updatedAt)}`,
      ),
    );
    if (reply.reviewComment) parts.push(h('p', { class: 'review-comment', 'data-testid': 'review-comment-shown' }, `审核意见：${reply.reviewComment}`));
  }
  if (can('draft') || can('submit')) {
    const text = h('textarea', { id: 'reply-body', rows: '8', maxlength: '10000', 'data-testid': 'reply-body', value: reply?.body ?? '' });
    const save = async () => {
      const body = text.value.trim();
      return body === reply?.body ? ticket : api.draft(ticket.id, body);
    };
    const form = h(
      'form',
      { class: 'stack', onsubmit: (event) => event.preventDefault() },
      field('答复内容（审核通过后发送给来信人）', text),
      h(
        'div',
        { class: 'buttons' },
        can('draft')
          ? h('button', { type: 'button', class: 'secondary', 'data-testid': 'action-draft', onclick: () => requireText(text, '请先填写答复内容。') && act(form, save, '草稿已保存。') }, '保存草稿')
          : null,
        // The API lists submit only once a draft is saved; the button saves the text first, so draft suffices.
        can('submit') || can('draft')
          ? h(
              'button',
              {
                type: 'button',
                'data-testid': 'action-submit',
                onclick: () => requireText(text, '请先填写答复内容。') && act(form, async () => (await save(), api.submit(ticket.id)), '答复已提交审核。'),
              },
              '提交审核',
            )
          : null,
      ),
    );
    parts.push(form);
  } else if (reply) {
    parts.push(h('div', { class: 'reply-body', 'data-testid': 'reply-text' }, reply.body));
  } else {
    parts.push(h('p', { class: 'empty' }, '尚未答复。'));
  }
  if (can('approve') || can('reject')) {
    const comment = h('textarea', { id: 'review-comment', rows: '3', maxlength: '1000', 'data-testid': 'review-comment' });
    const form = h(
      'form',
      { class: 'stack review', onsubmit: (event) => event.preventDefault() },
      field('审核意见（退回修改时必填）', comment),
      h(
        'div',
        { class: 'buttons' },
        can('approve')
          ? h('button', { type: 'button', 'data-testid': 'action-approve', onclick: () => act(form, () => api.approve(ticket.id, comment.value.trim()), '已审核通过，答复将发送给来信人。') }, '审核通过')
          : null,
        can('reject')
          ? h(
              'button',
              {
                type: 'button',
                class: 'danger',
                'data-testid': 'action-reject',
                onclick: () => requireText(comment, '退回修改须填写审核意见。') && act(form, () => api.reject(ticket.id, comment.value.trim()), '已退回承办人修改。'),
              },
              '退回修改',
            )
          : null,
      ),
    );
    parts.push(form);
  }
  return section('reply', '答复', ...parts);
}

/** A required text the user left empty: say so next to the message line and put the cursor there. */
function requireText(control, message) {
  if (control.value.trim()) return true;
  showMessage(message, 'error');
  control.focus();
  return false;
}

function textForm({ id, label, button, testid, max, submit }) {
  const text = h('textarea', { id, rows: '3', maxlength: String(max), required: true, 'data-testid': `${testid}-body` });
  const form = h(
    'form',
    { class: 'stack', onsubmit: (event) => (event.preventDefault(), requireText(text, `请填写${label}。`) && submit(form, text.value.trim())) },
    field(label, text),
    h('div', { class: 'buttons' }, h('button', { type: 'submit', 'data-testid': `action-${testid}` }, button)),
  );
  return form;
}

function opinionsSection({ ticket, can, act }) {
  const items = ticket.opinions.map((o) =>
    h('li', {}, h('p', { class: 'meta' }, `${o.unit.name} · ${o.author} · ${formatTime(o.at)}`), h('p', { class: 'prewrap' }, o.body)),
  );
  return section(
    'opinions',
    '协办意见',
    items.length ? h('ul', { class: 'entries' }, items) : h('p', { class: 'empty' }, '暂无协办意见。'),
    can('opinion')
      ? textForm({ id: 'opinion-body', label: '协办意见', button: '提交协办意见', testid: 'opinion', max: 5000, submit: (form, body) => act(form, () => api.opinion(ticket.id, body), '协办意见已提交。') })
      : null,
  );
}

function notesSection({ ticket, can, act }) {
  const items = ticket.notes.map((n) => h('li', {}, h('p', { class: 'meta' }, `${n.author} · ${formatTime(n.at)}`), h('p', { class: 'prewrap' }, n.body)));
  return section(
    'notes',
    '内部备注',
    h('p', { class: 'internal', 'data-testid': 'notes-internal' }, '仅工作人员可见，永不公开。'),
    items.length ? h('ul', { class: 'entries' }, items) : h('p', { class: 'empty' }, '暂无备注。'),
    can('note') ? textForm({ id: 'note-body', label: '内部备注', button: '添加备注', testid: 'note', max: 5000, submit: (form, body) => act(form, () => api.note(ticket.id, body), '备注已添加。') }) : null,
  );
}

function historySection(ticket) {
  const status = (e) => (e.fromStatus || e.toStatus ? `${textOf(STATUS_TEXT, e.fromStatus) || '—'} → ${textOf(STATUS_TEXT, e.toStatus) || '—'}` : '');
  return section(
    'history',
    '办理记录',
    h(
      'table',
      { class: 'events', 'data-testid': 'events' },
      h('thead', {}, h('tr', {}, ['时间', '操作人', '事项', '状态变化', '说明'].map((t) => h('th', { scope: 'col' }, t)))),
      h(
        'tbody',
        {},
        ticket.events.map((e) =>
          h('tr', { 'data-event-type': e.type }, h('td', { class: 'nowrap' }, formatTime(e.at)), h('td', {}, actorText(e.actor)), h('td', {}, textOf(EVENT_TEXT, e.type)), h('td', { class: 'nowrap' }, status(e)), h('td', {}, e.reason ?? '')),
        ),
      ),
    ),
  );
}

function handlingSection(ticket) {
  const position = { lead: '主办', assisting: '协办' }[ticket.position];
  return section(
    'handling',
    '办理信息',
    list([
      ['主办单位', h('span', { 'data-testid': 'lead-unit' }, ticket.leadUnit?.name ?? '待派单')],
      ['协办单位', ticket.assistingUnits.length ? ticket.assistingUnits.map((u) => u.name).join('、') : '无'],
      position ? ['本单位', position] : null,
      ['签收人', h('span', { 'data-testid': 'claimed-by' }, ticket.claimedBy?.displayName ?? '未签收')],
      ticket.category ? ['问题分类', h('span', { 'data-testid': 'category' }, `${ticket.category.label}${percentText(ticket.category.probability)}`)] : null,
      ticket.routing ? ['分派依据', h('span', { 'data-testid': 'routing-basis' }, routingText(ticket.routing))] : null,
      ['受理时间', formatTime(ticket.receivedAt)],
      ticket.mergedInto ? ['已并入', h('a', { href: `#/tickets/${encodeURIComponent(ticket.mergedInto.id)}` }, ticket.mergedInto.trackingNo)] : null,
      ticket.mergedTickets.length
        ? ['并入本件', ticket.mergedTickets.map((t, i) => [i ? '、' : '', h('a', { href: `#/tickets/${encodeURIComponent(t.id)}` }, t.trackingNo)])]
        : null,
    ]),
  );
}

const ROUTING_BASIS_TEXT = {
  rule: '派单目录规则',
  model: '模型自动分派',
  'no-match': '目录无匹配，待人工派单',
  tie: '多个单位同分，待人工派单',
  'low-confidence': '模型把握不足，待人工派单',
};

const percentText = (probability) => (probability == null ? '' : `（${Math.round(probability * 100)}%）`);

function routingText(routing) {
  return `${ROUTING_BASIS_TEXT[routing.basis] ?? routing.basis}${routing.reason ? `：${routing.reason}` : ''}`;
}

function actionsSection(context) {
  const { ticket, can, act } = context;
  const forms = [];
  if (can('claim')) {
    const wrap = h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'button', 'data-testid': 'action-claim', onclick: () => act(wrap, () => api.claim(ticket.id), '已签收，请办理答复。') }, '签收'),
    );
    forms.push(wrap);
  }
  if (can('return')) {
    const until = ticket.returnWindowEndsAt ? `须在 ${formatTime(ticket.returnWindowEndsAt)} 前退回。` : undefined;
    forms.push(
      disclosure('退回', 'return', [
        until ? h('p', { class: 'hint' }, until) : null,
        textForm({ id: 'return-reason', label: '退回理由', button: '确认退回', testid: 'return', max: 1000, submit: (form, reason) => act(form, () => api.return(ticket.id, reason), '已退回派单员重新派单。') }),
      ]),
    );
  }
  if (can('assign')) forms.push(disclosure('派单', 'assign', assignForm(context)));
  if (can('merge')) {
    const into = h('input', { id: 'merge-into', inputmode: 'numeric', autocomplete: 'off', maxlength: '40', required: true, 'data-testid': 'merge-into' });
    const form = h(
      'form',
      { class: 'stack', onsubmit: (event) => (event.preventDefault(), requireText(into, '请填写并入的受理编号。') && act(form, () => api.merge(ticket.id, into.value.trim()), '已并单。')) },
      field('并入的受理编号', into, '本件将并入该工单一并办理'),
      h('div', { class: 'buttons' }, h('button', { type: 'submit', 'data-testid': 'action-merge' }, '确认并单')),
    );
    form.prepend(mergeSuggestionOf(ticket, into));
    forms.push(disclosure('并单', 'merge', form));
  }
  if (can('request-extension')) {
    const length = h('input', { id: 'extension-length', type: 'number', min: '1', max: '60', step: '1', value: '5', required: true, 'data-testid': 'extension-length' });
    const reason = h('textarea', { id: 'extension-reason', rows: '3', maxlength: '1000', required: true, 'data-testid': 'extension-reason' });
    const form = h(
      'form',
      {
        class: 'stack',
        onsubmit: (event) => {
          event.preventDefault();
          if (requireText(reason, '请填写延期理由。')) act(form, () => api.requestExtension(ticket.id, Number(length.value), reason.value.trim()), '延期申请已提交，等待审批。');
        },
      },
      field('延长工作日数', length),
      field('延期理由', reason),
      h('div', { class: 'buttons' }, h('button', { type: 'submit', 'data-testid': 'action-request-extension' }, '提交延期申请')),
    );
    forms.push(disclosure('申请延期', 'request-extension', form));
  }
  const none = can('approve') || can('reject') ? '请在“答复”一栏审核。' : '当前没有可执行的操作。';
  return section('actions', '操作', forms.length ? forms : h('p', { class: 'empty' }, none));
}

function disclosure(title, testid, content) {
  return h('details', { class: 'action', 'data-testid': `open-${testid}` }, h('summary', {}, title), content);
}

/** The monitor's 并单 suggestion (a near-copy of an earlier message), filled in with one click; empty when there is none. */
function mergeSuggestionOf(ticket, into) {
  const box = h('div', { class: 'suggestions', 'data-testid': 'merge-suggestion', hidden: true });
  api.mergeSuggestion(ticket.id).then(
    (suggestion) => {
      if (!suggestion) return;
      replace(
        box,
        h('p', { class: 'hint' }, `本件与 ${suggestion.into.trackingNo}「${suggestion.into.title}」内容相近（相似度 ${Math.round(suggestion.similarity * 100)}%），建议并单：`),
        h('div', { class: 'buttons' }, h('button', { type: 'button', class: 'secondary', 'data-testid': 'use-merge-suggestion', onclick: () => (into.value = suggestion.into.trackingNo) }, `并入 ${suggestion.into.trackingNo}`)),
      );
      box.hidden = false;
    },
    () => {
      // Without the suggestion the form works as before; the dispatcher types the number.
    },
  );
  return box;
}

/** The router's three most probable units: one click picks one as the lead unit. */
function suggestionsOf(ticket, lead) {
  const suggestions = ticket.routing?.suggestions ?? [];
  if (!suggestions.length) return null;
  return h(
    'div',
    { class: 'suggestions', 'data-testid': 'routing-suggestions' },
    h('p', { class: 'hint' }, '系统建议的主办单位（概率）：'),
    h(
      'div',
      { class: 'buttons' },
      suggestions.map((s) =>
        h(
          'button',
          { type: 'button', class: 'secondary', 'data-testid': 'routing-suggestion', 'data-unit': s.unit.code, onclick: () => (lead.value = s.unit.code) },
          `${s.unit.name}${percentText(s.probability)}`,
        ),
      ),
    ),
  );
}

function assignForm({ ticket, act }) {
  const lead = h('select', { id: 'assign-lead', required: true, 'data-testid': 'assign-lead' }, h('option', { value: '' }, '请选择主办单位'));
  const assisting = h('fieldset', { class: 'checks', 'data-testid': 'assign-assisting' }, h('legend', {}, '协办单位（可多选）'));
  const form = h(
    'form',
    {
      class: 'stack',
      onsubmit: (event) => {
        event.preventDefault();
        if (!lead.value) return requireText(lead, '请选择主办单位。');
        const codes = [...assisting.querySelectorAll('input:checked')].map((box) => box.value).filter((code) => code !== lead.value);
        act(form, () => api.assign(ticket.id, lead.value, codes), '已派单。');
      },
    },
    suggestionsOf(ticket, lead),
    field('主办单位', lead),
    assisting,
    h('div', { class: 'buttons' }, h('button', { type: 'submit', 'data-testid': 'action-assign' }, '确认派单')),
  );
  loadUnits().then(
    (units) => {
      const chosen = new Set(ticket.assistingUnits.map((u) => u.code));
      lead.append(...units.map((u) => h('option', { value: u.code, selected: u.code === ticket.leadUnit?.code }, u.name)));
      assisting.append(
        ...units.map((u) =>
          h('label', { class: 'check' }, h('input', { type: 'checkbox', value: u.code, checked: chosen.has(u.code) }), ` ${u.name}`),
        ),
      );
    },
    (error) => showError(error),
  );
  return form;
}

function clocksSection({ ticket, can, act }) {
  const clocks = ticket.clocks.map((clock) =>
    h(
      'li',
      { class: 'clock', 'data-testid': `clock-${clock.purpose}` },
      h('p', {}, h('strong', {}, `${textOf(PURPOSE_TEXT, clock.purpose)}期限`), ` · ${textOf(CLOCK_STATE_TEXT, clock.state)}`),
      h('p', {}, clock.dueAt ? `${formatTime(clock.dueAt)} 到期${clock.provisional ? '（暂定，次年节假日未公布）' : ''}` : '无到期时间'),
      clock.extensions.length ? h('ul', { class: 'extensions' }, clock.extensions.map((x) => extensionItem(x, { ticket, can, act }))) : null,
    ),
  );
  return section('clocks', '办理期限', clocks.length ? h('ul', { class: 'entries' }, clocks) : h('p', { class: 'empty' }, '无计时。'));
}

function extensionItem(extension, { ticket, can, act }) {
  const decided = extension.decidedBy ? `，${actorText(extension.decidedBy)}${extension.decisionNote ? `：${extension.decisionNote}` : ''}` : '';
  const item = h(
    'li',
    { 'data-testid': 'extension' },
    h('p', {}, `申请延长 ${extension.length} 个工作日 · ${textOf(EXTENSION_STATUS_TEXT, extension.status)}${decided}`),
    h('p', { class: 'meta' }, `${actorText(extension.requestedBy)} · ${formatTime(extension.requestedAt)} · 理由：${extension.reason}`),
  );
  if (extension.status === 'requested' && can('decide-extension')) {
    const note = h('input', { id: `decision-note-${extension.id}`, maxlength: '1000', 'data-testid': 'decision-note' });
    const form = h(
      'form',
      { class: 'stack', onsubmit: (event) => event.preventDefault() },
      field('审批意见（选填）', note),
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'button', 'data-testid': 'action-approve-extension', onclick: () => act(form, () => api.decideExtension(ticket.id, extension.id, true, note.value.trim()), '已批准延期。') }, '批准'),
        h('button', { type: 'button', class: 'danger', 'data-testid': 'action-refuse-extension', onclick: () => act(form, () => api.decideExtension(ticket.id, extension.id, false, note.value.trim()), '已不批准延期。') }, '不批准'),
      ),
    );
    item.append(form);
  }
  return item;
}

function keywordsSection(ticket) {
  return section(
    'keywords',
    '关键词',
    ticket.keywords.length
      ? h('ul', { class: 'chips' }, ticket.keywords.map((k) => h('li', { title: `权重 ${Number(k.weight).toFixed(2)}` }, k.term)))
      : h('p', { class: 'empty' }, '无。'),
  );
}
