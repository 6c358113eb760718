import { ClockEntity, ClockExtensionEntity, ClockTimerEntity } from '@wenzheng/clocks';
import { CalendarYearEntity } from '@wenzheng/calendar';
import { InboundMessageEntity, OutboxEntity } from '@wenzheng/intake';
import { NotificationEntity } from '@wenzheng/notifications';
import { RoutingRuleEntity } from '@wenzheng/routing';
import { TicketEntity, TicketEventEntity } from '@wenzheng/tickets';
import { UnitEntity } from '@wenzheng/units';

/** Every entity of the hub; the schema-drift test compares them with what the migrations build. */
export const ENTITIES = [
  UnitEntity,
  RoutingRuleEntity,
  InboundMessageEntity,
  OutboxEntity,
  TicketEntity,
  TicketEventEntity,
  ClockEntity,
  ClockTimerEntity,
  ClockExtensionEntity,
  NotificationEntity,
  CalendarYearEntity,
];
