import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An in-app notice (站内通知) to the staff of a unit in a role; kinds routed to duty groups also go to WeChat (DutyGroupNoticeEntity). */
@Entity({ name: 'notifications' })
@Index('uq_notifications_dedupe_key', ['dedupeKey'], { unique: true })
@Index('ix_notifications_recipient', ['recipientUnitId', 'recipientRole', 'createdAt'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_notifications' })
  id: string;

  @Column('uuid', { name: 'recipient_unit_id' })
  recipientUnitId: string;

  /** handler, reviewer, dispatcher, monitor. */
  @Column('text', { name: 'recipient_role' })
  recipientRole: string;

  @Column('text')
  kind: string;

  @Column('text')
  title: string;

  @Column('text')
  body: string;

  @Column('uuid', { name: 'ticket_id', nullable: true })
  ticketId: string | null;

  /** The same cause never notifies the same recipient twice (retries, re-runs). */
  @Column('text', { name: 'dedupe_key' })
  dedupeKey: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'read_at', nullable: true })
  readAt: Date | null;
}
