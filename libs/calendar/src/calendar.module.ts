import { readFileSync } from 'node:fs';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { CalendarStore } from './calendar-store.service';
import { DEFAULT_CLOCK_POLICIES, parseClockPolicies } from './clock-policy';
import { SYSTEM_TIME, TIME_SOURCE, TimeSource } from './time-source';

export const CLOCK_POLICIES = Symbol('CLOCK_POLICIES');

/**
 * The working-day calendar (CalendarStore: the `calendar_years` table, reloaded when any process changes it), the
 * clock policy table and the time source. Needs the database module: ask `CalendarStore.current()` for each
 * computation rather than keeping a calendar, which a load replaces.
 */
@Global()
@Module({})
export class CalendarModule {
  static forRoot(time: TimeSource = SYSTEM_TIME): DynamicModule {
    return {
      module: CalendarModule,
      providers: [
        CalendarStore,
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
      exports: [CalendarStore, CLOCK_POLICIES, TIME_SOURCE],
    };
  }
}
