import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UnitEntity } from '@wenzheng/units';

export type PublicationKind = 'reply' | 'interpretation';
/** draft: masked, waiting for the reviewer; published: in the archive; withheld: never published (reason kept); withdrawn: a tombstone. */
export type PublicationState = 'draft' | 'published' | 'withheld' | 'withdrawn';

/** What a masking changed, kept so a reviewer sees the diff (offsets in the original text). */
export interface StoredMaskSpan {
  kind: string;
  start: number;
  end: number;
  replacement: string;
}

/** One entry of the public archive (or its draft): a masked message and its reply, or a policy interpretation. */
@Entity({ name: 'publications' })
@Index('uq_publications_ticket_round', ['ticketId', 'round'], { unique: true })
@Index('ix_publications_unit_id', ['unitId', 'publishedAt'])
// The archive's GIN search index and its newest-first index are partial (published only): in the migration.
@Index('ix_publications_search_vector', { synchronize: false })
@Index('ix_publications_published_at', { synchronize: false })
export class PublicationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_publications' })
  id: string;

  @Column('text')
  kind: PublicationKind;

  @Column('uuid', { name: 'ticket_id', nullable: true })
  ticketId: string | null;

  @ManyToOne('TicketEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_publications_ticket' })
  ticket?: object;

  @Column('integer', { nullable: true })
  round: number | null;

  @Column('text')
  state: PublicationState;

  @Column('uuid', { name: 'unit_id', nullable: true })
  unitId: string | null;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_publications_unit' })
  unit?: UnitEntity;

  /** Masked, like the texts. */
  @Column('text')
  title: string;

  /** consult, complaint, … for replies; null for interpretations. */
  @Column('text', { name: 'message_kind', nullable: true })
  messageKind: string | null;

  /** The ticket's topic category at routing, for the archive's filter; null for interpretations and unclassified tickets. */
  @Column('text', { nullable: true })
  category: string | null;

  @Column('text', { name: 'message_text' })
  messageText: string;

  @Column('text', { name: 'reply_text' })
  replyText: string;

  @Column('jsonb', { default: () => "'{}'" })
  masks: { title?: StoredMaskSpan[]; message?: StoredMaskSpan[]; reply?: StoredMaskSpan[] };

  /** 留言时间 and 答复时间, shown with every published reply, and the working days between them. */
  @Column('timestamptz', { name: 'received_at', nullable: true })
  receivedAt: Date | null;

  @Column('timestamptz', { name: 'replied_at', nullable: true })
  repliedAt: Date | null;

  @Column('integer', { name: 'working_days', nullable: true })
  workingDays: number | null;

  /** Why it was withheld or withdrawn. */
  @Column('text', { nullable: true })
  reason: string | null;

  @Column('tsvector', { name: 'search_vector', nullable: true, select: false })
  searchVector: string | null;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
