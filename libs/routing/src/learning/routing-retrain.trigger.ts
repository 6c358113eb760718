import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TIME_SOURCE, TimeSource, shanghaiDateOf } from '@wenzheng/calendar';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { JobName, JobQueue, PeriodicTask } from '@wenzheng/queue';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The night's run key once the Shanghai clock has passed the retrain hour, else null (not yet tonight). */
export function nightlyRunKey(now: Date, retrainHour: number): string | null {
  const hour = new Date(now.getTime() + SHANGHAI_OFFSET_MS).getUTCHours();
  return hour >= retrainHour ? `nightly-${shanghaiDateOf(now)}` : null;
}

/** Asks for the nightly retraining in every worker; the run key (one per Shanghai day) makes it one run. */
@Injectable()
export class RoutingRetrainTrigger implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new PeriodicTask(new Logger('RoutingRetrain'), 'nightly retrain request', () => this.tick());
  private asked?: string;

  constructor(
    private readonly jobs: JobQueue,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  onApplicationBootstrap(): void {
    // ROUTING_RETRAIN_HOUR=off: retraining only when an admin asks.
    if (this.config.routing.retrainHour !== null) this.task.start(this.config.queue.sweepIntervalMs, { runNow: true });
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  private async tick(): Promise<void> {
    const hour = this.config.routing.retrainHour;
    const runKey = hour === null ? null : nightlyRunKey(this.time.now(), hour);
    if (runKey === null || runKey === this.asked) return;
    await this.jobs.enqueue({ name: JobName.RetrainRoutingModel, data: { runKey, trigger: 'schedule', requestedBy: 'system:schedule' } });
    this.asked = runKey;
  }
}
