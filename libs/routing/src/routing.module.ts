import { Module } from '@nestjs/common';
import { TicketsModule } from '@wenzheng/tickets';
import { RouteTicketJob } from './jobs/route-ticket.job';
import { RoutingCatalogueRepository } from './routing-catalogue.repository';

@Module({
  imports: [TicketsModule],
  providers: [RoutingCatalogueRepository, RouteTicketJob],
  exports: [RoutingCatalogueRepository, RouteTicketJob],
})
export class RoutingModule {}
