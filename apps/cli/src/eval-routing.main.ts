import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { projectRoot } from '@wenzheng/config';

import {
  DatasetError,
  EVAL_ROUTING_USAGE,
  Example,
  crossValidateModel,
  defaultTrainingOptions,
  evaluateModel,
  formatCrossValidationReport,
  formatEvaluationReport,
  loadRoutingTokenizer,
  parseEvalRoutingArgs,
  parseExamples,
} from '@wenzheng/routing';

const USAGE_ERROR = 2;
const FOLD_SEED = 20200501;

class UsageError extends Error {}

/** Paths are the operator's: `npm run` moves to the project root but keeps the original directory in INIT_CWD. */
function operatorPath(file: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

function readExamples(option: string, file: string): Example[] {
  const path = operatorPath(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${option} ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    const examples = parseExamples(text, file);
    if (examples.length === 0) throw new UsageError(`${option} ${file}: holds no examples`);
    return examples;
  } catch (error) {
    if (error instanceof DatasetError) throw new UsageError(error.message);
    throw error;
  }
}

function main(argv: readonly string[]): number {
  const command = parseEvalRoutingArgs(argv);
  if ('error' in command) {
    console.error(`eval-routing: ${command.error}\n\n${EVAL_ROUTING_USAGE}`);
    return USAGE_ERROR;
  }
  if (command.command === 'help') {
    console.log(EVAL_ROUTING_USAGE);
    return 0;
  }
  const training = readExamples('--train', command.train);
  const test = command.test === undefined ? undefined : readExamples('--test', command.test);
  const config = join(projectRoot(), 'config', 'nlp');
  const tokenizer = loadRoutingTokenizer({ userDictPath: join(config, 'user-dict.txt'), stopWordsPath: join(config, 'stop-words.txt') });
  const options = defaultTrainingOptions(command.algorithm, tokenizer.stopWords);
  const reports: string[] = [];
  if (test !== undefined) {
    reports.push(formatEvaluationReport(evaluateModel({ training, test, tokenize: tokenizer.tokenize, options })));
  }
  if (command.folds !== undefined) {
    if (command.folds > training.length) throw new UsageError(`--folds ${command.folds} is more than the ${training.length} training examples`);
    reports.push(
      formatCrossValidationReport(
        crossValidateModel({ examples: training, tokenize: tokenizer.tokenize, options, folds: command.folds, seed: FOLD_SEED }),
      ),
    );
  }
  console.log(reports.join('\n\n'));
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`eval-routing: ${error.message}`);
    process.exitCode = USAGE_ERROR;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
}
