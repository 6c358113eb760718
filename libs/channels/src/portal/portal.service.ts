import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { IntakeReceipt, IntakeService } from '@wenzheng/intake';
import { ReplyChannel, TICKET_STATUS_TEXT, TicketRatingService, TicketService } from '@wenzheng/tickets';
import { UnitEntity } from '@wenzheng/units';
import { parsePortalMessage } from './portal-message.schema';

export const PORTAL_CHANNEL = 'portal';

export interface PortalReceipt {
  trackingNo: string;
  queryCode: string;
  receivedAt: string;
  replyDueAt: string;
  provisional: boolean;
}

export interface PortalStatus {
  trackingNo: string;
  status: string;
  /** The status in words for the citizen (Chinese). */
  statusText: string;
  kind: string;
  receivedAt: string;
  replyDueAt: string;
  provisional: boolean;
  leadUnit: string | null;
  assistingUnits: string[];
  /** The unit's approved reply, once delivered to this citizen (for a merged ticket: the main ticket's reply). */
  reply: { body: string; unit: string | null; repliedAt: string } | null;
  /** The citizen's rating of that reply (回访/满意度). */
  rating: { attitude: number; speed: number; resolved: boolean; comment: string | null; ratedAt: string } | null;
  canRate: boolean;
}

export interface PortalRatingResult {
  attitude: number;
  speed: number;
  resolved: boolean;
  comment: string | null;
  ratedAt: string;
  /** True when "not resolved" re-opened the ticket (重办). */
  reopened: boolean;
}

interface DeliveredReply {
  round: number;
  body: string;
  unit: string | null;
  delivered_at: Date;
  attitude: number | null;
  speed: number | null;
  resolved: boolean | null;
  comment: string | null;
  rated_at: Date | null;
}

/** The portal mailbox (市长信箱 / 留言板): submissions through the common intake and the citizen's status query. */
@Injectable()
export class PortalService {
  constructor(
    private readonly intake: IntakeService,
    private readonly tickets: TicketService,
    private readonly ratings: TicketRatingService,
    private readonly dataSource: DataSource,
  ) {}

  async submit(input: unknown): Promise<{ replayed: boolean; receipt: PortalReceipt }> {
    const dto = parsePortalMessage(input);
    const receipt: IntakeReceipt = await this.intake.receive({
      channel: PORTAL_CHANNEL,
      // Without a client request id every submission is new; with one, a resent form gives the first receipt back.
      externalId: dto.clientRequestId ?? `anon-${randomUUID()}`,
      title: dto.title,
      body: dto.body,
      kind: dto.kind,
      senderName: dto.name ?? null,
      senderPhone: dto.phone ?? null,
      publicConsent: dto.publicConsent,
    });
    return {
      replayed: receipt.replayed,
      receipt: {
        trackingNo: receipt.trackingNo,
        queryCode: receipt.queryCode,
        receivedAt: receipt.receivedAt.toISOString(),
        replyDueAt: receipt.replyDueAt.toISOString(),
        provisional: receipt.provisional,
      },
    };
  }

  async status(trackingNo: string, code: string): Promise<PortalStatus | undefined> {
    const ticket = await this.tickets.findForCitizen(trackingNo, code);
    if (!ticket) return undefined;
    const unitIds = [ticket.leadUnitId, ...ticket.assistingUnitIds].filter((id): id is string => id !== null);
    const units = unitIds.length ? await this.dataSource.getRepository(UnitEntity).findBy({ id: In(unitIds) }) : [];
    const nameOf = (id: string) => units.find((u) => u.id === id)?.name ?? '';
    const [delivered]: DeliveredReply[] = await this.dataSource.query(
      `SELECT d.round, r.body, u.name AS unit, d.delivered_at, g.attitude, g.speed, g.resolved, g.comment, g.rated_at
         FROM ticket_deliveries d
         JOIN ticket_replies r ON r.id = d.reply_id
         JOIN tickets main ON main.id = r.ticket_id
         LEFT JOIN units u ON u.id = main.lead_unit_id
         LEFT JOIN ticket_ratings g ON g.ticket_id = d.ticket_id AND g.round = d.round
        WHERE d.ticket_id = $1 AND d.state = 'sent'
        ORDER BY d.round DESC LIMIT 1`,
      [ticket.id],
    );
    return {
      trackingNo: ticket.trackingNo,
      status: ticket.status,
      statusText: TICKET_STATUS_TEXT[ticket.status],
      kind: ticket.kind,
      receivedAt: ticket.receivedAt.toISOString(),
      replyDueAt: ticket.replyDueAt.toISOString(),
      provisional: ticket.deadlineProvisional,
      leadUnit: ticket.leadUnitId ? nameOf(ticket.leadUnitId) : null,
      assistingUnits: ticket.assistingUnitIds.map(nameOf),
      reply: delivered ? { body: delivered.body, unit: delivered.unit, repliedAt: delivered.delivered_at.toISOString() } : null,
      rating:
        delivered && delivered.rated_at
          ? {
              attitude: delivered.attitude as number,
              speed: delivered.speed as number,
              resolved: delivered.resolved as boolean,
              comment: delivered.comment,
              ratedAt: delivered.rated_at.toISOString(),
            }
          : null,
      canRate: Boolean(delivered && !delivered.rated_at),
    };
  }

  /** The citizen's rating of the delivered reply; undefined for an unknown number or a wrong code. */
  async rate(trackingNo: string, code: string, input: unknown): Promise<PortalRatingResult | undefined> {
    const ticket = await this.tickets.findForCitizen(trackingNo, code);
    if (!ticket) return undefined;
    const { rating, reopened } = await this.ratings.rate(ticket.id, input);
    return {
      attitude: rating.attitude,
      speed: rating.speed,
      resolved: rating.resolved,
      comment: rating.comment,
      ratedAt: rating.ratedAt.toISOString(),
      reopened,
    };
  }
}

/** Portal replies need no sending: a delivered reply is what the status query shows. */
@Injectable()
export class PortalReplyChannel implements ReplyChannel {
  readonly channel = PORTAL_CHANNEL;

  async deliver(): Promise<string> {
    return 'status-page';
  }
}
