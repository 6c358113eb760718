import { performance } from 'node:perf_hooks';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { IntakeService } from '@wenzheng/intake';
import { PeriodicTask } from '@wenzheng/queue';
import { acknowledgeOnce } from '../chat/chat-acknowledgement';
import { ChatConversationService } from '../chat/chat-conversation.service';
import { chatIntakeInput } from '../chat/chat-intake';
import { receiptText } from '../chat/chat-texts';
import { BotAccount } from './bot-account';
import { BotInbound, planBotMessage } from './bot-message-plan';
import { BOT_SENDER, BotAddress, BotSender, WECHATY_CHANNEL } from './bot-sender';
import { BotSpool, SpooledMessage } from './bot-spool';

const SPOOL_RETRY_MS = 5_000;

/**
 * Everything the bot does with a citizen's message, after the session read it: filter; commands and non-text are
 * carried out as for every chat channel (ChatConversationService: 查询 with the own tickets, 帮助, recording); text is
 * taken in through the common intake (PostgreSQL directly, so the API and Redis may be away) and send the receipt once. A
 * message PostgreSQL does not take goes to the local spool and is taken in, and answered, when it is back.
 */
@Injectable()
export class BotConversation implements OnApplicationShutdown {
  private readonly logger = new Logger('BotConversation');
  private readonly citizenGroups: ReadonlySet<string>;
  private readonly spool: BotSpool;
  private readonly replay = new PeriodicTask(this.logger, 'spool replay', () => this.replaySpool());

  constructor(
    private readonly dataSource: DataSource,
    private readonly intake: IntakeService,
    private readonly chat: ChatConversationService,
    private readonly account: BotAccount,
    @Inject(BOT_SENDER) private readonly sender: BotSender,
    @Inject(HUB_CONFIG) config: HubConfig,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {
    this.citizenGroups = new Set(config.bot.citizenGroups);
    this.spool = new BotSpool(config.bot.spoolDirectory);
  }

  /** Starts retrying what the spool holds (from an earlier run, too). */
  start(): void {
    this.replay.start(SPOOL_RETRY_MS, { runNow: true });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.replay.stop();
  }

  async handle(message: BotInbound): Promise<void> {
    const plan = planBotMessage(message, this.citizenGroups);
    if (plan.do === 'ignore') return;
    const address: BotAddress = { talkerId: message.talkerId, roomId: message.room?.id ?? null };
    if (plan.do === 'intake') {
      const spooled: SpooledMessage = {
        externalId: message.id,
        talkerId: message.talkerId,
        roomId: address.roomId,
        roomTopic: message.room?.topic ?? null,
        text: plan.text,
        receivedAt: this.time.now().toISOString(),
      };
      try {
        await this.takeIn(spooled);
      } catch (error) {
        await this.spool.put(spooled);
        this.logger.warn(`message ${message.id} spooled, intake or receipt failed: ${(error as Error).message}`);
      }
      return;
    }
    const context = { channel: WECHATY_CHANNEL, accountId: await this.account.accountId(), senderId: message.talkerId, dedupeKey: `msg:${message.id}` };
    const text = await this.chat.carryOut(context, plan, performance.now());
    if (text !== undefined) await this.sender.send(address, text);
  }

  /** Idempotent on the message id: a second run creates nothing and sends no second receipt. */
  async takeIn(message: SpooledMessage): Promise<void> {
    const accountId = await this.account.accountId();
    await this.dataSource.query(
      `INSERT INTO bot_message_origins (external_id, talker_id, room_id, room_topic, received_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (external_id) DO NOTHING`,
      [message.externalId, message.talkerId, message.roomId, message.roomTopic, message.receivedAt],
    );
    const receipt = await this.intake.receive(chatIntakeInput({ channel: WECHATY_CHANNEL, accountId, senderId: message.talkerId, externalId: message.externalId, text: message.text }));
    const address = { talkerId: message.talkerId, roomId: message.roomId };
    await acknowledgeOnce(this.dataSource, WECHATY_CHANNEL, message.externalId, () => this.sender.send(address, receiptText(receipt, message.roomId ? 'group' : 'private')));
  }

  async replaySpool(): Promise<number> {
    let done = 0;
    for (const message of await this.spool.list()) {
      await this.takeIn(message);
      await this.spool.remove(message.externalId);
      done++;
    }
    if (done) this.logger.log(`${done} spooled message(s) taken in`);
    return done;
  }
}
