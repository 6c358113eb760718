import { Algorithm } from './model-artifact';

export type EvalRoutingCommand =
  | { readonly command: 'help' }
  | {
      readonly command: 'evaluate';
      readonly train: string;
      /** Train on `train`, score on this file. */
      readonly test?: string;
      /** k-fold cross-validation on `train`. */
      readonly folds?: number;
      readonly algorithm: Algorithm;
    };

export const EVAL_ROUTING_USAGE = `Usage: npm run eval:routing -- --train FILE (--test FILE | --folds K) [--algorithm nb|linear]

  --train FILE        JSON Lines of labelled messages, { "text", "label" } (or "title" and "body") a line
  --test FILE         trains on --train and reports accuracy, macro-F1, per-label scores, the confusion matrix
                      and prediction throughput on this file
  --folds K           stratified K-fold cross-validation on --train (K >= 2); with --test, both are run
  --algorithm NAME    linear (default: logistic regression on TF-IDF) or nb (multinomial naive Bayes)`;

const VALUE_OPTIONS = ['--train', '--test', '--folds', '--algorithm'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

const ALGORITHM_NAMES: Record<string, Algorithm> = { linear: 'linear', nb: 'naive-bayes', 'naive-bayes': 'naive-bayes' };

/** The command line of eval-routing, or `{ error }` for a usage mistake (exit status 2). */
export function parseEvalRoutingArgs(argv: readonly string[]): EvalRoutingCommand | { readonly error: string } {
  const values = new Map<ValueOption, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { command: 'help' };
    if (!arg.startsWith('--')) return { error: `unexpected argument ${JSON.stringify(arg)}` };
    const equals = arg.indexOf('=');
    const option = equals < 0 ? arg : arg.slice(0, equals);
    if (!(VALUE_OPTIONS as readonly string[]).includes(option)) return { error: `unknown option ${option}` };
    const value = equals < 0 ? argv[++i] : arg.slice(equals + 1);
    if (value === undefined || value === '' || (equals < 0 && value.startsWith('--'))) return { error: `${option} needs a value` };
    if (values.has(option as ValueOption)) return { error: `${option} is given twice` };
    values.set(option as ValueOption, value);
  }
  const train = values.get('--train');
  if (train === undefined) return { error: '--train FILE is required' };
  const test = values.get('--test');
  const foldsText = values.get('--folds');
  if (test === undefined && foldsText === undefined) return { error: 'give --test FILE, --folds K, or both' };
  let folds: number | undefined;
  if (foldsText !== undefined) {
    folds = Number(foldsText);
    if (!/^\d+$/.test(foldsText) || folds < 2) return { error: `--folds must be a whole number of at least 2, got ${foldsText}` };
  }
  const algorithmName = values.get('--algorithm') ?? 'linear';
  const algorithm = Object.hasOwn(ALGORITHM_NAMES, algorithmName) ? ALGORITHM_NAMES[algorithmName] : undefined;
  if (algorithm === undefined) return { error: `--algorithm must be nb or linear, got ${algorithmName}` };
  return {
    command: 'evaluate',
    train,
    ...(test === undefined ? {} : { test }),
    ...(folds === undefined ? {} : { folds }),
    algorithm,
  };
}
