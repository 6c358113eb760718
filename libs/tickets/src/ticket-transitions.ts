import type { TicketStatus } from './ticket-status';

/** Which status may follow which. Later issues extend the table (accept, reply, approve, return, merge...). */
const ALLOWED: { readonly [S in TicketStatus]?: readonly TicketStatus[] } = {
  received: ['analyzed'],
  analyzed: ['assigned', 'dispatching'],
  dispatching: ['assigned'],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return ALLOWED[from]?.includes(to) ?? false;
}

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: TicketStatus,
    readonly to: TicketStatus,
  ) {
    super(`a ticket cannot go from ${from} to ${to}`);
    this.name = 'IllegalTransitionError';
  }
}
