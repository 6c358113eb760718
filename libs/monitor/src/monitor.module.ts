import { DynamicModule, Module } from '@nestjs/common';
import { TicketsModule } from '@wenzheng/tickets';
import { MonitorMessageJob } from './jobs/monitor-message.job';
import { MonitorPublicPostJob } from './jobs/monitor-public-post.job';
import { MonitorSweeper } from './jobs/monitor-sweeper.service';
import { MergeSuggestionService } from './store/merge-suggestions.service';
import { MonitorCaseService } from './store/monitor-cases.service';
import { MonitorProcessor } from './store/monitor-processor.service';
import { MonitorViewService } from './store/monitor-views.service';

/** The monitor. `nlp` is the app's configured NlpModule (the keyword extractor's idf and filter). Needs hubCore's globals. */
@Module({})
export class MonitorModule {
  /** The API side: views, alerts, cases, merge suggestions. */
  static register(nlp: DynamicModule): DynamicModule {
    const providers = [MonitorViewService, MonitorCaseService, MergeSuggestionService];
    return { module: MonitorModule, imports: [TicketsModule, nlp], providers, exports: providers };
  }

  /** The worker side: the monitor-message and monitor-public-post jobs and their sweeper. */
  static registerJobs(nlp: DynamicModule): DynamicModule {
    const providers = [MonitorProcessor, MonitorMessageJob, MonitorPublicPostJob, MonitorSweeper];
    return { module: MonitorModule, imports: [nlp], providers, exports: providers };
  }
}
