import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { ClockService } from '@wenzheng/clocks';
import { InputError, NotFoundError, StateError, parseInput } from '@wenzheng/errors';
import { NOTIFICATION_PORT, NotificationPort } from '@wenzheng/notifications';
import { TICKET_SUBJECT, TicketService } from '@wenzheng/tickets';
import { majorityOf } from '../majority';

export const openCaseSchema = z.strictObject({
  /** 重大突发: a 5-hour information clock and a 24-hour press-conference clock instead of the 48-hour response. */
  majorEmergency: z.boolean({ error: 'majorEmergency must be true or false' }).optional(),
  /** A unit code, when the majority of the member tickets' lead units is not the right one (or there is none). */
  leadUnit: z.string({ error: 'leadUnit must be a unit code' }).trim().min(1, 'leadUnit must not be empty').optional(),
});

const CLOCKS = {
  ordinary: [{ purpose: 'sentimentResponse', policy: 'sentimentResponse' }],
  major: [
    { purpose: 'sentimentResponse', policy: 'sentimentResponse.majorInformation' },
    { purpose: 'sentimentPressConference', policy: 'sentimentResponse.majorPressConference' },
  ],
};

export interface OpenedCase {
  id: string;
  ticketId: string;
  trackingNo: string;
}

/** Opens a case (舆情处置) from a cluster: one ticket for the lead unit, the member tickets linked, the response clocks running. */
@Injectable()
export class MonitorCaseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketService,
    private readonly clocks: ClockService,
    @Inject(NOTIFICATION_PORT) private readonly notifications: NotificationPort,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {}

  open(staffId: string, clusterId: string, body: unknown): Promise<OpenedCase> {
    const input = parseInput(openCaseSchema, body ?? {});
    return this.dataSource.transaction(async (manager) => {
      const [cluster]: { id: string; label: string[]; message_count: number }[] = await manager.query(
        `SELECT id, label, message_count FROM monitor_clusters WHERE id = $1 FOR UPDATE`,
        [clusterId],
      );
      if (!cluster) throw new NotFoundError(`no cluster ${clusterId}`);
      const [existing] = await manager.query(`SELECT id FROM monitor_cases WHERE cluster_id = $1`, [clusterId]);
      if (existing) throw new StateError(`a case is already open for cluster ${clusterId}`, 'case-open');
      const members: { ticket_id: string; kind: string; unit_id: string | null; unit_code: string | null }[] = await manager.query(
        `SELECT t.id AS ticket_id, t.kind, u.id AS unit_id, u.code AS unit_code
           FROM monitor_messages mm JOIN tickets t ON t.id = mm.ticket_id LEFT JOIN units u ON u.id = t.lead_unit_id
          WHERE mm.cluster_id = $1 ORDER BY mm.at`,
        [clusterId],
      );
      const leadUnitId = await this.leadUnit(manager, input.leadUnit, members);
      const now = this.time.now();
      const kind = majorityOf(members.map((m) => ({ id: m.kind, code: m.kind }))) ?? 'complaint';
      const actor = `staff:${staffId}`;
      const [{ id: messageId }] = await manager.query(
        `INSERT INTO inbound_messages (channel, external_id, title, body, kind, public_consent, received_at)
         VALUES ('monitor', $1, $2, $3, $4, false, $5) RETURNING id`,
        [
          `case-${clusterId}`,
          `舆情：${cluster.label.join('、')}`,
          `网信办监测到热点话题「${cluster.label.join('、')}」，共 ${cluster.message_count} 条留言（见关联工单），请牵头单位按时回应。`,
          kind,
          now,
        ],
      );
      const ticket = await this.tickets.open(manager, { messageId, kind, receivedAt: now, actor });
      await this.tickets.transition(manager, ticket.id, { from: 'received', to: 'analyzed', actor });
      await this.tickets.transition(manager, ticket.id, {
        from: 'analyzed',
        to: 'assigned',
        actor,
        reason: `舆情处置 ${clusterId}`,
        changes: { leadUnitId, assignedAt: now },
      });
      await this.tickets.stopClock(manager, ticket.id, 'dispatch', { actor, reason: 'assigned' });
      await this.clocks.startMany(manager, { type: TICKET_SUBJECT, id: ticket.id }, CLOCKS[input.majorEmergency ? 'major' : 'ordinary'], now, { actor });
      const [{ id }] = await manager.query(
        `INSERT INTO monitor_cases (cluster_id, ticket_id, major_emergency, opened_by, opened_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [clusterId, ticket.id, input.majorEmergency ?? false, staffId, now],
      );
      if (members.length) {
        await manager.query(`INSERT INTO monitor_case_tickets (case_id, ticket_id) SELECT $1, unnest($2::uuid[])`, [id, members.map((m) => m.ticket_id)]);
      }
      await this.notifications.send(manager, [
        {
          recipientUnitId: leadUnitId,
          recipientRole: 'reviewer',
          kind: 'monitor.case-opened',
          title: `舆情处置：工单 ${ticket.trackingNo}`,
          body: `热点话题「${cluster.label.join('、')}」已立案，由本单位牵头，请在时限内回应。`,
          ticketId: ticket.id,
          cause: `monitor-case:${id}`,
        },
      ]);
      return { id, ticketId: ticket.id, trackingNo: ticket.trackingNo };
    });
  }

  private async leadUnit(
    manager: EntityManager,
    code: string | undefined,
    members: { unit_id: string | null; unit_code: string | null }[],
  ): Promise<string> {
    if (code !== undefined) {
      const [unit] = await manager.query(`SELECT id FROM units WHERE code = $1`, [code]);
      if (!unit) throw new InputError('leadUnit', `no unit with code ${code}`);
      return unit.id;
    }
    const majority = majorityOf(members.flatMap((m) => (m.unit_id && m.unit_code ? [{ id: m.unit_id, code: m.unit_code }] : [])));
    if (!majority) throw new InputError('leadUnit', 'no member ticket has a lead unit yet: name the lead unit');
    return majority;
  }
}
