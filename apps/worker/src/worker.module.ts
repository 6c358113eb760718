import { DynamicModule, Module } from '@nestjs/common';
import { TimeSource } from '@wenzheng/calendar';
import { FireClockTimerJob, RetimeClocksJob, TimerFeeder } from '@wenzheng/clocks';
import { HubConfig } from '@wenzheng/config';
import { AnalyzeMessageJob, IntakeJobsModule } from '@wenzheng/intake';
import { PreparePublicationJob, PublishingModule } from '@wenzheng/publishing';
import { MonitorMessageJob, MonitorModule } from '@wenzheng/monitor';
import { JOB_HANDLERS, JobWorkerHost } from '@wenzheng/queue';
import { RouteTicketJob, RoutingModule } from '@wenzheng/routing';
import { ChatChannelsModule, PortalReplyChannel, ReceiveChatMessageJob, WechatReplyChannel } from '@wenzheng/channels';
import { DeliverReplyJob, REPLY_CHANNELS, SweepUnansweredJob, UnansweredSweepTrigger } from '@wenzheng/tickets';
import { hubCore, nlpModule } from '../../hub/src/hub-core';

/** Every job handler of the hub; JobWorkerHost refuses to start unless each job name has exactly one. */
const HANDLERS = [
  AnalyzeMessageJob,
  RouteTicketJob,
  FireClockTimerJob,
  RetimeClocksJob,
  SweepUnansweredJob,
  DeliverReplyJob,
  PreparePublicationJob,
  ReceiveChatMessageJob,
  MonitorMessageJob,
];

/** The delivery port's adapters, one per channel (WeChat, Weibo and the bot add theirs). */
const REPLY_CHANNEL_ADAPTERS = [PortalReplyChannel, WechatReplyChannel];

/** The worker: no HTTP; queue processors, the outbox relay, the pipeline sweeper, the timer feeder. */
@Module({})
export class WorkerModule {
  static create(config: HubConfig, time?: TimeSource): DynamicModule {
    const nlp = nlpModule(config);
    const core = hubCore(config, time);
    return {
      module: WorkerModule,
      imports: [
        ...core.imports,
        IntakeJobsModule.register(nlp),
        MonitorModule.registerJobs(nlp),
        PublishingModule.register(nlp),
        RoutingModule,
        ChatChannelsModule,
      ],
      providers: [
        ...core.providers,
        FireClockTimerJob,
        RetimeClocksJob,
        SweepUnansweredJob,
        DeliverReplyJob,
        PortalReplyChannel,
        { provide: REPLY_CHANNELS, inject: REPLY_CHANNEL_ADAPTERS, useFactory: (...channels: unknown[]) => channels },
        TimerFeeder,
        UnansweredSweepTrigger,
        { provide: JOB_HANDLERS, inject: HANDLERS, useFactory: (...handlers: unknown[]) => handlers },
        JobWorkerHost,
      ],
    };
  }
}
