import { classificationMetrics } from './metrics';
import { FORMAT_VERSION, RoutingClassifier } from './model-artifact';
import { Algorithm, ALGORITHMS } from './model-artifact';
import { createRandom, shuffle } from './random';
import { syntheticCorpus } from './testing/synthetic-corpus';
import { TokenizedExample, TrainingOptions, defaultTrainingOptions, trainModel } from './trainer';

const training = syntheticCorpus(60, 1);
const test = syntheticCorpus(30, 2);
const fixedNow = () => new Date('2026-05-01T08:00:00Z');

function options(algorithm: Algorithm, overrides: Partial<TrainingOptions> = {}): TrainingOptions {
  return { ...defaultTrainingOptions(algorithm, ['希望', '请问']), ...overrides };
}

function macroF1(examples: readonly TokenizedExample[], classifier: RoutingClassifier): number {
  return classificationMetrics(
    examples.map((example) => example.label),
    examples.map((example) => classifier.predictTokens(example.tokens, 1)[0].label),
  ).macroF1;
}

describe.each(ALGORITHMS)('trainModel with %s', (algorithm) => {
  const artifact = trainModel(training, options(algorithm), fixedNow);

  it('describes what it trained', () => {
    expect(artifact).toMatchObject({
      formatVersion: FORMAT_VERSION,
      algorithm,
      labels: ['交通运输', '城乡建设', '教育文体'],
      trainedAt: '2026-05-01T08:00:00.000Z',
      exampleCount: training.length,
    });
    expect(artifact.features.stopWords).toEqual(['希望', '请问']);
    expect(artifact.features.terms).not.toContain('希望');
    expect(artifact.features.terms).toContain('小区');
  });

  it('classifies new messages well', () => {
    expect(macroF1(test, new RoutingClassifier(artifact, () => []))).toBeGreaterThan(0.85);
  });

  it('stores held-out scores and a temperature fitted on the calibration folds', () => {
    expect(artifact.heldOut).toMatchObject({ folds: 3 });
    expect(artifact.heldOut?.macroF1).toBeGreaterThan(0.8);
    expect(artifact.heldOut?.logLoss.calibrated).toBeLessThanOrEqual((artifact.heldOut?.logLoss.uncalibrated ?? 0) + 1e-12);
    expect(artifact.temperature).not.toBe(1);
  });

  it('is the same model when trained again', () => {
    expect(trainModel(training, options(algorithm), fixedNow)).toEqual(artifact);
  });

  it('without calibration folds keeps the temperature at 1 and stores no held-out scores', () => {
    const uncalibrated = trainModel(training, options(algorithm, { calibrationFolds: 0 }), fixedNow);
    expect(uncalibrated.temperature).toBe(1);
    expect(uncalibrated.heldOut).toBeNull();
  });

  it('gives the same ranking under renamed labels', () => {
    const rename: Record<string, string> = { 城乡建设: 'b', 教育文体: 'c', 交通运输: 'a' };
    const renamed = trainModel(
      training.map((example) => ({ ...example, label: rename[example.label] })),
      options(algorithm),
      fixedNow,
    );
    const original = new RoutingClassifier(artifact, () => []);
    const other = new RoutingClassifier(renamed, () => []);
    for (const example of test) {
      const expected = original.predictTokens(example.tokens).map((ranked) => ({ ...ranked, label: rename[ranked.label] }));
      const actual = other.predictTokens(example.tokens);
      expect(actual.map((ranked) => ranked.label)).toEqual(expected.map((ranked) => ranked.label));
      actual.forEach((ranked, i) => expect(ranked.probability).toBeCloseTo(expected[i].probability, 6));
    }
  });

  it('learns nothing from shuffled labels', () => {
    const labels = shuffle(
      training.map((example) => example.label),
      createRandom(4),
    );
    const shuffled = training.map((example, n) => ({ ...example, label: labels[n] }));
    const model = new RoutingClassifier(trainModel(shuffled, options(algorithm, { calibrationFolds: 0 }), fixedNow), () => []);
    expect(macroF1(test, model)).toBeLessThan(0.6);
  });
});

describe('trainModel', () => {
  it('keeps a label with fewer examples than calibration folds, at a low probability where unseen', () => {
    const rare = [...training, { tokens: ['信访', '督办'], label: '信访' }];
    const artifact = trainModel(rare, options('linear'), fixedNow);
    expect(artifact.labels).toContain('信访');
    expect(Number.isFinite(artifact.temperature)).toBe(true);
  });

  it('refuses an empty training set', () => {
    expect(() => trainModel([], options('linear'))).toThrow(/no examples/);
  });
});
