import type { LabelProbability } from './classifier';
import type { RoutingCandidate, RoutingDecision } from './routing-decision';

/**
 * The whole routing decision for one analyzed message: the dispatch catalogue first, where it is certain;
 * otherwise the learned models, assigning automatically only above the configured confidence.
 *
 * - A catalogue rule with a clear winner is certain: its unit is assigned (主办 + 协办 as written).
 * - A tie between rules, or no rule at all, asks the models. The unit model (trained on this deployment's own
 *   resolved, returned and re-assigned tickets) and the topic-category model (cold start, mapped to units by the
 *   catalogue) each give a probability per unit; with both, they weigh equally. The most probable unit is
 *   assigned when its probability reaches the threshold (and, for a tie, when it is one of the tied units);
 *   otherwise the ticket goes to a dispatcher with the three most probable units.
 */

export type ModelTarget = 'category' | 'unit';

export interface ModelRef {
  readonly target: ModelTarget;
  readonly version: number;
}

/** A model's ranking of its labels (topic categories, or unit codes) for the message. */
export interface ModelOpinion {
  readonly model: ModelRef;
  readonly ranked: readonly LabelProbability[];
}

export interface UnitProbability {
  readonly unit: string;
  readonly probability: number;
}

export interface CategoryGuess {
  readonly label: string;
  readonly probability: number;
  readonly model: ModelRef;
}

export interface RouteChoiceInput {
  readonly rules: RoutingDecision;
  readonly category: ModelOpinion | null;
  readonly unit: ModelOpinion | null;
  /** Topic category → lead unit code, from the catalogue. */
  readonly categoryUnits: ReadonlyMap<string, string>;
  /** Units that may take tickets now; a model's label outside them is never suggested. */
  readonly routableUnits: ReadonlySet<string>;
  /** 0..1: the probability at which a model's unit is assigned without a person. */
  readonly autoAssignConfidence: number;
}

interface ChoiceBase {
  /** The most probable topic category, when a category model is active. */
  readonly category: CategoryGuess | null;
  /** The models' three most probable units (empty without a model). */
  readonly suggestions: readonly UnitProbability[];
  readonly models: readonly ModelRef[];
}

export type RouteChoice =
  | (ChoiceBase & {
      readonly outcome: 'assigned';
      readonly by: 'rule';
      readonly leadUnit: string;
      readonly assistingUnits: readonly string[];
      readonly ruleCode: string;
      readonly matched: readonly string[];
      readonly score: number;
    })
  | (ChoiceBase & {
      readonly outcome: 'assigned';
      readonly by: 'model';
      readonly leadUnit: string;
      readonly assistingUnits: readonly string[];
      readonly probability: number;
      /** The rules' tied candidates the model chose among (empty when no rule matched). */
      readonly ruleCandidates: readonly RoutingCandidate[];
    })
  | (ChoiceBase & {
      readonly outcome: 'dispatching';
      readonly reason: 'no-match' | 'tie' | 'low-confidence';
      readonly ruleCandidates: readonly RoutingCandidate[];
    });

export const SUGGESTION_COUNT = 3;

export function chooseRoute(input: RouteChoiceInput): RouteChoice {
  const distribution = unitDistribution(input);
  const base: ChoiceBase = {
    category: topCategory(input.category),
    suggestions: distribution.slice(0, SUGGESTION_COUNT),
    models: [input.unit, input.category].flatMap((opinion) => (opinion ? [opinion.model] : [])),
  };
  const { rules } = input;
  if (rules.outcome === 'assigned') {
    return {
      ...base,
      outcome: 'assigned',
      by: 'rule',
      leadUnit: rules.leadUnit,
      assistingUnits: rules.assistingUnits,
      ruleCode: rules.ruleCode,
      matched: rules.matched,
      score: rules.score,
    };
  }
  const [best] = distribution;
  const eligible =
    best !== undefined &&
    best.probability >= input.autoAssignConfidence &&
    (rules.reason === 'no-match' || rules.candidates.some((candidate) => candidate.leadUnit === best.unit));
  if (eligible) {
    return {
      ...base,
      outcome: 'assigned',
      by: 'model',
      leadUnit: best.unit,
      assistingUnits: [],
      probability: best.probability,
      ruleCandidates: rules.candidates,
    };
  }
  // Without a model, or with a confident one outside the tied units, the rules' own reason stands.
  const reason = best === undefined || best.probability >= input.autoAssignConfidence ? rules.reason : 'low-confidence';
  return { ...base, outcome: 'dispatching', reason, ruleCandidates: rules.candidates };
}

/** Units with the models' probabilities, most probable first (ties by code); the two models weigh equally. */
export function unitDistribution(input: Pick<RouteChoiceInput, 'category' | 'unit' | 'categoryUnits' | 'routableUnits'>): UnitProbability[] {
  const opinions: Map<string, number>[] = [];
  if (input.unit) {
    opinions.push(new Map(input.unit.ranked.map((entry) => [entry.label, entry.probability])));
  }
  if (input.category) {
    const byUnit = new Map<string, number>();
    for (const entry of input.category.ranked) {
      const unit = input.categoryUnits.get(entry.label);
      if (unit !== undefined) byUnit.set(unit, (byUnit.get(unit) ?? 0) + entry.probability);
    }
    opinions.push(byUnit);
  }
  const combined = new Map<string, number>();
  for (const opinion of opinions) {
    for (const [unit, probability] of opinion) {
      if (!input.routableUnits.has(unit)) continue;
      combined.set(unit, (combined.get(unit) ?? 0) + probability / opinions.length);
    }
  }
  return [...combined]
    .map(([unit, probability]) => ({ unit, probability }))
    .sort((a, b) => b.probability - a.probability || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
}

function topCategory(opinion: ModelOpinion | null): CategoryGuess | null {
  const [best] = opinion?.ranked ?? [];
  return opinion && best ? { label: best.label, probability: best.probability, model: opinion.model } : null;
}

/** The reason written on the ticket event: the rule, or the model versions and the probability. */
export function describeChoice(choice: RouteChoice, units: ReadonlyMap<string, string> = new Map()): string {
  const name = (code: string) => units.get(code) ?? code;
  const models = choice.models.map((m) => `${m.target} model v${m.version}`).join(' + ');
  const percent = (p: number) => `${(p * 100).toFixed(1)}%`;
  if (choice.outcome === 'assigned') {
    return choice.by === 'rule' ? `rule ${choice.ruleCode}` : `${models}: ${name(choice.leadUnit)} ${percent(choice.probability)}`;
  }
  if (choice.reason !== 'low-confidence') return choice.reason;
  const [best] = choice.suggestions;
  return `low-confidence (${models}: best ${name(best.unit)} ${percent(best.probability)})`;
}
