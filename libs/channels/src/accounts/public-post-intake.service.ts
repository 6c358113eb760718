import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Outbox } from '@wenzheng/intake';
import { JobName, JobRequest } from '@wenzheng/queue';
import { ChannelPublicPostsRepository, PublicPostRecord, RecordedPublicPost } from './channel-public-posts.repository';

/**
 * Records a public post with the jobs that follow from it, in one transaction (the outbox relay sends them if the
 * quick publish after commit cannot): the hot-topic monitor's for a post new to the hub, and those the caller adds
 * for it (a polled mention's public answer). A post seen again (the platform's retry, the other path) gets none.
 */
@Injectable()
export class PublicPostIntake {
  constructor(
    private readonly dataSource: DataSource,
    private readonly posts: ChannelPublicPostsRepository,
    private readonly outbox: Outbox,
  ) {}

  async record(post: PublicPostRecord, moreJobs: (postId: string) => JobRequest[] = () => []): Promise<RecordedPublicPost> {
    const jobs: JobRequest[] = [];
    const recorded = await this.dataSource.transaction(async (manager) => {
      const row = await this.posts.record(post, manager);
      if (row.inserted) jobs.push({ name: JobName.MonitorPublicPost, data: { postId: row.id } }, ...moreJobs(row.id));
      await this.outbox.add(manager, jobs);
      return row;
    });
    await this.outbox.publish(jobs);
    return recorded;
  }
}
