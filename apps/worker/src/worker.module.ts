import { DynamicModule, Module } from '@nestjs/common';
import { CALENDAR_CHANGE_LISTENER, CalendarModule, TimeSource } from '@wenzheng/calendar';
import { ClocksModule, FireClockTimerJob, RetimeClocksJob, RetimeOnCalendarChange, TimerFeeder } from '@wenzheng/clocks';
import { ConfigModule, HubConfig } from '@wenzheng/config';
import { DatabaseModule } from '@wenzheng/database';
import { AnalyzeMessageJob, IntakeJobsModule } from '@wenzheng/intake';
import { NlpModule } from '@wenzheng/nlp';
import { NotificationsModule } from '@wenzheng/notifications';
import { JOB_HANDLERS, JobWorkerHost, QueueModule } from '@wenzheng/queue';
import { RouteTicketJob, RoutingModule } from '@wenzheng/routing';
import { SweepUnansweredJob, TicketClockSubject, UnansweredSweepTrigger } from '@wenzheng/tickets';

/** Every job handler of the hub; JobWorkerHost refuses to start unless each job name has exactly one. */
const HANDLERS = [AnalyzeMessageJob, RouteTicketJob, FireClockTimerJob, RetimeClocksJob, SweepUnansweredJob];

/** The worker: no HTTP; queue processors, the outbox relay, the pipeline sweeper, the timer feeder. */
@Module({})
export class WorkerModule {
  static create(config: HubConfig, time?: TimeSource): DynamicModule {
    const nlp = NlpModule.forRoot({
      segmenter: config.nlp.segmenter,
      userDictPath: config.nlp.userDictPath,
      stopWordsPath: config.nlp.stopWordsPath,
    });
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(),
        QueueModule.forRoot(),
        CalendarModule.forRoot(time),
        NotificationsModule,
        ClocksModule.forRoot([TicketClockSubject]),
        IntakeJobsModule.register(nlp),
        RoutingModule,
      ],
      providers: [
        FireClockTimerJob,
        RetimeClocksJob,
        SweepUnansweredJob,
        TimerFeeder,
        UnansweredSweepTrigger,
        { provide: CALENDAR_CHANGE_LISTENER, useClass: RetimeOnCalendarChange },
        { provide: JOB_HANDLERS, inject: HANDLERS, useFactory: (...handlers: unknown[]) => handlers },
        JobWorkerHost,
      ],
    };
  }
}
