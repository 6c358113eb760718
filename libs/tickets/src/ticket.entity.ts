import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UnitEntity } from '@wenzheng/units';
import type { TicketStatus } from './ticket-status';

/** A case (工单) opened for one inbound message: who must answer it and by when. */
@Entity({ name: 'tickets' })
@Index('uq_tickets_tracking_no', ['trackingNo'], { unique: true })
@Index('uq_tickets_message_id', ['messageId'], { unique: true })
@Index('ix_tickets_status_updated_at', ['status', 'updatedAt'])
@Index('ix_tickets_lead_unit_id', ['leadUnitId'])
@Index('ix_tickets_merged_into_id', ['mergedIntoId'])
// GIN and partial indexes for the unit inbox are in the migrations; TypeORM cannot describe them.
@Index('ix_tickets_assisting_unit_ids', { synchronize: false })
@Index('ix_tickets_open_lead_unit_id', { synchronize: false })
@Index('ix_tickets_open_assisting_unit_ids', { synchronize: false })
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

  /** The handler (承办人) who claimed it; the reply is theirs to write. */
  @Column('uuid', { name: 'claimed_by', nullable: true })
  claimedBy: string | null;

  // By entity name: auth is below tickets in the layering only through its types.
  @ManyToOne('StaffUserEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'claimed_by', foreignKeyConstraintName: 'fk_tickets_claimed_by' })
  claimer?: object;

  /** When the current lead unit got it: the return window (退回) counts from here. */
  @Column('timestamptz', { name: 'assigned_at', nullable: true })
  assignedAt: Date | null;

  /** The reply round: 1, then 2 after a citizen's 重办. */
  @Column('integer', { default: 1 })
  round: number;

  @Column('integer', { name: 'reopen_count', default: 0 })
  reopenCount: number;

  /** 并单: the main ticket this one joined; its citizen gets the main ticket's reply. */
  @Column('uuid', { name: 'merged_into_id', nullable: true })
  mergedIntoId: string | null;

  @ManyToOne(() => TicketEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'merged_into_id', foreignKeyConstraintName: 'fk_tickets_merged_into' })
  mergedInto?: TicketEntity;

  /** True when a deadline reached a year whose holiday schedule is not loaded yet (counted Mon–Fri). */
  @Column('boolean', { name: 'deadline_provisional' })
  deadlineProvisional: boolean;

  /** The topic category (城乡建设, 卫生计生, …) the category model gave the message at routing, with its probability. */
  @Column('text', { nullable: true })
  category: string | null;

  @Column('double precision', { name: 'category_probability', nullable: true })
  categoryProbability: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
