import { parseEvalRoutingArgs } from './eval-routing.args';

describe('parseEvalRoutingArgs', () => {
  it.each<[string, string[], unknown]>([
    ['--help', ['--help'], { command: 'help' }],
    ['-h among other options', ['--train', 'a.jsonl', '-h'], { command: 'help' }],
    ['a test file', ['--train', 'a.jsonl', '--test', 'b.jsonl'], { command: 'evaluate', train: 'a.jsonl', test: 'b.jsonl', algorithm: 'linear' }],
    ['folds', ['--train', 'a.jsonl', '--folds', '5'], { command: 'evaluate', train: 'a.jsonl', folds: 5, algorithm: 'linear' }],
    [
      'both, with = and naive Bayes',
      ['--train=a.jsonl', '--test=b.jsonl', '--folds=10', '--algorithm=nb'],
      { command: 'evaluate', train: 'a.jsonl', test: 'b.jsonl', folds: 10, algorithm: 'naive-bayes' },
    ],
    ['the long algorithm name', ['--train', 'a', '--folds', '2', '--algorithm', 'naive-bayes'], { command: 'evaluate', train: 'a', folds: 2, algorithm: 'naive-bayes' }],
    ['linear spelt out', ['--algorithm', 'linear', '--train', 'a', '--test', 'b'], { command: 'evaluate', train: 'a', test: 'b', algorithm: 'linear' }],
  ])('reads %s', (_, argv, expected) => {
    expect(parseEvalRoutingArgs(argv)).toEqual(expected);
  });

  it.each<[string, string[], string]>([
    ['nothing', [], '--train FILE is required'],
    ['no train file', ['--test', 'b.jsonl'], '--train FILE is required'],
    ['neither test nor folds', ['--train', 'a.jsonl'], 'give --test FILE, --folds K, or both'],
    ['a positional argument', ['a.jsonl'], 'unexpected argument "a.jsonl"'],
    ['an unknown option', ['--train', 'a', '--test', 'b', '--epochs', '3'], 'unknown option --epochs'],
    ['a missing value at the end', ['--train', 'a', '--test'], '--test needs a value'],
    ['an option where a value should be', ['--train', '--test', 'b'], '--train needs a value'],
    ['an empty value', ['--train=', '--test', 'b'], '--train needs a value'],
    ['an option twice', ['--train', 'a', '--train', 'b', '--folds', '3'], '--train is given twice'],
    ['one fold', ['--train', 'a', '--folds', '1'], '--folds must be a whole number of at least 2, got 1'],
    ['fractional folds', ['--train', 'a', '--folds', '2.5'], '--folds must be a whole number of at least 2, got 2.5'],
    ['folds as a word', ['--train', 'a', '--folds', 'five'], '--folds must be a whole number of at least 2, got five'],
    ['an unknown algorithm', ['--train', 'a', '--folds', '3', '--algorithm', 'svm'], '--algorithm must be nb or linear, got svm'],
    ['an inherited property as algorithm', ['--train', 'a', '--folds', '3', '--algorithm', 'toString'], '--algorithm must be nb or linear, got toString'],
  ])('refuses %s', (_, argv, error) => {
    expect(parseEvalRoutingArgs(argv)).toEqual({ error });
  });
});
