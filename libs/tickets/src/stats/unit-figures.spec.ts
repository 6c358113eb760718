import { join } from 'node:path';
import { loadCalendarDirectory } from '@wenzheng/calendar';
import { TicketFact, percentile, unitFigures } from './unit-figures';

const calendar = loadCalendarDirectory(join(__dirname, '../../../../config/calendar'));
const at = (s: string) => new Date(`${s}+08:00`);

describe('percentile (nearest rank)', () => {
  it.each([
    [[], 90, null],
    [[4], 90, 4],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90, 10],
    [[1, 2], 50, 1],
  ])('%j p%d → %s', (values, p, expected) => expect(percentile(values, p)).toBe(expected));
});

describe('unitFigures', () => {
  const facts: TicketFact[] = [
    { kind: 'received', ticketId: 't1', unitId: 'u1', at: at('2026-09-29T10:00:00') },
    { kind: 'received', ticketId: 't2', unitId: 'u1', at: at('2026-09-30T10:00:00') },
    { kind: 'received', ticketId: 't3', unitId: 'u2', at: at('2026-10-08T10:00:00') },
    { kind: 'received', ticketId: 't4', unitId: null, at: at('2026-10-09T10:00:00') },
    // t1: received Tue 9/29, answered Fri 10/9: 9/30, 10/8, 10/9 = 3 working days, before its due.
    { kind: 'answered', ticketId: 't1', unitId: 'u1', at: at('2026-10-09T15:00:00'), receivedAt: at('2026-09-29T10:00:00'), dueAt: at('2026-10-12T23:59:59') },
    // t2: answered after its due: 9/30 → 10/14 is 10/8, 9, 10 (make-up Sat), 12, 13, 14 = 6 working days.
    { kind: 'answered', ticketId: 't2', unitId: 'u1', at: at('2026-10-14T09:00:00'), receivedAt: at('2026-09-30T10:00:00'), dueAt: at('2026-10-12T23:59:59') },
    { kind: 'overdue', ticketId: 't2', unitId: 'u1', at: at('2026-10-13T00:00:00') },
    { kind: 'extension-asked', ticketId: 't3', unitId: 'u2', at: at('2026-10-10T09:00:00') },
    { kind: 'extension-asked', ticketId: 't3', unitId: 'u2', at: at('2026-10-12T09:00:00') },
    { kind: 'extension-approved', ticketId: 't3', unitId: 'u2', at: at('2026-10-12T10:00:00') },
    { kind: 'rated', ticketId: 't1', unitId: 'u1', at: at('2026-10-10T09:00:00'), attitude: 5, speed: 4, resolved: true },
    { kind: 'rated', ticketId: 't2', unitId: 'u1', at: at('2026-10-15T09:00:00'), attitude: 2, speed: 1, resolved: false },
    { kind: 'rated', ticketId: 't3', unitId: 'u2', at: at('2026-10-15T09:00:00'), attitude: 4, speed: 4, resolved: true },
  ];

  it('counts per unit and overall from the facts', () => {
    const figures = unitFigures(facts, calendar);
    expect(figures.map((f) => f.unitId)).toEqual(['null', 'u1', 'u2', 'all'].map((u) => (u === 'null' ? null : u)));
    const u1 = figures.find((f) => f.unitId === 'u1');
    expect(u1).toEqual({
      unitId: 'u1',
      received: 2,
      answered: 2,
      answeredOnTime: 1,
      overdue: 1,
      onTimeRate: 0.5,
      averageWorkingDaysToAnswer: 4.5,
      p90WorkingDaysToAnswer: 6,
      extensionsAsked: 0,
      extensionsApproved: 0,
      ratings: 2,
      averageAttitude: 3.5,
      averageSpeed: 2.5,
      resolvedRate: 0.5,
    });
    expect(figures.find((f) => f.unitId === 'u2')).toMatchObject({ received: 1, answered: 0, onTimeRate: null, extensionsAsked: 2, extensionsApproved: 1 });
    expect(figures.at(-1)).toMatchObject({ unitId: 'all', received: 4, answered: 2, overdue: 1, extensionsAsked: 2, ratings: 3, averageAttitude: 3.67, averageSpeed: 3, resolvedRate: 0.67 });
  });

  it('gives only the overall line for no facts', () => {
    expect(unitFigures([], calendar)).toEqual([
      expect.objectContaining({ unitId: 'all', received: 0, answered: 0, averageWorkingDaysToAnswer: null, p90WorkingDaysToAnswer: null, ratings: 0, averageAttitude: null, resolvedRate: null }),
    ]);
  });
});
