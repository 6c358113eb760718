import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A notice for a WeChat duty group (值班群), written with its cause and sent by the bot, alone or in a digest. */
@Entity({ name: 'duty_group_notices' })
@Index('uq_duty_group_notices_group_cause', ['groupTopic', 'cause'], { unique: true })
@Index('ix_duty_group_notices_unsent', ['groupTopic', 'createdAt'], { where: 'sent_at IS NULL' })
export class DutyGroupNoticeEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_duty_group_notices' })
  id: string;

  @Column('text', { name: 'group_topic' })
  groupTopic: string;

  @Column('text')
  kind: string;

  @Column('text')
  title: string;

  @Column('text')
  body: string;

  @Column('uuid', { name: 'ticket_id', nullable: true })
  ticketId: string | null;

  /** A cause reaches a group once, however many unit recipients the notice had. */
  @Column('text')
  cause: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;
}
