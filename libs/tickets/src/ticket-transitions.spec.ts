import { TICKET_STATUSES, TicketStatus } from './ticket-status';
import { IllegalTransitionError, canTransition } from './ticket-transitions';

describe('ticket transitions', () => {
  const allowed: [TicketStatus, TicketStatus, string][] = [
    ['received', 'analyzed', 'analysis'],
    ['analyzed', 'assigned', 'routed to a unit'],
    ['analyzed', 'dispatching', 'no clear unit'],
    ['dispatching', 'assigned', 'assign'],
    ['dispatching', 'merged', 'merge'],
    ['assigned', 'accepted', 'claim'],
    ['assigned', 'assigned', 're-assign'],
    ['assigned', 'dispatching', 'return'],
    ['assigned', 'merged', 'merge'],
    ['accepted', 'accepted', 'a colleague takes over the claim'],
    ['accepted', 'replied', 'submit'],
    ['accepted', 'assigned', 're-assign'],
    ['accepted', 'dispatching', 'return'],
    ['accepted', 'merged', 'merge'],
    ['replied', 'resolved', 'approve'],
    ['replied', 'accepted', 'reject'],
    ['resolved', 'assigned', '重办'],
    ['resolved', 'published', 'publish'],
  ];
  const key = (from: string, to: string) => `${from}>${to}`;
  const allowedKeys = new Set(allowed.map(([from, to]) => key(from, to)));
  const refused: [TicketStatus, TicketStatus][] = TICKET_STATUSES.flatMap((from) =>
    TICKET_STATUSES.filter((to) => !allowedKeys.has(key(from, to))).map((to): [TicketStatus, TicketStatus] => [from, to]),
  );

  it.each(allowed)('allows %s → %s (%s)', (from, to) => expect(canTransition(from, to)).toBe(true));

  it.each(refused)('refuses %s → %s', (from, to) => expect(canTransition(from, to)).toBe(false));

  it('covers every pair once', () => {
    expect(allowedKeys.size).toBe(allowed.length);
    expect(allowed.length + refused.length).toBe(TICKET_STATUSES.length ** 2);
  });

  it.each<TicketStatus>(['published', 'merged'])('%s is final', (from) => {
    expect(TICKET_STATUSES.filter((to) => canTransition(from, to))).toEqual([]);
  });

  it('nothing leads back to received', () => {
    expect(TICKET_STATUSES.filter((from) => canTransition(from, 'received'))).toEqual([]);
  });

  it('IllegalTransitionError names both ends', () => {
    const error = new IllegalTransitionError('published', 'assigned');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'IllegalTransitionError', from: 'published', to: 'assigned' });
    expect(error.message).toBe('a ticket cannot go from published to assigned');
  });
});
