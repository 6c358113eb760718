import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { DeliverReplyData, JobHandler, JobName, JobOutcome } from '@wenzheng/queue';
import { REPLY_CHANNELS, ReplyChannel, ReplyToDeliver } from '../delivery/reply-channel.port';
import { recordTicketEvent } from '../ticket-events';

interface DeliveryRow {
  id: string;
  state: string;
  attempts: number;
  tracking_no: string;
  channel: string;
  external_id: string;
  account_id: string | null;
  sender_id: string | null;
  body: string;
  unit_name: string | null;
}

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
    const [row]: DeliveryRow[] = await this.dataSource.query(
      `SELECT d.id, d.state, d.attempts, t.tracking_no, d.channel, m.external_id, m.account_id, m.sender_id, r.body, u.name AS unit_name
         FROM ticket_deliveries d
         JOIN tickets t ON t.id = d.ticket_id
         JOIN inbound_messages m ON m.id = t.message_id
         JOIN ticket_replies r ON r.id = d.reply_id
         JOIN tickets main ON main.id = r.ticket_id
         LEFT JOIN units u ON u.id = main.lead_unit_id
        WHERE d.ticket_id = $1 AND d.round = $2`,
      [ticketId, round],
    );
    if (!row || row.state === 'sent') return 'skipped';
    const reply: ReplyToDeliver = {
      ticketId,
      trackingNo: row.tracking_no,
      round,
      channel: row.channel,
      externalId: row.external_id,
      accountId: row.account_id,
      senderId: row.sender_id,
      body: row.body,
      unitName: row.unit_name,
    };
    let method: string;
    try {
      const channel = this.channels.get(row.channel);
      if (!channel) throw new Error(`no delivery port for channel ${row.channel}`);
      method = await channel.deliver(reply);
    } catch (error) {
      await this.dataSource.query(
        `UPDATE ticket_deliveries SET state = 'failed', attempts = attempts + 1, last_error = $2, updated_at = now() WHERE id = $1`,
        [row.id, (error as Error).message.slice(0, 1000)],
      );
      throw error;
    }
    await this.dataSource.transaction(async (manager) => {
      const delivered = await manager.query(
        `UPDATE ticket_deliveries SET state = 'sent', attempts = attempts + 1, last_error = NULL, method = $3, delivered_at = $2, updated_at = now()
          WHERE id = $1 AND state <> 'sent' RETURNING id`,
        [row.id, this.time.now(), method],
      );
      if (delivered[0]?.length) {
        await recordTicketEvent(manager, ticketId, this.time.now(), {
          type: 'reply.delivered',
          actor: 'system:deliver',
          data: { round, channel: row.channel, method, attempts: row.attempts + 1 },
        });
      }
    });
    return 'done';
  }
}
