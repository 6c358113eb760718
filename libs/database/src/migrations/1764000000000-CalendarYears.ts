import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-year working-day schedules (the State Council notice's holidays and 调休 make-up days), loaded through the
 * admin API or the CLI. The files in config/calendar are inserted at boot when their year is absent.
 */
export class CalendarYears1764000000000 implements MigrationInterface {
  name = 'CalendarYears1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE calendar_years (
        year       integer     NOT NULL,
        source     text        NOT NULL,
        notice     text,
        holidays   date[]      NOT NULL,
        workdays   date[]      NOT NULL,
        loaded_at  timestamptz NOT NULL,
        loaded_by  text        NOT NULL,
        CONSTRAINT pk_calendar_years PRIMARY KEY (year),
        -- From 1992 Asia/Shanghai is a fixed UTC+8 (see shanghai-time.ts); the same bounds as parseYearSchedule.
        CONSTRAINT ck_calendar_years_year CHECK (year BETWEEN 1992 AND 9999)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE calendar_years`);
  }
}
