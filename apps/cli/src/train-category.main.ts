import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '@wenzheng/config';
import { defaultTrainingOptions, loadRoutingTokenizer, packModel, trainModel } from '@wenzheng/routing';
import { UsageError, operatorPath, readExamples } from './operator-files';

const USAGE = `npm run train:category -- [--data FILE] [--out FILE]

Trains the topic-category model the hub ships (config/models/category-model.json.gz) on labelled JSONL
({ "text" | "title" + "body", "label" }); by default the 2020 Teddy Cup messages in ../shared/data.`;

// Terms in fewer than 3 messages: a third smaller file than 2, the same cross-validated scores (docs/benchmarks.md).
const MIN_DOCUMENT_FREQUENCY = 3;

function main(argv: string[]): void {
  const root = projectRoot();
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string', default: join(root, '..', 'shared', 'data', 'citizen-messages-train.jsonl') },
      out: { type: 'string', default: join(root, 'config', 'models', 'category-model.json.gz') },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const examples = readExamples('--data', values.data);
  const nlp = join(root, 'config', 'nlp');
  const tokenizer = loadRoutingTokenizer({ userDictPath: join(nlp, 'user-dict.txt'), stopWordsPath: join(nlp, 'stop-words.txt') });
  const options = defaultTrainingOptions('linear', tokenizer.stopWords);
  const started = process.hrtime.bigint();
  const artifact = trainModel(
    examples.map((example) => ({ tokens: tokenizer.tokenize(example.text), label: example.label })),
    { ...options, features: { ...options.features, minDocumentFrequency: MIN_DOCUMENT_FREQUENCY } },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const packed = packModel(artifact);
  const out = operatorPath(values.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, packed);
  const scores = artifact.heldOut;
  console.log(
    [
      `trained on ${artifact.exampleCount} messages, ${artifact.labels.length} categories, ${artifact.features.terms.length} terms in ${seconds.toFixed(1)} s`,
      scores && `held out (${scores.folds} folds): accuracy ${scores.accuracy.toFixed(4)}, macro-F1 ${scores.macroF1.toFixed(4)}, temperature ${artifact.temperature.toFixed(3)}`,
      `wrote ${relative(process.cwd(), out)} (${(packed.length / 1e6).toFixed(2)} MB)`,
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(`train-category: ${error instanceof UsageError || error instanceof TypeError ? error.message : error}`);
  process.exitCode = error instanceof UsageError || error instanceof TypeError ? 2 : 1;
}
