import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { AcknowledgePublicPostData, JobHandler, JobName, JobOutcome } from '@wenzheng/queue';
import { ChannelAccountsService } from '../accounts/channel-accounts.service';
import { WeiboApiClient, WeiboApiError, asWeiboJobError } from './weibo-api.client';
import { publicAcknowledgementText } from './weibo-push-plan';
import { WEIBO_API } from './weibo-reply.channel';

interface ClaimedPost {
  account_id: string;
  platform_post_id: string | null;
  platform_status_id: string | null;
}

/**
 * Answers a polled @mention with the account's short public text, as a comment under the post (or a reply to the
 * comment): once, recorded on the row (`public-comment`, `refused` when the platform says no, `none` when it cannot be
 * answered). Claimed before sending, so two runs never both comment; released again when sending fails.
 */
@Injectable()
export class AcknowledgePublicPostJob implements JobHandler<JobName.AcknowledgePublicPost> {
  readonly jobName = JobName.AcknowledgePublicPost;

  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: ChannelAccountsService,
    @Inject(WEIBO_API) private readonly api: WeiboApiClient,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {}

  async handle({ postId }: AcknowledgePublicPostData): Promise<JobOutcome> {
    // An UPDATE … RETURNING answers [rows, count].
    const [[post]]: [ClaimedPost[], number] = await this.dataSource.query(
      `UPDATE channel_public_posts SET acknowledged_via = 'sending' WHERE id = $1 AND acknowledged_via IS NULL
       RETURNING account_id, platform_post_id, platform_status_id`,
      [postId],
    );
    if (!post) return 'skipped';
    const account = await this.accounts.resolveOf(post.account_id, 'weibo');
    if (!account || !post.platform_post_id) return this.settle(postId, 'none');
    try {
      await this.api.comment({
        accessToken: account.credentials.accessToken,
        statusId: post.platform_status_id ?? post.platform_post_id,
        ...(post.platform_status_id ? { commentId: post.platform_post_id } : {}),
        text: publicAcknowledgementText(account.settings),
      });
    } catch (error) {
      if (error instanceof WeiboApiError && error.kind === 'refused') return this.settle(postId, 'refused');
      await this.dataSource.query(`UPDATE channel_public_posts SET acknowledged_via = NULL WHERE id = $1`, [postId]);
      throw asWeiboJobError(error);
    }
    return this.settle(postId, 'public-comment');
  }

  private async settle(postId: string, via: string): Promise<JobOutcome> {
    await this.dataSource.query(`UPDATE channel_public_posts SET acknowledged_via = $2, acknowledged_at = $3 WHERE id = $1`, [postId, via, this.time.now()]);
    return 'done';
  }
}
