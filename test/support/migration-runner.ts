import { DataSource, QueryRunner } from 'typeorm';
import { dataSourceOptions } from '../../libs/database/src';
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
