import { readFileSync } from 'node:fs';
import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { TimeSource } from '@wenzheng/calendar';
import type { HubConfig } from '@wenzheng/config';
import { prepareDatabase } from '@wenzheng/database';
import { IntakeModule, IntakeService } from '@wenzheng/intake';
import { parseReplayFile } from '@wenzheng/monitor';
import { hubCore } from '../../hub/src/hub-core';

/** The replay's clock: each message is received at its own (shifted) time. */
class ReplayTime implements TimeSource {
  private current = new Date();
  now(): Date {
    return new Date(this.current);
  }
  set(at: number): void {
    this.current = new Date(at);
  }
}

@Module({})
class MonitorDemoModule {
  static create(config: HubConfig, time: TimeSource): DynamicModule {
    const core = hubCore(config, time);
    return { module: MonitorDemoModule, imports: [...core.imports, IntakeModule], providers: core.providers };
  }
}

/** Ends this long before now, so the view opened right after shows the burst in the current hour. */
const END_BEFORE_NOW_MS = 5 * 60_000;

/** Feeds a stream to intake as citizens' messages; the workers do the rest. Answers how many were new. */
export async function replayMonitorDemo(config: HubConfig, file: string): Promise<{ total: number; added: number }> {
  const messages = parseReplayFile(readFileSync(file, 'utf8'), file);
  if (messages.length === 0) return { total: 0, added: 0 };
  await prepareDatabase(config);
  const time = new ReplayTime();
  const app = await NestFactory.createApplicationContext(MonitorDemoModule.create(config, time), { logger: ['error', 'warn'] });
  try {
    const intake = app.get(IntakeService);
    const shift = Date.now() - END_BEFORE_NOW_MS - messages[messages.length - 1].at;
    let added = 0;
    for (const m of messages) {
      time.set(m.at + shift);
      const receipt = await intake.receive({
        channel: m.channel ?? 'portal',
        externalId: `monitor-demo-${m.id}`,
        title: m.title ?? m.body.slice(0, 20),
        body: m.body,
        kind: 'complaint',
        senderName: null,
        senderPhone: null,
        publicConsent: false,
      });
      if (!receipt.replayed) added += 1;
    }
    return { total: messages.length, added };
  } finally {
    await app.close();
  }
}
