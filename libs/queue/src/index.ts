export * from './job-catalogue';
export * from './job-handler';
export * from './job-queue.service';
export * from './job-worker.host';
export * from './queue.module';
export * from './redis-options';
export * from './with-timeout';
export * from './periodic-task';
