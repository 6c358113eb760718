import type { InProcessHub } from './in-process-hub';
import { call, login } from './staff-client';
import { waitFor } from './wait-for';

/** The construction bureau answers a routed ticket and its reviewer approves; `beforeApproval` runs just before. */
export async function answerAndApprove(hub: InProcessHub, ticketId: string, reply: string, beforeApproval?: () => Promise<unknown>): Promise<void> {
  const staff = async (username: string, method: string, path: string, body?: unknown) =>
    call(hub.baseUrl, method, `/api/v1/staff${path}`, { token: await login(hub.baseUrl, username), body });
  await waitFor('routing', async () => {
    const [row] = await hub.dataSource.query(`SELECT status FROM tickets WHERE id = $1`, [ticketId]);
    return ['assigned', 'dispatching'].includes(row.status);
  });
  await hub.dataSource.query(`UPDATE tickets SET status = 'assigned', lead_unit_id = (SELECT id FROM units WHERE code = 'pingdu-construction'), assisting_unit_ids = '{}' WHERE id = $1`, [
    ticketId,
  ]);
  await staff('pingdu-construction.handler', 'POST', `/tickets/${ticketId}/claim`);
  await staff('pingdu-construction.handler', 'PUT', `/tickets/${ticketId}/reply`, { body: reply });
  await staff('pingdu-construction.handler', 'POST', `/tickets/${ticketId}/submit`);
  await beforeApproval?.();
  const approved = await staff('pingdu-construction.reviewer', 'POST', `/tickets/${ticketId}/approve`);
  if (approved.status !== 200) throw new Error(`approval answered ${approved.status} ${JSON.stringify(approved.body)}`);
}

/** The ticket's delivery once it was sent: state, method (the way taken) and last error. */
export function sentDelivery(hub: InProcessHub, ticketId: string): Promise<{ state: string; method: string; last_error: string | null; attempts: number }> {
  return waitFor('the delivery', async () => {
    const [row] = await hub.dataSource.query(`SELECT state, method, last_error, attempts FROM ticket_deliveries WHERE ticket_id = $1`, [ticketId]);
    return row?.state === 'sent' ? row : undefined;
  });
}

/**
 * A receipt that went out through the platform's API (the push was answered before PostgreSQL had the message): the
 * first one `sentTo` shows, and the sender's ticket once the hub has recorded how it went out (the platform fake has
 * the receipt a moment before that record).
 */
export async function receiptByApi<T>(
  hub: InProcessHub,
  senderId: string,
  sentTo: () => T[],
): Promise<{ receipt: T; ticket: { tracking_no: string; acknowledged_via: string } }> {
  const [receipt] = await waitFor('the receipt by the platform API', async () => {
    const sent = sentTo();
    return sent.length ? sent : undefined;
  });
  const ticket = await waitFor('the receipt recorded', async () => {
    const [row] = await hub.dataSource.query(
      `SELECT t.tracking_no, m.acknowledged_via FROM tickets t JOIN inbound_messages m ON m.id = t.message_id WHERE m.sender_id = $1`,
      [senderId],
    );
    return row && row.acknowledged_via !== 'sending' ? row : undefined;
  });
  return { receipt, ticket };
}
