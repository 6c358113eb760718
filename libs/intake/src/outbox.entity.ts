import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A job that must reach the queue, written in the same transaction as the business rows it follows from.
 * The relay marks it dispatched once the queue holds it; a row left undispatched is retried (Redis was down).
 */
@Entity({ name: 'outbox' })
@Index('ix_outbox_pending', ['createdAt'], { where: 'dispatched_at IS NULL' })
export class OutboxEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_outbox' })
  id: string;

  @Column('text', { name: 'job_name' })
  jobName: string;

  @Column('jsonb')
  payload: object;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'dispatched_at', nullable: true })
  dispatchedAt: Date | null;

  @Column('integer', { default: 0 })
  attempts: number;
}
