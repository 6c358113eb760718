export interface LabelScores {
  readonly label: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** How many examples truly carry the label. */
  readonly support: number;
}

export interface ConfusionMatrix {
  readonly labels: readonly string[];
  /** `counts[actual][predicted]`, indexed like `labels`. */
  readonly counts: readonly (readonly number[])[];
}

export interface ClassificationMetrics {
  readonly accuracy: number;
  /** Unweighted mean of the per-label F1 over every label that is true or predicted at least once. */
  readonly macroF1: number;
  readonly perLabel: readonly LabelScores[];
  readonly confusion: ConfusionMatrix;
}

/**
 * Labels are the union of those given, those true and those predicted, so a label the test set has
 * but the model never learnt still counts (with zero recall) instead of vanishing from the average.
 * A ratio with nothing to divide by (no prediction of a label) is 0, as in scikit-learn.
 */
export function classificationMetrics(
  actual: readonly string[],
  predicted: readonly string[],
  knownLabels: readonly string[] = [],
): ClassificationMetrics {
  if (actual.length !== predicted.length) throw new Error(`${actual.length} true labels but ${predicted.length} predictions`);
  if (actual.length === 0) throw new Error('no predictions to score');
  const labels = [...new Set([...knownLabels, ...actual, ...predicted])].sort();
  const position = new Map(labels.map((label, i) => [label, i]));
  const counts = labels.map(() => new Array<number>(labels.length).fill(0));
  let correct = 0;
  actual.forEach((label, n) => {
    counts[position.get(label) as number][position.get(predicted[n]) as number] += 1;
    if (label === predicted[n]) correct += 1;
  });
  const perLabel = labels.map((label, i): LabelScores => {
    const truePositives = counts[i][i];
    const support = counts[i].reduce((sum, count) => sum + count, 0);
    const predictedCount = counts.reduce((sum, row) => sum + row[i], 0);
    const precision = ratio(truePositives, predictedCount);
    const recall = ratio(truePositives, support);
    return { label, precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
  return {
    accuracy: correct / actual.length,
    macroF1: perLabel.reduce((sum, scores) => sum + scores.f1, 0) / perLabel.length,
    perLabel,
    confusion: { labels, counts },
  };
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}
