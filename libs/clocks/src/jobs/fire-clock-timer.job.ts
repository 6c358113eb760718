import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { FireClockTimerData, JobHandler, JobName, JobOutcome } from '@wenzheng/queue';
import { ClockEntity } from '../clock.entity';
import { ClockTimerEntity } from '../clock-timer.entity';
import { ClockService } from '../clock.service';

/**
 * Fires one timer exactly once: the row is locked, `fired_at` is set only if still empty, and the subject's
 * handler records and notifies in the same transaction. A timer of a stopped or re-timed clock no longer
 * exists (its row was deleted) and is skipped.
 */
@Injectable()
export class FireClockTimerJob implements JobHandler<JobName.FireClockTimer> {
  readonly jobName = JobName.FireClockTimer;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clocks: ClockService,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {}

  async handle({ timerId }: FireClockTimerData): Promise<JobOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const timer = await manager.findOne(ClockTimerEntity, { where: { id: timerId }, lock: { mode: 'pessimistic_write' } });
      if (!timer || timer.firedAt) return 'skipped';
      const now = this.time.now();
      if (now < timer.fireAt) return { notBefore: timer.fireAt };
      const clock = await manager.findOneByOrFail(ClockEntity, { id: timer.clockId });
      if (clock.state !== 'running' || clock.version !== timer.version) return 'skipped';
      timer.firedAt = now;
      await manager.save(timer);
      await this.clocks.subjectHandler(clock.subjectType)?.onTimer(manager, clock, timer);
      return 'done';
    });
  }
}
