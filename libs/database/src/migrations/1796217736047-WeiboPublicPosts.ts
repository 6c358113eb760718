import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Weibo's public side: @mentions and comments, pushed or polled, kept once per platform key (author + created_at, the
 * key the push allows) for the hot-topic monitor, with how the short public acknowledgement went; and the polling
 * cursor per account and timeline (since_id, where an unfinished poll resumes, the rate-limit pause).
 */
export class WeiboPublicPosts1796217736047 implements MigrationInterface {
  name = 'WeiboPublicPosts1796217736047';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE channel_public_posts (
        id                uuid        NOT NULL DEFAULT gen_random_uuid(),
        account_id        uuid        NOT NULL,
        kind              text        NOT NULL,
        dedupe_key        text        NOT NULL,
        source            text        NOT NULL,
        platform_post_id  text,
        platform_status_id text,
        author_id         text        NOT NULL,
        text              text        NOT NULL,
        posted_at         timestamptz,
        payload           jsonb       NOT NULL DEFAULT '{}',
        received_at       timestamptz NOT NULL,
        acknowledged_via  text,
        acknowledged_at   timestamptz,
        CONSTRAINT pk_channel_public_posts PRIMARY KEY (id),
        CONSTRAINT fk_channel_public_posts_account FOREIGN KEY (account_id) REFERENCES channel_accounts (id) ON DELETE RESTRICT,
        CONSTRAINT ck_channel_public_posts_kind CHECK (kind IN ('mention', 'comment')),
        CONSTRAINT ck_channel_public_posts_source CHECK (source IN ('push', 'poll'))
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_channel_public_posts_account_dedupe_key ON channel_public_posts (account_id, dedupe_key)`);
    await db.query(`CREATE INDEX ix_channel_public_posts_received_at ON channel_public_posts (received_at)`);

    await db.query(`
      CREATE TABLE weibo_poll_cursors (
        account_id          uuid        NOT NULL,
        timeline            text        NOT NULL,
        since_id            text,
        resume_max_id       text,
        resume_newest_id    text,
        polled_at           timestamptz,
        paused_until        timestamptz,
        rate_limit_strikes  integer     NOT NULL DEFAULT 0,
        CONSTRAINT pk_weibo_poll_cursors PRIMARY KEY (account_id, timeline),
        CONSTRAINT fk_weibo_poll_cursors_account FOREIGN KEY (account_id) REFERENCES channel_accounts (id) ON DELETE RESTRICT
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE weibo_poll_cursors`);
    await db.query(`DROP TABLE channel_public_posts`);
  }
}
