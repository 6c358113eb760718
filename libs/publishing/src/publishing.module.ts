import { DynamicModule, Module } from '@nestjs/common';
import { TicketsModule } from '@wenzheng/tickets';
import { ArchiveService } from './archive.service';
import { PreparePublicationJob } from './jobs/prepare-publication.job';
import { InterpretationService } from './interpretations/interpretation.service';
import { PublicationService } from './publication.service';

/**
 * Publishing for the app that registers it once, with its configured NlpModule (the segmenter that indexes and
 * searches). Global, so the workbench's approval can plan publications without importing it again.
 */
@Module({})
export class PublishingModule {
  static register(nlp: DynamicModule): DynamicModule {
    const providers = [PublicationService, ArchiveService, InterpretationService, PreparePublicationJob];
    return { module: PublishingModule, global: true, imports: [TicketsModule, nlp], providers, exports: providers };
  }
}
