/** The ticket life in architecture.md; this slice uses the first four, later issues add the rest. */
export const TICKET_STATUSES = [
  'received',
  'analyzed',
  'dispatching',
  'assigned',
  'accepted',
  'replied',
  'approved',
  'resolved',
  'published',
  'returned',
  'merged',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
