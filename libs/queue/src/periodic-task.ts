import { Logger } from '@nestjs/common';

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
