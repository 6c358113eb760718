import { MigrationInterface, QueryRunner } from 'typeorm';

/** Deadline clocks with their timers and extension requests, the in-app notification inbox, the unanswered alarm. */
export class Clocks1764000100000 implements MigrationInterface {
  name = 'Clocks1764000100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE clocks (
        id            uuid        NOT NULL DEFAULT gen_random_uuid(),
        subject_type  text        NOT NULL,
        subject_id    uuid        NOT NULL,
        purpose       text        NOT NULL,
        policy        text        NOT NULL,
        unit          text        NOT NULL,
        length        integer     NOT NULL,
        started_at    timestamptz NOT NULL,
        extension     integer     NOT NULL DEFAULT 0,
        pauses        jsonb       NOT NULL DEFAULT '[]',
        state         text        NOT NULL,
        due_at        timestamptz,
        provisional   boolean     NOT NULL,
        version       integer     NOT NULL DEFAULT 1,
        stopped_at    timestamptz,
        stop_reason   text,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_clocks PRIMARY KEY (id)
      )`);
    // One live clock per subject and purpose; stopped ones stay as history.
    await db.query(`CREATE UNIQUE INDEX uq_clocks_live_purpose ON clocks (subject_type, subject_id, purpose) WHERE state <> 'stopped'`);
    await db.query(`CREATE INDEX ix_clocks_subject ON clocks (subject_type, subject_id)`);
    await db.query(`CREATE INDEX ix_clocks_state_due_at ON clocks (state, due_at)`);

    await db.query(`
      CREATE TABLE clock_timers (
        id        uuid        NOT NULL DEFAULT gen_random_uuid(),
        clock_id  uuid        NOT NULL,
        version   integer     NOT NULL,
        name      text        NOT NULL,
        fire_at   timestamptz NOT NULL,
        fired_at  timestamptz,
        CONSTRAINT pk_clock_timers PRIMARY KEY (id),
        CONSTRAINT fk_clock_timers_clock FOREIGN KEY (clock_id) REFERENCES clocks (id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_clock_timers_clock_version_name ON clock_timers (clock_id, version, name)`);
    await db.query(`CREATE INDEX ix_clock_timers_pending ON clock_timers (fire_at) WHERE fired_at IS NULL`);

    await db.query(`
      CREATE TABLE clock_extensions (
        id             uuid        NOT NULL DEFAULT gen_random_uuid(),
        clock_id       uuid        NOT NULL,
        length         integer     NOT NULL,
        reason         text        NOT NULL,
        status         text        NOT NULL,
        requested_by   text        NOT NULL,
        requested_at   timestamptz NOT NULL,
        decided_by     text,
        decided_at     timestamptz,
        decision_note  text,
        CONSTRAINT pk_clock_extensions PRIMARY KEY (id),
        CONSTRAINT fk_clock_extensions_clock FOREIGN KEY (clock_id) REFERENCES clocks (id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX ix_clock_extensions_clock_id ON clock_extensions (clock_id)`);
    await db.query(`CREATE UNIQUE INDEX uq_clock_extensions_one_pending ON clock_extensions (clock_id) WHERE status = 'requested'`);

    await db.query(`
      CREATE TABLE notifications (
        id                 uuid        NOT NULL DEFAULT gen_random_uuid(),
        recipient_unit_id  uuid        NOT NULL,
        recipient_role     text        NOT NULL,
        kind               text        NOT NULL,
        title              text        NOT NULL,
        body               text        NOT NULL,
        ticket_id          uuid,
        dedupe_key         text        NOT NULL,
        created_at         timestamptz NOT NULL DEFAULT now(),
        read_at            timestamptz,
        CONSTRAINT pk_notifications PRIMARY KEY (id)
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_notifications_dedupe_key ON notifications (dedupe_key)`);
    await db.query(`CREATE INDEX ix_notifications_recipient ON notifications (recipient_unit_id, recipient_role, created_at)`);

    await db.query(`ALTER TABLE tickets ADD COLUMN unanswered_alarm text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tickets DROP COLUMN unanswered_alarm`);
    await db.query(`DROP TABLE notifications`);
    await db.query(`DROP TABLE clock_extensions`);
    await db.query(`DROP TABLE clock_timers`);
    await db.query(`DROP TABLE clocks`);
  }
}
