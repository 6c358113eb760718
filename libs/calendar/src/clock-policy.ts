import { z } from 'zod';
import {
  MAX_CALENDAR_MONTHS,
  MAX_HOURS,
  MAX_WORKING_DAYS,
  type Deadline,
  type WorkingDayCalendar,
} from './working-day-calendar';

export const CLOCK_UNITS = ['workingDays', 'hours', 'calendarMonths'] as const;
export type ClockUnit = (typeof CLOCK_UNITS)[number];

/** When a running clock reminds and escalates (the reminder offsets of the policy table). */
export interface TimerPolicy {
  /** Working-day clocks: a reminder at the start of the Nth working day before the due day (0 = none). */
  readonly remindWorkingDaysBefore: number;
  /** Working-day clocks: a reminder at the start of the due day. */
  readonly remindAtStartOfDueDay: boolean;
  /** Hour clocks: a reminder this many hours before the due moment (0 = none). */
  readonly remindHoursBefore: number;
  /** 严重超期: this many working days after the due day (0 = none); a written 通报 is due then. */
  readonly seriouslyOverdueAfterWorkingDays: number;
}

export const DEFAULT_TIMER_POLICY: TimerPolicy = Object.freeze({
  remindWorkingDaysBefore: 1,
  remindAtStartOfDueDay: true,
  remindHoursBefore: 4,
  seriouslyOverdueAfterWorkingDays: 5,
});

export interface ClockSpec {
  readonly unit: ClockUnit;
  readonly length: number;
  /** Overrides of DEFAULT_TIMER_POLICY for this clock. */
  readonly timers?: Partial<TimerPolicy>;
}

export type ClockPolicies = Readonly<Record<string, ClockSpec>>;

export class ClockPolicyError extends Error {
  override readonly name = 'ClockPolicyError';
}

const MAX_LENGTH: Readonly<Record<ClockUnit, number>> = {
  workingDays: MAX_WORKING_DAYS,
  hours: MAX_HOURS,
  calendarMonths: MAX_CALENDAR_MONTHS,
};

function spec(unit: ClockUnit, length: number, timers?: Partial<TimerPolicy>): ClockSpec {
  return Object.freeze(timers ? { unit, length, timers: Object.freeze({ ...timers }) } : { unit, length });
}

/** The timers of a clock of this policy: the defaults with the policy's overrides. */
export function timerPolicyOf(spec: ClockSpec | undefined): TimerPolicy {
  return { ...DEFAULT_TIMER_POLICY, ...spec?.timers };
}

/** Defaults from docs/architecture.md "Deadlines"; a deployment overrides them in configuration. */
export const DEFAULT_CLOCK_POLICIES = Object.freeze({
  dispatch: spec('workingDays', 1),
  // "Same day" in local rules; a message arriving at 23:50 cannot be answered by 23:59:59, so it is 24 clock hours.
  'reply.urgent': spec('hours', 24),
  'reply.consult': spec('workingDays', 5),
  'reply.help': spec('workingDays', 5),
  'reply.suggestion': spec('workingDays', 15),
  'reply.complaint': spec('workingDays', 15),
  'reply.report': spec('workingDays', 15),
  publication: spec('workingDays', 3),
  policyInterpretation: spec('workingDays', 3),
  disclosure: spec('workingDays', 20),
  sentimentResponse: spec('hours', 48),
  // A major emergency (国办发〔2016〕80号): authoritative information within 5 hours, a press conference within 24.
  'sentimentResponse.majorInformation': spec('hours', 5, { remindHoursBefore: 1 }),
  'sentimentResponse.majorPressConference': spec('hours', 24),
  unansweredWarning: spec('calendarMonths', 2),
  unansweredCritical: spec('calendarMonths', 3),
}) satisfies ClockPolicies;

export type DefaultClockName = keyof typeof DEFAULT_CLOCK_POLICIES;

/** When a clock started at `from` runs out. */
export function computeDue(calendar: WorkingDayCalendar, from: Date, clock: ClockSpec): Deadline {
  const unit = clock.unit;
  switch (unit) {
    case 'workingDays':
      return calendar.addWorkingDays(from, clock.length);
    case 'hours':
      return calendar.addHours(from, clock.length);
    case 'calendarMonths':
      return calendar.addCalendarMonths(from, clock.length);
    default: {
      const unknown: never = unit;
      throw new ClockPolicyError(`unknown clock unit ${JSON.stringify(unknown)}`);
    }
  }
}

const clockNameSchema = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/,
    'clock names are dotted camelCase words, e.g. "reply.urgent"',
  );

const clockSpecSchema = z
  .strictObject({
    unit: z.enum(CLOCK_UNITS),
    length: z.number().int().nonnegative(),
    timers: z
      .strictObject({
        remindWorkingDaysBefore: z.number().int().min(0).max(30).optional(),
        remindAtStartOfDueDay: z.boolean().optional(),
        remindHoursBefore: z.number().int().min(0).max(720).optional(),
        seriouslyOverdueAfterWorkingDays: z.number().int().min(0).max(60).optional(),
      })
      .optional(),
  })
  .superRefine((value, ctx) => {
    const max = MAX_LENGTH[value.unit];
    if (value.length > max) {
      ctx.addIssue({
        code: 'custom',
        path: ['length'],
        message: `${value.length} ${value.unit} is more than the maximum ${max}`,
      });
    }
  });

const clockPoliciesSchema = z.record(clockNameSchema, clockSpecSchema);

/** Validates a clock policy table (e.g. a deployment's overrides); throws ClockPolicyError naming each bad entry. */
export function parseClockPolicies(input: unknown): ClockPolicies {
  const parsed = clockPoliciesSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const path = issue.path.map((key) => (key === '' ? '""' : String(key))).join(' → ');
      // A bad record key reports "Invalid key in record"; the reason is in the nested issues.
      const message = issue.code === 'invalid_key' ? issue.issues.map((inner) => inner.message).join(', ') : issue.message;
      return path ? `${path}: ${message}` : message;
    });
    throw new ClockPolicyError(`clock policy table is invalid: ${problems.join('; ')}`);
  }
  const table: Record<string, ClockSpec> = {};
  for (const [name, value] of Object.entries(parsed.data)) table[name] = spec(value.unit, value.length, value.timers);
  return Object.freeze(table);
}
