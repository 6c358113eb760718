import { FeatureOptions, TermEncoder, Vocabulary, Weighting } from './features';
import { LinearModel, LinearModelParameters } from './linear-model';
import { NaiveBayesModel, NaiveBayesParameters } from './naive-bayes';
import { LabelProbability, rankLabels, softmax } from './softmax';

/** Bumped whenever a stored field changes meaning; a file of another version is refused. */
export const FORMAT_VERSION = 1;

export const ALGORITHMS = ['naive-bayes', 'linear'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

/** Cuts a message into words; the same one must serve training and prediction. */
export type Tokenizer = (text: string) => readonly string[];

export interface HeldOutScores {
  /** Folds of the training set that each predicted its held-out part. */
  readonly folds: number;
  readonly accuracy: number;
  readonly macroF1: number;
  readonly logLoss: { readonly uncalibrated: number; readonly calibrated: number };
  readonly expectedCalibrationError: { readonly uncalibrated: number; readonly calibrated: number };
}

export interface StoredFeatures extends FeatureOptions {
  readonly terms: readonly string[];
  readonly documentFrequencies: readonly number[];
  readonly documentCount: number;
}

export interface ModelArtifactBase {
  readonly formatVersion: typeof FORMAT_VERSION;
  /** Sorted; the label axis of every weight table. */
  readonly labels: readonly string[];
  readonly features: StoredFeatures;
  /** Logits are divided by it before softmax (see calibration.ts). */
  readonly temperature: number;
  /** ISO 8601. */
  readonly trainedAt: string;
  readonly exampleCount: number;
  readonly heldOut: HeldOutScores | null;
}

/** A trained model as plain data, to be written as JSON and read back with `deserializeModel`. */
export type ModelArtifact = ModelArtifactBase &
  (
    | { readonly algorithm: 'linear'; readonly linear: LinearModelParameters }
    | { readonly algorithm: 'naive-bayes'; readonly naiveBayes: NaiveBayesParameters }
  );

export class ModelArtifactError extends Error {
  override readonly name = 'ModelArtifactError';
}

/** Naive Bayes reads raw counts; the linear model reads sublinear TF-IDF vectors of unit length. */
export function weightingOf(algorithm: Algorithm): Weighting {
  return algorithm === 'linear' ? 'tfidf' : 'counts';
}

export function serializeModel(artifact: ModelArtifact): string {
  return JSON.stringify(validateModel(artifact));
}

export function deserializeModel(json: string): ModelArtifact {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new ModelArtifactError(`the model file is not JSON: ${(error as Error).message}`);
  }
  return validateModel(data);
}

/** Checks every field a prediction relies on, version first, so that an old or foreign file fails with a reason. */
export function validateModel(data: unknown): ModelArtifact {
  const model = record(data, 'the model');
  if (!('formatVersion' in model)) throw new ModelArtifactError('not a routing model: it has no formatVersion');
  if (model.formatVersion !== FORMAT_VERSION) {
    throw new ModelArtifactError(
      `model format version ${JSON.stringify(model.formatVersion)} is not supported; this build reads version ${FORMAT_VERSION} (retrain the model)`,
    );
  }
  const algorithm = model.algorithm;
  if (!ALGORITHMS.includes(algorithm as Algorithm)) {
    throw new ModelArtifactError(`algorithm must be one of ${ALGORITHMS.join(', ')}, got ${JSON.stringify(algorithm)}`);
  }
  const labels = strings(model.labels, 'labels');
  if (labels.length === 0) throw new ModelArtifactError('labels is empty');
  if (new Set(labels).size !== labels.length) throw new ModelArtifactError('labels has duplicates');
  const features = storedFeatures(model.features);
  const termCount = features.terms.length;
  const temperature = number(model.temperature, 'temperature');
  if (!(temperature > 0)) throw new ModelArtifactError(`temperature must be positive, got ${temperature}`);
  if (typeof model.trainedAt !== 'string' || Number.isNaN(Date.parse(model.trainedAt))) {
    throw new ModelArtifactError('trainedAt must be an ISO date-time');
  }
  const base: ModelArtifactBase = {
    formatVersion: FORMAT_VERSION,
    labels,
    features,
    temperature,
    trainedAt: model.trainedAt,
    exampleCount: count(model.exampleCount, 'exampleCount'),
    heldOut: model.heldOut === null ? null : heldOutScores(model.heldOut),
  };
  if (algorithm === 'linear') {
    const linear = record(model.linear, 'linear');
    return {
      ...base,
      algorithm,
      linear: {
        weights: numbers(linear.weights, 'linear.weights', termCount * labels.length),
        bias: numbers(linear.bias, 'linear.bias', labels.length),
      },
    };
  }
  const naiveBayes = record(model.naiveBayes, 'naiveBayes');
  return {
    ...base,
    algorithm: 'naive-bayes',
    naiveBayes: {
      logPriors: numbers(naiveBayes.logPriors, 'naiveBayes.logPriors', labels.length),
      termLogLikelihoods: numbers(naiveBayes.termLogLikelihoods, 'naiveBayes.termLogLikelihoods', termCount * labels.length),
    },
  };
}

function storedFeatures(data: unknown): StoredFeatures {
  const features = record(data, 'features');
  const terms = strings(features.terms, 'features.terms');
  const minDocumentFrequency = count(features.minDocumentFrequency, 'features.minDocumentFrequency');
  if (minDocumentFrequency < 1) throw new ModelArtifactError('features.minDocumentFrequency must be at least 1');
  return {
    wordBigrams: boolean(features.wordBigrams, 'features.wordBigrams'),
    charBigrams: boolean(features.charBigrams, 'features.charBigrams'),
    minDocumentFrequency,
    stopWords: strings(features.stopWords, 'features.stopWords'),
    terms,
    documentFrequencies: numbers(features.documentFrequencies, 'features.documentFrequencies', terms.length),
    documentCount: count(features.documentCount, 'features.documentCount'),
  };
}

function heldOutScores(data: unknown): HeldOutScores {
  const scores = record(data, 'heldOut');
  const pair = (value: unknown, name: string): { uncalibrated: number; calibrated: number } => {
    const fields = record(value, name);
    return { uncalibrated: number(fields.uncalibrated, `${name}.uncalibrated`), calibrated: number(fields.calibrated, `${name}.calibrated`) };
  };
  return {
    folds: count(scores.folds, 'heldOut.folds'),
    accuracy: number(scores.accuracy, 'heldOut.accuracy'),
    macroF1: number(scores.macroF1, 'heldOut.macroF1'),
    logLoss: pair(scores.logLoss, 'heldOut.logLoss'),
    expectedCalibrationError: pair(scores.expectedCalibrationError, 'heldOut.expectedCalibrationError'),
  };
}

function record(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ModelArtifactError(`${name} must be an object`);
  return value as Record<string, unknown>;
}

function boolean(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') throw new ModelArtifactError(`${name} must be true or false`);
  return value;
}

function number(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ModelArtifactError(`${name} must be a finite number`);
  return value;
}

function count(value: unknown, name: string): number {
  if (!Number.isInteger(value) || (value as number) < 0) throw new ModelArtifactError(`${name} must be a whole number`);
  return value as number;
}

function strings(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new ModelArtifactError(`${name} must be an array of strings`);
  }
  return value;
}

function numbers(value: unknown, name: string, length: number): number[] {
  if (!Array.isArray(value)) throw new ModelArtifactError(`${name} must be an array of numbers`);
  if (value.length !== length) throw new ModelArtifactError(`${name} has ${value.length} entries where ${length} are expected`);
  for (let i = 0; i < value.length; i += 1) {
    if (typeof value[i] !== 'number' || !Number.isFinite(value[i])) throw new ModelArtifactError(`${name}[${i}] must be a finite number`);
  }
  return value;
}

/** A trained model ready to rank the labels of a message. */
export class RoutingClassifier {
  private readonly encoder: TermEncoder;
  private readonly vocabulary: Vocabulary;
  private readonly model: LinearModel | NaiveBayesModel;

  constructor(
    readonly artifact: ModelArtifact,
    private readonly tokenizer: Tokenizer,
  ) {
    const { features } = artifact;
    const vocabulary = new Vocabulary(features.terms, features.documentFrequencies, features.documentCount);
    this.vocabulary = vocabulary;
    this.encoder = new TermEncoder(features, (term) => vocabulary.columnOf(term));
    this.model = artifact.algorithm === 'linear' ? LinearModel.fromParameters(artifact.linear) : NaiveBayesModel.fromParameters(artifact.naiveBayes);
  }

  get labels(): readonly string[] {
    return this.artifact.labels;
  }

  /** Labels with calibrated probabilities, most probable first. */
  predict(text: string, topK = this.labels.length): LabelProbability[] {
    return this.predictTokens(this.tokenizer(text), topK);
  }

  predictTokens(tokens: readonly string[], topK = this.labels.length): LabelProbability[] {
    return rankLabels(this.labels, softmax(this.logits(tokens), this.artifact.temperature), topK);
  }

  logits(tokens: readonly string[]): Float64Array {
    return this.model.logits(this.vocabulary.vectorizeColumns(this.encoder.encode(tokens), weightingOf(this.artifact.algorithm)));
  }
}
