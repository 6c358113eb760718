import { argMax, logSumExp, softmax } from './softmax';

/** Mean negative log-likelihood of the true labels under softmax(logits / temperature). */
export function logLoss(logits: readonly ArrayLike<number>[], labels: ArrayLike<number>, temperature = 1): number {
  checkPairs(logits, labels);
  let total = 0;
  logits.forEach((row, n) => {
    const scaled = Array.from(row, (value) => value / temperature);
    total += logSumExp(scaled) - scaled[labels[n]];
  });
  return total / logits.length;
}

const MIN_LOG_TEMPERATURE = Math.log(1e-3);
const MAX_LOG_TEMPERATURE = Math.log(1e4);

/**
 * Temperature scaling (Guo et al. 2017): the one number T that minimises the held-out log loss of
 * softmax(logits / T). It never changes which label comes first, only how sure the model claims to be.
 * The loss is convex in 1/T, hence unimodal in ln T, so a golden-section search finds the minimum.
 */
export function fitTemperature(logits: readonly ArrayLike<number>[], labels: ArrayLike<number>): number {
  checkPairs(logits, labels);
  const loss = (logTemperature: number): number => logLoss(logits, labels, Math.exp(logTemperature));
  const ratio = (Math.sqrt(5) - 1) / 2;
  let low = MIN_LOG_TEMPERATURE;
  let high = MAX_LOG_TEMPERATURE;
  let left = high - ratio * (high - low);
  let right = low + ratio * (high - low);
  let leftLoss = loss(left);
  let rightLoss = loss(right);
  while (high - low > 1e-6) {
    if (leftLoss <= rightLoss) {
      high = right;
      right = left;
      rightLoss = leftLoss;
      left = high - ratio * (high - low);
      leftLoss = loss(left);
    } else {
      low = left;
      left = right;
      leftLoss = rightLoss;
      right = low + ratio * (high - low);
      rightLoss = loss(right);
    }
  }
  return Math.exp((low + high) / 2);
}

export interface CalibrationBin {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  readonly meanConfidence: number;
  readonly accuracy: number;
}

export interface CalibrationSummary {
  /** Σ over bins of (bin size / n) · |accuracy − mean confidence|, on the top label's probability. */
  readonly expectedCalibrationError: number;
  readonly bins: readonly CalibrationBin[];
}

/** Equal-width bins over the top probability; a confidence of exactly 1 falls in the last bin. */
export function calibrationSummary(confidences: ArrayLike<number>, correct: ArrayLike<boolean>, binCount = 10): CalibrationSummary {
  if (confidences.length !== correct.length) throw new Error(`${confidences.length} confidences but ${correct.length} outcomes`);
  if (confidences.length === 0) throw new Error('calibration of no predictions');
  if (!Number.isInteger(binCount) || binCount < 1) throw new Error(`bin count must be a positive integer, got ${binCount}`);
  const counts = new Array<number>(binCount).fill(0);
  const confidenceSums = new Array<number>(binCount).fill(0);
  const correctCounts = new Array<number>(binCount).fill(0);
  for (let i = 0; i < confidences.length; i += 1) {
    const confidence = confidences[i];
    if (!(confidence >= 0 && confidence <= 1)) throw new Error(`confidence ${confidence} is not a probability`);
    const bin = Math.min(binCount - 1, Math.floor(confidence * binCount));
    counts[bin] += 1;
    confidenceSums[bin] += confidence;
    if (correct[i]) correctCounts[bin] += 1;
  }
  let error = 0;
  const bins: CalibrationBin[] = [];
  for (let bin = 0; bin < binCount; bin += 1) {
    if (counts[bin] === 0) continue;
    const meanConfidence = confidenceSums[bin] / counts[bin];
    const accuracy = correctCounts[bin] / counts[bin];
    error += (counts[bin] / confidences.length) * Math.abs(accuracy - meanConfidence);
    bins.push({ lower: bin / binCount, upper: (bin + 1) / binCount, count: counts[bin], meanConfidence, accuracy });
  }
  return { expectedCalibrationError: error, bins };
}

/** The calibration summary of raw logits at a temperature: top probability against whether the top label is right. */
export function summariseLogits(logits: readonly ArrayLike<number>[], labels: ArrayLike<number>, temperature = 1, binCount = 10): CalibrationSummary {
  checkPairs(logits, labels);
  const confidences: number[] = [];
  const correct: boolean[] = [];
  logits.forEach((row, n) => {
    const probabilities = softmax(row, temperature);
    const top = argMax(probabilities);
    confidences.push(probabilities[top]);
    correct.push(top === labels[n]);
  });
  return calibrationSummary(confidences, correct, binCount);
}

function checkPairs(logits: readonly ArrayLike<number>[], labels: ArrayLike<number>): void {
  if (logits.length !== labels.length) throw new Error(`${logits.length} logit rows but ${labels.length} labels`);
  if (logits.length === 0) throw new Error('no held-out predictions to calibrate on');
}
