import { DynamicModule, Module } from '@nestjs/common';
import { TicketsModule } from '@wenzheng/tickets';
import { RouteTicketJob } from './jobs/route-ticket.job';
import { RetrainRoutingModelJob } from './learning/retrain-routing-model.job';
import { RoutingModelStore } from './learning/routing-model.store';
import { RoutingTrainingSetRepository } from './learning/routing-training-set.repository';
import { RoutingCatalogueRepository } from './routing-catalogue.repository';

@Module({})
export class RoutingModule {
  /** `nlp` is the configured NlpModule: the models read the analyzer's tokens. */
  static register(nlp: DynamicModule): DynamicModule {
    const providers = [RoutingCatalogueRepository, RoutingModelStore, RoutingTrainingSetRepository, RouteTicketJob, RetrainRoutingModelJob];
    return { module: RoutingModule, imports: [TicketsModule, nlp], providers, exports: providers };
  }
}
