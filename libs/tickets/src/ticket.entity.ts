import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UnitEntity } from '@wenzheng/units';
import type { TicketStatus } from './ticket-status';

/** A case (工单) opened for one inbound message: who must answer it and by when. */
@Entity({ name: 'tickets' })
@Index('uq_tickets_tracking_no', ['trackingNo'], { unique: true })
@Index('uq_tickets_message_id', ['messageId'], { unique: true })
@Index('ix_tickets_status_updated_at', ['status', 'updatedAt'])
@Index('ix_tickets_lead_unit_id', ['leadUnitId'])
export class TicketEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_tickets' })
  id: string;

  @Column('text', { name: 'tracking_no' })
  trackingNo: string;

  @Column('uuid', { name: 'message_id' })
  messageId: string;

  // By entity name: intake depends on tickets, so tickets must not import intake back.
  @ManyToOne('InboundMessageEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'fk_tickets_message' })
  message?: object;

  @Column('text')
  kind: string;

  @Column('text')
  status: TicketStatus;

  @Column('uuid', { name: 'lead_unit_id', nullable: true })
  leadUnitId: string | null;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_unit_id', foreignKeyConstraintName: 'fk_tickets_lead_unit' })
  leadUnit?: UnitEntity;

  @Column('uuid', { name: 'assisting_unit_ids', array: true, default: () => "'{}'" })
  assistingUnitIds: string[];

  @Column('timestamptz', { name: 'received_at' })
  receivedAt: Date;

  @Column('timestamptz', { name: 'dispatch_due_at' })
  dispatchDueAt: Date;

  @Column('timestamptz', { name: 'reply_due_at' })
  replyDueAt: Date;

  /** 未答复 alarm: `warning` after 2 months without an answer, `critical` after 3 (fails the website check). */
  @Column('text', { name: 'unanswered_alarm', nullable: true })
  unansweredAlarm: 'warning' | 'critical' | null;

  /** True when a deadline reached a year whose holiday schedule is not loaded yet (counted Mon–Fri). */
  @Column('boolean', { name: 'deadline_provisional' })
  deadlineProvisional: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
