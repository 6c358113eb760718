import { classificationMetrics } from '../classifier/metrics';

/**
 * The pure rules of retraining the unit model: which examples, which hold-out, and when a new model replaces
 * the current one. No I/O: the job gathers the rows and stores the outcome.
 */

/** One ticket's lesson: its message, the unit that finally answered it, and the unit that was wrong, if any. */
export interface LearningExample {
  readonly tokens: readonly string[];
  /** Unit code of the final lead unit. */
  readonly label: string;
  /** When the lesson was learnt (resolution, return or re-assignment); the hold-out is the newest lessons. */
  readonly at: Date;
  /** Unit code of a unit that returned it or was replaced (退回/改派); null for a plain resolution. */
  readonly wrongUnit: string | null;
}

export interface HoldOutScores {
  readonly examples: number;
  readonly accuracy: number;
  readonly macroF1: number;
  /** Of the hold-out examples with a known wrong unit, the share the model sends back to that unit. */
  readonly repeatsKnownMistake: number | null;
}

export type TrainabilityProblem = { readonly reason: string } | null;

/** Why there is nothing to train yet, or null when there is. */
export function trainability(examples: readonly LearningExample[], minExamples: number): TrainabilityProblem {
  if (examples.length < minExamples) {
    return { reason: `${examples.length} labelled tickets, at least ${minExamples} are needed` };
  }
  if (new Set(examples.map((example) => example.label)).size < 2) return { reason: 'every labelled ticket went to the same unit' };
  return null;
}

/**
 * Oldest first; the newest `fraction` (at least one) is held out. Examples at the same moment keep their
 * order, so the split is the same on every run over the same rows.
 */
export function splitByTime<T extends { readonly at: Date }>(examples: readonly T[], fraction: number): { training: T[]; holdOut: T[] } {
  if (!(fraction > 0 && fraction < 1)) throw new Error(`hold-out fraction must be between 0 and 1, got ${fraction}`);
  const ordered = examples
    .map((example, index) => ({ example, index }))
    .sort((a, b) => a.example.at.getTime() - b.example.at.getTime() || a.index - b.index)
    .map(({ example }) => example);
  const held = Math.min(ordered.length - 1, Math.max(1, Math.round(ordered.length * fraction)));
  return { training: ordered.slice(0, ordered.length - held), holdOut: ordered.slice(ordered.length - held) };
}

/** Scores of a model's first choices on the hold-out examples. */
export function holdOutScores(examples: readonly LearningExample[], predicted: readonly string[]): HoldOutScores {
  if (examples.length !== predicted.length) throw new Error(`${examples.length} examples but ${predicted.length} predictions`);
  const metrics = classificationMetrics(
    examples.map((example) => example.label),
    predicted,
  );
  const corrected = examples.flatMap((example, i) => (example.wrongUnit === null ? [] : [predicted[i] === example.wrongUnit]));
  return {
    examples: examples.length,
    accuracy: metrics.accuracy,
    macroF1: metrics.macroF1,
    repeatsKnownMistake: corrected.length === 0 ? null : corrected.filter(Boolean).length / corrected.length,
  };
}

export type PromotionVerdict = { readonly promote: true; readonly reason: string } | { readonly promote: false; readonly reason: string };

/**
 * A new model replaces the current one only if it is not worse on the same hold-out: macro-F1 first (every unit
 * counts, not only the busy ones), accuracy when macro-F1 is equal. Without a current model there is nothing to lose.
 */
export function promotionVerdict(candidate: HoldOutScores, current: HoldOutScores | null): PromotionVerdict {
  const f1 = (value: number) => value.toFixed(4);
  if (current === null) return { promote: true, reason: `no current unit model; the new one scores macro-F1 ${f1(candidate.macroF1)}` };
  const comparison = `macro-F1 ${f1(candidate.macroF1)} against ${f1(current.macroF1)}, accuracy ${f1(candidate.accuracy)} against ${f1(current.accuracy)}`;
  const notWorse =
    candidate.macroF1 > current.macroF1 || (candidate.macroF1 === current.macroF1 && candidate.accuracy >= current.accuracy);
  return notWorse ? { promote: true, reason: `not worse: ${comparison}` } : { promote: false, reason: `worse: ${comparison}` };
}
