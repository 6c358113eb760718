import type { WorkingDayCalendar } from '@wenzheng/calendar';

/** One fact from the event log, as the figures need it. */
export type TicketFact =
  | { kind: 'received'; ticketId: string; unitId: string | null; at: Date }
  | { kind: 'answered'; ticketId: string; unitId: string | null; at: Date; receivedAt: Date; dueAt: Date | null }
  | { kind: 'overdue'; ticketId: string; unitId: string | null; at: Date }
  | { kind: 'extension-asked' | 'extension-approved'; ticketId: string; unitId: string | null; at: Date }
  | { kind: 'rated'; ticketId: string; unitId: string | null; at: Date; attitude: number; speed: number; resolved: boolean };

export interface UnitFigures {
  unitId: string | null;
  received: number;
  answered: number;
  answeredOnTime: number;
  /** Tickets that went overdue in the range (a reply clock's overdue timer fired). */
  overdue: number;
  onTimeRate: number | null;
  averageWorkingDaysToAnswer: number | null;
  p90WorkingDaysToAnswer: number | null;
  extensionsAsked: number;
  extensionsApproved: number;
  /** 回访/满意度: ratings given in the range, their averages (1–5) and the share that said "resolved". */
  ratings: number;
  averageAttitude: number | null;
  averageSpeed: number | null;
  resolvedRate: number | null;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * Figures per unit (null = not yet assigned) and overall (last, unitId "all"), from facts of one date range.
 * Working days to answer follow the deadline rule: the day of receipt does not count.
 */
export function unitFigures(facts: readonly TicketFact[], calendar: WorkingDayCalendar): (UnitFigures | (UnitFigures & { unitId: 'all' }))[] {
  const groups = new Map<string | null, TicketFact[]>();
  for (const fact of facts) groups.set(fact.unitId, [...(groups.get(fact.unitId) ?? []), fact]);
  const figures = (unitId: string | null, group: readonly TicketFact[]): UnitFigures => {
    const answered = group.filter((f): f is Extract<TicketFact, { kind: 'answered' }> => f.kind === 'answered');
    const onTime = answered.filter((f) => f.dueAt !== null && f.at <= f.dueAt).length;
    const days = answered.map((f) => calendar.workingDaysBetween(f.receivedAt, f.at).days).sort((a, b) => a - b);
    const count = (kind: TicketFact['kind']) => new Set(group.filter((f) => f.kind === kind).map((f) => f.ticketId)).size;
    const ratings = group.filter((f): f is Extract<TicketFact, { kind: 'rated' }> => f.kind === 'rated');
    const mean = (values: number[]) => (values.length ? round(values.reduce((a, b) => a + b, 0) / values.length) : null);
    return {
      unitId,
      received: count('received'),
      answered: answered.length,
      answeredOnTime: onTime,
      overdue: count('overdue'),
      onTimeRate: answered.length ? round(onTime / answered.length) : null,
      averageWorkingDaysToAnswer: days.length ? round(days.reduce((a, b) => a + b, 0) / days.length) : null,
      p90WorkingDaysToAnswer: percentile(days, 90),
      extensionsAsked: group.filter((f) => f.kind === 'extension-asked').length,
      extensionsApproved: group.filter((f) => f.kind === 'extension-approved').length,
      ratings: ratings.length,
      averageAttitude: mean(ratings.map((r) => r.attitude)),
      averageSpeed: mean(ratings.map((r) => r.speed)),
      resolvedRate: mean(ratings.map((r) => (r.resolved ? 1 : 0))),
    };
  };
  const perUnit = [...groups.entries()]
    .map(([unitId, group]) => figures(unitId, group))
    .sort((a, b) => String(a.unitId).localeCompare(String(b.unitId)));
  return [...perUnit, { ...figures(null, facts), unitId: 'all' as const }];
}
