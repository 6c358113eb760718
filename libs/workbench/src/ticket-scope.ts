import { StaffPrincipal, seesAllTickets, worksOnTickets } from '@wenzheng/auth';
import { AccessError } from '@wenzheng/errors';
import type { UnitPosition } from '@wenzheng/tickets';

/** Which tickets a caller may see: every ticket, or those where one unit is lead or assisting. */
export type TicketScope = { readonly kind: 'all' } | { readonly kind: 'unit'; readonly unitId: string };

export function scopeOf(staff: StaffPrincipal): TicketScope {
  if (seesAllTickets(staff.roles)) return { kind: 'all' };
  if (worksOnTickets(staff.roles)) return { kind: 'unit', unitId: staff.unit.id };
  throw new AccessError('your roles give no access to tickets');
}

/** The SQL condition for a scope on `tickets t`, with its parameter at position `index`. */
export function scopeCondition(scope: TicketScope, index: number): { sql: string; params: unknown[] } {
  return scope.kind === 'all'
    ? { sql: 'true', params: [] }
    : { sql: `(t.lead_unit_id = $${index} OR t.assisting_unit_ids @> ARRAY[$${index}]::uuid[])`, params: [scope.unitId] };
}

export function positionOf(unitId: string, ticket: { leadUnitId: string | null; assistingUnitIds: string[] }): UnitPosition {
  if (ticket.leadUnitId === unitId) return 'lead';
  return ticket.assistingUnitIds.includes(unitId) ? 'assisting' : null;
}
