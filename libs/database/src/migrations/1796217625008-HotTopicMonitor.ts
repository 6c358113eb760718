import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hot-topic monitor (issue #8): one row per topic cluster (its clusterer state as jsonb) synced by revision,
 * the monitor's view of each message, near-duplicate signatures for the rolling window (GIN over the LSH band keys),
 * alerts (one unresolved per cluster), and cases opened from clusters with their member tickets.
 */
export class HotTopicMonitor1796217625008 implements MigrationInterface {
  name = 'HotTopicMonitor1796217625008';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE monitor_state (
        id        smallint    NOT NULL,
        revision  bigint      NOT NULL,
        clock     timestamptz,
        next_seq  integer     NOT NULL,
        CONSTRAINT pk_monitor_state PRIMARY KEY (id)
      )`);
    await db.query(`INSERT INTO monitor_state (id, revision, clock, next_seq) VALUES (1, 0, NULL, 1)`);

    await db.query(`
      CREATE TABLE monitor_clusters (
        id             text        NOT NULL,
        state          jsonb       NOT NULL,
        label          text[]      NOT NULL,
        message_count  integer     NOT NULL,
        created_at     timestamptz NOT NULL,
        last_at        timestamptz NOT NULL,
        status         text        NOT NULL,
        revision       bigint      NOT NULL,
        burst          jsonb       NOT NULL,
        CONSTRAINT pk_monitor_clusters PRIMARY KEY (id)
      )`);
    await db.query(`CREATE INDEX ix_monitor_clusters_revision ON monitor_clusters (revision)`);
    await db.query(`CREATE INDEX ix_monitor_clusters_status_last_at ON monitor_clusters (status, last_at)`);

    await db.query(`
      CREATE TABLE monitor_messages (
        message_id               uuid             NOT NULL,
        ticket_id                uuid             NOT NULL,
        at                       timestamptz      NOT NULL,
        channel                  text             NOT NULL,
        cluster_id               text,
        sentiment_score          double precision NOT NULL,
        sentiment_label          text             NOT NULL,
        duplicate_of             uuid,
        duplicate_similarity     double precision,
        suggestion_dismissed_at  timestamptz,
        processed_at             timestamptz      NOT NULL,
        CONSTRAINT pk_monitor_messages PRIMARY KEY (message_id),
        CONSTRAINT fk_monitor_messages_message FOREIGN KEY (message_id) REFERENCES inbound_messages (id) ON DELETE RESTRICT,
        CONSTRAINT fk_monitor_messages_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE RESTRICT,
        CONSTRAINT fk_monitor_messages_cluster FOREIGN KEY (cluster_id) REFERENCES monitor_clusters (id) ON DELETE RESTRICT
      )`);
    await db.query(`CREATE INDEX ix_monitor_messages_cluster_id ON monitor_messages (cluster_id, at)`);
    await db.query(`CREATE INDEX ix_monitor_messages_duplicate_of ON monitor_messages (duplicate_of)`);

    await db.query(`
      CREATE TABLE monitor_signatures (
        message_id    uuid        NOT NULL,
        at            timestamptz NOT NULL,
        canonical_id  uuid        NOT NULL,
        band_keys     text[]      NOT NULL,
        shingles      bytea       NOT NULL,
        CONSTRAINT pk_monitor_signatures PRIMARY KEY (message_id),
        CONSTRAINT fk_monitor_signatures_message FOREIGN KEY (message_id) REFERENCES monitor_messages (message_id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX ix_monitor_signatures_band_keys ON monitor_signatures USING gin (band_keys)`);
    await db.query(`CREATE INDEX ix_monitor_signatures_at ON monitor_signatures (at)`);

    await db.query(`
      CREATE TABLE monitor_alerts (
        id               uuid        NOT NULL DEFAULT gen_random_uuid(),
        cluster_id       text        NOT NULL,
        level            text        NOT NULL,
        reasons          jsonb       NOT NULL,
        burst            jsonb       NOT NULL,
        status           text        NOT NULL,
        raised_at        timestamptz NOT NULL,
        acknowledged_at  timestamptz,
        acknowledged_by  uuid,
        closed_at        timestamptz,
        closed_by        uuid,
        close_note       text,
        CONSTRAINT pk_monitor_alerts PRIMARY KEY (id),
        CONSTRAINT fk_monitor_alerts_cluster FOREIGN KEY (cluster_id) REFERENCES monitor_clusters (id) ON DELETE RESTRICT
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_monitor_alerts_cluster_active ON monitor_alerts (cluster_id) WHERE status <> 'closed'`);
    await db.query(`CREATE INDEX ix_monitor_alerts_status_raised_at ON monitor_alerts (status, raised_at)`);

    await db.query(`
      CREATE TABLE monitor_cases (
        id               uuid        NOT NULL DEFAULT gen_random_uuid(),
        cluster_id       text        NOT NULL,
        ticket_id        uuid        NOT NULL,
        major_emergency  boolean     NOT NULL,
        opened_by        uuid        NOT NULL,
        opened_at        timestamptz NOT NULL,
        CONSTRAINT pk_monitor_cases PRIMARY KEY (id),
        CONSTRAINT fk_monitor_cases_cluster FOREIGN KEY (cluster_id) REFERENCES monitor_clusters (id) ON DELETE RESTRICT,
        CONSTRAINT fk_monitor_cases_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE RESTRICT
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_monitor_cases_cluster_id ON monitor_cases (cluster_id)`);
    await db.query(`CREATE UNIQUE INDEX uq_monitor_cases_ticket_id ON monitor_cases (ticket_id)`);

    await db.query(`
      CREATE TABLE monitor_case_tickets (
        case_id    uuid NOT NULL,
        ticket_id  uuid NOT NULL,
        CONSTRAINT pk_monitor_case_tickets PRIMARY KEY (case_id, ticket_id),
        CONSTRAINT fk_monitor_case_tickets_case FOREIGN KEY (case_id) REFERENCES monitor_cases (id) ON DELETE CASCADE,
        CONSTRAINT fk_monitor_case_tickets_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE RESTRICT
      )`);
    await db.query(`CREATE INDEX ix_monitor_case_tickets_ticket_id ON monitor_case_tickets (ticket_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE monitor_case_tickets`);
    await db.query(`DROP TABLE monitor_cases`);
    await db.query(`DROP TABLE monitor_alerts`);
    await db.query(`DROP TABLE monitor_signatures`);
    await db.query(`DROP TABLE monitor_messages`);
    await db.query(`DROP TABLE monitor_clusters`);
    await db.query(`DROP TABLE monitor_state`);
  }
}
