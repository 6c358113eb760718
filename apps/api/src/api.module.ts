import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CALENDAR_CHANGE_LISTENER, CalendarModule, TimeSource } from '@wenzheng/calendar';
import { PortalModule } from '@wenzheng/channels';
import { ClocksModule, RetimeOnCalendarChange } from '@wenzheng/clocks';
import { ConfigModule, HubConfig } from '@wenzheng/config';
import { DatabaseModule } from '@wenzheng/database';
import { NotificationsModule } from '@wenzheng/notifications';
import { QueueModule } from '@wenzheng/queue';
import { TicketClockSubject, TicketsModule } from '@wenzheng/tickets';
import { CalendarController } from './calendar.controller';
import { HealthController } from './health.controller';
import { HttpErrorFilter } from './http-error.filter';
import { JsonContentTypeMiddleware } from './json-content-type.middleware';
import { PortalController } from './portal.controller';
import { StatsController } from './stats.controller';

/** The HTTP app: channel endpoints, calendar, health. It enqueues work; it never processes jobs. */
@Module({})
export class ApiModule implements NestModule {
  static create(config: HubConfig, time?: TimeSource): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(),
        QueueModule.forRoot(),
        CalendarModule.forRoot(time),
        NotificationsModule,
        ClocksModule.forRoot([TicketClockSubject]),
        PortalModule,
        TicketsModule,
      ],
      controllers: [PortalController, CalendarController, HealthController, StatsController],
      providers: [
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        // A calendar year loaded here re-times open deadlines in a worker.
        { provide: CALENDAR_CHANGE_LISTENER, useClass: RetimeOnCalendarChange },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(JsonContentTypeMiddleware)
      .exclude({ path: 'api/v1/calendar/years/:year/ics', method: RequestMethod.POST })
      .forRoutes({ path: 'api/*path', method: RequestMethod.POST });
  }
}
