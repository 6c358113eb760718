import { MigrationInterface, QueryRunner } from 'typeorm';

/** The unit workbench: staff accounts, claims, replies and their review, opinions, notes, deliveries, ratings, merges, routing examples. */
export class Workbench1764100000000 implements MigrationInterface {
  name = 'Workbench1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE staff_users (
        id             uuid        NOT NULL DEFAULT gen_random_uuid(),
        username       text        NOT NULL,
        display_name   text        NOT NULL,
        unit_id        uuid        NOT NULL,
        roles          text[]      NOT NULL,
        password_hash  text        NOT NULL,
        disabled_at    timestamptz,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_staff_users PRIMARY KEY (id),
        CONSTRAINT fk_staff_users_unit FOREIGN KEY (unit_id) REFERENCES units (id) ON DELETE RESTRICT
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_staff_users_username ON staff_users (username)`);
    await db.query(`CREATE INDEX ix_staff_users_unit_id ON staff_users (unit_id)`);

    await db.query(`
      ALTER TABLE tickets
        ADD COLUMN claimed_by     uuid,
        ADD COLUMN assigned_at    timestamptz,
        ADD COLUMN round          integer NOT NULL DEFAULT 1,
        ADD COLUMN reopen_count   integer NOT NULL DEFAULT 0,
        ADD COLUMN merged_into_id uuid,
        ADD CONSTRAINT fk_tickets_claimed_by FOREIGN KEY (claimed_by) REFERENCES staff_users (id) ON DELETE RESTRICT,
        ADD CONSTRAINT fk_tickets_merged_into FOREIGN KEY (merged_into_id) REFERENCES tickets (id) ON DELETE RESTRICT`);
    await db.query(`CREATE INDEX ix_tickets_merged_into_id ON tickets (merged_into_id)`);
    // The unit inbox asks "lead unit = mine OR mine = ANY(assisting units)".
    await db.query(`CREATE INDEX ix_tickets_assisting_unit_ids ON tickets USING gin (assisting_unit_ids)`);
    // Tickets routed before this migration: their assignment moment is the event that assigned them.
    await db.query(`
      UPDATE tickets t SET assigned_at = e.at
        FROM (SELECT ticket_id, max(at) AS at FROM ticket_events WHERE type = 'assigned' GROUP BY ticket_id) e
       WHERE e.ticket_id = t.id AND t.lead_unit_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE ticket_replies (
        id              uuid        NOT NULL DEFAULT gen_random_uuid(),
        ticket_id       uuid        NOT NULL,
        round           integer     NOT NULL,
        body            text        NOT NULL,
        state           text        NOT NULL,
        author_id       uuid        NOT NULL,
        review_comment  text,
        approved_by     uuid,
        approved_at     timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_ticket_replies PRIMARY KEY (id),
        CONSTRAINT fk_ticket_replies_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE RESTRICT,
        CONSTRAINT fk_ticket_replies_author FOREIGN KEY (author_id) REFERENCES staff_users (id) ON DELETE RESTRICT,
        CONSTRAINT fk_ticket_replies_approved_by FOREIGN KEY (approved_by) REFERENCES staff_users (id) ON DELETE RESTRICT
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_ticket_replies_ticket_round ON ticket_replies (ticket_id, round)`);

    await db.query(`
      CREATE TABLE ticket_opinions (
        id          uuid        NOT NULL DEFAULT gen_random_uuid(),
        ticket_id   uuid        NOT NULL,
        unit_id     uuid        NOT NULL,
        author_id   uuid        NOT NULL,
        body        text        NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_ticket_opinions PRIMARY KEY (id),
        CONSTRAINT fk_ticket_opinions_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE RESTRICT,
        CONSTRAINT fk_ticket_opinions_unit FOREIGN KEY (unit_id) REFERENCES units (id) ON DELETE RESTRICT,
        CONSTRAINT fk_ticket_opinions_author FOREIGN KEY (author_id) REFERENCES staff_users (id) ON DELETE RESTRICT
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_ticket_opinions_ticket_unit ON ticket_opinions (ticket_id, unit_id)`);

    await db.query(`
      CREATE TABLE ticket_notes (
        id          uuid        NOT NULL DEFAULT gen_random_uuid(),
        ticket_id   uuid        NOT NULL,
        author_id   uuid        NOT NULL,
        body        text        NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_ticket_notes PRIMARY KEY (id),
        CONSTRAINT fk_ticket_notes_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE RESTRICT,
        CONSTRAINT fk_ticket_notes_author FOREIGN KEY (author_id) REFERENCES staff_users (id) ON DELETE RESTRICT
      )`);
    await db.query(`CREATE INDEX ix_ticket_notes_ticket_id ON ticket_notes (ticket_id)`);

    await db.query(`
      CREATE TABLE ticket_deliveries (
        id            uuid        NOT NULL DEFAULT gen_random_uuid(),
        ticket_id     uuid        NOT NULL,
        round         integer     NOT NULL,
        reply_id      uuid        NOT NULL,
        channel       text        NOT NULL,
        state         text        NOT NULL,
        attempts      integer     NOT NULL DEFAULT 0,
        last_error    text,
        delivered_at  timestamptz,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_ticket_deliveries PRIMARY KEY (id),
        CONSTRAINT fk_ticket_deliveries_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE RESTRICT,
        CONSTRAINT fk_ticket_deliveries_reply FOREIGN KEY (reply_id) REFERENCES ticket_replies (id) ON DELETE RESTRICT
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_ticket_deliveries_ticket_round ON ticket_deliveries (ticket_id, round)`);
    await db.query(`CREATE INDEX ix_ticket_deliveries_state ON ticket_deliveries (state, updated_at)`);

    await db.query(`
      CREATE TABLE ticket_ratings (
        id         uuid        NOT NULL DEFAULT gen_random_uuid(),
        ticket_id  uuid        NOT NULL,
        round      integer     NOT NULL,
        attitude   integer     NOT NULL,
        speed      integer     NOT NULL,
        resolved   boolean     NOT NULL,
        comment    text,
        rated_at   timestamptz NOT NULL,
        CONSTRAINT pk_ticket_ratings PRIMARY KEY (id),
        CONSTRAINT fk_ticket_ratings_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE RESTRICT
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_ticket_ratings_ticket_round ON ticket_ratings (ticket_id, round)`);

    await db.query(`
      CREATE TABLE routing_examples (
        id             bigint      GENERATED BY DEFAULT AS IDENTITY,
        ticket_id      uuid        NOT NULL,
        message_id     uuid        NOT NULL,
        kind           text        NOT NULL,
        wrong_unit_id  uuid,
        final_unit_id  uuid,
        reason         text,
        actor          text        NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_routing_examples PRIMARY KEY (id)
      )`);
    await db.query(`CREATE INDEX ix_routing_examples_ticket_id ON routing_examples (ticket_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE routing_examples`);
    await db.query(`DROP TABLE ticket_ratings`);
    await db.query(`DROP TABLE ticket_deliveries`);
    await db.query(`DROP TABLE ticket_notes`);
    await db.query(`DROP TABLE ticket_opinions`);
    await db.query(`DROP TABLE ticket_replies`);
    await db.query(`DROP INDEX ix_tickets_assisting_unit_ids`);
    await db.query(`DROP INDEX ix_tickets_merged_into_id`);
    await db.query(`
      ALTER TABLE tickets
        DROP CONSTRAINT fk_tickets_merged_into,
        DROP CONSTRAINT fk_tickets_claimed_by,
        DROP COLUMN merged_into_id,
        DROP COLUMN reopen_count,
        DROP COLUMN round,
        DROP COLUMN assigned_at,
        DROP COLUMN claimed_by`);
    await db.query(`DROP TABLE staff_users`);
  }
}
