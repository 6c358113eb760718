import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { DeliverReplyData, JobHandler, JobName, JobOutcome } from '@wenzheng/queue';
import { REPLY_CHANNELS, ReplyChannel } from '../delivery/reply-channel.port';
import { loadDelivery, recordDeliveryFailure, recordDeliverySent } from '../delivery/reply-delivery';

/**
 * Sends one approved reply to one citizen through the channel port and records the outcome on the delivery row.
 * A failure is recorded and re-thrown, so BullMQ retries with backoff; the row stays `failed` once retries run out.
 */
@Injectable()
export class DeliverReplyJob implements JobHandler<JobName.DeliverReply> {
  readonly jobName = JobName.DeliverReply;
  private readonly channels: ReadonlyMap<string, ReplyChannel>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(REPLY_CHANNELS) channels: ReplyChannel[],
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {
    this.channels = new Map(channels.map((c) => [c.channel, c]));
  }

  async handle({ ticketId, round }: DeliverReplyData): Promise<JobOutcome> {
    const delivery = await loadDelivery(this.dataSource, ticketId, round);
    if (!delivery || delivery.state === 'sent') return 'skipped';
    let method: string;
    try {
      const channel = this.channels.get(delivery.reply.channel);
      if (!channel) throw new Error(`no delivery port for channel ${delivery.reply.channel}`);
      method = await channel.deliver(delivery.reply);
    } catch (error) {
      await recordDeliveryFailure(this.dataSource, delivery, error);
      throw error;
    }
    await recordDeliverySent(this.dataSource, delivery, method, this.time.now());
    return 'done';
  }
}
