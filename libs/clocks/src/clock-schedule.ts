import {
  ClockUnit,
  DEFAULT_TIMER_POLICY,
  Deadline,
  TimerPolicy,
  WorkingDayCalendar,
  computeDue,
  endOfShanghaiDay,
  shanghaiDateOf,
  startOfShanghaiDay,
} from '@wenzheng/calendar';

/** A stretch of time during which a clock did not run (e.g. waiting on a third party). `to` null: still paused. */
export interface ClockPause {
  from: Date;
  to: Date | null;
  reason: string;
}

/** What the due moment depends on; everything else about a clock is bookkeeping. */
export interface ClockState {
  unit: ClockUnit;
  length: number;
  startedAt: Date;
  /** Approved extensions, in the clock's unit. */
  extension: number;
  pauses: readonly ClockPause[];
}

/**
 * The due moment of a clock, or null while it is paused.
 * Working-day clocks: each closed pause adds the working days after the day it began up to and including the
 * day it ended (the same rule as receipt: the starting day is not counted), so paused working days do not count.
 * Hour clocks: each pause adds its exact duration. Calendar-month clocks cannot be paused.
 */
export function clockDue(calendar: WorkingDayCalendar, clock: ClockState): Deadline | null {
  if (clock.pauses.some((p) => p.to === null)) return null;
  const length = clock.length + clock.extension;
  switch (clock.unit) {
    case 'workingDays': {
      let pausedDays = 0;
      let provisional = false;
      for (const pause of clock.pauses) {
        const counted = calendar.workingDaysBetween(pause.from, pause.to as Date);
        pausedDays += counted.days;
        provisional ||= counted.provisional;
      }
      const due = calendar.addWorkingDays(clock.startedAt, length + pausedDays);
      return { ...due, provisional: due.provisional || provisional };
    }
    case 'hours': {
      const pausedMs = clock.pauses.reduce((sum, p) => sum + ((p.to as Date).getTime() - p.from.getTime()), 0);
      const due = calendar.addHours(clock.startedAt, length);
      const dueAt = new Date(due.dueAt.getTime() + pausedMs);
      return { due: shanghaiDateOf(dueAt), dueAt, provisional: false };
    }
    case 'calendarMonths':
      if (clock.pauses.length) throw new RangeError('a calendar-month clock cannot be paused');
      return computeDue(calendar, clock.startedAt, { unit: 'calendarMonths', length });
  }
}

export type TimerName = 'remind-before' | 'remind-due-day' | 'overdue' | 'seriously-overdue';

export interface PlannedTimer {
  name: TimerName;
  fireAt: Date;
}

/** The Nth working day strictly before `date`. */
function workingDayBefore(calendar: WorkingDayCalendar, date: string, n: number): string {
  let day = date;
  let left = n;
  while (left > 0) {
    day = shanghaiDateOf(new Date(startOfShanghaiDay(day).getTime() - 1));
    if (calendar.isWorkingDay(day)) left--;
  }
  return day;
}

/**
 * The timers of a running clock with the given due moment: reminders (not for calendar-month alarms),
 * overdue one second after the due moment, and seriously overdue after N more working days.
 * Reminders already in the past at `startedAt` are dropped (a 1-day clock has no "1 day before").
 */
export function clockTimers(
  calendar: WorkingDayCalendar,
  unit: ClockUnit,
  startedAt: Date,
  due: Deadline,
  policy: TimerPolicy = DEFAULT_TIMER_POLICY,
): PlannedTimer[] {
  const timers: PlannedTimer[] = [];
  if (unit === 'workingDays') {
    if (policy.remindWorkingDaysBefore > 0) {
      const day = workingDayBefore(calendar, due.due, policy.remindWorkingDaysBefore);
      timers.push({ name: 'remind-before', fireAt: startOfShanghaiDay(day) });
    }
    if (policy.remindAtStartOfDueDay) timers.push({ name: 'remind-due-day', fireAt: startOfShanghaiDay(due.due) });
  } else if (unit === 'hours' && policy.remindHoursBefore > 0) {
    timers.push({ name: 'remind-before', fireAt: new Date(due.dueAt.getTime() - policy.remindHoursBefore * 3_600_000) });
  }
  const overdueAt = new Date(due.dueAt.getTime() + 1000);
  timers.push({ name: 'overdue', fireAt: overdueAt });
  if (unit !== 'calendarMonths' && policy.seriouslyOverdueAfterWorkingDays > 0) {
    const serious = calendar.addWorkingDays(due.dueAt, policy.seriouslyOverdueAfterWorkingDays);
    timers.push({ name: 'seriously-overdue', fireAt: new Date(endOfShanghaiDay(serious.due).getTime() + 1000) });
  }
  return timers.filter((t) => t.fireAt.getTime() > startedAt.getTime());
}
