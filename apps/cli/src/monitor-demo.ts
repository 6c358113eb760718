import { readFileSync } from 'node:fs';
import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { TimeSource } from '@wenzheng/calendar';
import { ChannelAccountsService, ChannelPublicPostsRepository, PublicPostIntake } from '@wenzheng/channels';
import type { HubConfig } from '@wenzheng/config';
import { prepareDatabase } from '@wenzheng/database';
import { IntakeModule, IntakeService } from '@wenzheng/intake';
import { ReplayMessage, parseReplayFile, publicPostKindOf } from '@wenzheng/monitor';
import { DataSource } from 'typeorm';
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
    return {
      module: MonitorDemoModule,
      imports: [...core.imports, IntakeModule],
      providers: [...core.providers, ChannelAccountsService, ChannelPublicPostsRepository, PublicPostIntake],
    };
  }
}

/** Ends this long before now, so the view opened right after shows the burst in the current hour. */
const END_BEFORE_NOW_MS = 5 * 60_000;

/** The demo's Weibo account (push mode: nothing is polled), made on first use; its credentials are placeholders. */
const DEMO_WEIBO_APP_ID = 'wenzheng-demo';

/**
 * Feeds a stream to the hub, its times shifted to end now: citizens' messages through intake, and lines on channel
 * `weibo-mention` / `weibo-comment` as public posts of the demo Weibo account. The workers do the rest. Answers how
 * many were new.
 */
export async function replayMonitorDemo(config: HubConfig, file: string): Promise<{ total: number; added: number }> {
  const messages = parseReplayFile(readFileSync(file, 'utf8'), file);
  if (messages.length === 0) return { total: 0, added: 0 };
  await prepareDatabase(config);
  const time = new ReplayTime();
  const app = await NestFactory.createApplicationContext(MonitorDemoModule.create(config, time), { logger: ['error', 'warn'] });
  try {
    const intake = app.get(IntakeService);
    const shift = Date.now() - END_BEFORE_NOW_MS - messages[messages.length - 1].at;
    const posts = new DemoPosts(app);
    let added = 0;
    for (const m of messages) {
      time.set(m.at + shift);
      // Lines on a public-post channel are posts of the demo's Weibo account, not messages taken in.
      const kind = publicPostKindOf(m.channel);
      if (kind !== null) {
        if (await posts.record(m, kind, new Date(m.at + shift))) added += 1;
        continue;
      }
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

/** Records the stream's public posts on the demo Weibo account, each with its monitor job. */
class DemoPosts {
  private accountId: Promise<string> | null = null;

  constructor(private readonly app: INestApplicationContext) {}

  /** False when the post was recorded by an earlier replay. */
  async record(m: ReplayMessage, kind: 'mention' | 'comment', at: Date): Promise<boolean> {
    const accountId = await (this.accountId ??= this.demoAccount());
    const recorded = await this.app.get(PublicPostIntake).record({
      accountId,
      kind,
      dedupeKey: `monitor-demo-${m.id}`,
      source: 'push',
      authorId: m.sender ?? `demo-${m.id}`,
      text: m.body,
      postedAt: at,
      payload: {},
      receivedAt: at,
      acknowledgedVia: 'none',
    });
    return recorded.inserted;
  }

  private async demoAccount(): Promise<string> {
    const [known]: { id: string }[] = await this.app
      .get(DataSource)
      .query(`SELECT id FROM channel_accounts WHERE platform = 'weibo' AND app_id = $1`, [DEMO_WEIBO_APP_ID]);
    if (known) return known.id;
    const created = await this.app.get(ChannelAccountsService).create({
      platform: 'weibo',
      name: '平度发布（演示）',
      appId: DEMO_WEIBO_APP_ID,
      mode: 'push',
      credentials: { appSecret: 'demo', accessToken: 'demo' },
    });
    return created.id;
  }
}
