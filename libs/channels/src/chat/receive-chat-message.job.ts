import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IntakeService } from '@wenzheng/intake';
import { JobHandler, JobName, JobOutcome, ReceiveChatMessageData } from '@wenzheng/queue';
import { acknowledgeOnce } from './chat-acknowledgement';
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
    const sent = await acknowledgeOnce(this.dataSource, data.channel, data.externalId, () =>
      acknowledger.acknowledge(data.accountId, data.senderId, receiptText(receipt)),
    );
    return sent ? 'done' : 'skipped';
  }
}
