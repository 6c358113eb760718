import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Near-duplicates among public Weibo posts: the same text posted by many accounts (a copy-paste campaign, 水军) is
 * something the 网信办 must see. A post's copy is another post, never a message: a message's copy becomes a 并单
 * suggestion, which merges tickets, and a post has none. So posts keep their signatures and band keys in tables of
 * their own, beside the messages' ones, and a monitored post names the post it copies.
 */
export class MonitorPublicPostCopies1796217736500 implements MigrationInterface {
  name = 'MonitorPublicPostCopies1796217736500';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE monitor_public_posts ADD COLUMN duplicate_of uuid, ADD COLUMN duplicate_similarity double precision`);
    await db.query(`CREATE INDEX ix_monitor_public_posts_duplicate_of ON monitor_public_posts (duplicate_of)`);
    await db.query(`
      CREATE TABLE monitor_post_signatures (
        post_id       uuid        NOT NULL,
        at            timestamptz NOT NULL,
        canonical_id  uuid        NOT NULL,
        shingles      bytea       NOT NULL,
        CONSTRAINT pk_monitor_post_signatures PRIMARY KEY (post_id),
        CONSTRAINT fk_monitor_post_signatures_post FOREIGN KEY (post_id) REFERENCES monitor_public_posts (post_id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX ix_monitor_post_signatures_at ON monitor_post_signatures (at)`);
    await db.query(`
      CREATE TABLE monitor_post_signature_bands (
        band_key  text NOT NULL,
        post_id   uuid NOT NULL,
        CONSTRAINT pk_monitor_post_signature_bands PRIMARY KEY (band_key, post_id),
        CONSTRAINT fk_monitor_post_signature_bands_signature FOREIGN KEY (post_id) REFERENCES monitor_post_signatures (post_id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX ix_monitor_post_signature_bands_post_id ON monitor_post_signature_bands (post_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE monitor_post_signature_bands`);
    await db.query(`DROP TABLE monitor_post_signatures`);
    await db.query(`DROP INDEX ix_monitor_public_posts_duplicate_of`);
    await db.query(`ALTER TABLE monitor_public_posts DROP COLUMN duplicate_similarity, DROP COLUMN duplicate_of`);
  }
}
