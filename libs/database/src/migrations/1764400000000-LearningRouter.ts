import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The learning router: trained models as versioned artefacts (one active per target), every retraining run with
 * the comparison that decided it, a deployment's historical tickets imported for a cold start, the catalogue's
 * topic category → unit map, and the topic category the model gave each ticket (also on its publication, for the
 * archive's filter).
 */
export class LearningRouter1764400000000 implements MigrationInterface {
  name = 'LearningRouter1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE routing_models (
        id             bigint      GENERATED ALWAYS AS IDENTITY,
        target         text        NOT NULL,
        version        integer     NOT NULL,
        algorithm      text        NOT NULL,
        status         text        NOT NULL,
        source         text        NOT NULL,
        trained_at     timestamptz NOT NULL,
        example_count  integer     NOT NULL,
        scores         jsonb,
        artifact       bytea       NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_routing_models PRIMARY KEY (id),
        CONSTRAINT ck_routing_models_target CHECK (target IN ('category', 'unit')),
        CONSTRAINT ck_routing_models_status CHECK (status IN ('active', 'retired'))
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_routing_models_target_version ON routing_models (target, version)`);
    await db.query(`CREATE UNIQUE INDEX uq_routing_models_active_target ON routing_models (target) WHERE status = 'active'`);

    await db.query(`
      CREATE TABLE routing_retrain_runs (
        id             bigint      GENERATED ALWAYS AS IDENTITY,
        run_key        text        NOT NULL,
        trigger        text        NOT NULL,
        requested_by   text        NOT NULL,
        status         text        NOT NULL,
        reason         text,
        example_count  integer,
        candidate      jsonb,
        current        jsonb,
        model_id       bigint,
        started_at     timestamptz NOT NULL,
        finished_at    timestamptz,
        CONSTRAINT pk_routing_retrain_runs PRIMARY KEY (id),
        CONSTRAINT ck_routing_retrain_runs_status CHECK (status IN ('running', 'promoted', 'kept', 'skipped')),
        CONSTRAINT fk_routing_retrain_runs_model FOREIGN KEY (model_id) REFERENCES routing_models (id) ON DELETE RESTRICT
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_routing_retrain_runs_run_key ON routing_retrain_runs (run_key)`);

    await db.query(`
      CREATE TABLE routing_history_examples (
        id           bigint      GENERATED ALWAYS AS IDENTITY,
        text         text        NOT NULL,
        unit_id      uuid        NOT NULL,
        occurred_at  timestamptz NOT NULL,
        source       text        NOT NULL,
        dedupe_key   text        NOT NULL,
        imported_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_routing_history_examples PRIMARY KEY (id),
        CONSTRAINT fk_routing_history_examples_unit FOREIGN KEY (unit_id) REFERENCES units (id) ON DELETE RESTRICT
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_routing_history_examples_dedupe_key ON routing_history_examples (dedupe_key)`);

    await db.query(`
      CREATE TABLE routing_category_units (
        category  text NOT NULL,
        unit_id   uuid NOT NULL,
        CONSTRAINT pk_routing_category_units PRIMARY KEY (category),
        CONSTRAINT fk_routing_category_units_unit FOREIGN KEY (unit_id) REFERENCES units (id) ON DELETE RESTRICT
      )`);

    await db.query(`ALTER TABLE tickets ADD COLUMN category text, ADD COLUMN category_probability double precision`);
    await db.query(`ALTER TABLE publications ADD COLUMN category text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE publications DROP COLUMN category`);
    await db.query(`ALTER TABLE tickets DROP COLUMN category_probability, DROP COLUMN category`);
    await db.query(`DROP TABLE routing_category_units`);
    await db.query(`DROP TABLE routing_history_examples`);
    await db.query(`DROP TABLE routing_retrain_runs`);
    await db.query(`DROP TABLE routing_models`);
  }
}
