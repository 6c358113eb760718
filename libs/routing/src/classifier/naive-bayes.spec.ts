import { SparseVector } from './features';
import { NaiveBayesModel } from './naive-bayes';
import { softmax } from './softmax';

function vector(entries: Record<number, number>): SparseVector {
  const indices = Int32Array.from(Object.keys(entries).map(Number)).sort();
  return { indices, values: Float64Array.from(indices, (index) => entries[index]) };
}

// Terms 0 = 停水, 1 = 学校, 2 = 小区; label 0 = 城乡建设, 1 = 教育文体.
const vectors = [vector({ 0: 2, 2: 1 }), vector({ 0: 1 }), vector({ 1: 3, 2: 1 })];
const labels = [0, 0, 1];

describe('NaiveBayesModel', () => {
  it('computes priors and Laplace-smoothed likelihoods by hand', () => {
    const model = NaiveBayesModel.train(vectors, labels, 2, 3, { alpha: 1 });
    // Label 0: counts 3, 0, 1 (4 in all); label 1: 0, 3, 1 (4 in all); denominators 4 + 3.
    const logits = model.logits(vector({ 0: 1, 1: 1 }));
    expect(logits[0]).toBeCloseTo(Math.log(2 / 3) + Math.log(4 / 7) + Math.log(1 / 7), 12);
    expect(logits[1]).toBeCloseTo(Math.log(1 / 3) + Math.log(1 / 7) + Math.log(4 / 7), 12);
  });

  it.each<[string, Record<number, number>, number]>([
    ['停水 for 城乡建设', { 0: 1 }, 0],
    ['学校 for 教育文体', { 1: 2 }, 1],
    ['an empty message for the more frequent label', {}, 0],
  ])('prefers %s', (_, entries, expected) => {
    const model = NaiveBayesModel.train(vectors, labels, 2, 3, { alpha: 0.5 });
    const probabilities = softmax(model.logits(vector(entries)));
    expect(probabilities[expected]).toBeGreaterThan(0.5);
    expect(probabilities[0] + probabilities[1]).toBeCloseTo(1, 12);
  });

  it('gives the same scores, permuted, when the label numbers are permuted', () => {
    const model = NaiveBayesModel.train(vectors, [0, 1, 2], 3, 3, { alpha: 0.3 });
    const permuted = NaiveBayesModel.train(vectors, [2, 0, 1], 3, 3, { alpha: 0.3 });
    const probe = vector({ 0: 1, 2: 2 });
    const a = model.logits(probe);
    const b = permuted.logits(probe);
    expect([b[2], b[0], b[1]]).toEqual(Array.from(a));
  });

  it('is rebuilt from its parameters with the same scores', () => {
    const model = NaiveBayesModel.train(vectors, labels, 2, 3, { alpha: 0.1 });
    const copy = NaiveBayesModel.fromParameters(model.toParameters());
    expect(copy.featureCount).toBe(3);
    expect(copy.logits(vector({ 1: 1, 2: 4 }))).toEqual(model.logits(vector({ 1: 1, 2: 4 })));
  });

  it.each<[string, () => unknown, RegExp]>([
    ['alpha 0', () => NaiveBayesModel.train(vectors, labels, 2, 3, { alpha: 0 }), /alpha must be positive/],
    ['no examples', () => NaiveBayesModel.train([], [], 2, 3, { alpha: 1 }), /no examples/],
    ['labels missing', () => NaiveBayesModel.train(vectors, [0, 1], 2, 3, { alpha: 1 }), /3 vectors but 2 labels/],
    ['a label out of range', () => NaiveBayesModel.train(vectors, [0, 2, 1], 2, 3, { alpha: 1 }), /label index 2, outside 0..1/],
    ['likelihoods of the wrong size', () => NaiveBayesModel.fromParameters({ logPriors: [0, 0], termLogLikelihoods: [0, 0, 0] }), /not a multiple/],
  ])('refuses %s', (_, act, error) => {
    expect(act).toThrow(error);
  });
});
