import { classificationMetrics } from './metrics';

describe('classificationMetrics', () => {
  it('scores a small case as worked out by hand', () => {
    const actual = ['环保', '环保', '环保', '交通', '交通', '教育'];
    const predicted = ['环保', '环保', '交通', '交通', '环保', '教育'];
    const metrics = classificationMetrics(actual, predicted);
    expect(metrics.accuracy).toBeCloseTo(4 / 6, 12);
    expect(metrics.confusion).toEqual({
      labels: ['交通', '教育', '环保'],
      counts: [
        [1, 0, 1],
        [0, 1, 0],
        [1, 0, 2],
      ],
    });
    const byLabel = Object.fromEntries(metrics.perLabel.map((scores) => [scores.label, scores]));
    expect(byLabel['环保']).toEqual({ label: '环保', precision: 2 / 3, recall: 2 / 3, f1: expect.closeTo(2 / 3, 12), support: 3 });
    expect(byLabel['交通']).toEqual({ label: '交通', precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(byLabel['教育']).toEqual({ label: '教育', precision: 1, recall: 1, f1: 1, support: 1 });
    expect(metrics.macroF1).toBeCloseTo((2 / 3 + 0.5 + 1) / 3, 12);
  });

  it.each<[string, string[], string[], string[], number, number, string[]]>([
    ['all right', ['a', 'b', 'c'], ['a', 'b', 'c'], [], 1, 1, ['a', 'b', 'c']],
    ['all wrong', ['a', 'b'], ['b', 'a'], [], 0, 0, ['a', 'b']],
    // 'x' is in the test set only: recall 0, and it still weighs in the macro average.
    ['a test label the model never learnt', ['a', 'x'], ['a', 'a'], ['a'], 0.5, (2 / 3 + 0) / 2, ['a', 'x']],
    // 'z' is only predicted: precision 0, support 0, F1 0, and it counts.
    ['a label only predicted', ['a', 'a'], ['a', 'z'], [], 0.5, (2 / 3 + 0) / 2, ['a', 'z']],
    ['a known label seen nowhere', ['a'], ['a'], ['a', 'b'], 1, 0.5, ['a', 'b']],
  ])('%s', (_, actual, predicted, known, accuracy, macroF1, labels) => {
    const metrics = classificationMetrics(actual, predicted, known);
    expect(metrics.accuracy).toBeCloseTo(accuracy, 12);
    expect(metrics.macroF1).toBeCloseTo(macroF1, 12);
    expect(metrics.confusion.labels).toEqual(labels);
    expect(metrics.perLabel.map((scores) => scores.support).reduce((a, b) => a + b, 0)).toBe(actual.length);
  });

  it('gives the same scores, relabelled, when the labels are renamed', () => {
    const actual = ['a', 'a', 'b', 'c', 'c', 'c'];
    const predicted = ['a', 'b', 'b', 'c', 'a', 'c'];
    const rename: Record<string, string> = { a: 'q', b: 'p', c: 'r' };
    const original = classificationMetrics(actual, predicted);
    const renamed = classificationMetrics(
      actual.map((label) => rename[label]),
      predicted.map((label) => rename[label]),
    );
    expect(renamed.macroF1).toBeCloseTo(original.macroF1, 12);
    for (const scores of original.perLabel) {
      expect(renamed.perLabel.find((other) => other.label === rename[scores.label])).toEqual({ ...scores, label: rename[scores.label] });
    }
  });

  it.each<[string, string[], string[], RegExp]>([
    ['unequal lengths', ['a'], [], /1 true labels but 0 predictions/],
    ['nothing', [], [], /no predictions/],
  ])('refuses %s', (_, actual, predicted, error) => {
    expect(() => classificationMetrics(actual, predicted)).toThrow(error);
  });
});
