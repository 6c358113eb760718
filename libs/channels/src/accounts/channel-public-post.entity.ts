import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ChannelAccountEntity } from './channel-account.entities';

/**
 * A public @mention of, or comment to, a platform account (Weibo now): not a 诉求 and never a ticket, kept for the
 * hot-topic monitor, once per platform key whether it was pushed or polled.
 */
@Entity({ name: 'channel_public_posts' })
@Index('uq_channel_public_posts_account_dedupe_key', ['accountId', 'dedupeKey'], { unique: true })
@Index('ix_channel_public_posts_received_at', ['receivedAt'])
@Check('ck_channel_public_posts_kind', `"kind" IN ('mention', 'comment')`)
@Check('ck_channel_public_posts_source', `"source" IN ('push', 'poll')`)
export class ChannelPublicPostEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_channel_public_posts' })
  id: string;

  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @ManyToOne(() => ChannelAccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_channel_public_posts_account' })
  account?: ChannelAccountEntity;

  @Column('text')
  kind: 'mention' | 'comment';

  /** `weibo:<author uid>:<created_at>`: the only key a push carries, so push and poll meet on it. */
  @Column('text', { name: 'dedupe_key' })
  dedupeKey: string;

  @Column('text')
  source: 'push' | 'poll';

  /** The post's or comment's platform id (polled items; pushes do not carry one). */
  @Column('text', { name: 'platform_post_id', nullable: true })
  platformPostId: string | null;

  /** For a comment: the post it belongs to. */
  @Column('text', { name: 'platform_status_id', nullable: true })
  platformStatusId: string | null;

  @Column('text', { name: 'author_id' })
  authorId: string;

  @Column('text')
  text: string;

  @Column('timestamptz', { name: 'posted_at', nullable: true })
  postedAt: Date | null;

  @Column('jsonb', { default: {} })
  payload: Record<string, unknown>;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt: Date;

  /** How the public acknowledgement went: passive-reply, public-comment, refused, none; 'sending' while claimed. */
  @Column('text', { name: 'acknowledged_via', nullable: true })
  acknowledgedVia: string | null;

  @Column('timestamptz', { name: 'acknowledged_at', nullable: true })
  acknowledgedAt: Date | null;
}
