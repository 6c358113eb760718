import { fitTemperature, logLoss, summariseLogits } from './calibration';
import { stratifiedFolds } from './cross-validation';
import { FeatureOptions, TermCorpus, Vocabulary } from './features';
import { LinearModel, LinearModelOptions } from './linear-model';
import { classificationMetrics } from './metrics';
import { Algorithm, FORMAT_VERSION, HeldOutScores, ModelArtifact, ModelArtifactBase, weightingOf } from './model-artifact';
import { NaiveBayesModel, NaiveBayesOptions } from './naive-bayes';
import { argMax } from './softmax';

/** A message already cut into words by the tokenizer the model will be used with. */
export interface TokenizedExample {
  readonly tokens: readonly string[];
  readonly label: string;
}

export interface TrainingOptions {
  readonly algorithm: Algorithm;
  readonly features: FeatureOptions;
  readonly naiveBayes: NaiveBayesOptions;
  readonly linear: Omit<LinearModelOptions, 'seed'>;
  /** Folds inside the training set whose held-out predictions fit the temperature; 0 leaves it at 1. */
  readonly calibrationFolds: number;
  readonly seed: number;
}

/**
 * The settings that measured best in 5-fold cross-validation on the 2020 Teddy Cup messages: word
 * bigrams, character trigrams and longer training did not help; character bigrams and balanced labels did.
 */
export function defaultTrainingOptions(algorithm: Algorithm, stopWords: readonly string[]): TrainingOptions {
  return {
    algorithm,
    features: { wordBigrams: false, charBigrams: true, minDocumentFrequency: 2, stopWords },
    naiveBayes: { alpha: 0.3 },
    linear: { epochs: 10, learningRate: 2, l2: 3e-6, balanceLabels: true },
    calibrationFolds: 3,
    seed: 20200501,
  };
}

/** The training set with its terms counted once, for the folds and the final model to share. */
interface PreparedSet {
  readonly corpus: TermCorpus;
  readonly labels: readonly string[];
}

interface FittedModel {
  /** Sorted labels of the documents it was fitted on. */
  readonly labels: readonly string[];
  readonly vocabulary: Vocabulary;
  readonly model: NaiveBayesModel | LinearModel;
  /** Logits of any document of the prepared set. */
  logitsOf(document: number): Float64Array;
}

function prepare(examples: readonly TokenizedExample[], options: TrainingOptions): PreparedSet {
  return {
    corpus: TermCorpus.of(
      examples.map((example) => example.tokens),
      options.features,
    ),
    labels: examples.map((example) => example.label),
  };
}

function fitOn(prepared: PreparedSet, documents: readonly number[], options: TrainingOptions): FittedModel {
  if (documents.length === 0) throw new Error('cannot train on no examples');
  const labels = [...new Set(documents.map((document) => prepared.labels[document]))].sort();
  const labelIndex = new Map(labels.map((label, k) => [label, k]));
  const { vocabulary, columnOf } = Vocabulary.fitCorpus(prepared.corpus, documents, options.features.minDocumentFrequency);
  const weighting = weightingOf(options.algorithm);
  const vectorOf = (document: number) =>
    vocabulary.vectorizeColumns(
      prepared.corpus.documents[document].map((id) => columnOf[id]),
      weighting,
    );
  const vectors = documents.map(vectorOf);
  const targets = Int32Array.from(documents, (document) => labelIndex.get(prepared.labels[document]) as number);
  const model =
    options.algorithm === 'linear'
      ? LinearModel.train(vectors, targets, labels.length, vocabulary.size, { ...options.linear, seed: options.seed })
      : NaiveBayesModel.train(vectors, targets, labels.length, vocabulary.size, options.naiveBayes);
  return { labels, vocabulary, model, logitsOf: (document) => model.logits(vectorOf(document)) };
}

/**
 * Trains on every example. When calibration folds are asked for, the same training is first run
 * on each fold's complement; the held-out logits fit the temperature and give the held-out scores
 * stored with the model.
 */
export function trainModel(examples: readonly TokenizedExample[], options: TrainingOptions, now: () => Date = () => new Date()): ModelArtifact {
  if (examples.length === 0) throw new Error('cannot train on no examples');
  const prepared = prepare(examples, options);
  const heldOut = options.calibrationFolds === 0 ? undefined : heldOutCalibration(prepared, options);
  const { labels, vocabulary, model } = fitOn(prepared, Array.from(examples.keys()), options);
  const base: ModelArtifactBase = {
    formatVersion: FORMAT_VERSION,
    labels,
    features: {
      ...options.features,
      stopWords: [...options.features.stopWords].sort(),
      terms: vocabulary.terms,
      documentFrequencies: vocabulary.documentFrequencies,
      documentCount: vocabulary.documentCount,
    },
    temperature: heldOut?.temperature ?? 1,
    trainedAt: now().toISOString(),
    exampleCount: examples.length,
    heldOut: heldOut?.scores ?? null,
  };
  if (model instanceof LinearModel) {
    const { weights, bias } = model.toParameters();
    return { ...base, algorithm: 'linear', linear: { weights: weights.map(compact), bias: bias.map(compact) } };
  }
  const { logPriors, termLogLikelihoods } = model.toParameters();
  return { ...base, algorithm: 'naive-bayes', naiveBayes: { logPriors: logPriors.map(compact), termLogLikelihoods: termLogLikelihoods.map(compact) } };
}

/** Seven significant digits: far below what changes a prediction, and it halves the size of the JSON. */
function compact(value: number): number {
  return Number(value.toPrecision(7));
}

// Stands for "never seen in this fold's training set"; finite so that the log loss stays finite.
const UNSEEN_LABEL_LOGIT = -1e4;

function heldOutCalibration(prepared: PreparedSet, options: TrainingOptions): { temperature: number; scores: HeldOutScores } {
  const folds = stratifiedFolds(prepared.labels, options.calibrationFolds, options.seed);
  const labels = [...new Set(prepared.labels)].sort();
  const logits: Float64Array[] = [];
  const targets: number[] = [];
  for (const fold of folds) {
    const inFold = new Set(fold);
    const fitted = fitOn(
      prepared,
      prepared.labels.flatMap((_, document) => (inFold.has(document) ? [] : [document])),
      options,
    );
    const columns = fitted.labels.map((label) => labels.indexOf(label));
    for (const document of fold) {
      const row = new Float64Array(labels.length).fill(UNSEEN_LABEL_LOGIT);
      fitted.logitsOf(document).forEach((value, k) => {
        row[columns[k]] = value;
      });
      logits.push(row);
      targets.push(labels.indexOf(prepared.labels[document]));
    }
  }
  const temperature = fitTemperature(logits, targets);
  const metrics = classificationMetrics(
    targets.map((k) => labels[k]),
    logits.map((row) => labels[argMax(row)]),
  );
  return {
    temperature,
    scores: {
      folds: options.calibrationFolds,
      accuracy: metrics.accuracy,
      macroF1: metrics.macroF1,
      logLoss: { uncalibrated: logLoss(logits, targets), calibrated: logLoss(logits, targets, temperature) },
      expectedCalibrationError: {
        uncalibrated: summariseLogits(logits, targets).expectedCalibrationError,
        calibrated: summariseLogits(logits, targets, temperature).expectedCalibrationError,
      },
    },
  };
}
