import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type RoutingExampleKind = 'returned' | 'reassigned' | 'resolved';

/**
 * A labelled routing example for the learning router: a unit that was wrong for a message (退回 or 改派) and the unit
 * that finally took it, or the lead unit of a resolved ticket (a positive example).
 */
@Entity({ name: 'routing_examples' })
@Index('ix_routing_examples_ticket_id', ['ticketId'])
export class RoutingExampleEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_routing_examples' })
  id: string;

  @Column('uuid', { name: 'ticket_id' })
  ticketId: string;

  @Column('uuid', { name: 'message_id' })
  messageId: string;

  @Column('text')
  kind: RoutingExampleKind;

  @Column('uuid', { name: 'wrong_unit_id', nullable: true })
  wrongUnitId: string | null;

  /** Filled when the ticket is assigned again (for a return) or at once (re-assignment, resolution). */
  @Column('uuid', { name: 'final_unit_id', nullable: true })
  finalUnitId: string | null;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('text')
  actor: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
