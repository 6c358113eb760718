import { ApiError } from './api.js';
import { STATUS_TEXT, textOf } from './format.js';

const STATUS_HINT = {
  400: '输入有误',
  401: '登录已失效',
  403: '无权执行此操作',
  404: '工单不存在或不在本单位办理范围内',
  409: '工单当前状态不允许此操作',
  413: '内容过长',
  429: '操作过于频繁',
};

/** What went wrong, in words: the console's own hint and the API's message. */
export function errorText(error) {
  if (!(error instanceof ApiError)) return '无法连接服务器，请检查网络后重试。';
  const hint = STATUS_HINT[error.status] ?? `服务器错误（${error.status}）`;
  const where = error.ticketStatus ? `（当前状态：${textOf(STATUS_TEXT, error.ticketStatus)}）` : '';
  return `${hint}${where}：${error.message}`;
}

const region = () => document.getElementById('message');

/** One message line under the header; errors are announced at once (role=alert), successes politely. */
export function showMessage(text, kind = 'success') {
  const node = region();
  node.textContent = text;
  node.className = `message ${kind}`;
  node.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  node.hidden = false;
}

export function showError(error) {
  // A 401 has already sent the user back to the login form, which says why.
  if (error instanceof ApiError && error.status === 401) return;
  showMessage(errorText(error), 'error');
}

export function clearMessage() {
  const node = region();
  node.hidden = true;
  node.textContent = '';
}

/** Runs `work` with the form's buttons disabled, so a double click cannot send an action twice. */
export async function busy(scope, work) {
  const buttons = [...scope.querySelectorAll('button')].filter((b) => !b.disabled);
  for (const button of buttons) button.disabled = true;
  scope.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    for (const button of buttons) button.disabled = false;
    scope.removeAttribute('aria-busy');
  }
}

export function setTitle(view) {
  document.title = `${view} - 承办单位工作台`;
}
