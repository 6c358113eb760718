export function logSumExp(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i += 1) if (values[i] > max) max = values[i];
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) sum += Math.exp(values[i] - max);
  return max + Math.log(sum);
}

/** Probabilities from unnormalised log scores divided by `temperature`; shifting by the maximum keeps exp from overflowing. */
export function softmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  if (!(temperature > 0)) throw new Error(`temperature must be positive, got ${temperature}`);
  const scaled = Float64Array.from(logits, (value) => value / temperature);
  const normaliser = logSumExp(scaled);
  for (let i = 0; i < scaled.length; i += 1) scaled[i] = Math.exp(scaled[i] - normaliser);
  return scaled;
}

/** Index of the largest value; the first one on a tie. */
export function argMax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i += 1) if (values[i] > values[best]) best = i;
  return best;
}

export interface LabelProbability {
  readonly label: string;
  readonly probability: number;
}

/** Labels with their probabilities, most probable first (ties in label order), at most `topK` of them. */
export function rankLabels(labels: readonly string[], probabilities: ArrayLike<number>, topK = labels.length): LabelProbability[] {
  if (labels.length !== probabilities.length) throw new Error(`${labels.length} labels but ${probabilities.length} probabilities`);
  if (!Number.isInteger(topK) || topK < 1) throw new Error(`top-k must be a positive integer, got ${topK}`);
  return labels
    .map((label, i) => ({ label, probability: probabilities[i] }))
    .sort((a, b) => b.probability - a.probability || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
    .slice(0, topK);
}
