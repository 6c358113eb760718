import { join } from 'node:path';
import { projectRoot } from '@wenzheng/config';

import {
  EVAL_ROUTING_USAGE,
  crossValidateModel,
  defaultTrainingOptions,
  evaluateModel,
  formatCrossValidationReport,
  formatEvaluationReport,
  loadRoutingTokenizer,
  parseEvalRoutingArgs,
} from '@wenzheng/routing';
import { UsageError, readExamples } from './operator-files';

const USAGE_ERROR = 2;
const FOLD_SEED = 20200501;

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
