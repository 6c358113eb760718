import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TimeSource } from '@wenzheng/calendar';
import { ChatChannelsModule, PortalModule } from '@wenzheng/channels';
import { HubConfig } from '@wenzheng/config';
import { AuthModule } from '@wenzheng/auth';
import { MonitorModule } from '@wenzheng/monitor';
import { PublishingModule } from '@wenzheng/publishing';
import { RoutingAdminService } from '@wenzheng/routing';
import { TicketsModule } from '@wenzheng/tickets';
import { ChannelWebhookController } from './channel-webhook.controller';
import { WorkbenchModule } from '@wenzheng/workbench';
import { AdminChannelAccountsController } from './admin-channel-accounts.controller';
import { AdminRoutingController } from './admin-routing.controller';
import { AdminUsersController } from './admin-users.controller';
import { ArchiveController } from './archive.controller';
import { ArchivePagesController } from './archive-pages.controller';
import { hubCore, nlpModule } from '../../hub/src/hub-core';
import { CalendarController } from './calendar.controller';
import { HealthController } from './health.controller';
import { HttpErrorFilter } from './http-error.filter';
import { JsonContentTypeMiddleware } from './json-content-type.middleware';
import { PortalController } from './portal.controller';
import { PortalPagesController } from './portal-pages.controller';
import { StaffInterpretationsController } from './staff-interpretations.controller';
import { StaffMonitorController } from './staff-monitor.controller';
import { StaffNotificationsController } from './staff-notifications.controller';
import { StaffPublicationsController } from './staff-publications.controller';
import { StaffSessionController } from './staff-session.controller';
import { StaffTicketsController } from './staff-tickets.controller';
import { StatsController } from './stats.controller';

/** The HTTP app: channel endpoints, the staff workbench, admin, calendar, health. It enqueues work; it never processes jobs. */
@Module({})
export class ApiModule implements NestModule {
  static create(config: HubConfig, time?: TimeSource): DynamicModule {
    const core = hubCore(config, time);
    const nlp = nlpModule(config);
    return {
      module: ApiModule,
      imports: [...core.imports, PortalModule, ChatChannelsModule, TicketsModule, AuthModule, PublishingModule.register(nlp), WorkbenchModule, MonitorModule.register(nlp)],
      controllers: [
        PortalController,
        PortalPagesController,
        StaffSessionController,
        StaffTicketsController,
        StaffNotificationsController,
        StaffPublicationsController,
        StaffInterpretationsController,
        StaffMonitorController,
        ArchiveController,
        ArchivePagesController,
        AdminUsersController,
        AdminChannelAccountsController,
        AdminRoutingController,
        ChannelWebhookController,
        CalendarController,
        HealthController,
        StatsController,
      ],
      providers: [...core.providers, RoutingAdminService, { provide: APP_FILTER, useClass: HttpErrorFilter }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(JsonContentTypeMiddleware)
      .exclude({ path: 'api/v1/calendar/years/:year/ics', method: RequestMethod.POST })
      .forRoutes(
        { path: 'api/*path', method: RequestMethod.POST },
        { path: 'api/*path', method: RequestMethod.PUT },
        { path: 'api/*path', method: RequestMethod.PATCH },
      );
  }
}
