import { DataSource } from 'typeorm';

/** Any constant shared by every process of the hub; taken with pg_advisory_lock so only one migrates at a time. */
const MIGRATION_LOCK_KEY = 0x77_7a_6d_67; // "wzmg"

/**
 * Runs pending migrations under a session-level advisory lock, then `afterMigrate` (e.g. demo data) under the same lock,
 * so an api and several workers starting together neither race nor half-apply.
 */
export async function migrateUnderLock(dataSource: DataSource, afterMigrate?: () => Promise<void>): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      await afterMigrate?.();
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
