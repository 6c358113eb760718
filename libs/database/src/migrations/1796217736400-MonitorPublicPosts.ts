import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the hot-topic monitor made of each public Weibo post (@mention, comment): its topic cluster and sentiment.
 * Public posts are no tickets, so they have a table of their own beside monitor_messages (whose rows each name a
 * ticket); they have no near-duplicate signatures, since a 并单 suggestion merges tickets.
 */
export class MonitorPublicPosts1796217736400 implements MigrationInterface {
  name = 'MonitorPublicPosts1796217736400';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE monitor_public_posts (
        post_id          uuid             NOT NULL,
        at               timestamptz      NOT NULL,
        channel          text             NOT NULL,
        cluster_id       text,
        sentiment_score  double precision NOT NULL,
        sentiment_label  text             NOT NULL,
        processed_at     timestamptz      NOT NULL,
        CONSTRAINT pk_monitor_public_posts PRIMARY KEY (post_id),
        CONSTRAINT fk_monitor_public_posts_post FOREIGN KEY (post_id) REFERENCES channel_public_posts (id) ON DELETE RESTRICT,
        CONSTRAINT fk_monitor_public_posts_cluster FOREIGN KEY (cluster_id) REFERENCES monitor_clusters (id) ON DELETE RESTRICT
      )`);
    await db.query(`CREATE INDEX ix_monitor_public_posts_cluster_id ON monitor_public_posts (cluster_id, at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE monitor_public_posts`);
  }
}
