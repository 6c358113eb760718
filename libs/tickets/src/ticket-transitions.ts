import type { TicketStatus } from './ticket-status';

/**
 * Which status may follow which: the whole graph in one table. Self-loops are real moves (a colleague takes over a
 * claimed ticket; a dispatcher re-assigns an assigned one). `resolved → assigned` is the citizen's 重办.
 */
const ALLOWED: { readonly [S in TicketStatus]: readonly TicketStatus[] } = {
  received: ['analyzed'],
  analyzed: ['assigned', 'dispatching'],
  dispatching: ['assigned', 'merged'],
  assigned: ['accepted', 'assigned', 'dispatching', 'merged'],
  accepted: ['accepted', 'replied', 'assigned', 'dispatching', 'merged'],
  replied: ['resolved', 'accepted'],
  resolved: ['assigned', 'published'],
  published: [],
  merged: [],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return ALLOWED[from].includes(to);
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
