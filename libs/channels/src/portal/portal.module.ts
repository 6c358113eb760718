import { Module } from '@nestjs/common';
import { IntakeModule } from '@wenzheng/intake';
import { TicketsModule } from '@wenzheng/tickets';
import { PortalService } from './portal.service';

@Module({ imports: [IntakeModule, TicketsModule], providers: [PortalService], exports: [PortalService] })
export class PortalModule {}
