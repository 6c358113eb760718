import { Global, Module } from '@nestjs/common';
import { InAppNotifications } from './in-app-notifications';
import { NotificationInbox } from './notification-inbox.service';
import { NOTIFICATION_PORT } from './notification.port';
import { RoutedNotifications } from './routed-notifications';

@Global()
@Module({
  providers: [InAppNotifications, { provide: NOTIFICATION_PORT, useClass: RoutedNotifications }, NotificationInbox],
  exports: [NOTIFICATION_PORT, NotificationInbox],
})
export class NotificationsModule {}
