// The staff workbench JSON API (docs/workbench-api.md). The token lives in sessionStorage: it ends with the tab.
const BASE = '/api/v1/staff';
const TOKEN_KEY = 'wenzheng.staff.token';

export class ApiError extends Error {
  constructor(status, body, retryAfter) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.field = body?.field;
    this.ticketStatus = body?.status;
    this.retryAfter = retryAfter;
  }
}

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  save: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** Called when a signed-in request answers 401 (idle timeout, logged out elsewhere). */
let onSessionEnded = () => {};
export function whenSessionEnds(handler) {
  onSessionEnded = handler;
}

export async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path.startsWith('/api/') ? path : BASE + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 204) return undefined;
  const payload = await response.json().catch(() => undefined);
  if (response.ok) return payload;
  const retryAfter = Number(response.headers.get('Retry-After')) || undefined;
  const error = new ApiError(response.status, payload, retryAfter);
  if (response.status === 401 && token) {
    session.clear();
    onSessionEnded(error);
  }
  throw error;
}

const query = (params) => {
  const search = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== undefined && value !== ''));
  const text = search.toString();
  return text ? `?${text}` : '';
};

const ticket = (id) => `/tickets/${encodeURIComponent(id)}`;

/** The most notices the API answers at once (GET /notifications?limit ≤ 200). */
export const NOTICE_LIMIT = 200;

export const api = {
  login: (username, password) => request('POST', '/login', { username, password }),
  logout: () => request('POST', '/logout'),
  me: () => request('GET', '/me'),
  units: () => request('GET', '/units'),
  tickets: (filters) => request('GET', `/tickets${query(filters)}`),
  ticket: (id) => request('GET', ticket(id)),
  claim: (id) => request('POST', `${ticket(id)}/claim`),
  draft: (id, body) => request('PUT', `${ticket(id)}/reply`, { body }),
  submit: (id) => request('POST', `${ticket(id)}/submit`),
  approve: (id, comment) => request('POST', `${ticket(id)}/approve`, comment ? { comment } : {}),
  reject: (id, comment) => request('POST', `${ticket(id)}/reject`, { comment }),
  return: (id, reason) => request('POST', `${ticket(id)}/return`, { reason }),
  assign: (id, leadUnit, assistingUnits) => request('POST', `${ticket(id)}/assign`, { leadUnit, assistingUnits }),
  merge: (id, into) => request('POST', `${ticket(id)}/merge`, { into }),
  opinion: (id, body) => request('POST', `${ticket(id)}/opinions`, { body }),
  note: (id, body) => request('POST', `${ticket(id)}/notes`, { body }),
  requestExtension: (id, length, reason) => request('POST', `${ticket(id)}/extensions`, { length, reason }),
  decideExtension: (id, extensionId, approve, note) =>
    request('POST', `${ticket(id)}/extensions/${encodeURIComponent(extensionId)}/decision`, note ? { approve, note } : { approve }),
  notices: ({ unread = false, limit = 50 } = {}) => request('GET', `/notifications${query({ unread: unread ? 'true' : undefined, limit })}`),
  readNotice: (id) => request('POST', `/notifications/${encodeURIComponent(id)}/read`),
  mergeSuggestion: (id) => request('GET', `${ticket(id)}/merge-suggestion`),
  routingFigures: (from, to) => request('GET', `/api/v1/stats/routing${query({ from, to })}`),
};
