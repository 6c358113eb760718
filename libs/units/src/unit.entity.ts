import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** A government unit (单位): the city government, the dispatcher office, a department, a town or street. */
@Entity({ name: 'units' })
@Index('uq_units_code', ['code'], { unique: true })
@Index('ix_units_parent_id', ['parentId'])
export class UnitEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_units' })
  id: string;

  @Column('text')
  code: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: string;

  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_units_parent' })
  parent?: UnitEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
