import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TIME_SOURCE, TimeSource, shanghaiDateOf } from '@wenzheng/calendar';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { JobName, JobQueue } from '@wenzheng/queue';

/** Asks once per Shanghai day (and at start) for the unanswered-message sweep; the day's job id dedupes workers. */
@Injectable()
export class UnansweredSweepTrigger implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('UnansweredSweep');
  private timer?: NodeJS.Timeout;
  private lastDay?: string;

  constructor(
    private readonly jobs: JobQueue,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.queue.sweepIntervalMs);
    void this.tick();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    const day = shanghaiDateOf(this.time.now());
    if (day === this.lastDay) return;
    try {
      await this.jobs.enqueue({ name: JobName.SweepUnanswered, data: { day } });
      this.lastDay = day;
    } catch (error) {
      this.logger.warn(`could not ask for the sweep of ${day}: ${(error as Error).message}`);
    }
  }
}
