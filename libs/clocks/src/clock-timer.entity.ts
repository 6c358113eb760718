import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { TimerName } from './clock-schedule';
import { ClockEntity } from './clock.entity';

/**
 * One planned firing of a clock (reminder, overdue, seriously overdue) for one version of its due moment.
 * PostgreSQL is the truth: the delayed BullMQ job only wakes the handler; the sweeper re-creates lost jobs
 * from the rows, and `fired_at` set under a conditional UPDATE makes each timer fire once.
 */
@Entity({ name: 'clock_timers' })
@Index('uq_clock_timers_clock_version_name', ['clockId', 'version', 'name'], { unique: true })
@Index('ix_clock_timers_pending', ['fireAt'], { where: 'fired_at IS NULL' })
export class ClockTimerEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_clock_timers' })
  id: string;

  @Column('uuid', { name: 'clock_id' })
  clockId: string;

  @ManyToOne(() => ClockEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'clock_id', foreignKeyConstraintName: 'fk_clock_timers_clock' })
  clock?: ClockEntity;

  @Column('integer')
  version: number;

  @Column('text')
  name: TimerName;

  @Column('timestamptz', { name: 'fire_at' })
  fireAt: Date;

  @Column('timestamptz', { name: 'fired_at', nullable: true })
  firedAt: Date | null;
}
