export {
  SHANGHAI_UTC_OFFSET_MS,
  addDays,
  dayOfWeek,
  daysBetween,
  dayOfWeekOfEpochDay,
  daysInMonth,
  endOfShanghaiDay,
  epochDayOf,
  formatLocalDate,
  isLocalDate,
  isWeekend,
  localDateOfEpochDay,
  localDateParts,
  parseLocalDate,
  shanghaiDateOf,
  startOfShanghaiDay,
  weekdayName,
  yearOf,
  type DayOfWeek,
  type LocalDate,
  type LocalDateParts,
} from './shanghai-time';
export { CalendarDataError, parseYearSchedule, type YearSchedule } from './year-schedule';
export {
  MAX_CALENDAR_MONTHS,
  MAX_HOURS,
  MAX_WORKING_DAYS,
  WorkingDayCalendar,
  type DayInfo,
  type DayKind,
  type Deadline,
  type WorkingDayCount,
} from './working-day-calendar';
export {
  CLOCK_UNITS,
  ClockPolicyError,
  DEFAULT_CLOCK_POLICIES,
  DEFAULT_TIMER_POLICY,
  timerPolicyOf,
  type TimerPolicy,
  computeDue,
  parseClockPolicies,
  type ClockPolicies,
  type ClockSpec,
  type ClockUnit,
  type DefaultClockName,
} from './clock-policy';
export { loadCalendarDirectory, readCalendarDirectory, readYearScheduleFile } from './calendar-files';
export { SYSTEM_TIME, TIME_SOURCE, type TimeSource } from './time-source';
// The Nest wiring (written separately); the files above stay free of Nest.
export { CLOCK_POLICIES, CalendarModule } from './calendar.module';
export { CALENDAR_CHANGE_LISTENER, CALENDAR_POLL_MS, CalendarStore, CalendarYearEntity, type CalendarChangeListener, type CalendarIcsLoadResult, type CalendarLoadResult, type CalendarYearSummary } from './calendar-store.service';
