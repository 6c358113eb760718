import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { AlertLevel, AlertReason } from '../alert-level';
import type { ClusterBurst } from '../burst-detector';
import type { TopicClusterState } from '../topic-clusterer';

/** The one row every monitor step locks and bumps: the clusterer's clock and sequence, and the revision workers sync to. */
@Entity({ name: 'monitor_state' })
export class MonitorStateEntity {
  @PrimaryColumn('smallint', { primaryKeyConstraintName: 'pk_monitor_state' })
  id: number;

  @Column('bigint')
  revision: string;

  @Column('timestamptz', { nullable: true })
  clock: Date | null;

  @Column('integer', { name: 'next_seq' })
  nextSeq: number;
}

export type MonitorClusterStatus = 'live' | 'expired';

/** A topic cluster, one row each: its clusterer state and the columns the monitor view sorts and filters on. */
@Entity({ name: 'monitor_clusters' })
@Index('ix_monitor_clusters_revision', ['revision'])
@Index('ix_monitor_clusters_status_last_at', ['status', 'lastAt'])
export class MonitorClusterEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_monitor_clusters' })
  id: string;

  @Column('jsonb')
  state: TopicClusterState;

  @Column('text', { array: true })
  label: string[];

  @Column('integer', { name: 'message_count' })
  messageCount: number;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'last_at' })
  lastAt: Date;

  @Column('text')
  status: MonitorClusterStatus;

  /** The monitor_state revision that last wrote this row. */
  @Column('bigint')
  revision: string;

  /** The burst check after the cluster's latest message. */
  @Column('jsonb')
  burst: ClusterBurst;
}

/**
 * What the monitor made of one item it took, a message or a public post: the columns both tables have. Each entity
 * names its own cluster foreign key and indexes.
 */
abstract class MonitoredItemColumns {
  /** When it was received (a post: when it was posted, or received if the platform gave no time or a later one). */
  @Column('timestamptz')
  at: Date;

  /** The message's channel; `weibo-mention` or `weibo-comment` for a post. */
  @Column('text')
  channel: string;

  /** Null when it had no terms to cluster on. */
  @Column('text', { name: 'cluster_id', nullable: true })
  clusterId: string | null;

  @Column('double precision', { name: 'sentiment_score' })
  sentimentScore: number;

  @Column('text', { name: 'sentiment_label' })
  sentimentLabel: string;

  /** The first item of the near-duplicate group this one belongs to: a message for a message, a post for a post. */
  @Column('uuid', { name: 'duplicate_of', nullable: true })
  duplicateOf: string | null;

  @Column('double precision', { name: 'duplicate_similarity', nullable: true })
  duplicateSimilarity: number | null;

  @Column('timestamptz', { name: 'processed_at' })
  processedAt: Date;
}

/** What the monitor made of one message: its cluster, sentiment, and the earlier message it copies (并单 suggestion). */
@Entity({ name: 'monitor_messages' })
@Index('ix_monitor_messages_cluster_id', ['clusterId', 'at'])
@Index('ix_monitor_messages_duplicate_of', ['duplicateOf'])
export class MonitorMessageEntity extends MonitoredItemColumns {
  @PrimaryColumn('uuid', { name: 'message_id', primaryKeyConstraintName: 'pk_monitor_messages' })
  messageId: string;

  @ManyToOne('InboundMessageEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'fk_monitor_messages_message' })
  message?: object;

  @Column('uuid', { name: 'ticket_id' })
  ticketId: string;

  @ManyToOne('TicketEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_monitor_messages_ticket' })
  ticket?: object;

  @ManyToOne(() => MonitorClusterEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cluster_id', foreignKeyConstraintName: 'fk_monitor_messages_cluster' })
  cluster?: MonitorClusterEntity;

  /** The dispatcher set the 并单 suggestion aside. */
  @Column('timestamptz', { name: 'suggestion_dismissed_at', nullable: true })
  suggestionDismissedAt: Date | null;
}

/** What the monitor made of one public Weibo post (@mention or comment, no ticket): its cluster, sentiment, and the earlier post it copies. */
@Entity({ name: 'monitor_public_posts' })
@Index('ix_monitor_public_posts_cluster_id', ['clusterId', 'at'])
@Index('ix_monitor_public_posts_duplicate_of', ['duplicateOf'])
export class MonitorPublicPostEntity extends MonitoredItemColumns {
  @PrimaryColumn('uuid', { name: 'post_id', primaryKeyConstraintName: 'pk_monitor_public_posts' })
  postId: string;

  @ManyToOne('ChannelPublicPostEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'post_id', foreignKeyConstraintName: 'fk_monitor_public_posts_post' })
  post?: object;

  @ManyToOne(() => MonitorClusterEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cluster_id', foreignKeyConstraintName: 'fk_monitor_public_posts_cluster' })
  cluster?: MonitorClusterEntity;
}

/** A stored near-duplicate signature, a message's or a post's: the columns both tables have. */
abstract class SignatureColumns {
  @Column('timestamptz')
  at: Date;

  /** The first of its near-duplicate group (itself when it copies none). */
  @Column('uuid', { name: 'canonical_id' })
  canonicalId: string;

  /** The sorted 32-bit shingle hashes, little-endian. */
  @Column('bytea')
  shingles: Buffer;

  /** A keyed pseudonym of who sent it (`senderKeyOf`); null when unknown. */
  @Column('text', { name: 'sender_key', nullable: true })
  senderKey: string | null;
}

/** A message's 3-gram set, kept for the near-duplicate window; its band keys are `monitor_signature_bands`. */
@Entity({ name: 'monitor_signatures' })
@Index('ix_monitor_signatures_at', ['at'])
export class MonitorSignatureEntity extends SignatureColumns {
  @PrimaryColumn('uuid', { name: 'message_id', primaryKeyConstraintName: 'pk_monitor_signatures' })
  messageId: string;

  @ManyToOne(() => MonitorMessageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'fk_monitor_signatures_message' })
  message?: MonitorMessageEntity;
}

/** One LSH band key of a stored signature: messages sharing a key are near-duplicate candidates. */
@Entity({ name: 'monitor_signature_bands' })
@Index('ix_monitor_signature_bands_message_id', ['messageId'])
export class MonitorSignatureBandEntity {
  @PrimaryColumn('text', { name: 'band_key', primaryKeyConstraintName: 'pk_monitor_signature_bands' })
  bandKey: string;

  @PrimaryColumn('uuid', { name: 'message_id', primaryKeyConstraintName: 'pk_monitor_signature_bands' })
  messageId: string;

  @ManyToOne(() => MonitorSignatureEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'fk_monitor_signature_bands_signature' })
  signature?: MonitorSignatureEntity;
}

/** A public post's 3-gram set, kept for the near-duplicate window, compared with other posts' only. */
@Entity({ name: 'monitor_post_signatures' })
@Index('ix_monitor_post_signatures_at', ['at'])
export class MonitorPostSignatureEntity extends SignatureColumns {
  @PrimaryColumn('uuid', { name: 'post_id', primaryKeyConstraintName: 'pk_monitor_post_signatures' })
  postId: string;

  @ManyToOne(() => MonitorPublicPostEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'post_id', foreignKeyConstraintName: 'fk_monitor_post_signatures_post' })
  post?: MonitorPublicPostEntity;
}

/** One LSH band key of a stored post signature. */
@Entity({ name: 'monitor_post_signature_bands' })
@Index('ix_monitor_post_signature_bands_post_id', ['postId'])
export class MonitorPostSignatureBandEntity {
  @PrimaryColumn('text', { name: 'band_key', primaryKeyConstraintName: 'pk_monitor_post_signature_bands' })
  bandKey: string;

  @PrimaryColumn('uuid', { name: 'post_id', primaryKeyConstraintName: 'pk_monitor_post_signature_bands' })
  postId: string;

  @ManyToOne(() => MonitorPostSignatureEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'post_id', foreignKeyConstraintName: 'fk_monitor_post_signature_bands_signature' })
  signature?: MonitorPostSignatureEntity;
}

export type MonitorAlertStatus = 'open' | 'acknowledged' | 'closed';

/** A hot cluster's alert: one at a time per cluster until it is closed. */
@Entity({ name: 'monitor_alerts' })
@Index('uq_monitor_alerts_cluster_active', ['clusterId'], { unique: true, where: "status <> 'closed'" })
@Index('ix_monitor_alerts_status_raised_at', ['status', 'raisedAt'])
export class MonitorAlertEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_monitor_alerts' })
  id: string;

  @Column('text', { name: 'cluster_id' })
  clusterId: string;

  @ManyToOne(() => MonitorClusterEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cluster_id', foreignKeyConstraintName: 'fk_monitor_alerts_cluster' })
  cluster?: MonitorClusterEntity;

  @Column('text')
  level: Exclude<AlertLevel, 'none'>;

  @Column('jsonb')
  reasons: AlertReason[];

  /** The burst that raised it, or raised its level last. */
  @Column('jsonb')
  burst: ClusterBurst;

  @Column('text')
  status: MonitorAlertStatus;

  @Column('timestamptz', { name: 'raised_at' })
  raisedAt: Date;

  @Column('timestamptz', { name: 'acknowledged_at', nullable: true })
  acknowledgedAt: Date | null;

  @Column('uuid', { name: 'acknowledged_by', nullable: true })
  acknowledgedBy: string | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column('uuid', { name: 'closed_by', nullable: true })
  closedBy: string | null;

  @Column('text', { name: 'close_note', nullable: true })
  closeNote: string | null;
}

/** 舆情处置: a ticket opened from a cluster, with its lead unit and response clock; one per cluster. */
@Entity({ name: 'monitor_cases' })
@Index('uq_monitor_cases_cluster_id', ['clusterId'], { unique: true })
@Index('uq_monitor_cases_ticket_id', ['ticketId'], { unique: true })
export class MonitorCaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_monitor_cases' })
  id: string;

  @Column('text', { name: 'cluster_id' })
  clusterId: string;

  @ManyToOne(() => MonitorClusterEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cluster_id', foreignKeyConstraintName: 'fk_monitor_cases_cluster' })
  cluster?: MonitorClusterEntity;

  @Column('uuid', { name: 'ticket_id' })
  ticketId: string;

  @ManyToOne('TicketEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_monitor_cases_ticket' })
  ticket?: object;

  @Column('boolean', { name: 'major_emergency' })
  majorEmergency: boolean;

  @Column('uuid', { name: 'opened_by' })
  openedBy: string;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt: Date;
}

/** The member tickets of a case (the cluster's messages when it was opened). */
@Entity({ name: 'monitor_case_tickets' })
@Index('ix_monitor_case_tickets_ticket_id', ['ticketId'])
export class MonitorCaseTicketEntity {
  @PrimaryColumn('uuid', { name: 'case_id', primaryKeyConstraintName: 'pk_monitor_case_tickets' })
  caseId: string;

  @ManyToOne(() => MonitorCaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_monitor_case_tickets_case' })
  case?: MonitorCaseEntity;

  @PrimaryColumn('uuid', { name: 'ticket_id', primaryKeyConstraintName: 'pk_monitor_case_tickets' })
  ticketId: string;

  @ManyToOne('TicketEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_monitor_case_tickets_ticket' })
  ticket?: object;
}

export const MONITOR_ENTITIES = [
  MonitorStateEntity,
  MonitorClusterEntity,
  MonitorMessageEntity,
  MonitorPublicPostEntity,
  MonitorSignatureEntity,
  MonitorSignatureBandEntity,
  MonitorPostSignatureEntity,
  MonitorPostSignatureBandEntity,
  MonitorAlertEntity,
  MonitorCaseEntity,
  MonitorCaseTicketEntity,
];
