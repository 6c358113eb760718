import { DynamicModule, Module } from '@nestjs/common';
import { CALENDAR_CHANGE_LISTENER, CalendarModule } from '@wenzheng/calendar';
import { RetimeOnCalendarChange } from '@wenzheng/clocks';
import { ConfigModule, HubConfig } from '@wenzheng/config';
import { DatabaseModule } from '@wenzheng/database';
import { QueueModule } from '@wenzheng/queue';

/**
 * The operator's tools: no HTTP, no job processing. The queues are here only so that a loaded year asks the
 * workers to re-time open deadlines, exactly as a load through the API does.
 */
@Module({})
export class CliModule {
  static create(config: HubConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(), QueueModule.forRoot(), CalendarModule.forRoot()],
      providers: [{ provide: CALENDAR_CHANGE_LISTENER, useClass: RetimeOnCalendarChange }],
    };
  }
}
