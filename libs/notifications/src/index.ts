export * from './notification.entity';
export * from './notification.port';
export * from './in-app-notifications';
export * from './notifications.module';
export * from './notification-inbox.service';
export * from './duty-group-notice.entity';
export * from './duty-group-routes';
export * from './routed-notifications';
