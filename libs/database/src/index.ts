export * from './data-source-options';
export * from './database.module';
export * from './ensure-database';
export * from './entities';
export * from './migrate';
export * from './prepare-database';
export * from './with-client';
