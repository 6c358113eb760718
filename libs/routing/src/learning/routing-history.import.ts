import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { HistoryFormat, parseHistoryFile } from './history-file';

export interface HistoryImportResult {
  readonly read: number;
  readonly added: number;
  /** Already imported (the same text, unit and time), from this file or an earlier one. */
  readonly known: number;
}

/** Imports a history file in one transaction: every record, or none when one is bad. */
export async function importRoutingHistory(manager: EntityManager, content: string, format: HistoryFormat, source: string): Promise<HistoryImportResult> {
  const units: { id: string; code: string; name: string }[] = await manager.query(`SELECT id, code, name FROM units`);
  const byCodeOrName = new Map(units.flatMap((u) => [[u.code, u] as const, [u.name, u] as const]));
  const records = parseHistoryFile(content, format, (unit) => byCodeOrName.get(unit)?.code);
  let added = 0;
  await manager.transaction(async (tx) => {
    for (const record of records) {
      const dedupeKey = createHash('sha256').update(`${record.unit}\n${record.occurredAt.toISOString()}\n${record.text}`).digest('hex');
      const inserted: unknown[] = await tx.query(
        `INSERT INTO routing_history_examples (text, unit_id, occurred_at, source, dedupe_key) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [record.text, byCodeOrName.get(record.unit)?.id, record.occurredAt, source, dedupeKey],
      );
      added += inserted.length;
    }
  });
  return { read: records.length, added, known: records.length - added };
}
