import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { JobName, PeriodicTask } from '@wenzheng/queue';
import { ChannelAccountsService } from '../accounts/channel-accounts.service';
import type { PlatformAccount } from '../accounts/channel-account.types';
import { PublicPostIntake } from '../accounts/public-post-intake.service';
import { WeiboApiClient, WeiboApiError } from './weibo-api.client';
import { rateLimitPauseMs } from './weibo-errors';
import { afterWeiboPage, firstWeiboPage, WEIBO_TIMELINES, WeiboPageRequest, WeiboPollCursor, WeiboPublicItem, WeiboTimeline } from './weibo-poll';
import { weiboDedupeKey } from './weibo-push';
import { WEIBO_API } from './weibo-reply.channel';

type WeiboAccount = PlatformAccount<'weibo'>;

export type WeiboPollOutcome = 'polled' | 'not-due' | 'rate-limited' | 'failed';

interface CursorRow {
  since_id: string | null;
  resume_max_id: string | null;
  resume_newest_id: string | null;
  rate_limit_strikes: number;
}

/**
 * The polling fallback (accounts in mode `poll`): every WEIBO_POLL_INTERVAL_MS, each timeline of each account is
 * claimed in PostgreSQL (at most one poll per interval, whatever the number of workers), paged with its since_id cursor,
 * and each new post recorded with its acknowledgement job in one transaction. A rate-limit answer pauses the whole
 * account, longer at each strike in a row.
 */
@Injectable()
export class WeiboPollService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WeiboPoll');
  private readonly task = new PeriodicTask(this.logger, 'Weibo poll', () => this.pollAll());

  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: ChannelAccountsService,
    private readonly intake: PublicPostIntake,
    @Inject(WEIBO_API) private readonly api: WeiboApiClient,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.channels.weiboPollIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** One round over every polled account; what happened per account and timeline. */
  async pollAll(): Promise<Record<string, Partial<Record<WeiboTimeline, WeiboPollOutcome>>>> {
    const outcomes: Record<string, Partial<Record<WeiboTimeline, WeiboPollOutcome>>> = {};
    for (const account of await this.accounts.enabledAccounts('weibo')) {
      if (account.platform !== 'weibo' || account.mode !== 'poll') continue;
      const perTimeline: Partial<Record<WeiboTimeline, WeiboPollOutcome>> = (outcomes[account.id] = {});
      for (const timeline of Object.keys(WEIBO_TIMELINES) as WeiboTimeline[]) {
        const outcome = await this.pollTimeline(account, timeline);
        perTimeline[timeline] = outcome;
        if (outcome === 'rate-limited') break;
      }
    }
    return outcomes;
  }

  private async pollTimeline(account: WeiboAccount, timeline: WeiboTimeline): Promise<WeiboPollOutcome> {
    const row = await this.claim(account.id, timeline);
    if (!row) return 'not-due';
    const cursor: WeiboPollCursor = { sinceId: row.since_id, resumeMaxId: row.resume_max_id, resumeNewestId: row.resume_newest_id };
    let request: WeiboPageRequest = firstWeiboPage(cursor);
    let newest: string | null = null;
    for (let page = 1; ; page++) {
      let items: WeiboPublicItem[];
      try {
        items = await this.api.timeline(account.credentials.accessToken, timeline, request);
      } catch (error) {
        if (!(error instanceof WeiboApiError)) throw error;
        if (error.kind === 'rateLimited') return this.pause(account.id, row.rate_limit_strikes, error);
        // The cursor stays; the next interval tries again.
        this.logger.warn(`account ${account.id} ${timeline}: ${error.message}`);
        return 'failed';
      }
      await this.record(account, timeline, items);
      const step = afterWeiboPage(cursor, request, newest, items, page);
      if ('done' in step) {
        await this.dataSource.query(
          `UPDATE weibo_poll_cursors SET since_id = $3, resume_max_id = $4, resume_newest_id = $5, rate_limit_strikes = 0
            WHERE account_id = $1 AND timeline = $2`,
          [account.id, timeline, step.done.sinceId, step.done.resumeMaxId, step.done.resumeNewestId],
        );
        return 'polled';
      }
      request = step.next;
      newest = step.newestId;
    }
  }

  /** The cursor row, when this timeline is due (not polled within the interval, not paused) — claimed for this interval. */
  private async claim(accountId: string, timeline: WeiboTimeline): Promise<CursorRow | undefined> {
    const now = this.time.now();
    await this.dataSource.query(`INSERT INTO weibo_poll_cursors (account_id, timeline) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [accountId, timeline]);
    // 0.9: a timer that fires a little early must not skip a whole interval.
    const dueBefore = new Date(now.getTime() - this.config.channels.weiboPollIntervalMs * 0.9);
    // An UPDATE … RETURNING answers [rows, count].
    const [[row]]: [CursorRow[], number] = await this.dataSource.query(
      `UPDATE weibo_poll_cursors SET polled_at = $3
        WHERE account_id = $1 AND timeline = $2 AND (polled_at IS NULL OR polled_at <= $4) AND (paused_until IS NULL OR paused_until <= $3)
        RETURNING since_id, resume_max_id, resume_newest_id, rate_limit_strikes`,
      [accountId, timeline, now, dueBefore],
    );
    return row;
  }

  private async pause(accountId: string, strikes: number, error: WeiboApiError): Promise<WeiboPollOutcome> {
    const until = new Date(this.time.now().getTime() + rateLimitPauseMs(strikes, this.config.channels.weiboPollIntervalMs));
    await this.dataSource.query(`UPDATE weibo_poll_cursors SET paused_until = $2, rate_limit_strikes = $3 WHERE account_id = $1`, [accountId, until, strikes + 1]);
    this.logger.warn(`account ${accountId}: ${error.message}; polling paused until ${until.toISOString()}`);
    return 'rate-limited';
  }

  private async record(account: WeiboAccount, timeline: WeiboTimeline, items: readonly WeiboPublicItem[]): Promise<void> {
    const { kind } = WEIBO_TIMELINES[timeline];
    for (const item of items) {
      await this.intake.record(
        {
            accountId: account.id,
            kind,
            dedupeKey: weiboDedupeKey({ senderId: item.authorId, createdAt: item.createdAt }),
            source: 'poll',
            platformPostId: item.id,
            ...(item.statusId ? { platformStatusId: item.statusId } : {}),
            authorId: item.authorId,
            text: item.text,
            postedAt: item.createdAtMs === undefined ? null : new Date(item.createdAtMs),
            payload: { timeline },
            receivedAt: this.time.now(),
            // Comments on the account's own posts are read, not answered one by one; mentions get the short answer.
            ...(kind === 'comment' ? { acknowledgedVia: 'none' } : {}),
        },
        (postId) => (kind === 'mention' ? [{ name: JobName.AcknowledgePublicPost, data: { postId } }] : []),
      );
    }
  }
}
