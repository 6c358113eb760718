import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IntakeService } from '@wenzheng/intake';
import { JobHandler, JobName, JobOutcome, ReceiveChatMessageData } from '@wenzheng/queue';
import { CHAT_ACKNOWLEDGERS, ChatAcknowledger, chatIntakeInput } from './chat-intake';
import { receiptText } from './chat-texts';

/**
 * Takes in a chat message whose push was answered before PostgreSQL had it (idempotent: the push's own intake may
 * have finished meanwhile), then sends the receipt once through the platform's API.
 */
@Injectable()
export class ReceiveChatMessageJob implements JobHandler<JobName.ReceiveChatMessage> {
  readonly jobName = JobName.ReceiveChatMessage;
  private readonly acknowledgers: ReadonlyMap<string, ChatAcknowledger>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly intake: IntakeService,
    @Inject(CHAT_ACKNOWLEDGERS) acknowledgers: ChatAcknowledger[],
  ) {
    this.acknowledgers = new Map(acknowledgers.map((a) => [a.channel, a]));
  }

  async handle(data: ReceiveChatMessageData): Promise<JobOutcome> {
    const acknowledger = this.acknowledgers.get(data.channel);
    if (!acknowledger) throw new Error(`no acknowledger for channel ${data.channel}`);
    const receipt = await this.intake.receive(chatIntakeInput(data));
    // Claimed before sending, so two runs of this job never both send; released again when sending fails.
    // An UPDATE … RETURNING answers [rows, count].
    const [claimed]: [unknown[], number] = await this.dataSource.query(
      `UPDATE inbound_messages SET acknowledged_via = 'sending' WHERE channel = $1 AND external_id = $2 AND acknowledged_via IS NULL RETURNING id`,
      [data.channel, data.externalId],
    );
    if (!claimed.length) return 'skipped';
    try {
      const method = await acknowledger.acknowledge(data.accountId, data.senderId, receiptText(receipt));
      await this.dataSource.query(`UPDATE inbound_messages SET acknowledged_via = $3 WHERE channel = $1 AND external_id = $2`, [
        data.channel,
        data.externalId,
        method,
      ]);
    } catch (error) {
      await this.dataSource.query(`UPDATE inbound_messages SET acknowledged_via = NULL WHERE channel = $1 AND external_id = $2`, [
        data.channel,
        data.externalId,
      ]);
      throw error;
    }
    return 'done';
  }
}
