import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundError, isUuid } from '@wenzheng/errors';

export interface MergeSuggestion {
  ticketId: string;
  trackingNo: string;
  title: string;
  /** The ticket to merge into: the canonical message's ticket, or the main ticket it was merged into. */
  into: { ticketId: string; trackingNo: string; title: string };
  similarity: number;
}

/** Tickets that may still be merged and whose messages' copy is not the same ticket. */
const OPEN_SUGGESTIONS = `
  SELECT t.id AS "ticketId", t.tracking_no AS "trackingNo", m.title, main.id AS "intoTicketId", main.tracking_no AS "intoTrackingNo",
         mm2.title AS "intoTitle", mm.duplicate_similarity AS similarity
    FROM monitor_messages mm
    JOIN tickets t ON t.id = mm.ticket_id
    JOIN inbound_messages m ON m.id = mm.message_id
    JOIN tickets ct ON ct.message_id = mm.duplicate_of
    JOIN tickets main ON main.id = COALESCE(ct.merged_into_id, ct.id)
    JOIN inbound_messages mm2 ON mm2.id = main.message_id
   WHERE mm.duplicate_of IS NOT NULL AND mm.suggestion_dismissed_at IS NULL AND main.id <> t.id
     AND t.status IN ('analyzed', 'dispatching', 'assigned', 'accepted')`;

/** 并单 suggestions from near-duplicates, for the dispatcher; merging itself is the workbench's merge action. */
@Injectable()
export class MergeSuggestionService {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<MergeSuggestion[]> {
    return (await this.dataSource.query(`${OPEN_SUGGESTIONS} ORDER BY mm.at DESC LIMIT 200`)).map(shape);
  }

  async forTicket(ticketId: string): Promise<MergeSuggestion | null> {
    if (!isUuid(ticketId)) throw new NotFoundError(`no ticket ${ticketId}`);
    const [row] = await this.dataSource.query(`${OPEN_SUGGESTIONS} AND t.id = $1`, [ticketId]);
    return row ? shape(row) : null;
  }

  async dismiss(ticketId: string): Promise<{ dismissed: boolean }> {
    if (!isUuid(ticketId)) throw new NotFoundError(`no ticket ${ticketId}`);
    const [known] = await this.dataSource.query(`SELECT 1 FROM monitor_messages WHERE ticket_id = $1 AND duplicate_of IS NOT NULL`, [ticketId]);
    if (!known) throw new NotFoundError(`no merge suggestion for ticket ${ticketId}`);
    await this.dataSource.query(
      `UPDATE monitor_messages SET suggestion_dismissed_at = COALESCE(suggestion_dismissed_at, now()) WHERE ticket_id = $1`,
      [ticketId],
    );
    return { dismissed: true };
  }
}

function shape(row: Record<string, unknown>): MergeSuggestion {
  return {
    ticketId: row.ticketId as string,
    trackingNo: row.trackingNo as string,
    title: row.title as string,
    into: { ticketId: row.intoTicketId as string, trackingNo: row.intoTrackingNo as string, title: row.intoTitle as string },
    similarity: row.similarity as number,
  };
}
