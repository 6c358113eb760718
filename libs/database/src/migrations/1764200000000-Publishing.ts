import { MigrationInterface, QueryRunner } from 'typeorm';

/** The public archive: masked replies (and later policy interpretations), their drafts, and a Chinese search index. */
export class Publishing1764200000000 implements MigrationInterface {
  name = 'Publishing1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE publications (
        id             uuid        NOT NULL DEFAULT gen_random_uuid(),
        kind           text        NOT NULL,
        ticket_id      uuid,
        round          integer,
        state          text        NOT NULL,
        unit_id        uuid,
        title          text        NOT NULL,
        message_kind   text,
        message_text   text        NOT NULL,
        reply_text     text        NOT NULL,
        masks          jsonb       NOT NULL DEFAULT '{}',
        received_at    timestamptz,
        replied_at     timestamptz,
        working_days   integer,
        reason         text,
        search_vector  tsvector,
        published_at   timestamptz,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_publications PRIMARY KEY (id),
        CONSTRAINT fk_publications_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE RESTRICT,
        CONSTRAINT fk_publications_unit FOREIGN KEY (unit_id) REFERENCES units (id) ON DELETE RESTRICT
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_publications_ticket_round ON publications (ticket_id, round)`);
    await db.query(`CREATE INDEX ix_publications_unit_id ON publications (unit_id, published_at)`);
    // The archive reads published entries only: search by words (segmented at publication), list newest first.
    await db.query(`CREATE INDEX ix_publications_search_vector ON publications USING gin (search_vector) WHERE state = 'published'`);
    await db.query(`CREATE INDEX ix_publications_published_at ON publications (published_at DESC) WHERE state = 'published'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE publications`);
  }
}
