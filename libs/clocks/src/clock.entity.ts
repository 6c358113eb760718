import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ClockUnit } from '@wenzheng/calendar';

/** Stored form of a pause (ISO strings in jsonb). */
export interface StoredPause {
  from: string;
  to: string | null;
  reason: string;
}

export type ClockRunState = 'running' | 'paused' | 'stopped';

/**
 * A legal or local deadline running for a subject (a ticket now; publications and disclosure requests later).
 * The length and unit are copied from the policy when the clock starts, so a later policy change never moves it;
 * the due moment is derived from start, length, extensions and pauses, and stored for queries.
 */
@Entity({ name: 'clocks' })
@Index('uq_clocks_live_purpose', ['subjectType', 'subjectId', 'purpose'], { unique: true, where: "state <> 'stopped'" })
@Index('ix_clocks_subject', ['subjectType', 'subjectId'])
@Index('ix_clocks_state_due_at', ['state', 'dueAt'])
export class ClockEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_clocks' })
  id: string;

  @Column('text', { name: 'subject_type' })
  subjectType: string;

  @Column('uuid', { name: 'subject_id' })
  subjectId: string;

  /** e.g. dispatch, reply. */
  @Column('text')
  purpose: string;

  /** The policy key it was started from, e.g. reply.complaint. */
  @Column('text')
  policy: string;

  @Column('text')
  unit: ClockUnit;

  @Column('integer')
  length: number;

  @Column('timestamptz', { name: 'started_at' })
  startedAt: Date;

  @Column('integer', { default: 0 })
  extension: number;

  @Column('jsonb', { default: () => "'[]'" })
  pauses: StoredPause[];

  @Column('text')
  state: ClockRunState;

  /** Null while paused. */
  @Column('timestamptz', { name: 'due_at', nullable: true })
  dueAt: Date | null;

  @Column('boolean')
  provisional: boolean;

  /** Bumped on every change of the due moment; timers belong to one version. */
  @Column('integer', { default: 1 })
  version: number;

  @Column('timestamptz', { name: 'stopped_at', nullable: true })
  stoppedAt: Date | null;

  @Column('text', { name: 'stop_reason', nullable: true })
  stopReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
