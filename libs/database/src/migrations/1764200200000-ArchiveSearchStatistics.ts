import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * With the default statistics target PostgreSQL knows only lexemes in about 2 % of the rows and guesses every other
 * word at ~5,000 matches per million, so it walks the published_at index for a rare word (67 ms instead of 5 ms).
 * A target of 1000 keeps lexemes down to ~0.1 % (measured: docs/benchmarks.md, archive).
 */
export class ArchiveSearchStatistics1764200200000 implements MigrationInterface {
  name = 'ArchiveSearchStatistics1764200200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE publications ALTER COLUMN search_vector SET STATISTICS 1000`);
    await db.query(`ANALYZE publications`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE publications ALTER COLUMN search_vector SET STATISTICS -1`);
    await db.query(`ANALYZE publications`);
  }
}
