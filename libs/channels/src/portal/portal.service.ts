import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { IntakeReceipt, IntakeService } from '@wenzheng/intake';
import { TICKET_STATUS_TEXT, TicketService } from '@wenzheng/tickets';
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
}

/** The portal mailbox (市长信箱 / 留言板): submissions through the common intake and the citizen's status query. */
@Injectable()
export class PortalService {
  constructor(
    private readonly intake: IntakeService,
    private readonly tickets: TicketService,
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
    };
  }
}
