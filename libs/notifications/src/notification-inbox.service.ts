import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundError, isUuid } from '@wenzheng/errors';

/** Whose notices: a unit and the roles the reader holds in it (dispatchers also read their unit's dispatcher notices). */
export interface NoticeReader {
  unitId: string;
  roles: readonly string[];
}

export interface NoticeView {
  id: string;
  kind: string;
  title: string;
  body: string;
  ticketId: string | null;
  role: string;
  createdAt: string;
  readAt: string | null;
}

/** The staff side of the in-app inbox (站内通知): reminders, 督办, extension decisions for the reader's unit and roles. */
@Injectable()
export class NotificationInbox {
  constructor(private readonly dataSource: DataSource) {}

  async list(reader: NoticeReader, options: { unreadOnly: boolean; limit: number }): Promise<NoticeView[]> {
    const rows: { id: string; kind: string; title: string; body: string; ticket_id: string | null; recipient_role: string; created_at: Date; read_at: Date | null }[] =
      await this.dataSource.query(
        `SELECT id, kind, title, body, ticket_id, recipient_role, created_at, read_at FROM notifications
          WHERE recipient_unit_id = $1 AND recipient_role = ANY($2) AND ($3::boolean IS FALSE OR read_at IS NULL)
          ORDER BY read_at IS NOT NULL, created_at DESC LIMIT $4`,
        [reader.unitId, reader.roles, options.unreadOnly, options.limit],
      );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      ticketId: r.ticket_id,
      role: r.recipient_role,
      createdAt: r.created_at.toISOString(),
      readAt: r.read_at?.toISOString() ?? null,
    }));
  }

  /** Marks one of the reader's notices read; another unit's notice is not found. */
  async markRead(reader: NoticeReader, id: string): Promise<void> {
    const found = isUuid(id)
      ? await this.dataSource.query(
          `UPDATE notifications SET read_at = coalesce(read_at, now())
            WHERE id = $1 AND recipient_unit_id = $2 AND recipient_role = ANY($3) RETURNING id`,
          [id, reader.unitId, reader.roles],
        )
      : [[]];
    if (!found[0].length) throw new NotFoundError(`no notice ${id}`);
  }
}
