import { calibrationSummary } from './calibration';
import { CrossValidationResult, crossValidate } from './cross-validation';
import { Example } from './dataset';
import { ClassificationMetrics, classificationMetrics } from './metrics';
import { Algorithm, ModelArtifact, RoutingClassifier, Tokenizer } from './model-artifact';
import { argMax, softmax } from './softmax';
import { TokenizedExample, TrainingOptions, trainModel } from './trainer';

export interface Timing {
  /** Milliseconds from an arbitrary origin; `performance.now` unless a spec fixes it. */
  readonly clock?: () => number;
  readonly now?: () => Date;
}

export interface EvaluationInput extends Timing {
  readonly training: readonly Example[];
  readonly test: readonly Example[];
  readonly tokenize: Tokenizer;
  readonly options: TrainingOptions;
}

export interface Evaluation {
  readonly artifact: ModelArtifact;
  readonly testSize: number;
  readonly metrics: ClassificationMetrics;
  /** On the test set, with the top label's probability before and after temperature scaling. */
  readonly expectedCalibrationError: { readonly uncalibrated: number; readonly calibrated: number };
  readonly tokenizeSeconds: number;
  readonly trainSeconds: number;
  /** Whole predictions from raw text, tokenizing included. */
  readonly predictionsPerSecond: number;
}

/** Trains on one set and scores on the other; everything is pure except the clock read around each step. */
export function evaluateModel(input: EvaluationInput): Evaluation {
  if (input.test.length === 0) throw new Error('the test set is empty');
  const clock = input.clock ?? (() => performance.now());
  let started = clock();
  const training = tokenizeAll(input.training, input.tokenize);
  const tokenizeSeconds = (clock() - started) / 1000;
  started = clock();
  const artifact = trainModel(training, input.options, input.now);
  const trainSeconds = (clock() - started) / 1000;

  const classifier = new RoutingClassifier(artifact, input.tokenize);
  started = clock();
  const predicted = input.test.map((example) => classifier.predict(example.text, 1)[0].label);
  const predictSeconds = (clock() - started) / 1000;

  const uncalibrated: number[] = [];
  const calibrated: number[] = [];
  const correct: boolean[] = [];
  input.test.forEach((example, n) => {
    const logits = classifier.logits(input.tokenize(example.text));
    uncalibrated.push(softmax(logits)[argMax(logits)]);
    calibrated.push(softmax(logits, artifact.temperature)[argMax(logits)]);
    correct.push(predicted[n] === example.label);
  });
  return {
    artifact,
    testSize: input.test.length,
    metrics: classificationMetrics(
      input.test.map((example) => example.label),
      predicted,
      artifact.labels,
    ),
    expectedCalibrationError: {
      uncalibrated: calibrationSummary(uncalibrated, correct).expectedCalibrationError,
      calibrated: calibrationSummary(calibrated, correct).expectedCalibrationError,
    },
    tokenizeSeconds,
    trainSeconds,
    predictionsPerSecond: predictSeconds > 0 ? input.test.length / predictSeconds : Infinity,
  };
}

export interface CrossValidationInput extends Timing {
  readonly examples: readonly Example[];
  readonly tokenize: Tokenizer;
  readonly options: TrainingOptions;
  readonly folds: number;
  /** Seeds the fold assignment; the options' seed seeds training. */
  readonly seed: number;
}

export interface CrossValidationEvaluation {
  readonly algorithm: Algorithm;
  readonly exampleCount: number;
  readonly seed: number;
  readonly result: CrossValidationResult;
  readonly tokenizeSeconds: number;
  readonly seconds: number;
}

export function crossValidateModel(input: CrossValidationInput): CrossValidationEvaluation {
  const clock = input.clock ?? (() => performance.now());
  let started = clock();
  const examples = tokenizeAll(input.examples, input.tokenize);
  const tokenizeSeconds = (clock() - started) / 1000;
  started = clock();
  const result = crossValidate(examples, {
    folds: input.folds,
    seed: input.seed,
    train: (training) => {
      const classifier = new RoutingClassifier(trainModel(training, input.options, input.now), input.tokenize);
      return (example) => classifier.predictTokens(example.tokens);
    },
  });
  return {
    algorithm: input.options.algorithm,
    exampleCount: examples.length,
    seed: input.seed,
    result,
    tokenizeSeconds,
    seconds: (clock() - started) / 1000,
  };
}

function tokenizeAll(examples: readonly Example[], tokenize: Tokenizer): TokenizedExample[] {
  return examples.map((example) => ({ tokens: tokenize(example.text), label: example.label }));
}

const ALGORITHM_NAMES: Record<Algorithm, string> = {
  linear: 'linear (multinomial logistic regression, averaged SGD, TF-IDF)',
  'naive-bayes': 'naive Bayes (multinomial, term counts)',
};

export function formatEvaluationReport(evaluation: Evaluation): string {
  const { artifact, metrics } = evaluation;
  const lines = [
    `Routing classifier: ${ALGORITHM_NAMES[artifact.algorithm]}`,
    `Training: ${artifact.exampleCount} messages, ${artifact.labels.length} labels, ${artifact.features.terms.length} terms (${describeFeatures(artifact)})`,
    `Test: ${evaluation.testSize} messages`,
    `Time: tokenizing ${seconds(evaluation.tokenizeSeconds)}, training ${seconds(evaluation.trainSeconds)}` +
      `${artifact.heldOut ? ` (with ${artifact.heldOut.folds} calibration folds)` : ''}; ` +
      `prediction ${Math.round(evaluation.predictionsPerSecond).toLocaleString('en-US')} messages/s, tokenizing included`,
    '',
    `Accuracy  ${fixed(metrics.accuracy)}`,
    `Macro-F1  ${fixed(metrics.macroF1)}`,
    `Calibration: temperature ${artifact.temperature.toFixed(3)}; expected calibration error on the test set ` +
      `${fixed(evaluation.expectedCalibrationError.uncalibrated)} before, ${fixed(evaluation.expectedCalibrationError.calibrated)} after`,
    '',
    ...labelTable(metrics),
    '',
    ...confusionTable(metrics),
  ];
  return lines.join('\n');
}

export function formatCrossValidationReport(evaluation: CrossValidationEvaluation): string {
  const { result } = evaluation;
  const rows = [
    ['Fold', 'Train', 'Test', 'Accuracy', 'Macro-F1', 'ECE'],
    ...result.folds.map((fold, i) => [
      String(i + 1),
      String(fold.trainingSize),
      String(fold.testSize),
      fixed(fold.metrics.accuracy),
      fixed(fold.metrics.macroF1),
      fixed(fold.expectedCalibrationError),
    ]),
    ['Mean', '', '', fixed(result.meanAccuracy), `${fixed(result.meanMacroF1)} ± ${fixed(result.macroF1Deviation)}`, fixed(result.meanExpectedCalibrationError)],
  ];
  return [
    `Routing classifier: ${ALGORITHM_NAMES[evaluation.algorithm]}`,
    `${result.folds.length}-fold stratified cross-validation (seed ${evaluation.seed}) on ${evaluation.exampleCount} messages`,
    `Time: tokenizing ${seconds(evaluation.tokenizeSeconds)}, cross-validation ${seconds(evaluation.seconds)}`,
    '',
    ...table(rows, [false, true, true, true, true, true]),
  ].join('\n');
}

function describeFeatures(artifact: ModelArtifact): string {
  const { features } = artifact;
  const kinds = ['word unigrams', ...(features.wordBigrams ? ['word bigrams'] : []), ...(features.charBigrams ? ['character bigrams'] : [])];
  return `${kinds.join(', ')}; minimum document frequency ${features.minDocumentFrequency}`;
}

function labelTable(metrics: ClassificationMetrics): string[] {
  return table(
    [
      ['Label', 'Precision', 'Recall', 'F1', 'Support'],
      ...metrics.perLabel.map((scores) => [scores.label, fixed(scores.precision), fixed(scores.recall), fixed(scores.f1), String(scores.support)]),
    ],
    [false, true, true, true, true],
  );
}

/** Rows are true labels, named and numbered; columns are predicted labels by number, to stay narrow. */
function confusionTable(metrics: ClassificationMetrics): string[] {
  const { labels, counts } = metrics.confusion;
  return [
    'Confusion matrix (rows: true label, columns: predicted label)',
    ...table(
      [['', ...labels.map((_, i) => String(i + 1))], ...labels.map((label, i) => [`${i + 1} ${label}`, ...counts[i].map(String)])],
      [false, ...labels.map(() => true)],
    ),
  ];
}

function table(rows: readonly (readonly string[])[], alignRight: readonly boolean[]): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => displayWidth(row[column]))));
  return rows.map((row) =>
    row
      .map((cell, column) => {
        const padding = ' '.repeat(widths[column] - displayWidth(cell));
        return alignRight[column] ? padding + cell : cell + padding;
      })
      .join('  ')
      .trimEnd(),
  );
}

const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

/** Columns a terminal gives the text: Han characters and other East Asian wide forms take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += WIDE.test(character) ? 2 : 1;
  return width;
}

function fixed(value: number): string {
  return value.toFixed(4);
}

function seconds(value: number): string {
  return `${value.toFixed(1)} s`;
}
