import { parse } from 'csv-parse/sync';

/**
 * A deployment's handled tickets from before the hub, for the unit model's cold start: CSV with a header row, or
 * JSON Lines. Each record has `text` (or `title` and `body`), `unit` (a unit code or its name) and `date` (a date,
 * read as midnight in Shanghai, or a date-time). A record that cannot be used stops the import with its line, since
 * a silently dropped one would skew the model.
 */

export type HistoryFormat = 'csv' | 'jsonl';

export interface HistoryRecord {
  readonly text: string;
  /** Unit code. */
  readonly unit: string;
  readonly occurredAt: Date;
}

export class HistoryFileError extends Error {
  override readonly name = 'HistoryFileError';
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** `unitCodeOf` finds the code of a unit by its code or its name (undefined when neither is known). */
export function parseHistoryFile(content: string, format: HistoryFormat, unitCodeOf: (unit: string) => string | undefined): HistoryRecord[] {
  return recordsOf(content, format).map(({ line, fields }) => {
    const where = `line ${line}`;
    const field = (name: string) => {
      const value = fields[name];
      return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
    };
    const text = field('text') || [field('title'), field('body')].filter(Boolean).join('\n');
    if (!text) throw new HistoryFileError(`${where}: needs "text", or "title" and "body"`);
    const unitName = field('unit');
    if (!unitName) throw new HistoryFileError(`${where}: needs "unit" (a unit code or name)`);
    const unit = unitCodeOf(unitName);
    if (unit === undefined) throw new HistoryFileError(`${where}: no unit with the code or name "${unitName}"`);
    const date = field('date');
    const occurredAt = new Date(DATE_ONLY.test(date) ? `${date}T00:00:00+08:00` : date);
    if (!date || Number.isNaN(occurredAt.getTime())) throw new HistoryFileError(`${where}: "date" must be a date (2025-03-01) or a date-time, got "${date}"`);
    return { text, unit, occurredAt };
  });
}

function recordsOf(content: string, format: HistoryFormat): { line: number; fields: Record<string, unknown> }[] {
  const text = content.replace(/^\uFEFF/, '');
  if (format === 'csv') {
    try {
      const rows: { record: Record<string, string>; info: { lines: number } }[] = parse(text, { columns: true, skip_empty_lines: true, trim: true, info: true });
      return rows.map(({ record, info }) => ({ line: info.lines, fields: record }));
    } catch (error) {
      throw new HistoryFileError(`not valid CSV: ${(error as Error).message}`);
    }
  }
  return text.split('\n').flatMap((raw, index) => {
    if (raw.trim() === '') return [];
    let fields: unknown;
    try {
      fields = JSON.parse(raw);
    } catch (error) {
      throw new HistoryFileError(`line ${index + 1}: not valid JSON (${(error as Error).message})`);
    }
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw new HistoryFileError(`line ${index + 1}: expected an object`);
    return [{ line: index + 1, fields: fields as Record<string, unknown> }];
  });
}
