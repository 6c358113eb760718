import { crossValidate, stratifiedFolds } from './cross-validation';

const labels = [...new Array<string>(50).fill('城乡建设'), ...new Array<string>(23).fill('教育文体'), ...new Array<string>(7).fill('交通运输')];

describe('stratifiedFolds', () => {
  it.each([2, 3, 5, 7, 10])('with %p folds covers every example once, in folds differing in size by one at most', (k) => {
    const folds = stratifiedFolds(labels, k, 1);
    expect(folds).toHaveLength(k);
    expect(folds.flat().sort((a, b) => a - b)).toEqual(Array.from(labels.keys()));
    const sizes = folds.map((fold) => fold.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it.each([2, 5, 7])('with %p folds gives every fold its share of every label, within one', (k) => {
    for (const fold of stratifiedFolds(labels, k, 2)) {
      for (const label of new Set(labels)) {
        const share = labels.filter((other) => other === label).length / k;
        const count = fold.filter((index) => labels[index] === label).length;
        expect(Math.abs(count - share)).toBeLessThan(1);
      }
    }
  });

  it('is the same for a seed and differs between seeds', () => {
    expect(stratifiedFolds(labels, 5, 3)).toEqual(stratifiedFolds(labels, 5, 3));
    expect(stratifiedFolds(labels, 5, 3)).not.toEqual(stratifiedFolds(labels, 5, 4));
  });

  it('does not depend on the order the labels first appear in', () => {
    const reversed = [...labels].reverse();
    const folds = stratifiedFolds(reversed, 4, 5).map((fold) => fold.map((index) => reversed[index]).sort());
    const original = stratifiedFolds(labels, 4, 5).map((fold) => fold.map((index) => labels[index]).sort());
    expect(folds).toEqual(original);
  });

  it.each<[number, number, RegExp]>([
    [1, 10, /at least 2/],
    [2.5, 10, /at least 2/],
    [11, 10, /cannot make 11 folds out of 10 examples/],
  ])('refuses %p folds of %p examples', (k, count, error) => {
    expect(() => stratifiedFolds(labels.slice(0, count), k, 1)).toThrow(error);
  });
});

describe('crossValidate', () => {
  const examples = labels.map((label, id) => ({ id, label }));

  it('scores an oracle at 1 and trains each fold on the other folds only', () => {
    const seen: number[][] = [];
    const result = crossValidate(examples, {
      folds: 4,
      seed: 1,
      train: (training) => {
        seen.push(training.map((example) => example.id));
        return (example) => [{ label: example.label, probability: 1 }];
      },
    });
    expect(result.meanAccuracy).toBe(1);
    expect(result.meanMacroF1).toBe(1);
    expect(result.meanExpectedCalibrationError).toBe(0);
    expect(result.macroF1Deviation).toBe(0);
    const folds = stratifiedFolds(labels, 4, 1);
    seen.forEach((training, i) => {
      expect(training.some((id) => folds[i].includes(id))).toBe(false);
      expect(training.length + folds[i].length).toBe(labels.length);
    });
    expect(result.folds.map((fold) => fold.testSize)).toEqual(folds.map((fold) => fold.length));
  });

  it('scores a majority-label guesser at the majority share, with macro-F1 to match', () => {
    const result = crossValidate(examples, {
      folds: 5,
      seed: 2,
      train: () => () => [{ label: '城乡建设', probability: 0.9 }],
    });
    expect(result.meanAccuracy).toBeCloseTo(50 / 80, 2);
    const f1 = (2 * (50 / 80)) / (1 + 50 / 80);
    expect(result.meanMacroF1).toBeCloseTo(f1 / 3, 2);
    expect(result.meanExpectedCalibrationError).toBeCloseTo(0.9 - 50 / 80, 2);
  });

  it('refuses a model that ranks no label', () => {
    expect(() => crossValidate(examples, { folds: 2, seed: 1, train: () => () => [] })).toThrow(/ranked no label/);
  });
});
