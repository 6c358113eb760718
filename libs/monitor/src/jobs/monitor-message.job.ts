import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, JobOutcome, MonitorMessageData } from '@wenzheng/queue';
import { MonitorProcessor } from '../store/monitor-processor.service';

/** Feeds an analyzed message to the monitor; a message already monitored is skipped (monitor_messages has its row). */
@Injectable()
export class MonitorMessageJob implements JobHandler<JobName.MonitorMessage> {
  readonly jobName = JobName.MonitorMessage;

  constructor(private readonly processor: MonitorProcessor) {}

  handle({ messageId }: MonitorMessageData): Promise<JobOutcome> {
    return this.processor.process(messageId);
  }
}
