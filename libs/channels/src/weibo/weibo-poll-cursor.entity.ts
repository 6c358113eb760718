import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ChannelAccountEntity } from '../accounts/channel-account.entities';
import type { WeiboTimeline } from './weibo-poll';

/** Where the polling of one timeline of one Weibo account stands (see WeiboPollCursor), and its rate-limit pause. */
@Entity({ name: 'weibo_poll_cursors' })
export class WeiboPollCursorEntity {
  @PrimaryColumn('uuid', { name: 'account_id', primaryKeyConstraintName: 'pk_weibo_poll_cursors' })
  accountId: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_weibo_poll_cursors' })
  timeline: WeiboTimeline;

  @ManyToOne(() => ChannelAccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_weibo_poll_cursors_account' })
  account?: ChannelAccountEntity;

  @Column('text', { name: 'since_id', nullable: true })
  sinceId: string | null;

  @Column('text', { name: 'resume_max_id', nullable: true })
  resumeMaxId: string | null;

  @Column('text', { name: 'resume_newest_id', nullable: true })
  resumeNewestId: string | null;

  @Column('timestamptz', { name: 'polled_at', nullable: true })
  polledAt: Date | null;

  @Column('timestamptz', { name: 'paused_until', nullable: true })
  pausedUntil: Date | null;

  @Column('integer', { name: 'rate_limit_strikes', default: 0 })
  rateLimitStrikes: number;
}
