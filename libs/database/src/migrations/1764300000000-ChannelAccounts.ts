import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * WeChat official accounts and Weibo accounts as data (credentials encrypted by the hub), who wrote from which account
 * (查询 without a code; the last message or event starts the platform's 48-hour service window), and pushes that are
 * not messages (follow/unfollow, menu clicks, images), kept once per platform retry key.
 * inbound_messages.account_id has no foreign key: accounts are disabled, never deleted.
 */
export class ChannelAccounts1764300000000 implements MigrationInterface {
  name = 'ChannelAccounts1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE channel_accounts (
        id           uuid        NOT NULL DEFAULT gen_random_uuid(),
        platform     text        NOT NULL,
        name         text        NOT NULL,
        app_id       text        NOT NULL,
        mode         text        NOT NULL,
        credentials  text        NOT NULL,
        settings     jsonb       NOT NULL DEFAULT '{}',
        enabled      boolean     NOT NULL DEFAULT true,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_channel_accounts PRIMARY KEY (id)
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_channel_accounts_platform_app_id ON channel_accounts (platform, app_id)`);

    await db.query(`
      CREATE TABLE channel_events (
        id           uuid        NOT NULL DEFAULT gen_random_uuid(),
        account_id   uuid        NOT NULL,
        sender_id    text        NOT NULL,
        dedupe_key   text        NOT NULL,
        kind         text        NOT NULL,
        payload      jsonb       NOT NULL,
        received_at  timestamptz NOT NULL,
        CONSTRAINT pk_channel_events PRIMARY KEY (id),
        CONSTRAINT fk_channel_events_account FOREIGN KEY (account_id) REFERENCES channel_accounts (id) ON DELETE RESTRICT
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_channel_events_account_dedupe_key ON channel_events (account_id, dedupe_key)`);
    await db.query(`CREATE INDEX ix_channel_events_sender ON channel_events (account_id, sender_id, received_at)`);

    await db.query(`ALTER TABLE inbound_messages ADD COLUMN account_id uuid, ADD COLUMN sender_id text, ADD COLUMN acknowledged_via text`);
    await db.query(`CREATE INDEX ix_inbound_messages_sender ON inbound_messages (account_id, sender_id, received_at) WHERE sender_id IS NOT NULL`);
    await db.query(`ALTER TABLE ticket_deliveries ADD COLUMN method text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE ticket_deliveries DROP COLUMN method`);
    await db.query(`DROP INDEX ix_inbound_messages_sender`);
    await db.query(`ALTER TABLE inbound_messages DROP COLUMN acknowledged_via, DROP COLUMN sender_id, DROP COLUMN account_id`);
    await db.query(`DROP TABLE channel_events`);
    await db.query(`DROP TABLE channel_accounts`);
  }
}
