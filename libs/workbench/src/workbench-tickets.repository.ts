import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundError, isUuid } from '@wenzheng/errors';
import { TicketEntity } from '@wenzheng/tickets';
import { TicketScope, scopeCondition } from './ticket-scope';
import type { TicketListQuery } from './workbench.schemas';

/** Statuses in which a ticket still waits for someone's work (the default inbox). */
export const OPEN_STATUSES = ['received', 'analyzed', 'dispatching', 'assigned', 'accepted', 'replied'];
const DISPATCH_PHASE = `t.status IN ('received', 'analyzed', 'dispatching')`;
const DUE_AT = `CASE WHEN ${DISPATCH_PHASE} THEN t.dispatch_due_at ELSE t.reply_due_at END`;

export interface TicketRow {
  id: string;
  tracking_no: string;
  title: string;
  kind: string;
  status: string;
  received_at: Date;
  due_at: Date;
  dispatch_phase: boolean;
  lead_unit_id: string | null;
  assisting_unit_ids: string[];
  claimed_by: string | null;
  claimer_name: string | null;
}

const SELECT_ROW = `
  SELECT t.id, t.tracking_no, m.title, t.kind, t.status, t.received_at, ${DUE_AT} AS due_at, ${DISPATCH_PHASE} AS dispatch_phase,
         t.lead_unit_id, t.assisting_unit_ids, t.claimed_by, s.display_name AS claimer_name
    FROM tickets t
    JOIN inbound_messages m ON m.id = t.message_id
    LEFT JOIN staff_users s ON s.id = t.claimed_by`;

/**
 * Every ticket read of the workbench takes a scope: there is no method that reads a ticket without one, so a unit
 * user cannot reach another unit's ticket by any path. Out of scope reads exactly like missing (404).
 */
@Injectable()
export class WorkbenchTicketRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(scope: TicketScope, query: TicketListQuery, now: Date): Promise<{ rows: TicketRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const scoped = scopeCondition(scope, params.length + 1);
    params.push(...scoped.params);
    where.push(scoped.sql);
    where.push(`t.status = ANY(${param(query.status?.length ? query.status : OPEN_STATUSES)})`);
    if (query.kind?.length) where.push(`t.kind = ANY(${param(query.kind)})`);
    if (query.dueBefore) where.push(`${DUE_AT} <= ${param(query.dueBefore)}`);
    if (query.overdue !== undefined) {
      where.push(`${query.overdue ? '' : 'NOT '}(${DUE_AT} < ${param(now)} AND t.status = ANY(${param(OPEN_STATUSES)}))`);
    }
    if (query.q) {
      const like = param(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      // Text without letter case (Chinese, digits) needs no ILIKE, and LIKE is cheaper per row.
      const op = query.q.toLowerCase() === query.q.toUpperCase() ? 'LIKE' : 'ILIKE';
      where.push(`(m.title ${op} ${like} OR m.body ${op} ${like} OR t.tracking_no = ${param(query.q)})`);
    }
    const condition = where.join(' AND ');
    // Only a text search needs the messages while filtering; the page joins them for its 20 rows alone.
    const messages = query.q ? 'JOIN inbound_messages m ON m.id = t.message_id' : '';
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM tickets t ${messages} WHERE ${condition}`, params);
    const rows: TicketRow[] = await this.dataSource.query(
      `SELECT p.id, p.tracking_no, m.title, p.kind, p.status, p.received_at, p.due_at, p.dispatch_phase,
              p.lead_unit_id, p.assisting_unit_ids, p.claimed_by, s.display_name AS claimer_name
         FROM (SELECT t.id, t.tracking_no, t.message_id, t.kind, t.status, t.received_at, ${DUE_AT} AS due_at,
                      ${DISPATCH_PHASE} AS dispatch_phase, t.lead_unit_id, t.assisting_unit_ids, t.claimed_by
                 FROM tickets t ${messages} WHERE ${condition}
                ORDER BY due_at, t.received_at, t.id LIMIT ${param(query.pageSize)} OFFSET ${param((query.page - 1) * query.pageSize)}) p
         JOIN inbound_messages m ON m.id = p.message_id
         LEFT JOIN staff_users s ON s.id = p.claimed_by
        ORDER BY p.due_at, p.received_at, p.id`,
      params,
    );
    return { rows, total };
  }

  async row(scope: TicketScope, ticketId: string, manager: EntityManager = this.dataSource.manager): Promise<TicketRow> {
    const scoped = scopeCondition(scope, 2);
    const [row]: TicketRow[] = isUuid(ticketId)
      ? await manager.query(`${SELECT_ROW} WHERE t.id = $1 AND ${scoped.sql}`, [ticketId, ...scoped.params])
      : [];
    if (!row) throw new NotFoundError(`no ticket ${ticketId}`);
    return row;
  }

  /** The ticket row locked for an action, in the caller's transaction; 404 when missing or out of scope. */
  async lock(manager: EntityManager, scope: TicketScope, ticketId: string): Promise<TicketEntity> {
    const scoped = scopeCondition(scope, 2);
    const [found]: { id: string }[] = isUuid(ticketId)
      ? await manager.query(`SELECT t.id FROM tickets t WHERE t.id = $1 AND ${scoped.sql} FOR UPDATE`, [ticketId, ...scoped.params])
      : [];
    if (!found) throw new NotFoundError(`no ticket ${ticketId}`);
    return manager.findOneByOrFail(TicketEntity, { id: ticketId });
  }
}
