import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UnitEntity } from '@wenzheng/units';
import { TicketEntity } from './ticket.entity';

export type ReplyState = 'draft' | 'submitted' | 'approved';

/** The unit's reply for one round of a ticket: drafted, submitted for review, approved (then delivered). */
@Entity({ name: 'ticket_replies' })
@Index('uq_ticket_replies_ticket_round', ['ticketId', 'round'], { unique: true })
export class TicketReplyEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_ticket_replies' })
  id: string;

  @Column('uuid', { name: 'ticket_id' })
  ticketId: string;

  @ManyToOne(() => TicketEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_ticket_replies_ticket' })
  ticket?: TicketEntity;

  @Column('integer')
  round: number;

  @Column('text')
  body: string;

  @Column('text')
  state: ReplyState;

  @Column('uuid', { name: 'author_id' })
  authorId: string;

  @ManyToOne('StaffUserEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_ticket_replies_author' })
  author?: object;

  @Column('text', { name: 'review_comment', nullable: true })
  reviewComment: string | null;

  @Column('uuid', { name: 'approved_by', nullable: true })
  approvedBy: string | null;

  @ManyToOne('StaffUserEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'approved_by', foreignKeyConstraintName: 'fk_ticket_replies_approved_by' })
  approver?: object;

  @Column('timestamptz', { name: 'approved_at', nullable: true })
  approvedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** 协办意见: an assisting unit's input, which the lead unit reads before replying. One per unit, editable. */
@Entity({ name: 'ticket_opinions' })
@Index('uq_ticket_opinions_ticket_unit', ['ticketId', 'unitId'], { unique: true })
export class TicketOpinionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_ticket_opinions' })
  id: string;

  @Column('uuid', { name: 'ticket_id' })
  ticketId: string;

  @ManyToOne(() => TicketEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_ticket_opinions_ticket' })
  ticket?: TicketEntity;

  @Column('uuid', { name: 'unit_id' })
  unitId: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_ticket_opinions_unit' })
  unit?: UnitEntity;

  @Column('uuid', { name: 'author_id' })
  authorId: string;

  @ManyToOne('StaffUserEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_ticket_opinions_author' })
  author?: object;

  @Column('text')
  body: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** An internal note (内部备注): staff only, never shown to the citizen or published. */
@Entity({ name: 'ticket_notes' })
@Index('ix_ticket_notes_ticket_id', ['ticketId'])
export class TicketNoteEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_ticket_notes' })
  id: string;

  @Column('uuid', { name: 'ticket_id' })
  ticketId: string;

  @ManyToOne(() => TicketEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_ticket_notes_ticket' })
  ticket?: TicketEntity;

  @Column('uuid', { name: 'author_id' })
  authorId: string;

  @ManyToOne('StaffUserEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_ticket_notes_author' })
  author?: object;

  @Column('text')
  body: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export type DeliveryState = 'pending' | 'sent' | 'failed';

/** The approved reply of a round on its way to one citizen (the ticket's own, or a merged ticket's). */
@Entity({ name: 'ticket_deliveries' })
@Index('uq_ticket_deliveries_ticket_round', ['ticketId', 'round'], { unique: true })
@Index('ix_ticket_deliveries_state', ['state', 'updatedAt'])
export class TicketDeliveryEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_ticket_deliveries' })
  id: string;

  @Column('uuid', { name: 'ticket_id' })
  ticketId: string;

  @ManyToOne(() => TicketEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_ticket_deliveries_ticket' })
  ticket?: TicketEntity;

  @Column('integer')
  round: number;

  @Column('uuid', { name: 'reply_id' })
  replyId: string;

  @ManyToOne(() => TicketReplyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reply_id', foreignKeyConstraintName: 'fk_ticket_deliveries_reply' })
  reply?: TicketReplyEntity;

  @Column('text')
  channel: string;

  @Column('text')
  state: DeliveryState;

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  /** How the channel delivered it (customer-service message, subscription notice, status page only…). */
  @Column('text', { nullable: true })
  method: string | null;

  @Column('timestamptz', { name: 'delivered_at', nullable: true })
  deliveredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** 回访/满意度: the citizen's rating of a round's reply. */
@Entity({ name: 'ticket_ratings' })
@Index('uq_ticket_ratings_ticket_round', ['ticketId', 'round'], { unique: true })
export class TicketRatingEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_ticket_ratings' })
  id: string;

  @Column('uuid', { name: 'ticket_id' })
  ticketId: string;

  @ManyToOne(() => TicketEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_ticket_ratings_ticket' })
  ticket?: TicketEntity;

  @Column('integer')
  round: number;

  /** 1–5 each. */
  @Column('integer')
  attitude: number;

  @Column('integer')
  speed: number;

  @Column('boolean')
  resolved: boolean;

  @Column('text', { nullable: true })
  comment: string | null;

  @Column('timestamptz', { name: 'rated_at' })
  ratedAt: Date;
}
