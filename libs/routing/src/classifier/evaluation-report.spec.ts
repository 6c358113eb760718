import { Example } from './dataset';
import { crossValidateModel, displayWidth, evaluateModel, formatCrossValidationReport, formatEvaluationReport } from './evaluation-report';
import { splitOnSpaces, syntheticCorpus } from './testing/synthetic-corpus';
import { defaultTrainingOptions } from './trainer';

const asExamples = (perLabel: number, seed: number): Example[] =>
  syntheticCorpus(perLabel, seed).map((example) => ({ text: example.tokens.join(' '), label: example.label }));

/** Each reading of the clock is 250 ms after the previous one. */
function steppingClock(): () => number {
  let now = 0;
  return () => (now += 250);
}

const fixedNow = () => new Date('2026-05-01T08:00:00Z');
const training = asExamples(40, 1);
const test = asExamples(10, 2);

describe('evaluateModel', () => {
  const evaluation = evaluateModel({
    training,
    test,
    tokenize: splitOnSpaces,
    options: defaultTrainingOptions('linear', []),
    clock: steppingClock(),
    now: fixedNow,
  });

  it('scores the test set', () => {
    expect(evaluation.testSize).toBe(30);
    expect(evaluation.metrics.accuracy).toBeGreaterThan(0.85);
    expect(evaluation.metrics.perLabel.map((scores) => scores.support)).toEqual([10, 10, 10]);
  });

  it('times each step with the clock it is given', () => {
    expect(evaluation.tokenizeSeconds).toBe(0.25);
    expect(evaluation.trainSeconds).toBe(0.25);
    expect(evaluation.predictionsPerSecond).toBe(30 / 0.25);
  });

  it('formats a plain-text report with every section', () => {
    const report = formatEvaluationReport(evaluation);
    const lines = report.split('\n');
    expect(lines[0]).toBe('Routing classifier: linear (multinomial logistic regression, averaged SGD, TF-IDF)');
    expect(report).toContain('Training: 120 messages, 3 labels,');
    expect(report).toContain('Test: 30 messages');
    expect(report).toContain('Time: tokenizing 0.3 s, training 0.3 s (with 3 calibration folds); prediction 120 messages/s');
    expect(report).toMatch(new RegExp(`Accuracy  ${evaluation.metrics.accuracy.toFixed(4)}`));
    expect(report).toMatch(new RegExp(`Macro-F1  ${evaluation.metrics.macroF1.toFixed(4)}`));
    expect(report).toMatch(/Calibration: temperature \d+\.\d{3}; expected calibration error on the test set \d\.\d{4} before, \d\.\d{4} after/);
    expect(lines).toContain('Confusion matrix (rows: true label, columns: predicted label)');
    const rows = lines.filter((line) => /^\d /.test(line));
    expect(rows.map((row) => row.split(/\s+/)[1])).toEqual(['交通运输', '城乡建设', '教育文体']);
    expect(rows.map((row) => row.split(/\s+/).slice(2).map(Number).reduce((a, b) => a + b, 0))).toEqual([10, 10, 10]);
  });

  it('lines up the table columns for a terminal, Han characters taking two columns', () => {
    const report = formatEvaluationReport(evaluation).split('\n');
    const header = report.find((line) => line.startsWith('Label')) as string;
    const rows = report.slice(report.indexOf(header) + 1, report.indexOf(header) + 4);
    for (const row of rows) expect(displayWidth(row)).toBe(displayWidth(header));
  });

  it('counts a test label the model never learnt', () => {
    const surprise = evaluateModel({
      training,
      test: [...test, { text: '信访 督办', label: '信访' }],
      tokenize: splitOnSpaces,
      options: { ...defaultTrainingOptions('naive-bayes', []), calibrationFolds: 0 },
      now: fixedNow,
    });
    const unseen = surprise.metrics.perLabel.find((scores) => scores.label === '信访');
    expect(unseen).toEqual({ label: '信访', precision: 0, recall: 0, f1: 0, support: 1 });
    expect(formatEvaluationReport(surprise)).toContain('2 信访');
  });

  it('refuses an empty test set', () => {
    expect(() => evaluateModel({ training, test: [], tokenize: splitOnSpaces, options: defaultTrainingOptions('linear', []) })).toThrow(
      /test set is empty/,
    );
  });
});

describe('crossValidateModel', () => {
  it('runs k folds and formats one row per fold and the mean', () => {
    const evaluation = crossValidateModel({
      examples: training,
      tokenize: splitOnSpaces,
      options: { ...defaultTrainingOptions('naive-bayes', []), calibrationFolds: 2 },
      folds: 4,
      seed: 1,
      clock: steppingClock(),
    });
    expect(evaluation.result.folds).toHaveLength(4);
    expect(evaluation.result.meanMacroF1).toBeGreaterThan(0.8);
    const report = formatCrossValidationReport(evaluation);
    expect(report).toContain('4-fold stratified cross-validation (seed 1) on 120 messages');
    expect(report).toContain('Time: tokenizing 0.3 s, cross-validation 0.3 s');
    expect(report.split('\n').filter((line) => /^[1-4] /.test(line))).toHaveLength(4);
    expect(report).toMatch(new RegExp(`Mean .*${evaluation.result.meanMacroF1.toFixed(4)} ± ${evaluation.result.macroF1Deviation.toFixed(4)}`));
  });
});

describe('displayWidth', () => {
  it.each<[string, number]>([
    ['', 0],
    ['abc', 3],
    ['城乡建设', 8],
    ['A1区', 4],
    ['（全角）', 8],
    ['𠀋', 2],
  ])('of %p is %p', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});
