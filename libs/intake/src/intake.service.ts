import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { JobName, JobRequest } from '@wenzheng/queue';
import { TicketEntity, TicketService } from '@wenzheng/tickets';
import { InboundMessageEntity } from './inbound-message.entity';
import { Outbox } from './outbox';

/** A message from any channel, normalized. `externalId` is the channel's own id (or the client's request id). */
export interface InboundMessageInput {
  channel: string;
  externalId: string;
  title: string;
  body: string;
  kind: string;
  senderName: string | null;
  senderPhone: string | null;
  publicConsent: boolean;
  /** Platform channels: the account written to and the writer's platform id (OpenID, Weibo uid). */
  accountId?: string | null;
  senderId?: string | null;
}

/** What the citizen is told at once: the acknowledgement (回执). */
export interface IntakeReceipt {
  replayed: boolean;
  ticketId: string;
  trackingNo: string;
  queryCode: string;
  receivedAt: Date;
  replyDueAt: Date;
  provisional: boolean;
}

/**
 * The common intake of every channel. The message, its ticket (with deadlines), the `received` event and the
 * outbox row are written in one transaction; only then is the receipt returned, so an acknowledged message is durable.
 * The same channel + externalId a second time returns the first receipt and writes nothing.
 */
@Injectable()
export class IntakeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketService,
    private readonly outbox: Outbox,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {}

  async receive(input: InboundMessageInput): Promise<IntakeReceipt> {
    const outcome = await this.dataSource.transaction((manager) => this.persist(manager, input));
    if (outcome.job) await this.outbox.publish([outcome.job]);
    const { ticket } = outcome;
    return {
      replayed: !outcome.job,
      ticketId: ticket.id,
      trackingNo: ticket.trackingNo,
      queryCode: this.tickets.queryCode(ticket.trackingNo),
      receivedAt: ticket.receivedAt,
      replyDueAt: ticket.replyDueAt,
      provisional: ticket.deadlineProvisional,
    };
  }

  private async persist(
    manager: EntityManager,
    input: InboundMessageInput,
  ): Promise<{ ticket: TicketEntity; job?: JobRequest }> {
    const receivedAt = this.time.now();
    // ON CONFLICT waits for a concurrent insert of the same key to commit, then yields nothing: a replay.
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO inbound_messages
         (channel, external_id, title, body, kind, sender_name, sender_phone, public_consent, received_at, account_id, sender_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (channel, external_id) DO NOTHING
       RETURNING id`,
      [
        input.channel,
        input.externalId,
        input.title,
        input.body,
        input.kind,
        input.senderName,
        input.senderPhone,
        input.publicConsent,
        receivedAt,
        input.accountId ?? null,
        input.senderId ?? null,
      ],
    );
    if (inserted.length === 0) {
      const ticket = await manager
        .createQueryBuilder(TicketEntity, 't')
        .innerJoin(InboundMessageEntity, 'm', 'm.id = t.message_id')
        .where('m.channel = :channel AND m.external_id = :externalId', input)
        .getOneOrFail();
      return { ticket };
    }
    const messageId = inserted[0].id;
    const ticket = await this.tickets.open(manager, {
      messageId,
      kind: input.kind,
      receivedAt,
      actor: `citizen:${input.channel}`,
    });
    const job: JobRequest = { name: JobName.AnalyzeMessage, data: { messageId, ticketId: ticket.id } };
    await this.outbox.add(manager, [job]);
    return { ticket, job };
  }
}
