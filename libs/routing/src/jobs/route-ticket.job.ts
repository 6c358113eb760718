import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { InboundMessageEntity } from '@wenzheng/intake';
import { JobHandler, JobName, JobOutcome, RouteTicketData } from '@wenzheng/queue';
import { TicketEntity, TicketService } from '@wenzheng/tickets';
import { RoutingModelStore } from '../learning/routing-model.store';
import { chooseRoute, describeChoice } from '../route-choice';
import type { MessageKind } from '../routing-catalogue';
import { RoutingCatalogueRepository } from '../routing-catalogue.repository';
import { decideRoute } from '../routing-decision';

/**
 * Routes an analyzed ticket: the dispatch catalogue where it is certain, else the learned models above the
 * confidence threshold → assigned (主办 + 协办); otherwise → dispatching, with the models' three best units for
 * the dispatcher. The whole choice (rule or model versions and probabilities) is stored on the event, and the
 * topic category on the ticket.
 */
@Injectable()
export class RouteTicketJob implements JobHandler<JobName.RouteTicket> {
  readonly jobName = JobName.RouteTicket;

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalogue: RoutingCatalogueRepository,
    private readonly models: RoutingModelStore,
    private readonly tickets: TicketService,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async handle({ ticketId }: RouteTicketData): Promise<JobOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const ticket = await manager.findOneByOrFail(TicketEntity, { id: ticketId });
      if (ticket.status !== 'analyzed') return 'skipped';
      const message = await manager.findOneByOrFail(InboundMessageEntity, { id: ticket.messageId });
      const catalogue = await this.catalogue.load(manager);
      const models = await this.models.active(manager);
      const tokens = message.analysis?.tokens ?? [];
      const choice = chooseRoute({
        rules: decideRoute({ tokens, text: `${message.title}\n${message.body}`, kind: ticket.kind as MessageKind }, catalogue.rules),
        category: RoutingModelStore.opinion(models.category, tokens),
        unit: RoutingModelStore.opinion(models.unit, tokens),
        categoryUnits: catalogue.categoryUnits,
        routableUnits: new Set(catalogue.unitIdByCode.keys()),
        autoAssignConfidence: this.config.routing.autoAssignConfidence,
      });
      const idOf = (code: string) => {
        const id = catalogue.unitIdByCode.get(code);
        if (!id) throw new Error(`routing decided for unknown unit ${code}`);
        return id;
      };
      const move = {
        from: 'analyzed' as const,
        actor: 'system:route',
        reason: describeChoice(choice, catalogue.unitNameByCode),
        data: { decision: choice },
      };
      const category = { category: choice.category?.label ?? null, categoryProbability: choice.category?.probability ?? null };
      const moved =
        choice.outcome === 'assigned'
          ? await this.tickets.transition(manager, ticketId, {
              ...move,
              to: 'assigned',
              changes: {
                ...category,
                leadUnitId: idOf(choice.leadUnit),
                assistingUnitIds: choice.assistingUnits.map(idOf),
                assignedAt: this.time.now(),
              },
            })
          : await this.tickets.transition(manager, ticketId, { ...move, to: 'dispatching', changes: category });
      if (moved && choice.outcome === 'assigned') {
        await this.tickets.stopClock(manager, ticketId, 'dispatch', { actor: 'system:route', reason: 'assigned' });
      }
      return moved ? 'done' : 'skipped';
    });
  }
}
