import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UnitEntity } from '@wenzheng/units';

/** One line of the dispatch catalogue (派单目录): words, kinds and places that send a message to a lead unit. */
@Entity({ name: 'routing_rules' })
@Index('uq_routing_rules_code', ['code'], { unique: true })
export class RoutingRuleEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_routing_rules' })
  id: string;

  @Column('text')
  code: string;

  @Column('text', { default: '' })
  description: string;

  @Column('uuid', { name: 'lead_unit_id' })
  leadUnitId: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_unit_id', foreignKeyConstraintName: 'fk_routing_rules_lead_unit' })
  leadUnit?: UnitEntity;

  @Column('uuid', { name: 'assisting_unit_ids', array: true, default: () => "'{}'" })
  assistingUnitIds: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  keywords: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  kinds: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  places: string[];

  @Column('integer', { default: 0 })
  priority: number;

  @Column('boolean', { default: true })
  enabled: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
