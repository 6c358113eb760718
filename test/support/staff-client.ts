import { waitFor } from './wait-for';

export const DEMO_PASSWORD = 'wenzheng-demo';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

/** JSON over HTTP with an optional bearer token; answers status and parsed body (or undefined for an empty body). */
export async function call<T = any>(baseUrl: string, method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** A demo staff member's session: `as('pingdu-construction.handler')`. */
export async function login(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  const { status, body } = await call(baseUrl, 'POST', '/api/v1/staff/login', { body: { username, password } });
  if (status !== 200) throw new Error(`login ${username}: ${status} ${JSON.stringify(body)}`);
  return body.token;
}

/** Submits a portal message and waits until the router has placed its ticket; answers the receipt and the ticket id. */
export async function submitAndRoute(
  baseUrl: string,
  message: { title: string; body: string; kind: string },
  dataSource: { query: (sql: string, params: unknown[]) => Promise<any[]> },
): Promise<{ trackingNo: string; queryCode: string; ticketId: string }> {
  const receipt = await call(baseUrl, 'POST', '/api/v1/portal/messages', { body: { ...message, publicConsent: true, name: '张三', phone: '13812345678' } });
  if (receipt.status !== 201) throw new Error(`submit: ${receipt.status} ${JSON.stringify(receipt.body)}`);
  const ticketId = await waitFor('the ticket to be routed', async () => {
    const [row] = await dataSource.query(`SELECT id, status FROM tickets WHERE tracking_no = $1`, [receipt.body.trackingNo]);
    return row && ['assigned', 'dispatching'].includes(row.status) ? (row.id as string) : undefined;
  });
  return { trackingNo: receipt.body.trackingNo, queryCode: receipt.body.queryCode, ticketId };
}
