import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A message's LSH band keys as rows of their own, under a B-tree, instead of a text[] column under GIN: PostgreSQL
 * has no useful estimate for `band_keys && $1` (every key is unique, so the array statistics are empty) and chose a
 * scan of the whole window filtered by array overlap, 50 ms at 3,000 signatures and growing with the window.
 * `band_key = ANY($1)` is estimated from n_distinct and looked up by the index. The keys move over as they are;
 * the in-memory fingerprint changed with this release (one-permutation MinHash), so keys written before it no
 * longer match new messages and simply leave with their window.
 */
export class MonitorSignatureBands1796217736300 implements MigrationInterface {
  name = 'MonitorSignatureBands1796217736300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE monitor_signature_bands (
        band_key    text NOT NULL,
        message_id  uuid NOT NULL,
        CONSTRAINT pk_monitor_signature_bands PRIMARY KEY (band_key, message_id),
        CONSTRAINT fk_monitor_signature_bands_signature FOREIGN KEY (message_id) REFERENCES monitor_signatures (message_id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX ix_monitor_signature_bands_message_id ON monitor_signature_bands (message_id)`);
    await db.query(
      `INSERT INTO monitor_signature_bands (band_key, message_id)
       SELECT DISTINCT k.band_key, s.message_id FROM monitor_signatures s, unnest(s.band_keys) AS k(band_key)`,
    );
    await db.query(`DROP INDEX ix_monitor_signatures_band_keys`);
    await db.query(`ALTER TABLE monitor_signatures DROP COLUMN band_keys`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE monitor_signatures ADD COLUMN band_keys text[] NOT NULL DEFAULT '{}'`);
    await db.query(
      `UPDATE monitor_signatures s SET band_keys = b.keys
         FROM (SELECT message_id, array_agg(band_key ORDER BY band_key) AS keys FROM monitor_signature_bands GROUP BY message_id) b
        WHERE b.message_id = s.message_id`,
    );
    await db.query(`ALTER TABLE monitor_signatures ALTER COLUMN band_keys DROP DEFAULT`);
    await db.query(`CREATE INDEX ix_monitor_signatures_band_keys ON monitor_signatures USING gin (band_keys)`);
    await db.query(`DROP TABLE monitor_signature_bands`);
  }
}
