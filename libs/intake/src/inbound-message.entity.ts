import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What the segmenter and keyword extractor found; written once by the analyze job. */
export interface MessageAnalysis {
  segmenter: string;
  tokens: string[];
  keywords: { term: string; weight: number }[];
}

/** A citizen's message as it arrived on a channel, normalized. Unique per channel and the channel's own id. */
@Entity({ name: 'inbound_messages' })
@Index('uq_inbound_messages_channel_external_id', ['channel', 'externalId'], { unique: true })
@Index('ix_inbound_messages_sender', ['accountId', 'senderId', 'receivedAt'], { where: 'sender_id IS NOT NULL' })
export class InboundMessageEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_inbound_messages' })
  id: string;

  @Column('text')
  channel: string;

  @Column('text', { name: 'external_id' })
  externalId: string;

  /** The platform account (WeChat official account, Weibo account) it was written to; null for the portal. */
  @Column('uuid', { name: 'account_id', nullable: true })
  accountId: string | null;

  /** The platform's id of the writer (OpenID, Weibo uid): their own tickets, and where the reply goes. */
  @Column('text', { name: 'sender_id', nullable: true })
  senderId: string | null;

  /** How the receipt reached the citizen when not in the answer itself (e.g. the customer-service API). */
  @Column('text', { name: 'acknowledged_via', nullable: true })
  acknowledgedVia: string | null;

  @Column('text', { name: 'sender_name', nullable: true })
  senderName: string | null;

  @Column('text', { name: 'sender_phone', nullable: true })
  senderPhone: string | null;

  @Column('text')
  title: string;

  @Column('text')
  body: string;

  @Column('text')
  kind: string;

  @Column('boolean', { name: 'public_consent' })
  publicConsent: boolean;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt: Date;

  @Column('jsonb', { nullable: true })
  analysis: MessageAnalysis | null;

  @Column('timestamptz', { name: 'analyzed_at', nullable: true })
  analyzedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
