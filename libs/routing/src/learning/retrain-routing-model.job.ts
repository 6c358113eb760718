import { readFileSync } from 'node:fs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { parseStopWords } from '@wenzheng/nlp';
import { JobHandler, JobName, JobOutcome, RetrainRoutingModelData } from '@wenzheng/queue';
import { RoutingClassifier, TokenizedExample, defaultTrainingOptions } from '../classifier';
import { HoldOutScores, LearningExample, holdOutScores, promotionVerdict, splitByTime, trainability } from './retrain-plan';
import { RoutingModelStore } from './routing-model.store';
import { trainInThread } from './training-thread';
import { RoutingTrainingSetRepository } from './routing-training-set.repository';

/**
 * One retraining of the unit model. The run row (unique run key) makes it happen once: a second job for the key,
 * or a re-run after the run finished, is skipped; a run whose worker died is still `running` and is done again
 * by the next attempt (training is deterministic). The outcome — the new model and the run's verdict — is written
 * in one transaction that first checks the run is still open, so two attempts never both promote.
 */
@Injectable()
export class RetrainRoutingModelJob implements JobHandler<JobName.RetrainRoutingModel> {
  readonly jobName = JobName.RetrainRoutingModel;
  private readonly logger = new Logger('RetrainRoutingModel');
  private readonly stopWords: readonly string[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly trainingSet: RoutingTrainingSetRepository,
    private readonly models: RoutingModelStore,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {
    this.stopWords = [...parseStopWords(readFileSync(config.nlp.stopWordsPath, 'utf8'))].sort();
  }

  async handle({ runKey, trigger, requestedBy }: RetrainRoutingModelData): Promise<JobOutcome> {
    await this.dataSource.query(
      `INSERT INTO routing_retrain_runs (run_key, trigger, requested_by, status, started_at) VALUES ($1, $2, $3, 'running', $4)
       ON CONFLICT (run_key) DO NOTHING`,
      [runKey, trigger, requestedBy, this.time.now()],
    );
    const [run]: { status: string }[] = await this.dataSource.query(`SELECT status FROM routing_retrain_runs WHERE run_key = $1`, [runKey]);
    if (run.status !== 'running') return 'skipped';

    const examples = await this.trainingSet.load(this.dataSource.manager);
    const problem = trainability(examples, this.config.routing.retrainMinExamples);
    if (problem) return this.finish(runKey, { status: 'skipped', reason: problem.reason, exampleCount: examples.length });

    const { training, holdOut } = splitByTime(examples, this.config.routing.holdOutFraction);
    const options = defaultTrainingOptions('linear', this.stopWords);
    const candidate = new RoutingClassifier(await trainInThread(training.map(tokenized), options, this.time.now()), () => []);
    const candidateScores = this.score(candidate, holdOut);
    const current = (await this.models.active(this.dataSource.manager)).unit;
    const currentScores = current && this.score(current.classifier, holdOut);
    const verdict = promotionVerdict(candidateScores, currentScores);
    const comparison = { exampleCount: examples.length, candidate: { ...candidateScores }, current: currentScores && { ...currentScores, version: current?.ref.version } };
    if (!verdict.promote) return this.finish(runKey, { status: 'kept', reason: verdict.reason, ...comparison });

    // The promoted model learns from every example, the hold-out too; its scores are the candidate's on the hold-out.
    const final = await trainInThread(examples.map(tokenized), options, this.time.now());
    return this.finish(runKey, { status: 'promoted', reason: verdict.reason, ...comparison }, async (manager) => {
      const stored = await this.models.promote(manager, 'unit', final, 'retrained', { holdOut: candidateScores, crossValidated: final.heldOut });
      this.logger.log(`run ${runKey}: unit model v${stored.version} promoted (${verdict.reason})`);
      return stored.id;
    });
  }

  private score(classifier: RoutingClassifier, holdOut: readonly LearningExample[]): HoldOutScores {
    return holdOutScores(
      holdOut,
      holdOut.map((example) => classifier.predictTokens(example.tokens, 1)[0].label),
    );
  }

  private finish(
    runKey: string,
    outcome: { status: 'skipped' | 'kept' | 'promoted'; reason: string; exampleCount: number; candidate?: object; current?: object | null },
    promote?: (manager: EntityManager) => Promise<string>,
  ): Promise<JobOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const [run]: { status: string }[] = await manager.query(`SELECT status FROM routing_retrain_runs WHERE run_key = $1 FOR UPDATE`, [runKey]);
      if (run.status !== 'running') return 'skipped';
      const modelId = promote ? await promote(manager) : null;
      await manager.query(
        `UPDATE routing_retrain_runs SET status = $2, reason = $3, example_count = $4, candidate = $5, current = $6, model_id = $7, finished_at = $8
          WHERE run_key = $1`,
        [
          runKey,
          outcome.status,
          outcome.reason,
          outcome.exampleCount,
          outcome.candidate ? JSON.stringify(outcome.candidate) : null,
          outcome.current ? JSON.stringify(outcome.current) : null,
          modelId,
          this.time.now(),
        ],
      );
      return 'done';
    });
  }
}

function tokenized(example: LearningExample): TokenizedExample {
  return { tokens: example.tokens, label: example.label };
}
