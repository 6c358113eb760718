import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who sent each stored signature, as a keyed pseudonym (the monitor needs only to tell senders apart, not who they
 * are): a citizen who sends the same letter again (催问) resends it, and only a copy from someone else counts towards
 * an organised campaign. Signatures stored before this have no sender, as do messages of unknown senders.
 */
export class MonitorSignatureSenders1796217736600 implements MigrationInterface {
  name = 'MonitorSignatureSenders1796217736600';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE monitor_signatures ADD COLUMN sender_key text`);
    await db.query(`ALTER TABLE monitor_post_signatures ADD COLUMN sender_key text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE monitor_post_signatures DROP COLUMN sender_key`);
    await db.query(`ALTER TABLE monitor_signatures DROP COLUMN sender_key`);
  }
}
