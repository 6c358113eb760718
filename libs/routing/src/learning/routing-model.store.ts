import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TextAnalyzer } from '@wenzheng/nlp';
import { ModelArtifact, RoutingClassifier } from '../classifier';
import type { ModelOpinion, ModelRef, ModelTarget } from '../route-choice';
import { packModel, unpackModel } from './model-package';
import { RoutingModelEntity, RoutingModelSource } from './routing-learning.entities';

export interface ActiveModel {
  readonly id: string;
  readonly ref: ModelRef;
  readonly classifier: RoutingClassifier;
}

export type ActiveModels = { readonly [T in ModelTarget]: ActiveModel | null };

/**
 * The active models of each target, kept decoded in this process. Every call asks PostgreSQL which ids are
 * active (one indexed read), so a model promoted by any worker is used by all at their next ticket.
 */
@Injectable()
export class RoutingModelStore implements OnApplicationBootstrap {
  /** By model id; a promise, so jobs that start together decode a new model once (it takes a fifth of a second). */
  private readonly decoded = new Map<string, Promise<ActiveModel>>();

  constructor(
    private readonly analyzer: TextAnalyzer,
    private readonly dataSource: DataSource,
  ) {}

  /** Decodes the active models before the first ticket needs them; a failure here is only a slower first job. */
  onApplicationBootstrap(): void {
    this.active(this.dataSource.manager).catch((error: unknown) =>
      new Logger('RoutingModelStore').warn(`could not load the routing models at start: ${(error as Error).message}`),
    );
  }

  async active(manager: EntityManager): Promise<ActiveModels> {
    const rows: { id: string; target: ModelTarget; version: number }[] = await manager.query(
      `SELECT id, target, version FROM routing_models WHERE status = 'active'`,
    );
    const models: { [T in ModelTarget]: ActiveModel | null } = { category: null, unit: null };
    for (const row of rows) {
      let model = this.decoded.get(row.id);
      if (!model) {
        model = this.decode(manager, row);
        this.decoded.set(row.id, model);
        // A failed decode is tried again by the next job rather than remembered.
        model.catch(() => this.decoded.delete(row.id));
      }
      models[row.target] = await model;
    }
    for (const id of this.decoded.keys()) if (!rows.some((row) => row.id === id)) this.decoded.delete(id);
    return models;
  }

  /** The model's ranking of the message's labels. */
  static opinion(model: ActiveModel | null, tokens: readonly string[]): ModelOpinion | null {
    return model && { model: model.ref, ranked: model.classifier.predictTokens(tokens) };
  }

  /** Stores `artifact` as the next version of its target and makes it the active one (the previous one retires). */
  async promote(
    manager: EntityManager,
    target: ModelTarget,
    artifact: ModelArtifact,
    source: RoutingModelSource,
    scores: Record<string, unknown> | null,
  ): Promise<RoutingModelEntity> {
    // One promotion per target at a time: the version number and the single active row depend on it.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('routing-model-' || $1))`, [target]);
    const [{ next }]: { next: number }[] = await manager.query(
      `SELECT coalesce(max(version), 0) + 1 AS next FROM routing_models WHERE target = $1`,
      [target],
    );
    await manager.query(`UPDATE routing_models SET status = 'retired' WHERE target = $1 AND status = 'active'`, [target]);
    return manager.save(
      manager.create(RoutingModelEntity, {
        target,
        version: next,
        algorithm: artifact.algorithm,
        status: 'active',
        source,
        trainedAt: new Date(artifact.trainedAt),
        exampleCount: artifact.exampleCount,
        scores,
        artifact: packModel(artifact),
      }),
    );
  }

  private async decode(manager: EntityManager, row: { id: string; target: ModelTarget; version: number }): Promise<ActiveModel> {
    const [{ artifact }]: { artifact: Buffer }[] = await manager.query(`SELECT artifact FROM routing_models WHERE id = $1`, [row.id]);
    const model: ActiveModel = {
      id: row.id,
      ref: { target: row.target, version: row.version },
      classifier: new RoutingClassifier(unpackModel(artifact), (text) => this.analyzer.tokenize(text)),
    };
    return model;
  }
}
