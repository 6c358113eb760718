import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ChannelAccountSettings, ChannelMode, ChannelPlatform } from './channel-account.types';

/** A WeChat official account or Weibo account the hub receives for; `credentials` is sealed by SecretBox. */
@Entity({ name: 'channel_accounts' })
@Index('uq_channel_accounts_platform_app_id', ['platform', 'appId'], { unique: true })
export class ChannelAccountEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_channel_accounts' })
  id: string;

  @Column('text')
  platform: ChannelPlatform;

  @Column('text')
  name: string;

  @Column('text', { name: 'app_id' })
  appId: string;

  @Column('text')
  mode: ChannelMode;

  @Column('text')
  credentials: string;

  @Column('jsonb', { default: {} })
  settings: ChannelAccountSettings;

  @Column('boolean', { default: true })
  enabled: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A push that is not a text message (follow, menu click, image, location…), recorded once per platform retry key. */
@Entity({ name: 'channel_events' })
@Index('uq_channel_events_account_dedupe_key', ['accountId', 'dedupeKey'], { unique: true })
@Index('ix_channel_events_sender', ['accountId', 'senderId', 'receivedAt'])
export class ChannelEventEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_channel_events' })
  id: string;

  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @ManyToOne(() => ChannelAccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_channel_events_account' })
  account?: ChannelAccountEntity;

  @Column('text', { name: 'sender_id' })
  senderId: string;

  @Column('text', { name: 'dedupe_key' })
  dedupeKey: string;

  @Column('text')
  kind: string;

  @Column('jsonb')
  payload: Record<string, unknown>;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt: Date;
}
