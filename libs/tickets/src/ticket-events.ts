import type { EntityManager } from 'typeorm';
import { TicketEventEntity } from './ticket-event.entity';

export interface TicketEventInput {
  type: string;
  actor: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  reason?: string | null;
  data?: object;
}

/** Appends one event to a ticket's history, in the caller's transaction. */
export async function recordTicketEvent(manager: EntityManager, ticketId: string, at: Date, event: TicketEventInput): Promise<void> {
  await manager.insert(TicketEventEntity, {
    ticketId,
    at,
    type: event.type,
    actor: event.actor,
    fromStatus: event.fromStatus ?? null,
    toStatus: event.toStatus ?? null,
    reason: event.reason ?? null,
    data: event.data ?? {},
  });
}
