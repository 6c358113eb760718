import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TicketEntity } from './ticket.entity';

/** One transition in a ticket's life. Append-only (a trigger refuses UPDATE and DELETE): the audit log and source of statistics. */
@Entity({ name: 'ticket_events' })
@Index('ix_ticket_events_ticket_id', ['ticketId', 'id'])
export class TicketEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_ticket_events' })
  id: string;

  @Column('uuid', { name: 'ticket_id' })
  ticketId: string;

  @ManyToOne(() => TicketEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_ticket_events_ticket' })
  ticket?: TicketEntity;

  @Column('timestamptz')
  at: Date;

  /** `system:<job>` for the pipeline, `citizen`, or a staff user reference later. */
  @Column('text')
  actor: string;

  @Column('text')
  type: string;

  @Column('text', { name: 'from_status', nullable: true })
  fromStatus: string | null;

  @Column('text', { name: 'to_status', nullable: true })
  toStatus: string | null;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('jsonb', { default: () => "'{}'" })
  data: object;
}
