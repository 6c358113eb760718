import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { dataSourceOptions } from '../../libs/database/src';
import { MIGRATIONS } from '../../libs/database/src/migrations';
import { createTestDatabase } from './test-database';

/** A query runner on a fresh copy of the migrated template database, for taking one migration down and up again. */
export async function withMigrationRunner(work: (runner: QueryRunner, databaseUrl: string) => Promise<void>): Promise<void> {
  const database = await createTestDatabase();
  const dataSource = new DataSource(dataSourceOptions(database.url, 1));
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await work(runner, database.url);
  } finally {
    await runner.release();
    await dataSource.destroy();
    await database.drop();
  }
}

/**
 * Takes `target` down (the migrations after it first, newest first, since they may depend on it), runs `whileDown`,
 * then brings them all up again in order.
 */
export async function downAndUp(runner: QueryRunner, target: new () => MigrationInterface, whileDown: () => Promise<void>): Promise<void> {
  const index = MIGRATIONS.findIndex((m) => m === target);
  if (index < 0) throw new Error(`${target.name} is not in MIGRATIONS`);
  const stack = MIGRATIONS.slice(index).map((M) => new M());
  for (const migration of [...stack].reverse()) await migration.down(runner);
  await whileDown();
  for (const migration of stack) await migration.up(runner);
}
