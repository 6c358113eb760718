import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, JobOutcome, MonitorPublicPostData } from '@wenzheng/queue';
import { MonitorProcessor } from '../store/monitor-processor.service';

/** Feeds a public Weibo post to the monitor; a post already monitored is skipped (monitor_public_posts has its row). */
@Injectable()
export class MonitorPublicPostJob implements JobHandler<JobName.MonitorPublicPost> {
  readonly jobName = JobName.MonitorPublicPost;

  constructor(private readonly processor: MonitorProcessor) {}

  handle({ postId }: MonitorPublicPostData): Promise<JobOutcome> {
    return this.processor.processPost(postId);
  }
}
