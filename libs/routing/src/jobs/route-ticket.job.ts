import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { InboundMessageEntity } from '@wenzheng/intake';
import { JobHandler, JobName, JobOutcome, RouteTicketData } from '@wenzheng/queue';
import { TicketEntity, TicketService } from '@wenzheng/tickets';
import type { MessageKind } from '../routing-catalogue';
import { RoutingCatalogueRepository } from '../routing-catalogue.repository';
import { decideRoute } from '../routing-decision';

/**
 * Applies the dispatch catalogue to an analyzed ticket: a clear winner → assigned (主办 + 协办);
 * no match or a tie → dispatching, for a person to decide. The decision is stored on the event.
 */
@Injectable()
export class RouteTicketJob implements JobHandler<JobName.RouteTicket> {
  readonly jobName = JobName.RouteTicket;

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalogue: RoutingCatalogueRepository,
    private readonly tickets: TicketService,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {}

  async handle({ ticketId }: RouteTicketData): Promise<JobOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const ticket = await manager.findOneByOrFail(TicketEntity, { id: ticketId });
      if (ticket.status !== 'analyzed') return 'skipped';
      const message = await manager.findOneByOrFail(InboundMessageEntity, { id: ticket.messageId });
      const { rules, unitIdByCode } = await this.catalogue.load(manager);
      const decision = decideRoute(
        { tokens: message.analysis?.tokens ?? [], text: `${message.title}\n${message.body}`, kind: ticket.kind as MessageKind },
        rules,
      );
      const idOf = (code: string) => {
        const id = unitIdByCode.get(code);
        if (!id) throw new Error(`routing decided for unknown unit ${code}`);
        return id;
      };
      const moved =
        decision.outcome === 'assigned'
          ? await this.tickets.transition(manager, ticketId, {
              from: 'analyzed',
              to: 'assigned',
              actor: 'system:route',
              reason: `rule ${decision.ruleCode}`,
              data: { decision },
              changes: {
                leadUnitId: idOf(decision.leadUnit),
                assistingUnitIds: decision.assistingUnits.map(idOf),
                assignedAt: this.time.now(),
              },
            })
          : await this.tickets.transition(manager, ticketId, {
              from: 'analyzed',
              to: 'dispatching',
              actor: 'system:route',
              reason: decision.reason,
              data: { decision },
            });
      if (moved && decision.outcome === 'assigned') {
        await this.tickets.stopClock(manager, ticketId, 'dispatch', { actor: 'system:route', reason: 'assigned' });
      }
      return moved ? 'done' : 'skipped';
    });
  }
}
