import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CalendarModule, TimeSource } from '@wenzheng/calendar';
import { PortalModule } from '@wenzheng/channels';
import { ConfigModule, HubConfig } from '@wenzheng/config';
import { DatabaseModule } from '@wenzheng/database';
import { QueueModule } from '@wenzheng/queue';
import { CalendarController } from './calendar.controller';
import { HealthController } from './health.controller';
import { HttpErrorFilter } from './http-error.filter';
import { JsonContentTypeMiddleware } from './json-content-type.middleware';
import { PortalController } from './portal.controller';

/** The HTTP app: channel endpoints, calendar, health. It enqueues work; it never processes jobs. */
@Module({})
export class ApiModule implements NestModule {
  static create(config: HubConfig, time?: TimeSource): DynamicModule {
    return {
      module: ApiModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(), QueueModule.forRoot(), CalendarModule.forRoot(time), PortalModule],
      controllers: [PortalController, CalendarController, HealthController],
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(JsonContentTypeMiddleware).forRoutes({ path: 'api/*path', method: RequestMethod.POST });
  }
}
