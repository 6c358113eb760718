export * from './portal/portal-message.schema';
export * from './portal/portal.service';
export * from './portal/portal.module';
export * from './portal/status-page';
