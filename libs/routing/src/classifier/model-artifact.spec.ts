import { ALGORITHMS, ModelArtifact, ModelArtifactError, RoutingClassifier, deserializeModel, serializeModel } from './model-artifact';
import { splitOnSpaces, syntheticCorpus } from './testing/synthetic-corpus';
import { defaultTrainingOptions, trainModel } from './trainer';

const training = syntheticCorpus(40, 1);
const probes = syntheticCorpus(10, 2).map((example) => example.tokens.join(' '));
const now = () => new Date('2026-05-01T08:00:00Z');
const artifacts = Object.fromEntries(
  ALGORITHMS.map((algorithm) => [algorithm, trainModel(training, defaultTrainingOptions(algorithm, ['希望']), now)]),
) as Record<(typeof ALGORITHMS)[number], ModelArtifact>;

describe.each(ALGORITHMS)('a %s model', (algorithm) => {
  const artifact = artifacts[algorithm];
  const classifier = new RoutingClassifier(artifact, splitOnSpaces);

  it('reads back what it wrote, with the same predictions', () => {
    const json = serializeModel(artifact);
    const copy = deserializeModel(json);
    expect(copy).toEqual(artifact);
    expect(serializeModel(copy)).toBe(json);
    const reread = new RoutingClassifier(copy, splitOnSpaces);
    for (const text of probes) expect(reread.predict(text)).toEqual(classifier.predict(text));
  });

  it('ranks every label by a probability, the probabilities summing to 1', () => {
    for (const text of probes) {
      const ranking = classifier.predict(text);
      expect(ranking.map((ranked) => ranked.label).sort()).toEqual([...artifact.labels]);
      expect(ranking.reduce((sum, ranked) => sum + ranked.probability, 0)).toBeCloseTo(1, 12);
      for (let i = 1; i < ranking.length; i += 1) expect(ranking[i].probability).toBeLessThanOrEqual(ranking[i - 1].probability);
    }
  });

  it.each([1, 2])('returns the top %p', (topK) => {
    expect(classifier.predict(probes[0], topK)).toEqual(classifier.predict(probes[0]).slice(0, topK));
  });

  it.each<[string, string]>([
    ['小区 物业 电梯 供水', '城乡建设'],
    ['学校 老师 入学', '教育文体'],
    ['公交 线路 班次 太少', '交通运输'],
  ])('sends %p to %p', (text, label) => {
    expect(classifier.predict(text, 1)[0].label).toBe(label);
  });

  it('gives a message of unknown words the prior, not an error', () => {
    const ranking = classifier.predict('完全 陌生 的 词语');
    expect(ranking).toHaveLength(3);
    expect(Math.max(...ranking.map((ranked) => ranked.probability))).toBeLessThan(0.6);
  });
});

describe('deserializeModel', () => {
  const valid = JSON.parse(serializeModel(artifacts.linear)) as Record<string, unknown>;
  const nb = JSON.parse(serializeModel(artifacts['naive-bayes'])) as Record<string, unknown>;
  const features = valid.features as Record<string, unknown>;
  const linear = valid.linear as { weights: number[]; bias: number[] };

  it.each<[string, unknown, string]>([
    ['text that is not JSON', '{"formatVersion": 1,', 'the model file is not JSON'],
    ['an array', [], 'the model must be an object'],
    ['no version', { ...valid, formatVersion: undefined }, 'not a routing model: it has no formatVersion'],
    ['a newer version', { ...valid, formatVersion: 2 }, 'model format version 2 is not supported; this build reads version 1'],
    ['a version as text', { ...valid, formatVersion: '1' }, 'model format version "1" is not supported'],
    ['an unknown algorithm', { ...valid, algorithm: 'svm' }, 'algorithm must be one of naive-bayes, linear, got "svm"'],
    ['no labels', { ...valid, labels: [] }, 'labels is empty'],
    ['a duplicate label', { ...valid, labels: ['a', 'a', 'b'] }, 'labels has duplicates'],
    ['a numeric label', { ...valid, labels: ['a', 1, 'b'] }, 'labels must be an array of strings'],
    ['no features', { ...valid, features: null }, 'features must be an object'],
    ['a bigram flag missing', { ...valid, features: { ...features, wordBigrams: undefined } }, 'features.wordBigrams must be true or false'],
    ['a zero minimum frequency', { ...valid, features: { ...features, minDocumentFrequency: 0 } }, 'features.minDocumentFrequency must be at least 1'],
    [
      'frequencies not matching the terms',
      { ...valid, features: { ...features, documentFrequencies: [1] } },
      'features.documentFrequencies has 1 entries where',
    ],
    ['a zero temperature', { ...valid, temperature: 0 }, 'temperature must be positive'],
    ['a temperature as text', { ...valid, temperature: '1' }, 'temperature must be a finite number'],
    ['a bad date', { ...valid, trainedAt: 'yesterday' }, 'trainedAt must be an ISO date-time'],
    ['a negative example count', { ...valid, exampleCount: -1 }, 'exampleCount must be a whole number'],
    ['held-out scores half there', { ...valid, heldOut: { folds: 3 } }, 'heldOut.accuracy must be a finite number'],
    ['weights cut short', { ...valid, linear: { ...linear, weights: linear.weights.slice(1) } }, 'linear.weights has'],
    ['a null weight', { ...valid, linear: { ...linear, bias: [null, 0, 0] } }, 'linear.bias[0] must be a finite number'],
    ['a linear model without weights', { ...valid, linear: undefined }, 'linear must be an object'],
    ['naive Bayes without likelihoods', { ...nb, naiveBayes: { logPriors: [0, 0, 0] } }, 'naiveBayes.termLogLikelihoods must be an array of numbers'],
  ])('refuses %s', (_, data, message) => {
    const json = typeof data === 'string' ? data : JSON.stringify(data);
    expect(() => deserializeModel(json)).toThrow(ModelArtifactError);
    expect(() => deserializeModel(json)).toThrow(message);
  });

  it('accepts a model without held-out scores', () => {
    expect(deserializeModel(JSON.stringify({ ...valid, heldOut: null })).heldOut).toBeNull();
  });
});
