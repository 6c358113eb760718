import { Module } from '@nestjs/common';
import { IntakeModule } from '@wenzheng/intake';
import { TicketsModule } from '@wenzheng/tickets';
import { PortalReplyChannel, PortalService } from './portal.service';

@Module({ imports: [IntakeModule, TicketsModule], providers: [PortalService, PortalReplyChannel], exports: [PortalService, PortalReplyChannel] })
export class PortalModule {}
