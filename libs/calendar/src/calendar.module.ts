import { readFileSync } from 'node:fs';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { loadCalendarDirectory } from './calendar-files';
import { DEFAULT_CLOCK_POLICIES, parseClockPolicies } from './clock-policy';
import { SYSTEM_TIME, TIME_SOURCE, TimeSource } from './time-source';
import { WorkingDayCalendar } from './working-day-calendar';

export const CLOCK_POLICIES = Symbol('CLOCK_POLICIES');

/** The working-day calendar loaded from the per-year files, the clock policy table and the time source. */
@Global()
@Module({})
export class CalendarModule {
  static forRoot(time: TimeSource = SYSTEM_TIME): DynamicModule {
    return {
      module: CalendarModule,
      providers: [
        {
          provide: WorkingDayCalendar,
          inject: [HUB_CONFIG],
          useFactory: (config: HubConfig) => loadCalendarDirectory(config.calendar.directory),
        },
        {
          provide: CLOCK_POLICIES,
          inject: [HUB_CONFIG],
          useFactory: (config: HubConfig) => {
            const file = config.calendar.clockPolicyFile;
            if (!file) return DEFAULT_CLOCK_POLICIES;
            return { ...DEFAULT_CLOCK_POLICIES, ...parseClockPolicies(JSON.parse(readFileSync(file, 'utf8'))) };
          },
        },
        { provide: TIME_SOURCE, useValue: time },
      ],
      exports: [WorkingDayCalendar, CLOCK_POLICIES, TIME_SOURCE],
    };
  }
}
