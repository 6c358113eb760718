import { SparseVector } from './features';
import { LinearModel, LinearModelOptions } from './linear-model';
import { createRandom } from './random';
import { argMax, softmax } from './softmax';

const options: LinearModelOptions = { epochs: 30, learningRate: 1, l2: 1e-4, balanceLabels: false, seed: 5 };

/** Three labels, each signalled by two of nine features, with noise features shared by all. */
function toyData(count: number, seed: number): { vectors: SparseVector[]; labels: number[] } {
  const random = createRandom(seed);
  const vectors: SparseVector[] = [];
  const labels: number[] = [];
  for (let n = 0; n < count; n += 1) {
    const label = n % 3;
    const entries = new Map<number, number>([[label * 2 + Math.floor(random() * 2), 1]]);
    entries.set(6 + Math.floor(random() * 3), 1);
    const indices = Int32Array.from(entries.keys()).sort();
    const values = Float64Array.from(indices, () => Math.SQRT1_2);
    vectors.push({ indices, values });
    labels.push(label);
  }
  return { vectors, labels };
}

const { vectors, labels } = toyData(300, 1);
const test = toyData(90, 2);

function accuracy(model: LinearModel, data: { vectors: SparseVector[]; labels: number[] }): number {
  return data.vectors.filter((vector, n) => argMax(model.logits(vector)) === data.labels[n]).length / data.vectors.length;
}

describe('LinearModel', () => {
  it('learns which features signal which label', () => {
    const model = LinearModel.train(vectors, labels, 3, 9, options);
    expect(accuracy(model, test)).toBe(1);
    const sure = softmax(model.logits({ indices: Int32Array.from([4]), values: Float64Array.from([1]) }));
    expect(sure[2]).toBeGreaterThan(0.8);
  });

  it('gives the same weights for the same seed', () => {
    const a = LinearModel.train(vectors, labels, 3, 9, options).toParameters();
    const b = LinearModel.train(vectors, labels, 3, 9, options).toParameters();
    expect(b).toEqual(a);
  });

  it('visits the examples in another order for another seed', () => {
    const a = LinearModel.train(vectors, labels, 3, 9, options).toParameters();
    const b = LinearModel.train(vectors, labels, 3, 9, { ...options, seed: 6 }).toParameters();
    expect(b.weights).not.toEqual(a.weights);
  });

  it.each<[number, number]>([
    [1e-5, 1e-3],
    [1e-3, 1e-2],
  ])('shrinks the weights more under a stronger L2 (%p, then %p)', (weak, strong) => {
    const norm = (l2: number) => Math.hypot(...LinearModel.train(vectors, labels, 3, 9, { ...options, l2 }).toParameters().weights);
    expect(norm(strong)).toBeLessThan(norm(weak));
  });

  it('gives the same scores, permuted, when the label numbers are permuted', () => {
    const relabelled = labels.map((label) => (label + 1) % 3);
    const a = LinearModel.train(vectors, labels, 3, 9, options);
    const b = LinearModel.train(vectors, relabelled, 3, 9, options);
    for (const vector of test.vectors) {
      const x = a.logits(vector);
      const y = b.logits(vector);
      expect(Array.from([y[1], y[2], y[0]], (value, k) => value - x[k]).every((difference) => Math.abs(difference) < 1e-9)).toBe(true);
    }
  });

  it('with balanced labels, gives a small label its share of an ambiguous message', () => {
    // The same message is labelled 0 ninety times and 1 ten times: unweighted, P(1) tends to 0.1; balanced, to 0.5.
    const message: SparseVector = { indices: Int32Array.from([0]), values: Float64Array.from([1]) };
    const data = new Array<SparseVector>(100).fill(message);
    const targets = Array.from({ length: 100 }, (_, n) => (n < 90 ? 0 : 1));
    const probabilityOfSmall = (balanceLabels: boolean) =>
      softmax(LinearModel.train(data, targets, 2, 1, { ...options, balanceLabels, learningRate: 0.05 }).logits(message))[1];
    expect(probabilityOfSmall(false)).toBeCloseTo(0.1, 1);
    expect(probabilityOfSmall(true)).toBeCloseTo(0.5, 1);
  });

  it('is rebuilt from its parameters with the same scores', () => {
    const model = LinearModel.train(vectors, labels, 3, 9, options);
    const copy = LinearModel.fromParameters(model.toParameters());
    expect(copy.featureCount).toBe(9);
    for (const vector of test.vectors) expect(copy.logits(vector)).toEqual(model.logits(vector));
  });

  it.each<[string, Partial<LinearModelOptions>, RegExp]>([
    ['no epoch', { epochs: 0 }, /epochs must be a positive integer/],
    ['a fractional epoch', { epochs: 1.5 }, /epochs must be a positive integer/],
    ['a zero learning rate', { learningRate: 0 }, /learning rate must be positive/],
    ['a negative l2', { l2: -1 }, /l2 must be zero or positive/],
    ['a step that would wipe the weights', { learningRate: 2, l2: 0.5 }, /below 1/],
  ])('refuses %s', (_, overrides, error) => {
    expect(() => LinearModel.train(vectors, labels, 3, 9, { ...options, ...overrides })).toThrow(error);
  });

  it('refuses weights that do not match the labels', () => {
    expect(() => LinearModel.fromParameters({ weights: [1, 2, 3], bias: [0, 0] })).toThrow(/not a multiple of the 2 labels/);
  });
});
