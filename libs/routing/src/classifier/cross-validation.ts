import { calibrationSummary } from './calibration';
import { ClassificationMetrics, classificationMetrics } from './metrics';
import { createRandom, shuffle } from './random';
import { LabelProbability } from './softmax';

/** Given a training set, returns a function that ranks the labels of one example, most probable first. */
export type TrainerFactory<E> = (training: readonly E[]) => (example: E) => readonly LabelProbability[];

/**
 * Indices of the examples in each of `k` folds. Each label's examples are shuffled with the seed and
 * dealt out in turn, the deal carrying on from one label to the next, so every fold gets its share of
 * every label and the folds differ in size by one at most.
 */
export function stratifiedFolds(labels: readonly string[], k: number, seed: number): number[][] {
  if (!Number.isInteger(k) || k < 2) throw new Error(`the number of folds must be an integer of at least 2, got ${k}`);
  if (k > labels.length) throw new Error(`cannot make ${k} folds out of ${labels.length} examples`);
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const indices = byLabel.get(label);
    if (indices) indices.push(i);
    else byLabel.set(label, [i]);
  });
  const random = createRandom(seed);
  const folds = Array.from({ length: k }, (): number[] => []);
  let next = 0;
  for (const label of [...byLabel.keys()].sort()) {
    for (const index of shuffle(byLabel.get(label) as number[], random)) {
      folds[next].push(index);
      next = (next + 1) % k;
    }
  }
  return folds.map((fold) => fold.sort((a, b) => a - b));
}

export interface FoldResult {
  readonly trainingSize: number;
  readonly testSize: number;
  readonly metrics: ClassificationMetrics;
  readonly expectedCalibrationError: number;
}

export interface CrossValidationResult {
  readonly folds: readonly FoldResult[];
  readonly meanAccuracy: number;
  readonly meanMacroF1: number;
  readonly meanExpectedCalibrationError: number;
  /** Sample standard deviation of the folds' macro-F1. */
  readonly macroF1Deviation: number;
}

export interface CrossValidationOptions<E> {
  readonly folds: number;
  readonly seed: number;
  readonly train: TrainerFactory<E>;
}

export function crossValidate<E extends { readonly label: string }>(
  examples: readonly E[],
  options: CrossValidationOptions<E>,
): CrossValidationResult {
  const folds = stratifiedFolds(
    examples.map((example) => example.label),
    options.folds,
    options.seed,
  );
  const results = folds.map((testIndices): FoldResult => {
    const inTest = new Set(testIndices);
    const training = examples.filter((_, i) => !inTest.has(i));
    const test = testIndices.map((i) => examples[i]);
    const predict = options.train(training);
    const rankings = test.map((example) => predict(example));
    const top = rankings.map((ranking, n) => {
      if (ranking.length === 0) throw new Error(`the trained model ranked no label for test example ${testIndices[n]}`);
      return ranking[0];
    });
    const metrics = classificationMetrics(
      test.map((example) => example.label),
      top.map((prediction) => prediction.label),
    );
    const calibration = calibrationSummary(
      top.map((prediction) => prediction.probability),
      top.map((prediction, n) => prediction.label === test[n].label),
    );
    return { trainingSize: training.length, testSize: test.length, metrics, expectedCalibrationError: calibration.expectedCalibrationError };
  });
  const mean = (pick: (fold: FoldResult) => number): number => results.reduce((sum, fold) => sum + pick(fold), 0) / results.length;
  const meanMacroF1 = mean((fold) => fold.metrics.macroF1);
  const variance = results.reduce((sum, fold) => sum + (fold.metrics.macroF1 - meanMacroF1) ** 2, 0) / (results.length - 1);
  return {
    folds: results,
    meanAccuracy: mean((fold) => fold.metrics.accuracy),
    meanMacroF1,
    meanExpectedCalibrationError: mean((fold) => fold.expectedCalibrationError),
    macroF1Deviation: Math.sqrt(variance),
  };
}
