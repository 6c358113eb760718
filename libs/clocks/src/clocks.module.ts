import { DynamicModule, Module, Type } from '@nestjs/common';
import { CLOCK_SUBJECT_HANDLERS, ClockSubjectHandler } from './clock-subject';
import { ClockService } from './clock.service';
import { ExtensionService } from './extension.service';

/**
 * Clocks and extensions, global. The app names the subject handlers (e.g. the tickets' handler); they may
 * depend only on global providers (time source, notification port). The worker app adds FireClockTimerJob,
 * RetimeClocksJob and TimerFeeder.
 */
@Module({})
export class ClocksModule {
  static forRoot(subjectHandlers: Type<ClockSubjectHandler>[]): DynamicModule {
    return {
      module: ClocksModule,
      global: true,
      providers: [
        ...subjectHandlers,
        { provide: CLOCK_SUBJECT_HANDLERS, inject: subjectHandlers, useFactory: (...handlers: ClockSubjectHandler[]) => handlers },
        ClockService,
        ExtensionService,
      ],
      exports: [ClockService, ExtensionService],
    };
  }
}
