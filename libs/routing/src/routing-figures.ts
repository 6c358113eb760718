/**
 * Figures of the router for a period: how much it assigned by itself (by rule, by model) and, per unit, how often
 * a ticket sent to it came back (退回) or was taken from it (改派). Pure: the service counts the rows.
 */

/** One routing decision of the system (`system:route` events). */
export interface RoutingFact {
  /** Shanghai date of the decision. */
  readonly day: string;
  readonly outcome: 'assigned' | 'dispatching';
  readonly by: 'rule' | 'model' | null;
}

export interface UnitRoutingCounts {
  readonly unitCode: string;
  readonly unitName: string;
  /** Times the unit was made lead, by the router or a dispatcher. */
  readonly assignments: number;
  readonly returns: number;
  readonly reassignedAway: number;
}

export interface RoutingDay {
  readonly day: string;
  readonly routed: number;
  readonly byRule: number;
  readonly byModel: number;
  readonly toDispatcher: number;
  /** Share of the routed tickets assigned without a person; null on a day with none. */
  readonly automaticRate: number | null;
}

export interface UnitMisroutes extends UnitRoutingCounts {
  /** (returns + re-assignments away) / assignments; null for a unit that was never assigned. */
  readonly misrouteRate: number | null;
}

export interface RoutingFigures {
  readonly overall: Omit<RoutingDay, 'day'>;
  readonly days: readonly RoutingDay[];
  readonly units: readonly UnitMisroutes[];
}

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

function summarise(facts: readonly RoutingFact[]): Omit<RoutingDay, 'day'> {
  const byRule = facts.filter((f) => f.outcome === 'assigned' && f.by === 'rule').length;
  const byModel = facts.filter((f) => f.outcome === 'assigned' && f.by === 'model').length;
  const toDispatcher = facts.filter((f) => f.outcome === 'dispatching').length;
  // Decisions recorded before the learning router carry no `by`; an assignment then came from a rule.
  const legacyRules = facts.filter((f) => f.outcome === 'assigned' && f.by === null).length;
  return { routed: facts.length, byRule: byRule + legacyRules, byModel, toDispatcher, automaticRate: rate(facts.length - toDispatcher, facts.length) };
}

export function routingFigures(facts: readonly RoutingFact[], units: readonly UnitRoutingCounts[]): RoutingFigures {
  const byDay = new Map<string, RoutingFact[]>();
  for (const fact of facts) {
    const day = byDay.get(fact.day);
    if (day) day.push(fact);
    else byDay.set(fact.day, [fact]);
  }
  return {
    overall: summarise(facts),
    days: [...byDay.keys()].sort().map((day) => ({ day, ...summarise(byDay.get(day) ?? []) })),
    units: units
      .map((unit) => ({ ...unit, misrouteRate: rate(unit.returns + unit.reassignedAway, unit.assignments) }))
      .sort((a, b) => (b.misrouteRate ?? -1) - (a.misrouteRate ?? -1) || b.assignments - a.assignments || (a.unitCode < b.unitCode ? -1 : 1)),
  };
}
