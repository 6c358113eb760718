import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { BotStateReport, botStateKey, readBotState } from '@wenzheng/channels';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { JobQueue, QueueName, withTimeout } from '@wenzheng/queue';
import { ref } from './openapi';

const PROBE_TIMEOUT_MS = 1500;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /** 200 when PostgreSQL and Redis both answer, 503 otherwise, with the state of each; and what the WeChat bot last reported. */
  @Get()
  @ApiOperation({ summary: 'Whether PostgreSQL and Redis answer' })
  @ApiResponse({ status: 200, description: 'Both answer', schema: ref('Health') })
  @ApiResponse({ status: 503, description: 'One or both do not', schema: ref('Health') })
  async health(@Res({ passthrough: true }) response: Response) {
    const [postgres, redis, bot] = await Promise.all([
      this.probe(() => this.dataSource.query('SELECT 1')),
      this.probe(() => this.jobs.ping()),
      this.botState(),
    ]);
    const ok = postgres.up && redis.up;
    response.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'unavailable', postgres, redis, bot };
  }

  /** The bot is a separate process and may be absent: its state informs, it never makes the hub unhealthy. */
  private async botState(): Promise<BotStateReport | { state: 'not-reporting' | 'unknown' }> {
    try {
      // The client itself waits for Redis to connect: the timeout covers both.
      const read = this.jobs.queue(QueueName.Bot).client.then((client) => client.get(botStateKey(this.config.redis.queuePrefix)));
      return readBotState(await withTimeout(read, PROBE_TIMEOUT_MS, 'bot state'));
    } catch {
      return { state: 'unknown' };
    }
  }

  private async probe(check: () => Promise<unknown>): Promise<{ up: boolean; error?: string }> {
    try {
      await withTimeout(check(), PROBE_TIMEOUT_MS, 'probe');
      return { up: true };
    } catch (error) {
      return { up: false, error: (error as Error).message };
    }
  }
}
