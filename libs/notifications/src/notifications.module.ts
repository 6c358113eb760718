import { Global, Module } from '@nestjs/common';
import { InAppNotifications } from './in-app-notifications';
import { NOTIFICATION_PORT } from './notification.port';

@Global()
@Module({ providers: [{ provide: NOTIFICATION_PORT, useClass: InAppNotifications }], exports: [NOTIFICATION_PORT] })
export class NotificationsModule {}
