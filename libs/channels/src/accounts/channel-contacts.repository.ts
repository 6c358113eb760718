import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TICKET_STATUS_TEXT, TicketStatus } from '@wenzheng/tickets';
import type { OwnTicket } from '../chat/chat-texts';

/** WeChat and Weibo both let an account write to a citizen this long after the citizen's last message or event. */
export const SERVICE_WINDOW_MS = 48 * 3_600_000;

export interface ChannelEventRecord {
  accountId: string;
  senderId: string;
  dedupeKey: string;
  kind: string;
  payload: Record<string, unknown>;
  receivedAt: Date;
}

/** What the hub knows of a citizen on a platform account: their tickets, their events, when they last wrote. */
@Injectable()
export class ChannelContactsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records a non-message push once; false when the platform's retry of it was recorded already. */
  async recordEvent(event: ChannelEventRecord): Promise<boolean> {
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO channel_events (account_id, sender_id, dedupe_key, kind, payload, received_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (account_id, dedupe_key) DO NOTHING RETURNING id`,
      [event.accountId, event.senderId, event.dedupeKey, event.kind, event.payload, event.receivedAt],
    );
    return inserted.length > 0;
  }

  /** The citizen's last message or event on the account: the platforms' 48-hour service window starts there. */
  async lastInteractionAt(accountId: string, senderId: string): Promise<Date | null> {
    const [row]: { at: Date | null }[] = await this.dataSource.query(
      `SELECT GREATEST(
         (SELECT max(received_at) FROM inbound_messages WHERE account_id = $1 AND sender_id = $2),
         (SELECT max(received_at) FROM channel_events WHERE account_id = $1 AND sender_id = $2)) AS at`,
      [accountId, senderId],
    );
    return row.at;
  }

  /** Whether the platform's 48-hour service window, as far as the hub knows, is open at `now`. */
  async insideServiceWindow(accountId: string, senderId: string, now: Date): Promise<boolean> {
    const last = await this.lastInteractionAt(accountId, senderId);
    return last !== null && now.getTime() - last.getTime() < SERVICE_WINDOW_MS;
  }

  /** The sender's own tickets on this account, newest first (one number, or the latest five). */
  async ownTickets(accountId: string, senderId: string, trackingNo: string | null): Promise<OwnTicket[]> {
    const rows: { tracking_no: string; title: string; status: TicketStatus; reply_due_at: Date; unit_name: string | null }[] = await this.dataSource.query(
      `SELECT t.tracking_no, m.title, t.status, t.reply_due_at, u.name AS unit_name
         FROM inbound_messages m
         JOIN tickets t ON t.message_id = m.id
         LEFT JOIN units u ON u.id = t.lead_unit_id
        WHERE m.account_id = $1 AND m.sender_id = $2 AND ($3::text IS NULL OR t.tracking_no = $3)
        ORDER BY m.received_at DESC
        LIMIT 5`,
      [accountId, senderId, trackingNo],
    );
    return rows.map((r) => ({ trackingNo: r.tracking_no, title: r.title, statusText: TICKET_STATUS_TEXT[r.status], replyDueAt: r.reply_due_at, unitName: r.unit_name }));
  }
}
