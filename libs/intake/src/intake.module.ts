import { Module } from '@nestjs/common';
import { TicketsModule } from '@wenzheng/tickets';
import { IntakeService } from './intake.service';
import { Outbox } from './outbox';

@Module({ imports: [TicketsModule], providers: [IntakeService, Outbox], exports: [IntakeService, Outbox] })
export class IntakeModule {}
