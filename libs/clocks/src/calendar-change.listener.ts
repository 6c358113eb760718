import { Inject, Injectable } from '@nestjs/common';
import { CalendarChangeListener, TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { JobName, JobQueue } from '@wenzheng/queue';

/** A loaded calendar year re-times open deadlines, in a worker (the API only asks for it). */
@Injectable()
export class RetimeOnCalendarChange implements CalendarChangeListener {
  constructor(
    private readonly jobs: JobQueue,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {}

  async calendarChanged(years: number[]): Promise<void> {
    await this.jobs.enqueue({ name: JobName.RetimeClocks, data: { years, stamp: String(this.time.now().getTime()) } });
  }
}
