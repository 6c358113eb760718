import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarStore, LocalDate, addDays, startOfShanghaiDay } from '@wenzheng/calendar';
import { TicketFact, UnitFigures, unitFigures } from './unit-figures';

/** The event that marks a citizen's answer: the reviewer's approval resolves the ticket. */
export const ANSWER_EVENT = 'resolved';

const FACT_KIND: Record<string, TicketFact['kind']> = {
  received: 'received',
  [ANSWER_EVENT]: 'answered',
  'clock.overdue': 'overdue',
  'extension.requested': 'extension-asked',
  'extension.approved': 'extension-approved',
  rated: 'rated',
};

export interface UnitFiguresRow extends Omit<UnitFigures, 'unitId'> {
  unitId: string | null;
  unitCode: string | null;
  unitName: string | null;
}

/** Unit figures for Shanghai dates `from`..`to` (inclusive), from the append-only event log. */
@Injectable()
export class TicketStatsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendars: CalendarStore,
  ) {}

  async unitFigures(from: LocalDate, to: LocalDate): Promise<UnitFiguresRow[]> {
    const rows: {
      type: string;
      ticket_id: string;
      at: Date;
      unit_id: string | null;
      received_at: Date;
      reply_due_at: Date | null;
      data: { attitude?: number; speed?: number; resolved?: boolean };
    }[] = await this.dataSource.query(
      `SELECT e.type, e.ticket_id, e.at, coalesce(main.lead_unit_id, t.lead_unit_id) AS unit_id, t.received_at,
              reply.due_at AS reply_due_at, e.data
         FROM ticket_events e
         JOIN tickets t ON t.id = e.ticket_id
         -- A merged ticket (并单) counts for the unit that answered its main ticket.
         LEFT JOIN tickets main ON main.id = t.merged_into_id
         LEFT JOIN LATERAL (
           SELECT c.due_at FROM clocks c
            WHERE c.subject_type = 'ticket' AND c.subject_id = t.id AND c.purpose = 'reply'
            ORDER BY c.created_at DESC LIMIT 1) reply ON true
        WHERE e.at >= $1 AND e.at < $2 AND e.type = ANY ($3)
          AND (e.type <> 'clock.overdue' OR e.data->>'purpose' = 'reply')`,
      [startOfShanghaiDay(from), startOfShanghaiDay(addDays(to, 1)), Object.keys(FACT_KIND)],
    );
    const facts = rows.map((r): TicketFact => {
      const kind = FACT_KIND[r.type];
      if (kind === 'answered') {
        return { kind, ticketId: r.ticket_id, unitId: r.unit_id, at: r.at, receivedAt: r.received_at, dueAt: r.reply_due_at };
      }
      if (kind === 'rated') {
        const { attitude = 0, speed = 0, resolved = false } = r.data;
        return { kind, ticketId: r.ticket_id, unitId: r.unit_id, at: r.at, attitude, speed, resolved };
      }
      return { kind, ticketId: r.ticket_id, unitId: r.unit_id, at: r.at };
    });
    const units: { id: string; code: string; name: string }[] = await this.dataSource.query(`SELECT id, code, name FROM units`);
    const unitOf = new Map(units.map((u) => [u.id, u]));
    return unitFigures(facts, this.calendars.current()).map((f) => {
      const unit = f.unitId && f.unitId !== 'all' ? unitOf.get(f.unitId) : undefined;
      return { ...f, unitCode: f.unitId === 'all' ? 'all' : (unit?.code ?? null), unitName: f.unitId === 'all' ? '全部' : (unit?.name ?? null) };
    });
  }
}
