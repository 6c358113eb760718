import { Module } from '@nestjs/common';
import { IntakeModule } from '@wenzheng/intake';
import { TicketsModule } from '@wenzheng/tickets';
import { WorkbenchTicketRepository } from './workbench-tickets.repository';
import { WorkbenchService } from './workbench.service';

/** Needs the global Clocks, Calendar, Config and Queue modules (hubCore). */
@Module({
  imports: [TicketsModule, IntakeModule],
  providers: [WorkbenchTicketRepository, WorkbenchService],
  exports: [WorkbenchService],
})
export class WorkbenchModule {}
