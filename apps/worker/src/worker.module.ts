import { DynamicModule, Module } from '@nestjs/common';
import { TimeSource } from '@wenzheng/calendar';
import { FireClockTimerJob, RetimeClocksJob, TimerFeeder } from '@wenzheng/clocks';
import { HubConfig } from '@wenzheng/config';
import { AnalyzeMessageJob, IntakeJobsModule } from '@wenzheng/intake';
import { PreparePublicationJob, PublishingModule } from '@wenzheng/publishing';
import { MonitorMessageJob, MonitorModule, MonitorPublicPostJob } from '@wenzheng/monitor';
import { HOSTED_QUEUES, JOB_HANDLERS, JobWorkerHost, WORKER_QUEUES } from '@wenzheng/queue';
import { RetrainRoutingModelJob, RouteTicketJob, RoutingModule, RoutingRetrainTrigger } from '@wenzheng/routing';
import {
  AcknowledgePublicPostJob,
  ChatChannelsModule,
  PortalReplyChannel,
  ReceiveChatMessageJob,
  WechatReplyChannel,
  WeiboPollService,
  WeiboReplyChannel,
  WechatyReplyChannel,
} from '@wenzheng/channels';
import { DeliverReplyJob, REPLY_CHANNELS, SweepUnansweredJob, UnansweredSweepTrigger } from '@wenzheng/tickets';
import { hubCore, nlpModule } from '../../hub/src/hub-core';

/** Every job handler of the worker's queues (the bot's queue is the bot's); JobWorkerHost checks each has exactly one. */
const HANDLERS = [
  AnalyzeMessageJob,
  RouteTicketJob,
  FireClockTimerJob,
  RetimeClocksJob,
  SweepUnansweredJob,
  DeliverReplyJob,
  PreparePublicationJob,
  ReceiveChatMessageJob,
  RetrainRoutingModelJob,
  AcknowledgePublicPostJob,
  MonitorMessageJob,
  MonitorPublicPostJob,
];

/** The delivery port's adapters, one per channel. */
const REPLY_CHANNEL_ADAPTERS = [PortalReplyChannel, WechatReplyChannel, WeiboReplyChannel, WechatyReplyChannel];

/** The worker: no HTTP; queue processors, the outbox relay, the pipeline sweeper, the timer feeder, the Weibo poller. */
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
        RoutingModule.register(nlp),
        ChatChannelsModule,
      ],
      providers: [
        ...core.providers,
        FireClockTimerJob,
        RetimeClocksJob,
        SweepUnansweredJob,
        DeliverReplyJob,
        PortalReplyChannel,
        WechatyReplyChannel,
        { provide: REPLY_CHANNELS, inject: REPLY_CHANNEL_ADAPTERS, useFactory: (...channels: unknown[]) => channels },
        TimerFeeder,
        UnansweredSweepTrigger,
        RoutingRetrainTrigger,
        WeiboPollService,
        { provide: HOSTED_QUEUES, useValue: WORKER_QUEUES },
        { provide: JOB_HANDLERS, inject: HANDLERS, useFactory: (...handlers: unknown[]) => handlers },
        JobWorkerHost,
      ],
    };
  }
}
