import { DynamicModule, Module } from '@nestjs/common';
import { CalendarModule, TimeSource } from '@wenzheng/calendar';
import { ConfigModule, HubConfig } from '@wenzheng/config';
import { DatabaseModule } from '@wenzheng/database';
import { AnalyzeMessageJob, IntakeJobsModule } from '@wenzheng/intake';
import { NlpModule } from '@wenzheng/nlp';
import { JOB_HANDLERS, JobWorkerHost, QueueModule } from '@wenzheng/queue';
import { RouteTicketJob, RoutingModule } from '@wenzheng/routing';

/** Every job handler of the hub; JobWorkerHost refuses to start unless each job name has exactly one. */
const HANDLERS = [AnalyzeMessageJob, RouteTicketJob];

/** The worker: no HTTP, only queue processors, the outbox relay and the pipeline sweeper. */
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
        IntakeJobsModule.register(nlp),
        RoutingModule,
      ],
      providers: [
        { provide: JOB_HANDLERS, inject: HANDLERS, useFactory: (...handlers: unknown[]) => handlers },
        JobWorkerHost,
      ],
    };
  }
}
