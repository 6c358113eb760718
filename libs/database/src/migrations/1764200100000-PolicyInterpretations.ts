import { MigrationInterface, QueryRunner } from 'typeorm';

/** Policy documents and their interpretations (政策解读), due 3 working days after the document's publication. */
export class PolicyInterpretations1764200100000 implements MigrationInterface {
  name = 'PolicyInterpretations1764200100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE policy_documents (
        id               uuid        NOT NULL DEFAULT gen_random_uuid(),
        title            text        NOT NULL,
        doc_number       text        NOT NULL,
        issuing_unit_id  uuid        NOT NULL,
        published_on     date        NOT NULL,
        url              text,
        body             text,
        created_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_policy_documents PRIMARY KEY (id),
        CONSTRAINT fk_policy_documents_issuing_unit FOREIGN KEY (issuing_unit_id) REFERENCES units (id) ON DELETE RESTRICT
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_policy_documents_doc_number ON policy_documents (doc_number)`);
    await db.query(`
      CREATE TABLE policy_interpretations (
        id              uuid        NOT NULL DEFAULT gen_random_uuid(),
        document_id     uuid        NOT NULL,
        unit_id         uuid        NOT NULL,
        state           text        NOT NULL,
        body            text        NOT NULL DEFAULT '',
        author_id       uuid,
        review_comment  text,
        due_at          timestamptz NOT NULL,
        publication_id  uuid,
        published_at    timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_policy_interpretations PRIMARY KEY (id),
        CONSTRAINT fk_policy_interpretations_document FOREIGN KEY (document_id) REFERENCES policy_documents (id) ON DELETE RESTRICT,
        CONSTRAINT fk_policy_interpretations_unit FOREIGN KEY (unit_id) REFERENCES units (id) ON DELETE RESTRICT,
        CONSTRAINT fk_policy_interpretations_author FOREIGN KEY (author_id) REFERENCES staff_users (id) ON DELETE RESTRICT
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_policy_interpretations_document_id ON policy_interpretations (document_id)`);
    await db.query(`CREATE INDEX ix_policy_interpretations_unit_id ON policy_interpretations (unit_id, state)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE policy_interpretations`);
    await db.query(`DROP TABLE policy_documents`);
  }
}
