import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { JobName, JobQueue, PeriodicTask } from '@wenzheng/queue';

const BATCH = 1000;

/**
 * Turns timer rows that come due soon into delayed BullMQ jobs. Only the next stretch of time (twice the sweep
 * interval) is in Redis, so Redis holds a bounded number of jobs however many tickets are open, and a Redis
 * flush or a dead worker is repaired at the next feed: overdue rows are fed with no delay.
 */
@Injectable()
export class TimerFeeder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new PeriodicTask(new Logger('TimerFeeder'), 'timer feed', () => this.feed());

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.queue.sweepIntervalMs, { runNow: true });
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Returns how many timers were handed to the queue. */
  async feed(): Promise<number> {
    const now = this.time.now();
    const horizon = new Date(now.getTime() + 2 * this.config.queue.sweepIntervalMs);
    const due: { id: string; fire_at: Date }[] = await this.dataSource.query(
      `SELECT id, fire_at FROM clock_timers WHERE fired_at IS NULL AND fire_at <= $1 ORDER BY fire_at LIMIT $2`,
      [horizon, BATCH],
    );
    for (const row of due) {
      await this.jobs.schedule({ name: JobName.FireClockTimer, data: { timerId: row.id } }, row.fire_at, now);
    }
    return due.length;
  }
}
