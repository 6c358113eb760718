import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { CLOCK_POLICIES, CalendarStore, ClockSpec, TIME_SOURCE, TimeSource, shanghaiDateOf, timerPolicyOf } from '@wenzheng/calendar';
import { ClockEntity, StoredPause } from './clock.entity';
import { ClockTimerEntity } from './clock-timer.entity';
import { ClockPause, ClockState, clockDue, clockTimers } from './clock-schedule';
import { CLOCK_SUBJECT_HANDLERS, ClockChangeKind, ClockError, ClockSubjectHandler, ClockSubjectRef } from './clock-subject';

interface Actor {
  actor: string;
  reason?: string | null;
}

/**
 * Starts, stops, pauses, resumes, restarts, extends and re-times clocks. Every method runs inside the caller's
 * transaction, locks the clock row, re-derives the due moment and the timers, and tells the subject's handler.
 */
@Injectable()
export class ClockService {
  private readonly handlers: ReadonlyMap<string, ClockSubjectHandler>;

  constructor(
    private readonly calendars: CalendarStore,
    @Inject(CLOCK_POLICIES) private readonly policies: Readonly<Record<string, ClockSpec>>,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
    @Inject(CLOCK_SUBJECT_HANDLERS) handlers: ClockSubjectHandler[],
  ) {
    this.handlers = new Map(handlers.map((h) => [h.subjectType, h]));
  }

  /** Starts a clock from the policy table (length and unit are copied: later policy edits do not move it). */
  async start(
    manager: EntityManager,
    subject: ClockSubjectRef,
    purpose: string,
    policyKey: string,
    startedAt: Date,
    by: Actor,
  ): Promise<ClockEntity> {
    const [clock] = await this.startMany(manager, subject, [{ purpose, policy: policyKey }], startedAt, by);
    return clock;
  }

  /** Starts several clocks of one subject with one INSERT for the clocks and one for their timers (the intake path). */
  async startMany(
    manager: EntityManager,
    subject: ClockSubjectRef,
    wanted: readonly { purpose: string; policy: string }[],
    startedAt: Date,
    by: Actor,
  ): Promise<ClockEntity[]> {
    const clocks = wanted.map(({ purpose, policy }) => {
      const spec = this.policies[policy];
      if (!spec) throw new ClockError('invalid', `no clock policy named ${policy}`);
      const clock = manager.create(ClockEntity, {
        subjectType: subject.type,
        subjectId: subject.id,
        purpose,
        policy,
        unit: spec.unit,
        length: spec.length,
        startedAt,
        extension: 0,
        pauses: [],
        state: 'running',
        version: 1,
        stoppedAt: null,
        stopReason: null,
      });
      this.derive(clock);
      return clock;
    });
    await manager.insert(ClockEntity, clocks);
    await this.insertTimers(manager, clocks.flatMap((clock) => this.timerRows(clock, new Set())));
    for (const clock of clocks) await this.tell(manager, 'started', clock, null, by);
    return clocks;
  }

  /** The running or paused clock of a subject for a purpose, if any. */
  live(manager: EntityManager, subject: ClockSubjectRef, purpose: string): Promise<ClockEntity | null> {
    return manager
      .createQueryBuilder(ClockEntity, 'c')
      .where('c.subject_type = :type AND c.subject_id = :id AND c.purpose = :purpose AND c.state <> :stopped', {
        ...subject,
        purpose,
        stopped: 'stopped',
      })
      .setLock('pessimistic_write')
      .getOne();
  }

  async stop(manager: EntityManager, clockId: string, by: Actor): Promise<ClockEntity> {
    const clock = await this.lock(manager, clockId);
    if (clock.state === 'stopped') return clock;
    clock.state = 'stopped';
    clock.stoppedAt = this.time.now();
    clock.stopReason = by.reason ?? null;
    await manager.save(clock);
    await manager.delete(ClockTimerEntity, { clockId: clock.id, firedAt: IsNull() });
    await this.tell(manager, 'stopped', clock, clock.dueAt, by);
    return clock;
  }

  async pause(manager: EntityManager, clockId: string, by: Actor & { reason: string }): Promise<ClockEntity> {
    const clock = await this.lock(manager, clockId);
    if (clock.state !== 'running') throw new ClockError('not-running', `the clock is ${clock.state}, it cannot be paused`);
    if (clock.unit === 'calendarMonths') throw new ClockError('invalid', 'a calendar-month clock cannot be paused');
    clock.pauses = [...clock.pauses, { from: this.time.now().toISOString(), to: null, reason: by.reason }];
    clock.state = 'paused';
    return this.reschedule(manager, clock, 'paused', by);
  }

  async resume(manager: EntityManager, clockId: string, by: Actor): Promise<ClockEntity> {
    const clock = await this.lock(manager, clockId);
    if (clock.state !== 'paused') throw new ClockError('not-paused', `the clock is ${clock.state}, not paused`);
    const now = this.time.now().toISOString();
    clock.pauses = clock.pauses.map((p) => (p.to === null ? { ...p, to: now } : p));
    clock.state = 'running';
    return this.reschedule(manager, clock, 'resumed', by);
  }

  /** 补正 and similar: the period starts again from `at` (pauses and extensions of the old period no longer count). */
  async restart(manager: EntityManager, clockId: string, at: Date, by: Actor): Promise<ClockEntity> {
    const clock = await this.lock(manager, clockId);
    if (clock.state === 'stopped') throw new ClockError('not-running', 'a stopped clock cannot be restarted');
    clock.startedAt = at;
    clock.pauses = [];
    clock.extension = 0;
    clock.state = 'running';
    return this.reschedule(manager, clock, 'restarted', by);
  }

  /** Adds an approved extension (in the clock's unit). Checks of who may extend and when live in ExtensionService. */
  async extend(manager: EntityManager, clockId: string, length: number, by: Actor): Promise<ClockEntity> {
    const clock = await this.lock(manager, clockId);
    if (clock.state === 'stopped') throw new ClockError('not-running', 'a stopped clock cannot be extended');
    clock.extension += length;
    return this.reschedule(manager, clock, 'extended', by);
  }

  /** Re-derives the due moment with the current calendar (a year was loaded or replaced). No-op when unchanged. */
  async retime(manager: EntityManager, clockId: string, by: Actor): Promise<{ clock: ClockEntity; changed: boolean }> {
    const clock = await this.lock(manager, clockId);
    if (clock.state === 'stopped') return { clock, changed: false };
    const due = clockDue(this.calendars.current(), toState(clock));
    if (due?.dueAt.getTime() === clock.dueAt?.getTime() && (due?.provisional ?? false) === clock.provisional) {
      return { clock, changed: false };
    }
    return { clock: await this.reschedule(manager, clock, 'retimed', by), changed: true };
  }

  private async reschedule(manager: EntityManager, clock: ClockEntity, kind: ClockChangeKind, by: Actor): Promise<ClockEntity> {
    const previousDueAt = clock.dueAt;
    this.derive(clock);
    clock.version += 1;
    await manager.save(clock);
    await manager.delete(ClockTimerEntity, { clockId: clock.id, firedAt: IsNull() });
    await this.planTimers(manager, clock);
    await this.tell(manager, kind, clock, previousDueAt, by);
    return clock;
  }

  private derive(clock: ClockEntity): void {
    const due = clockDue(this.calendars.current(), toState(clock));
    clock.dueAt = due?.dueAt ?? null;
    clock.provisional = due?.provisional ?? false;
  }

  /** Replaces nothing: the caller deleted the unfired timers of the old version first. */
  private async planTimers(manager: EntityManager, clock: ClockEntity): Promise<void> {
    await this.insertTimers(manager, this.timerRows(clock, await this.firedTimerNames(manager, clock.id)));
  }

  /**
   * Timers for the clock's current version. Reminders already in the past are dropped; an overdue timer that
   * already fired for an earlier version and would fire again at once is not planned twice.
   */
  private timerRows(clock: ClockEntity, alreadyFired: ReadonlySet<string>): Partial<ClockTimerEntity>[] {
    if (clock.state !== 'running' || !clock.dueAt) return [];
    const now = this.time.now();
    const due = { due: shanghaiDateOf(clock.dueAt), dueAt: clock.dueAt, provisional: clock.provisional };
    return clockTimers(this.calendars.current(), clock.unit, clock.startedAt, due, timerPolicyOf(this.policies[clock.policy]))
      .filter((t) => t.fireAt > now || (!t.name.startsWith('remind') && !alreadyFired.has(t.name)))
      .map((t) => ({ clockId: clock.id, version: clock.version, name: t.name, fireAt: t.fireAt, firedAt: null }));
  }

  private async insertTimers(manager: EntityManager, rows: Partial<ClockTimerEntity>[]): Promise<void> {
    if (rows.length) await manager.insert(ClockTimerEntity, rows);
  }

  private async firedTimerNames(manager: EntityManager, clockId: string): Promise<Set<string>> {
    const fired: { name: string }[] = await manager.query(
      `SELECT DISTINCT name FROM clock_timers WHERE clock_id = $1 AND fired_at IS NOT NULL`,
      [clockId],
    );
    return new Set(fired.map((f) => f.name));
  }

  private async lock(manager: EntityManager, clockId: string): Promise<ClockEntity> {
    const clock = await manager.findOne(ClockEntity, { where: { id: clockId }, lock: { mode: 'pessimistic_write' } });
    if (!clock) throw new ClockError('not-found', `no clock ${clockId}`);
    return clock;
  }

  private async tell(manager: EntityManager, kind: ClockChangeKind, clock: ClockEntity, previousDueAt: Date | null, by: Actor) {
    await this.handlers.get(clock.subjectType)?.onChange(manager, { kind, clock, previousDueAt, actor: by.actor, reason: by.reason ?? null });
  }

  subjectHandler(subjectType: string): ClockSubjectHandler | undefined {
    return this.handlers.get(subjectType);
  }
}

function toState(clock: ClockEntity): ClockState {
  const pauses: ClockPause[] = clock.pauses.map((p: StoredPause) => ({
    from: new Date(p.from),
    to: p.to === null ? null : new Date(p.to),
    reason: p.reason,
  }));
  return { unit: clock.unit, length: clock.length, startedAt: clock.startedAt, extension: clock.extension, pauses };
}
