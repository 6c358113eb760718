import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { JobHandler, JobName, JobOutcome, SendBotReplyData } from '@wenzheng/queue';
import { loadDelivery, recordDeliveryFailure, recordDeliverySent } from '@wenzheng/tickets';
import { replyText } from '../chat/chat-texts';
import { BOT_SENDER, BotSender } from './bot-sender';

/**
 * Run by the bot process: sends an approved reply to the contact who wrote, or to the group it was written in with an
 * @mention, and records the delivery itself (so a reply sent after the worker stopped waiting is still recorded).
 */
@Injectable()
export class SendBotReplyJob implements JobHandler<JobName.SendBotReply> {
  readonly jobName = JobName.SendBotReply;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(BOT_SENDER) private readonly sender: BotSender,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {}

  async handle({ ticketId, round }: SendBotReplyData): Promise<JobOutcome> {
    const delivery = await loadDelivery(this.dataSource, ticketId, round);
    if (!delivery || delivery.state === 'sent') return 'skipped';
    const { reply } = delivery;
    const [origin]: { talker_id: string; room_id: string | null }[] = await this.dataSource.query(
      `SELECT talker_id, room_id FROM bot_message_origins WHERE external_id = $1`,
      [reply.externalId],
    );
    let method: string;
    try {
      const talkerId = origin?.talker_id ?? reply.senderId;
      if (!talkerId) throw new Error(`message ${reply.externalId} has no sender to answer`);
      method = await this.sender.send({ talkerId, roomId: origin?.room_id ?? null }, replyText(reply));
    } catch (error) {
      await recordDeliveryFailure(this.dataSource, delivery, error);
      throw error;
    }
    await recordDeliverySent(this.dataSource, delivery, method, this.time.now());
    return 'done';
  }
}
