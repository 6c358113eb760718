import { Module } from '@nestjs/common';
import { TicketsModule } from '@wenzheng/tickets';
import { IntakeService } from './intake.service';

@Module({ imports: [TicketsModule], providers: [IntakeService], exports: [IntakeService] })
export class IntakeModule {}
