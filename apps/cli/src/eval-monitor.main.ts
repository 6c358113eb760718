import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadHubConfig } from '@wenzheng/config';
import {
  MonitorEngine,
  NearDuplicateIndex,
  ReplayFileError,
  SentimentScorer,
  formatReplayReport,
  loadDefaultSentimentLexicon,
  parseReplayFile,
  replayForEvaluation,
  shanghaiIso,
} from '@wenzheng/monitor';
import { KeywordExtractor, TextAnalyzer, createSegmenter } from '@wenzheng/nlp';

const USAGE = `Usage: npm run eval:monitor -- FILE.jsonl

Replays the messages of FILE (JSON lines: "time" and "text", optional "topic", "id", "copyOf", "title",
"channel") in their time order through near-duplicates, topic clusters, sentiment and bursts, with the
MONITOR_* settings of the environment, and prints duplicate precision/recall (when copies are labelled with
"copyOf") and clustering purity / NMI (when topics are labelled).`;

function main(argv: readonly string[]): number {
  if (argv.length !== 1 || argv[0].startsWith('-')) {
    console.error(argv[0] === '--help' || argv[0] === '-h' ? USAGE : `eval-monitor: give one file\n\n${USAGE}`);
    return argv[0] === '--help' || argv[0] === '-h' ? 0 : 2;
  }
  // `npm run` moves to the project root but keeps the operator's directory in INIT_CWD.
  const file = resolve(process.env.INIT_CWD ?? process.cwd(), argv[0]);
  const messages = parseReplayFile(readFileSync(file, 'utf8'), argv[0]);
  const config = loadHubConfig();
  const keywords = KeywordExtractor.fromFiles({ stopWordsPath: config.nlp.stopWordsPath });
  const analyzer = new TextAnalyzer(createSegmenter(config.nlp.segmenter, { userDictPath: config.nlp.userDictPath }), keywords);
  const engine = new MonitorEngine(config.monitor, keywords, new SentimentScorer(loadDefaultSentimentLexicon()));
  const duplicates = () => new NearDuplicateIndex({ threshold: config.monitor.duplicateThreshold, windowMs: config.monitor.windowMs });
  const started = process.hrtime.bigint();
  const report = replayForEvaluation(messages, engine, duplicates, (text) => analyzer.tokenize(text));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(formatReplayReport(report, shanghaiIso));
  console.log(`replayed in ${seconds.toFixed(2)} s (${Math.round(messages.length / seconds)} messages/s, segmentation included)`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  const known = error instanceof ReplayFileError || error instanceof ConfigError || (error as NodeJS.ErrnoException).code === 'ENOENT';
  console.error(`eval-monitor: ${(error as Error).message}`);
  process.exitCode = known ? 2 : 1;
}
