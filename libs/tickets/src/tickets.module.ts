import { Module } from '@nestjs/common';
import { TicketStatsService } from './stats/ticket-stats.service';
import { TicketRatingService } from './ticket-rating.service';
import { TicketService } from './ticket.service';

/** Needs the global ClocksModule (with TicketClockSubject among its handlers) and NotificationsModule. */
@Module({
  providers: [TicketService, TicketStatsService, TicketRatingService],
  exports: [TicketService, TicketStatsService, TicketRatingService],
})
export class TicketsModule {}
