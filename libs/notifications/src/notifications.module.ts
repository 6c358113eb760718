import { Global, Module } from '@nestjs/common';
import { InAppNotifications } from './in-app-notifications';
import { NotificationInbox } from './notification-inbox.service';
import { NOTIFICATION_PORT } from './notification.port';

@Global()
@Module({
  providers: [{ provide: NOTIFICATION_PORT, useClass: InAppNotifications }, NotificationInbox],
  exports: [NOTIFICATION_PORT, NotificationInbox],
})
export class NotificationsModule {}
