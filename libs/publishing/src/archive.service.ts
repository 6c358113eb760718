import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { TIME_SOURCE, TimeSource, addDays, isLocalDate, shanghaiDateOf, startOfShanghaiDay } from '@wenzheng/calendar';
import { InputError, isUuid, parseInput } from '@wenzheng/errors';
import { SEGMENTER, Segmenter } from '@wenzheng/nlp';
import { MESSAGE_KINDS } from '@wenzheng/routing';
import { TicketStatsService } from '@wenzheng/tickets';
import { ARCHIVE_COUNT_CAP } from './archive.views';
import type { ArchiveEntry, ArchiveOrder, ArchiveSearchResult, ArchiveTombstone, ArchiveUnitFigures } from './archive.views';
import { queryTerms } from './search-text';

const localDate = (field: string) => z.string().refine(isLocalDate, `${field} must be a date YYYY-MM-DD`);
const whole = (field: string, max: number) =>
  z.string().regex(/^\d+$/, `${field} must be a whole number`).transform(Number).pipe(z.number().int().min(1, `${field} starts at 1`).max(max, `${field} must be at most ${max}`));

// Empty form fields arrive as "": treat them as absent.
const withoutEmpty = (input: unknown) =>
  typeof input === 'object' && input !== null ? Object.fromEntries(Object.entries(input).filter(([, v]) => v !== '')) : input;

const archiveQuerySchema = z.preprocess(
  withoutEmpty,
  z.object({
    q: z.string().trim().max(100, 'q must be at most 100 characters').optional(),
    unit: z.string().trim().max(100).optional(),
    category: z.string().trim().max(50, 'category must be at most 50 characters').optional(),
    kind: z.enum(MESSAGE_KINDS, { error: `kind must be one of ${MESSAGE_KINDS.join(', ')}` }).optional(),
    from: localDate('from').optional(),
    to: localDate('to').optional(),
    page: whole('page', 10_000).default(1),
    pageSize: whole('pageSize', 50).default(10),
  }),
);

interface EntryRow {
  id: string;
  kind: 'reply' | 'interpretation';
  state: string;
  title: string;
  message_kind: string | null;
  category: string | null;
  message_text: string;
  reply_text: string;
  unit_code: string | null;
  unit_name: string | null;
  received_at: Date | null;
  replied_at: Date | null;
  working_days: number | null;
  reason: string | null;
  published_at: Date | null;
  updated_at: Date;
  rank?: number | null;
}

const ENTRY_SQL = `
  SELECT p.id, p.kind, p.state, p.title, p.message_kind, p.category, p.message_text, p.reply_text, u.code AS unit_code, u.name AS unit_name,
         p.received_at, p.replied_at, p.working_days, p.reason, p.published_at, p.updated_at`;

/**
 * The public archive: published entries only, masked texts only. Search cuts the query with the same segmenter that
 * indexed the entries (jieba search mode at publication, precise mode here) and ranks by PostgreSQL's cover density
 * while the matches are few enough to rank them all.
 */
@Injectable()
export class ArchiveService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly stats: TicketStatsService,
    @Inject(SEGMENTER) private readonly segmenter: Segmenter,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {}

  async search(rawQuery: unknown): Promise<ArchiveSearchResult> {
    const query = parseInput(archiveQuerySchema, rawQuery ?? {}, 'the query');
    const terms = query.q ? queryTerms(this.segmenter, query.q) : [];
    const where = [`p.state = 'published'`];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    let rank = 'NULL::real';
    if (terms.length) {
      const tsquery = `plainto_tsquery('simple', ${param(terms.join(' '))})`;
      where.push(`p.search_vector @@ ${tsquery}`);
      rank = `ts_rank_cd(p.search_vector, ${tsquery})`;
    } else if (query.q) {
      // A query of punctuation only matches nothing rather than everything.
      where.push('false');
    }
    if (query.unit) where.push(`u.code = ${param(query.unit)}`);
    if (query.category) where.push(`p.category = ${param(query.category)}`);
    if (query.kind) where.push(`p.message_kind = ${param(query.kind)}`);
    if (query.from) where.push(`p.replied_at >= ${param(startOfShanghaiDay(query.from))}`);
    if (query.to) where.push(`p.replied_at < ${param(startOfShanghaiDay(addDays(query.to, 1)))}`);
    if ((query.page - 1) * query.pageSize >= ARCHIVE_COUNT_CAP) {
      throw new InputError('page', `only the first ${ARCHIVE_COUNT_CAP} results can be paged through; narrow the search (words, unit, dates)`);
    }
    const condition = where.join(' AND ');
    const from = `FROM publications p LEFT JOIN units u ON u.id = p.unit_id WHERE ${condition}`;
    // Counting stops after the cap: an exact count of a frequent word reads every matching heap page.
    const [{ matches }] = await this.dataSource.query(`SELECT count(*)::int AS matches FROM (SELECT 1 ${from} LIMIT ${ARCHIVE_COUNT_CAP + 1}) s`, params);
    // Ranking reads every match's tsvector; beyond the cap the newest matches come first, each page read from the
    // published_at index (docs/benchmarks.md, archive).
    const order: ArchiveOrder = terms.length && matches <= ARCHIVE_COUNT_CAP ? 'relevance' : 'newest';
    const rows: EntryRow[] = await this.dataSource.query(
      `${ENTRY_SQL}, ${rank} AS rank ${from}
        ORDER BY ${order === 'relevance' ? 'rank DESC, ' : ''}p.published_at DESC, p.id
        LIMIT ${param(query.pageSize)} OFFSET ${param((query.page - 1) * query.pageSize)}`,
      params,
    );
    return {
      items: rows.map((r) => ({ ...entryOf(r), rank: r.rank ?? null })),
      total: Math.min(matches, ARCHIVE_COUNT_CAP),
      totalIsExact: matches <= ARCHIVE_COUNT_CAP,
      order,
      page: query.page,
      pageSize: query.pageSize,
      terms,
    };
  }

  async entry(id: string): Promise<ArchiveEntry | ArchiveTombstone | undefined> {
    if (!isUuid(id)) return undefined;
    const [row]: EntryRow[] = await this.dataSource.query(
      `${ENTRY_SQL} FROM publications p LEFT JOIN units u ON u.id = p.unit_id WHERE p.id = $1 AND p.state IN ('published', 'withdrawn')`,
      [id],
    );
    if (!row) return undefined;
    if (row.state === 'withdrawn') return { id: row.id, withdrawn: true, reason: row.reason, withdrawnAt: row.updated_at.toISOString() };
    return entryOf(row);
  }

  async latest(limit: number): Promise<ArchiveEntry[]> {
    const rows: EntryRow[] = await this.dataSource.query(
      `${ENTRY_SQL} FROM publications p LEFT JOIN units u ON u.id = p.unit_id WHERE p.state = 'published' ORDER BY p.published_at DESC, p.id LIMIT $1`,
      [limit],
    );
    return rows.map(entryOf);
  }

  units(): Promise<{ code: string; name: string }[]> {
    return this.dataSource.query(`SELECT code, name FROM units WHERE kind NOT IN ('government', 'cyberspace') ORDER BY code`);
  }

  /** The topic categories of published replies, for the filter (a short scan of the category index). */
  async categories(): Promise<string[]> {
    const rows: { category: string }[] = await this.dataSource.query(
      `SELECT DISTINCT category FROM publications WHERE state = 'published' AND category IS NOT NULL ORDER BY category`,
    );
    return rows.map((r) => r.category);
  }

  async filterOptions(): Promise<{ units: { code: string; name: string }[]; categories: string[] }> {
    const [units, categories] = await Promise.all([this.units(), this.categories()]);
    return { units, categories };
  }

  /** Per unit over the last 365 days: published replies, and the answer figures and ratings from the event log. */
  async unitFigures(): Promise<ArchiveUnitFigures[]> {
    const to = shanghaiDateOf(this.time.now());
    const from = addDays(to, -364);
    const [figures, published]: [Awaited<ReturnType<TicketStatsService['unitFigures']>>, { unit_id: string; n: number }[]] = await Promise.all([
      this.stats.unitFigures(from, to),
      this.dataSource.query(
        `SELECT unit_id, count(*)::int AS n FROM publications WHERE state = 'published' AND published_at >= $1 GROUP BY unit_id`,
        [startOfShanghaiDay(from)],
      ),
    ]);
    const units = await this.units();
    return units.map((unit) => {
      const f = figures.find((row) => row.unitCode === unit.code);
      const unitId = f?.unitId;
      return {
        unit,
        published: published.find((p) => p.unit_id === unitId)?.n ?? 0,
        averageWorkingDays: f?.averageWorkingDaysToAnswer ?? null,
        p90WorkingDays: f?.p90WorkingDaysToAnswer ?? null,
        onTimeRate: f?.onTimeRate ?? null,
        ratings: f?.ratings ?? 0,
        averageAttitude: f?.averageAttitude ?? null,
        averageSpeed: f?.averageSpeed ?? null,
        resolvedRate: f?.resolvedRate ?? null,
      };
    });
  }
}

function entryOf(r: EntryRow): ArchiveEntry {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    messageKind: r.message_kind,
    category: r.category,
    messageText: r.message_text,
    replyText: r.reply_text,
    unit: r.unit_code ? { code: r.unit_code, name: r.unit_name as string } : null,
    receivedAt: r.received_at?.toISOString() ?? null,
    repliedAt: r.replied_at?.toISOString() ?? null,
    workingDays: r.working_days,
    publishedAt: (r.published_at as Date).toISOString(),
  };
}
