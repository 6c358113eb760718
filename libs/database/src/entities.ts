import { StaffUserEntity } from '@wenzheng/auth';
import { BotMessageOriginEntity, ChannelAccountEntity, ChannelEventEntity, ChannelPublicPostEntity, WeiboPollCursorEntity } from '@wenzheng/channels';
import { ClockEntity, ClockExtensionEntity, ClockTimerEntity } from '@wenzheng/clocks';
import { CalendarYearEntity } from '@wenzheng/calendar';
import { InboundMessageEntity, OutboxEntity } from '@wenzheng/intake';
import { MONITOR_ENTITIES } from '@wenzheng/monitor';
import { DutyGroupNoticeEntity, NotificationEntity } from '@wenzheng/notifications';
import { PolicyDocumentEntity, PolicyInterpretationEntity, PublicationEntity } from '@wenzheng/publishing';
import {
  RoutingCategoryUnitEntity,
  RoutingExampleEntity,
  RoutingHistoryExampleEntity,
  RoutingModelEntity,
  RoutingRetrainRunEntity,
  RoutingRuleEntity,
} from '@wenzheng/routing';
import {
  TicketDeliveryEntity,
  TicketEntity,
  TicketEventEntity,
  TicketNoteEntity,
  TicketOpinionEntity,
  TicketRatingEntity,
  TicketReplyEntity,
} from '@wenzheng/tickets';
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
  StaffUserEntity,
  TicketReplyEntity,
  TicketOpinionEntity,
  TicketNoteEntity,
  TicketDeliveryEntity,
  TicketRatingEntity,
  RoutingExampleEntity,
  PublicationEntity,
  PolicyDocumentEntity,
  PolicyInterpretationEntity,
  ChannelAccountEntity,
  ChannelEventEntity,
  RoutingModelEntity,
  RoutingRetrainRunEntity,
  RoutingHistoryExampleEntity,
  RoutingCategoryUnitEntity,
  ChannelPublicPostEntity,
  WeiboPollCursorEntity,
  BotMessageOriginEntity,
  DutyGroupNoticeEntity,
  ...MONITOR_ENTITIES,
];
