export * from './notification.entity';
export * from './notification.port';
export * from './in-app-notifications';
export * from './notifications.module';
export * from './notification-inbox.service';
