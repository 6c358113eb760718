import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { CALENDAR_CHANGE_LISTENER, CalendarModule, TimeSource } from '@wenzheng/calendar';
import { ClocksModule, RetimeOnCalendarChange } from '@wenzheng/clocks';
import { ConfigModule, HubConfig } from '@wenzheng/config';
import { DatabaseModule } from '@wenzheng/database';
import { NlpModule } from '@wenzheng/nlp';
import { NotificationsModule } from '@wenzheng/notifications';
import { QueueModule } from '@wenzheng/queue';
import { InterpretationClockSubject } from '@wenzheng/publishing';
import { TicketClockSubject } from '@wenzheng/tickets';

/** What every role of the hub wires the same way: config, database, queues, calendar, notices, clocks. */
export function hubCore(config: HubConfig, time?: TimeSource): { imports: (DynamicModule | Type)[]; providers: Provider[] } {
  return {
    imports: [
      ConfigModule.forRoot(config),
      DatabaseModule.forRoot(),
      QueueModule.forRoot(),
      CalendarModule.forRoot(time),
      NotificationsModule,
      ClocksModule.forRoot([TicketClockSubject, InterpretationClockSubject]),
    ],
    // A calendar year loaded in this process re-times open deadlines in a worker.
    providers: [{ provide: CALENDAR_CHANGE_LISTENER, useClass: RetimeOnCalendarChange }],
  };
}

/** The configured segmenter and keyword dictionaries; one instance per app, shared by the modules that need them. */
export function nlpModule(config: HubConfig): DynamicModule {
  return NlpModule.forRoot({
    segmenter: config.nlp.segmenter,
    userDictPath: config.nlp.userDictPath,
    stopWordsPath: config.nlp.stopWordsPath,
  });
}
