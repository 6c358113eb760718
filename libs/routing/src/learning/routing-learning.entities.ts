import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { UnitEntity } from '@wenzheng/units';
import type { ModelTarget } from '../route-choice';

export type RoutingModelStatus = 'active' | 'retired';
/** Shipped with the hub (the topic-category model), or trained here from the deployment's tickets. */
export type RoutingModelSource = 'shipped' | 'retrained';

/** A trained model as a versioned artefact: gzip of the JSON `ModelArtifact`, with its training facts and scores. */
@Entity({ name: 'routing_models' })
@Index('uq_routing_models_target_version', ['target', 'version'], { unique: true })
@Index('uq_routing_models_active_target', ['target'], { unique: true, where: `status = 'active'` })
@Check('ck_routing_models_target', `target IN ('category', 'unit')`)
@Check('ck_routing_models_status', `status IN ('active', 'retired')`)
export class RoutingModelEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_routing_models' })
  id: string;

  @Column('text')
  target: ModelTarget;

  @Column('integer')
  version: number;

  @Column('text')
  algorithm: string;

  @Column('text')
  status: RoutingModelStatus;

  @Column('text')
  source: RoutingModelSource;

  @Column('timestamptz', { name: 'trained_at' })
  trainedAt: Date;

  @Column('integer', { name: 'example_count' })
  exampleCount: number;

  /** Held-out scores: cross-validated for the shipped model, on the time-based hold-out for a retrained one. */
  @Column('jsonb', { nullable: true })
  scores: Record<string, unknown> | null;

  @Column('bytea', { select: false })
  artifact: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export type RetrainTrigger = 'schedule' | 'admin';
export type RetrainStatus = 'running' | 'promoted' | 'kept' | 'skipped';

/** One retraining: what it trained on, how the new model compared with the current one, and what was decided. */
@Entity({ name: 'routing_retrain_runs' })
@Index('uq_routing_retrain_runs_run_key', ['runKey'], { unique: true })
@Check('ck_routing_retrain_runs_status', `status IN ('running', 'promoted', 'kept', 'skipped')`)
export class RoutingRetrainRunEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_routing_retrain_runs' })
  id: string;

  @Column('text', { name: 'run_key' })
  runKey: string;

  @Column('text')
  trigger: RetrainTrigger;

  @Column('text', { name: 'requested_by' })
  requestedBy: string;

  @Column('text')
  status: RetrainStatus;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('integer', { name: 'example_count', nullable: true })
  exampleCount: number | null;

  @Column('jsonb', { nullable: true })
  candidate: Record<string, unknown> | null;

  @Column('jsonb', { nullable: true })
  current: Record<string, unknown> | null;

  @Column('bigint', { name: 'model_id', nullable: true })
  modelId: string | null;

  @ManyToOne(() => RoutingModelEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'model_id', foreignKeyConstraintName: 'fk_routing_retrain_runs_model' })
  model?: RoutingModelEntity;

  @Column('timestamptz', { name: 'started_at' })
  startedAt: Date;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt: Date | null;
}

/** A handled ticket from before the hub (CSV/JSONL import): its text and the unit that answered it. */
@Entity({ name: 'routing_history_examples' })
@Index('uq_routing_history_examples_dedupe_key', ['dedupeKey'], { unique: true })
export class RoutingHistoryExampleEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_routing_history_examples' })
  id: string;

  @Column('text')
  text: string;

  @Column('uuid', { name: 'unit_id' })
  unitId: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_routing_history_examples_unit' })
  unit?: UnitEntity;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;

  @Column('text')
  source: string;

  /** SHA-256 of text, unit and time: importing the same file twice adds nothing. */
  @Column('text', { name: 'dedupe_key' })
  dedupeKey: string;

  @CreateDateColumn({ name: 'imported_at', type: 'timestamptz' })
  importedAt: Date;
}

/** The catalogue's map from a topic category of the category model to the unit that leads such tickets. */
@Entity({ name: 'routing_category_units' })
export class RoutingCategoryUnitEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_routing_category_units' })
  category: string;

  @Column('uuid', { name: 'unit_id' })
  unitId: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_routing_category_units_unit' })
  unit?: UnitEntity;
}
