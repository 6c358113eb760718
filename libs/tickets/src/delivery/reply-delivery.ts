import type { DataSource } from 'typeorm';
import { recordTicketEvent } from '../ticket-events';
import type { ReplyToDeliver } from './reply-channel.port';

/** A delivery row with the reply it carries, as every sender of replies reads it. */
export interface PendingDelivery {
  id: string;
  state: string;
  attempts: number;
  reply: ReplyToDeliver;
}

/** The delivery of `round` for `ticketId` with its reply (a merged ticket carries its main ticket's reply), or undefined. */
export async function loadDelivery(dataSource: DataSource, ticketId: string, round: number): Promise<PendingDelivery | undefined> {
  const [row]: {
    id: string;
    state: string;
    attempts: number;
    tracking_no: string;
    channel: string;
    external_id: string;
    account_id: string | null;
    sender_id: string | null;
    body: string;
    unit_name: string | null;
  }[] = await dataSource.query(
    `SELECT d.id, d.state, d.attempts, t.tracking_no, d.channel, m.external_id, m.account_id, m.sender_id, r.body, u.name AS unit_name
       FROM ticket_deliveries d
       JOIN tickets t ON t.id = d.ticket_id
       JOIN inbound_messages m ON m.id = t.message_id
       JOIN ticket_replies r ON r.id = d.reply_id
       JOIN tickets main ON main.id = r.ticket_id
       LEFT JOIN units u ON u.id = main.lead_unit_id
      WHERE d.ticket_id = $1 AND d.round = $2`,
    [ticketId, round],
  );
  if (!row) return undefined;
  return {
    id: row.id,
    state: row.state,
    attempts: row.attempts,
    reply: {
      ticketId,
      trackingNo: row.tracking_no,
      round,
      channel: row.channel,
      externalId: row.external_id,
      accountId: row.account_id,
      senderId: row.sender_id,
      body: row.body,
      unitName: row.unit_name,
    },
  };
}

export async function recordDeliveryFailure(dataSource: DataSource, delivery: PendingDelivery, error: unknown): Promise<void> {
  await dataSource.query(
    `UPDATE ticket_deliveries SET state = 'failed', attempts = attempts + 1, last_error = $2, updated_at = now() WHERE id = $1 AND state <> 'sent'`,
    [delivery.id, String((error as Error)?.message ?? error).slice(0, 1000)],
  );
}

/** Marks the delivery sent with its method and writes `reply.delivered` once, whoever records it first. */
export async function recordDeliverySent(dataSource: DataSource, delivery: PendingDelivery, method: string, at: Date): Promise<void> {
  const { reply } = delivery;
  await dataSource.transaction(async (manager) => {
    const delivered = await manager.query(
      `UPDATE ticket_deliveries SET state = 'sent', attempts = attempts + 1, last_error = NULL, method = $3, delivered_at = $2, updated_at = now()
        WHERE id = $1 AND state <> 'sent' RETURNING id`,
      [delivery.id, at, method],
    );
    if (delivered[0]?.length) {
      await recordTicketEvent(manager, reply.ticketId, at, {
        type: 'reply.delivered',
        actor: 'system:deliver',
        data: { round: reply.round, channel: reply.channel, method, attempts: delivery.attempts + 1 },
      });
    }
  });
}
