import { DataSource } from 'typeorm';
import type { HubConfig } from '@wenzheng/config';
import { loadDemoStaffIfEmpty } from '@wenzheng/auth';
import { loadDemoCityIfEmpty, seedCategoryModelIfMissing } from '@wenzheng/routing';
import { dataSourceOptions } from './data-source-options';
import { ensureDatabase } from './ensure-database';
import { migrateUnderLock } from './migrate';

export interface PreparedDatabase {
  migrationsApplied: string[];
  demoLoaded: boolean;
}

/**
 * Boot step of every process: create the database if missing, migrate under the advisory lock, store the shipped
 * topic-category model if none is stored, load the demo city if empty.
 */
export async function prepareDatabase(config: HubConfig): Promise<PreparedDatabase> {
  await ensureDatabase(config.database.url);
  const dataSource = new DataSource({ ...dataSourceOptions(config.database.url, 2) });
  await dataSource.initialize();
  try {
    let demoLoaded = false;
    const migrationsApplied = await migrateUnderLock(dataSource, async () => {
      await seedCategoryModelIfMissing(dataSource.manager, config.routing.categoryModelFile);
      if (!config.demo.load) return;
      demoLoaded = await loadDemoCityIfEmpty(dataSource.manager, config.demo.directory);
      await loadDemoStaffIfEmpty(dataSource.manager, config.demo.directory);
    });
    return { migrationsApplied, demoLoaded };
  } finally {
    await dataSource.destroy();
  }
}
