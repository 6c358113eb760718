// 站内通知: the notices for the user's unit and roles (reminders, 督办, extension requests and decisions), and the header count.
import { ApiError, NOTICE_LIMIT, api, session } from './api.js';
import { h, replace } from './dom.js';
import { NOTICE_KIND_TEXT, ROLE_TEXT, formatTime, textOf } from './format.js';
import { busy, setTitle, showError, showMessage } from './ui.js';

/** How many notices the list shows; unread ones come first, so they are all there unless there are more than this. */
const LIST_SIZE = 100;

export const NOTICES_HASH = '#/notifications';

/** Numbers the count requests, so a slow answer never overwrites a newer one. */
let countRequest = 0;

/** Asks the API how many notices are unread and shows it in the header; failures keep the last count. */
export async function refreshNoticeCount() {
  const request = ++countRequest;
  if (!session.token()) return showNoticeCount(undefined);
  try {
    const unread = await api.notices({ unread: true, limit: NOTICE_LIMIT });
    if (request === countRequest && session.token()) showNoticeCount(unread.length);
  } catch {
    // A 401 has already sent the user to the login form; anything else leaves the last count, the list says more.
  }
}

/** The count is in the link's text ("通知（3）"), not only in its colour; none unread reads "通知". */
export function showNoticeCount(count) {
  const link = document.getElementById('notice-link');
  if (!link) return;
  const shown = count >= NOTICE_LIMIT ? `${NOTICE_LIMIT}+` : String(count);
  link.textContent = count ? `通知（${shown}）` : '通知';
  link.title = count === undefined ? '站内通知' : count ? `${shown} 条未读通知` : '没有未读通知';
  link.classList.toggle('has-unread', Boolean(count));
  if (count === undefined) delete link.dataset.count;
  else link.dataset.count = String(count);
}

export async function renderNotices(main, params) {
  const unreadOnly = params.get('unread') === 'true';
  const title = '站内通知';
  setTitle(title);
  const results = h('div', { class: 'results', 'aria-live': 'polite' }, h('p', { class: 'loading' }, '正在加载…'));
  replace(
    main,
    h(
      'nav',
      { class: 'tabs', 'aria-label': '通知分类' },
      h('a', { href: NOTICES_HASH, 'data-testid': 'notices-all', 'aria-current': unreadOnly ? null : 'page' }, '全部通知'),
      h('a', { href: `${NOTICES_HASH}?unread=true`, 'data-testid': 'notices-unread', 'aria-current': unreadOnly ? 'page' : null }, '只看未读'),
    ),
    h('h1', { id: 'view-heading', tabindex: '-1' }, title),
    h('p', { class: 'hint lead' }, '到期提醒、超期督办、延期申请与审批结果，发给本单位和您所任的角色；同单位同角色的同事共用已读状态。'),
    results,
  );
  try {
    const notices = await api.notices({ unread: unreadOnly, limit: LIST_SIZE });
    // The user may have moved on while the list loaded.
    if (!results.isConnected) return;
    replace(
      results,
      noticeList(notices, unreadOnly),
      notices.length >= LIST_SIZE ? h('p', { class: 'hint' }, `仅显示最近 ${LIST_SIZE} 条（未读在前）。`) : null,
    );
  } catch (error) {
    if (!results.isConnected) return;
    replace(results);
    showError(error);
  }
}

function noticeList(notices, unreadOnly) {
  if (!notices.length) return h('p', { class: 'empty', 'data-testid': 'notices-empty' }, unreadOnly ? '没有未读通知。' : '暂无通知。');
  return h('ul', { class: 'notices', 'data-testid': 'notices' }, notices.map(noticeItem));
}

function noticeItem(notice) {
  const read = Boolean(notice.readAt);
  const headingId = `notice-${notice.id}`;
  const item = h(
    'li',
    {
      class: read ? 'notice read' : 'notice',
      'data-testid': 'notice',
      'data-notice-id': notice.id,
      'data-ticket-id': notice.ticketId,
      'data-read': read ? 'true' : 'false',
      'aria-labelledby': headingId,
    },
    h(
      'div',
      { class: 'notice-text' },
      h('h2', { id: headingId, tabindex: '-1', 'data-testid': 'notice-title' }, notice.title),
      h('p', { class: 'prewrap', 'data-testid': 'notice-body' }, notice.body),
      h(
        'p',
        { class: 'meta' },
        h('span', { class: read ? 'state' : 'state unread', 'data-testid': 'notice-state' }, read ? '已读' : '未读'),
        ` · ${textOf(NOTICE_KIND_TEXT, notice.kind)} · 发给${textOf(ROLE_TEXT, notice.role)} · `,
        h('time', { datetime: notice.createdAt, 'data-testid': 'notice-time' }, formatTime(notice.createdAt)),
      ),
    ),
    h(
      'div',
      { class: 'buttons' },
      // aria-describedby: among many "查看工单" and "标为已读", a screen reader also hears which notice.
      notice.ticketId
        ? h('a', { class: 'button-link', href: `#/tickets/${encodeURIComponent(notice.ticketId)}`, 'aria-describedby': headingId, 'data-testid': 'notice-ticket' }, '查看工单')
        : null,
      read
        ? null
        : h('button', { type: 'button', class: 'secondary', 'aria-describedby': headingId, 'data-testid': 'notice-read', onclick: () => markRead(item, notice) }, '标为已读'),
    ),
  );
  return item;
}

/** Marks one notice read and redraws it in place (muted), keeping the keyboard focus on it; then recounts. */
function markRead(item, notice) {
  return busy(item, async () => {
    try {
      await api.readNotice(notice.id);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) showMessage('该通知不存在或不属于本单位。', 'error');
      else showError(error);
      return;
    }
    const redrawn = noticeItem({ ...notice, readAt: notice.readAt ?? new Date().toISOString() });
    if (item.isConnected) {
      item.replaceWith(redrawn);
      redrawn.querySelector('h2').focus();
    }
    showMessage(`已标为已读：${notice.title}`);
    await refreshNoticeCount();
  });
}
