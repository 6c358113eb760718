import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import Redis from 'ioredis';
import type { Message, Wechaty, WechatyOptions } from 'wechaty';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { reconnectDelayMs } from './bot-backoff';
import type { BotInbound } from './bot-message-plan';
import type { BotAddress, BotSender } from './bot-sender';
import { loadPuppet } from './puppet-loader';
import { BOT_STATE_HEARTBEAT_MS, BOT_STATE_TTL_SECONDS, BotState, BotStateReport, botStateKey } from './bot-state';

/** A puppet instance to use instead of BOT_PUPPET's package (tests: wechaty-puppet-mock). */
export const BOT_PUPPET = Symbol('BOT_PUPPET');

/**
 * The bot's one Wechaty session: builds it (Wechaty is imported only here, when the bot starts, so the API and the
 * worker never load it), logs in, restarts with backoff after a logout or a failed start, reports its state to Redis
 * (read by /health) and to the log, turns messages into BotInbound facts, and sends.
 */
@Injectable()
export class WechatySession implements BotSender, OnApplicationShutdown {
  private readonly logger = new Logger('WechatyBot');
  private readonly redis: Redis;
  private bot?: Wechaty;
  private report: BotStateReport;
  private attempts = 0;
  private reconnectTimer?: NodeJS.Timeout;
  private heartbeat?: NodeJS.Timeout;
  private stopping = false;
  private onMessage: (message: BotInbound) => Promise<void> = async () => undefined;

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Optional() @Inject(BOT_PUPPET) private readonly puppet?: unknown,
  ) {
    this.redis = new Redis(config.redis.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
    this.redis.on('error', () => undefined);
    const now = new Date().toISOString();
    this.report = { name: config.bot.name, state: 'starting', since: now, reportedAt: now, user: null, detail: null };
  }

  get loggedIn(): boolean {
    return this.bot?.isLoggedIn ?? false;
  }

  async start(onMessage: (message: BotInbound) => Promise<void>): Promise<void> {
    this.onMessage = onMessage;
    await this.redis.connect().catch((error: Error) => this.logger.warn(`Redis for the state report: ${error.message}`));
    this.heartbeat = setInterval(() => void this.publish(), BOT_STATE_HEARTBEAT_MS);
    this.setState('starting', this.puppet ? 'puppet given by the caller' : `puppet ${this.config.bot.puppet}`);
    const { WechatyBuilder } = await import('wechaty');
    const { puppet, puppetToken, puppetEndpoint, name } = this.config.bot;
    const puppetOptions = Object.fromEntries(Object.entries({ token: puppetToken, endpoint: puppetEndpoint }).filter(([, v]) => v));
    this.bot = WechatyBuilder.build({ name, puppet: this.puppet ?? (await loadPuppet(puppet as string, puppetOptions)) } as WechatyOptions);
    this.wire(this.bot);
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.heartbeat);
    await this.bot?.stop().catch((error: Error) => this.logger.warn(`stopping Wechaty: ${error.message}`));
    this.setState('stopped', null);
    await this.publish();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  async send(address: BotAddress, text: string): Promise<string> {
    const bot = this.ready();
    const contact = await bot.Contact.find({ id: address.talkerId });
    if (address.roomId) {
      const room = await bot.Room.find({ id: address.roomId });
      if (!room) throw new Error(`group ${address.roomId} not found on this session`);
      await room.say(text, ...(contact ? [contact] : []));
      return 'wechaty-group';
    }
    if (!contact) throw new Error(`contact ${address.talkerId} not found on this session`);
    await contact.say(text);
    return 'wechaty-private';
  }

  async sendToGroup(topic: string, text: string): Promise<void> {
    const room = await this.ready().Room.find({ topic });
    if (!room) throw new Error(`duty group 「${topic}」 not found: is the bot a member?`);
    await room.say(text);
  }

  private ready(): Wechaty {
    if (!this.bot?.isLoggedIn) throw new Error(`the bot is not logged in (${this.report.state})`);
    return this.bot;
  }

  private wire(bot: Wechaty): void {
    bot.on('scan', (qrcode) => this.setState('waiting-for-scan', `https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}`));
    bot.on('login', (user) => {
      this.attempts = 0;
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = undefined;
      this.setState('logged-in', null, user.name());
    });
    bot.on('logout', (_user, reason) => {
      this.setState('logged-out', reason ?? null);
      this.scheduleReconnect();
    });
    bot.on('error', (error) => this.logger.error(`Wechaty: ${error.message}`));
    bot.on('message', (message) => void this.dispatch(message));
  }

  private async connect(): Promise<void> {
    try {
      await this.bot?.start();
    } catch (error) {
      this.setState('reconnecting', (error as Error).message);
      this.scheduleReconnect();
    }
  }

  /** Restarts the session after a wait that doubles with every failed attempt; a login resets it. */
  private scheduleReconnect(): void {
    if (this.stopping || this.reconnectTimer) return;
    this.attempts++;
    const delay = reconnectDelayMs(this.attempts, this.config.bot.reconnectBaseMs, this.config.bot.reconnectMaxMs);
    this.setState('reconnecting', `attempt ${this.attempts} in ${delay} ms${this.report.detail ? ` (${this.report.detail})` : ''}`);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void (async () => {
        await this.bot?.stop().catch((error: Error) => this.logger.warn(`stopping Wechaty before a restart: ${error.message}`));
        if (!this.stopping) await this.connect();
      })();
    }, delay);
  }

  private async dispatch(message: Message): Promise<void> {
    try {
      await this.onMessage(await this.inbound(message));
    } catch (error) {
      this.logger.error(`message ${message.id} not handled: ${(error as Error).message}`);
    }
  }

  private async inbound(message: Message): Promise<BotInbound> {
    const bot = this.bot as Wechaty;
    const Type = bot.Message.Type;
    const types: Partial<Record<number, BotInbound['type']>> = {
      [Type.Text]: 'text',
      [Type.Image]: 'image',
      [Type.Audio]: 'audio',
      [Type.Video]: 'video',
      [Type.Attachment]: 'file',
    };
    const room = message.room();
    const talker = message.talker();
    return {
      id: message.id,
      self: message.self(),
      talkerId: talker.id,
      talkerIsOfficial: talker.type() === bot.Contact.Type.Official,
      type: types[message.type()] ?? 'other',
      text: room ? await message.mentionText() : message.text(),
      room: room ? { id: room.id, topic: await room.topic() } : null,
      mentionsSelf: room ? await message.mentionSelf() : false,
    };
  }

  private setState(state: BotState, detail: string | null, user: string | null = this.report.user): void {
    const now = new Date().toISOString();
    const changed = state !== this.report.state;
    this.report = { ...this.report, state, since: changed ? now : this.report.since, user: state === 'logged-in' ? user : null, detail };
    this.logger.log(`bot ${this.config.bot.name}: ${state}${this.report.user ? ` as ${this.report.user}` : ''}${detail ? ` — ${detail}` : ''}`);
    void this.publish();
  }

  private async publish(): Promise<void> {
    this.report = { ...this.report, reportedAt: new Date().toISOString() };
    await this.redis
      .set(botStateKey(this.config.redis.queuePrefix), JSON.stringify(this.report), 'EX', BOT_STATE_TTL_SECONDS)
      .catch((error: Error) => this.logger.debug(`state report not stored: ${error.message}`));
  }
}
