import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UnitEntity } from '@wenzheng/units';

/** A policy document (政策文件) as registered by the government office: the source of an interpretation duty. */
@Entity({ name: 'policy_documents' })
@Index('uq_policy_documents_doc_number', ['docNumber'], { unique: true })
export class PolicyDocumentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_policy_documents' })
  id: string;

  @Column('text')
  title: string;

  /** 文号, e.g. 平政办发〔2026〕12号. */
  @Column('text', { name: 'doc_number' })
  docNumber: string;

  @Column('uuid', { name: 'issuing_unit_id' })
  issuingUnitId: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuing_unit_id', foreignKeyConstraintName: 'fk_policy_documents_issuing_unit' })
  issuingUnit?: UnitEntity;

  /** The Shanghai date the document was published; the interpretation is due 3 working days after it. */
  @Column('date', { name: 'published_on' })
  publishedOn: string;

  @Column('text', { nullable: true })
  url: string | null;

  @Column('text', { nullable: true })
  body: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export type InterpretationState = 'drafting' | 'submitted' | 'published';

/** 政策解读: the drafting unit's interpretation of one document, drafted, reviewed and published to the archive. */
@Entity({ name: 'policy_interpretations' })
@Index('uq_policy_interpretations_document_id', ['documentId'], { unique: true })
@Index('ix_policy_interpretations_unit_id', ['unitId', 'state'])
export class PolicyInterpretationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_policy_interpretations' })
  id: string;

  @Column('uuid', { name: 'document_id' })
  documentId: string;

  @ManyToOne(() => PolicyDocumentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'fk_policy_interpretations_document' })
  document?: PolicyDocumentEntity;

  @Column('uuid', { name: 'unit_id' })
  unitId: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_policy_interpretations_unit' })
  unit?: UnitEntity;

  @Column('text')
  state: InterpretationState;

  @Column('text', { default: '' })
  body: string;

  @Column('uuid', { name: 'author_id', nullable: true })
  authorId: string | null;

  @ManyToOne('StaffUserEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_policy_interpretations_author' })
  author?: object;

  @Column('text', { name: 'review_comment', nullable: true })
  reviewComment: string | null;

  @Column('timestamptz', { name: 'due_at' })
  dueAt: Date;

  @Column('uuid', { name: 'publication_id', nullable: true })
  publicationId: string | null;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
