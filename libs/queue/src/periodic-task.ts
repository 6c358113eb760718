import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/** Runs `work` every interval, never two at once in this process; a failure is logged and retried next time. */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly logger: Logger,
    private readonly what: string,
    private readonly work: () => Promise<unknown>,
  ) {}

  start(intervalMs: number, { runNow = false } = {}): void {
    this.timer = setInterval(() => void this.tick(), intervalMs);
    if (runNow) void this.tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.work().then(
      () => undefined,
      (error) => this.logger.warn(`${this.what} failed, will retry: ${(error as Error).message}`),
    );
    await this.running;
    this.running = undefined;
  }
}

/** A provider that runs `runOnce` every `intervalMs()` for as long as its app runs. */
export abstract class PeriodicService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(logger: Logger, what: string) {
    this.task = new PeriodicTask(logger, what, () => this.runOnce());
  }

  protected abstract intervalMs(): number;
  protected abstract runOnce(): Promise<unknown>;

  onApplicationBootstrap(): void {
    this.task.start(this.intervalMs());
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
