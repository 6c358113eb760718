import { DynamicModule, Module } from '@nestjs/common';
import { TicketsModule } from '@wenzheng/tickets';
import { AnalyzeMessageJob } from './jobs/analyze-message.job';
import { OutboxRelay } from './outbox-relay.service';
import { PipelineSweeper } from './pipeline-sweeper.service';

/** The worker side of intake: the analyze job, the outbox relay and the pipeline sweeper. */
@Module({})
export class IntakeJobsModule {
  /** `nlp` is the configured NlpModule (segmenter adapter and dictionaries chosen by the app from its config). */
  static register(nlp: DynamicModule): DynamicModule {
    const providers = [AnalyzeMessageJob, OutboxRelay, PipelineSweeper];
    return { module: IntakeJobsModule, imports: [TicketsModule, nlp], providers, exports: providers };
  }
}
