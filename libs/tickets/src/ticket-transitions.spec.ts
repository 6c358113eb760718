import { TICKET_STATUSES, TicketStatus } from './ticket-status';
import { canTransition } from './ticket-transitions';

describe('ticket transitions', () => {
  const allowed: [TicketStatus, TicketStatus][] = [
    ['received', 'analyzed'],
    ['analyzed', 'assigned'],
    ['analyzed', 'dispatching'],
    ['dispatching', 'assigned'],
  ];

  it.each(allowed)('allows %s → %s', (from, to) => expect(canTransition(from, to)).toBe(true));

  it('refuses every other pair', () => {
    const key = (from: string, to: string) => `${from}>${to}`;
    const allowedKeys = new Set(allowed.map(([f, t]) => key(f, t)));
    for (const from of TICKET_STATUSES) {
      for (const to of TICKET_STATUSES) {
        expect([key(from, to), canTransition(from, to)]).toEqual([key(from, to), allowedKeys.has(key(from, to))]);
      }
    }
  });
});
