import { calibrationSummary, fitTemperature, logLoss, summariseLogits } from './calibration';
import { createRandom } from './random';
import { softmax } from './softmax';

/**
 * Examples drawn from a known three-label model: true logits z, labels sampled from softmax(z).
 * Scaling z by `overconfidence` makes a model that is right as often but claims more certainty.
 */
function sampled(count: number, overconfidence: number, seed: number): { logits: Float64Array[]; labels: number[] } {
  const random = createRandom(seed);
  const logits: Float64Array[] = [];
  const labels: number[] = [];
  for (let n = 0; n < count; n += 1) {
    const truth = Float64Array.from({ length: 3 }, () => random() * 4);
    const probabilities = softmax(truth);
    const draw = random();
    labels.push(draw < probabilities[0] ? 0 : draw < probabilities[0] + probabilities[1] ? 1 : 2);
    logits.push(truth.map((value) => value * overconfidence));
  }
  return { logits, labels };
}

describe('logLoss', () => {
  it.each<[string, number[][], number[], number, number]>([
    ['uniform over two labels', [[0, 0]], [0], 1, Math.log(2)],
    ['certain and right', [[0, 1000]], [1], 1, 0],
    ['three to one for the truth', [[Math.log(3), 0]], [0], 1, -Math.log(0.75)],
    ['the same at temperature 2 with doubled logits', [[2 * Math.log(3), 0]], [0], 2, -Math.log(0.75)],
    ['a mean over examples', [[0, 0], [0, 1000]], [0, 1], 1, Math.log(2) / 2],
  ])('%s', (_, logits, labels, temperature, expected) => {
    expect(logLoss(logits, labels, temperature)).toBeCloseTo(expected, 9);
  });
});

describe('fitTemperature', () => {
  it.each<[string, number, number]>([
    ['an overconfident model gets a temperature above 1', 4, 4],
    ['an underconfident model gets a temperature below 1', 0.25, 0.25],
    ['a calibrated model keeps about 1', 1, 1],
  ])('%s', (_, overconfidence, expected) => {
    const { logits, labels } = sampled(4000, overconfidence, 3);
    const temperature = fitTemperature(logits, labels);
    expect(temperature / expected).toBeGreaterThan(0.8);
    expect(temperature / expected).toBeLessThan(1.25);
  });

  it('lowers the held-out log loss and the calibration error of an overconfident model on new data', () => {
    const fit = sampled(3000, 5, 1);
    const heldOut = sampled(3000, 5, 2);
    const temperature = fitTemperature(fit.logits, fit.labels);
    expect(logLoss(heldOut.logits, heldOut.labels, temperature)).toBeLessThan(logLoss(heldOut.logits, heldOut.labels) - 0.2);
    const before = summariseLogits(heldOut.logits, heldOut.labels).expectedCalibrationError;
    const after = summariseLogits(heldOut.logits, heldOut.labels, temperature).expectedCalibrationError;
    expect(before).toBeGreaterThan(0.1);
    expect(after).toBeLessThan(0.03);
  });

  it('never changes the top label', () => {
    const { logits } = sampled(200, 3, 4);
    const top = (probabilities: Float64Array) => probabilities.indexOf(Math.max(...probabilities));
    for (const row of logits) expect(top(softmax(row, 2.7))).toBe(top(softmax(row)));
  });

  it.each<[string, () => unknown, RegExp]>([
    ['no predictions', () => fitTemperature([], []), /no held-out predictions/],
    ['labels missing', () => fitTemperature([[0, 1]], []), /1 logit rows but 0 labels/],
  ])('refuses %s', (_, act, error) => {
    expect(act).toThrow(error);
  });
});

describe('calibrationSummary', () => {
  it.each<[string, number[], boolean[], number]>([
    ['perfectly calibrated', [0.75, 0.75, 0.75, 0.75], [true, true, true, false], 0],
    ['always sure, right half the time', [1, 1], [true, false], 0.5],
    ['two bins, weighted by size', [0.95, 0.95, 0.55, 0.55], [true, true, false, false], (2 / 4) * 0.05 + (2 / 4) * 0.55],
    ['a confidence of exactly 1 in the last bin', [1, 0.9], [true, true], 0.05],
  ])('%s', (_, confidences, correct, expected) => {
    expect(calibrationSummary(confidences, correct).expectedCalibrationError).toBeCloseTo(expected, 12);
  });

  it('reports the occupied bins only', () => {
    const { bins } = calibrationSummary([0.95, 0.55, 0.51], [true, false, true]);
    expect(bins.map((bin) => [bin.lower, bin.count, bin.accuracy])).toEqual([
      [0.5, 2, 0.5],
      [0.9, 1, 1],
    ]);
    expect(bins[0].meanConfidence).toBeCloseTo(0.53, 12);
  });

  it.each<[string, number[], boolean[], number, RegExp]>([
    ['nothing', [], [], 10, /no predictions/],
    ['unequal lengths', [0.5], [], 10, /1 confidences but 0 outcomes/],
    ['a confidence above 1', [1.5], [true], 10, /not a probability/],
    ['no bins', [0.5], [true], 0, /bin count/],
  ])('refuses %s', (_, confidences, correct, bins, error) => {
    expect(() => calibrationSummary(confidences, correct, bins)).toThrow(error);
  });
});
