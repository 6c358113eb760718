import { ApiError, api, session, whenSessionEnds } from './api.js';
import { field, h, replace } from './dom.js';
import { ROLE_TEXT } from './format.js';
import { renderInbox } from './inbox.js';
import { renderMonitor } from './monitor.js';
import { renderNotices, refreshNoticeCount, showNoticeCount } from './notices.js';
import { renderRoutingFigures } from './routing-figures.js';
import { renderTicket } from './ticket.js';
import { clearMessage, setTitle, showMessage } from './ui.js';

const main = document.getElementById('main');
let user;
/** The view last drawn, so focus moves to a new view's heading but stays put while filtering the same list. */
let shownPath;

function parseHash() {
  const [path, search = ''] = location.hash.replace(/^#/, '').split('?');
  return { path: path || '/inbox', params: new URLSearchParams(search) };
}

/** Goes to `hash` and draws it, also when the address already shows it (no hashchange then). */
function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

async function route() {
  clearMessage();
  if (!session.token()) return renderLogin();
  if (!user) {
    try {
      user = await api.me();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return renderLogin('登录已失效，请重新登录。');
      replace(main, h('p', {}, '无法加载用户信息，请刷新页面重试。'));
      return;
    }
  }
  const { path, params } = parseHash();
  renderHeader(path);
  // Every view recounts the unread notices: the inbox load, a ticket opened after an action elsewhere.
  refreshNoticeCount();
  const ticket = /^\/tickets\/([^/]+)$/.exec(path);
  if (ticket) await renderTicket(main, decodeURIComponent(ticket[1]));
  else if (path === '/notifications') await renderNotices(main, params);
  else if (path === '/routing-figures') await renderRoutingFigures(main, params);
  else if (path.startsWith('/monitor')) await renderMonitor(main, path);
  else await renderInbox(main, params, user);
  // Signed out while loading: the login form has the focus now.
  if (!session.token()) return;
  if (path !== shownPath) main.querySelector('#view-heading')?.focus();
  shownPath = path;
}

function renderHeader(path) {
  const box = document.getElementById('user-box');
  box.hidden = !user;
  const notices = document.getElementById('notice-link');
  if (path === '/notifications') notices.setAttribute('aria-current', 'page');
  else notices.removeAttribute('aria-current');
  document.getElementById('monitor-link').hidden = !user?.roles.includes('monitor');
  if (!user) return showNoticeCount(undefined);
  document.getElementById('user-name').textContent = user.displayName;
  document.getElementById('user-unit').textContent = user.unit.name;
  document.getElementById('user-roles').textContent = user.roles.map((role) => ROLE_TEXT[role] ?? role).join('、');
}

function renderLogin(notice) {
  user = undefined;
  shownPath = undefined;
  renderHeader();
  setTitle('登录');
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, 'data-testid': 'login-username' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, 'data-testid': 'login-password' });
  const error = h('p', { class: 'form-error', id: 'login-error', role: 'alert', 'data-testid': 'login-error' }, notice ?? '');
  const submit = h('button', { type: 'submit', 'data-testid': 'login-submit' }, '登录');
  const form = h(
    'form',
    {
      class: 'stack',
      'data-testid': 'login-form',
      'aria-describedby': 'login-error',
      onsubmit: async (event) => {
        event.preventDefault();
        submit.disabled = true;
        error.textContent = '';
        try {
          const result = await api.login(username.value.trim(), password.value);
          session.save(result.token);
          user = result.user;
          navigate('#/inbox');
        } catch (failure) {
          error.textContent = loginErrorText(failure);
          password.select();
        } finally {
          submit.disabled = false;
        }
      },
    },
    field('用户名', username),
    field('密码', password),
    error,
    submit,
  );
  replace(main, h('section', { class: 'login card', 'aria-labelledby': 'view-heading' }, h('h1', { id: 'view-heading', tabindex: '-1' }, '工作人员登录'), form));
  username.focus();
}

function loginErrorText(error) {
  if (!(error instanceof ApiError)) return '无法连接服务器，请稍后再试。';
  if (error.status === 401) return '用户名或密码错误。';
  if (error.status === 429) {
    const minutes = error.retryAfter ? Math.ceil(error.retryAfter / 60) : undefined;
    return `登录失败次数过多，请${minutes ? ` ${minutes} 分钟后` : '稍后'}再试。`;
  }
  if (error.status === 400) return '请填写用户名和密码。';
  return `登录失败（${error.status}）：${error.message}`;
}

async function logout() {
  try {
    await api.logout();
  } catch {
    // The session ends here either way: the token is forgotten below.
  }
  session.clear();
  user = undefined;
  history.replaceState(null, '', location.pathname);
  renderLogin();
  showMessage('已退出登录。');
}

whenSessionEnds(() => {
  renderLogin('登录已失效，请重新登录。');
});
document.getElementById('logout').addEventListener('click', logout);
window.addEventListener('hashchange', route);
route();
