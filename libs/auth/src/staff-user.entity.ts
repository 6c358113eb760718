import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UnitEntity } from '@wenzheng/units';
import type { StaffRole } from './staff-role';

/** A staff account: one unit, one or more roles. Usernames are stored lower-case. */
@Entity({ name: 'staff_users' })
@Index('uq_staff_users_username', ['username'], { unique: true })
@Index('ix_staff_users_unit_id', ['unitId'])
export class StaffUserEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_staff_users' })
  id: string;

  @Column('text')
  username: string;

  @Column('text', { name: 'display_name' })
  displayName: string;

  @Column('uuid', { name: 'unit_id' })
  unitId: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_staff_users_unit' })
  unit?: UnitEntity;

  @Column('text', { array: true })
  roles: StaffRole[];

  /** argon2id, PHC string (algorithm, parameters and salt included). */
  @Column('text', { name: 'password_hash' })
  passwordHash: string;

  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
