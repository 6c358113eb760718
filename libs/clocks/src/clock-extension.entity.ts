import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ClockEntity } from './clock.entity';

export type ExtensionStatus = 'requested' | 'approved' | 'refused';

/** 延期: asked by the handling unit before expiry, decided by a reviewer; approval lengthens the clock. */
@Entity({ name: 'clock_extensions' })
@Index('ix_clock_extensions_clock_id', ['clockId'])
@Index('uq_clock_extensions_one_pending', ['clockId'], { unique: true, where: "status = 'requested'" })
export class ClockExtensionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_clock_extensions' })
  id: string;

  @Column('uuid', { name: 'clock_id' })
  clockId: string;

  @ManyToOne(() => ClockEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'clock_id', foreignKeyConstraintName: 'fk_clock_extensions_clock' })
  clock?: ClockEntity;

  /** In the clock's unit. */
  @Column('integer')
  length: number;

  @Column('text')
  reason: string;

  @Column('text')
  status: ExtensionStatus;

  @Column('text', { name: 'requested_by' })
  requestedBy: string;

  @Column('timestamptz', { name: 'requested_at' })
  requestedAt: Date;

  @Column('text', { name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column('text', { name: 'decision_note', nullable: true })
  decisionNote: string | null;
}
