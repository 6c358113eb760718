import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '@wenzheng/config';
import { RoutingClassifier, TokenizedExample, defaultTrainingOptions, loadRoutingTokenizer, trainModel } from '@wenzheng/routing';
import { loadAverage, prepareBenchSection } from './bench-environment';
import { withBenchHub } from './bench-hub';
import { CORPUS_PATH, portalSubmission } from './corpus';
import { percentile, runOpenLoop } from './load-harness';

export const ROUTING_EXAMPLES = 100_000;
export const ROUTE_JOB_MESSAGES = 400;
export const ROUTE_JOB_RATE = 20;
const PREDICTION_SAMPLE = 20_000;

/** The demo towns: a message naming one goes to the town (a label of its own), as town rules do. */
const TOWNS = ['东阁街道', '李园街道', '凤台街道', '南村镇', '蓼兰镇', '大泽山镇'];

export interface RoutingFigures {
  examples: number;
  labels: number;
  tokenizeSeconds: number;
  tokenizePerSecond: number;
  training: { algorithm: string; seconds: number; terms: number }[];
  /** Predictions per second on tokens already cut, and with cutting. */
  predictTokensPerSecond: number;
  predictTextPerSecond: number;
  routeJob: { models: boolean; p50: number; p99: number; assigned: number; dispatching: number; byModel: number }[];
  loadBefore: number;
  loadAfter: number;
}

/**
 * 100,000 labelled examples made from the shared messages: each joins two windows of real messages of one topic
 * category; half name a demo town and belong to it. So the labels (7 categories + 6 towns) have real vocabulary, and
 * the set is as large as a city's few years of tickets.
 */
function generateExamples(count: number): { text: string; label: string }[] {
  const byLabel = new Map<string, string[][]>();
  for (const line of readFileSync(CORPUS_PATH, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const { text, label } = JSON.parse(line) as { text: string; label: string };
    byLabel.set(label, [...(byLabel.get(label) ?? []), text.split(/\s+/)]);
  }
  const labels = [...byLabel.keys()].sort();
  let seed = 20261202;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const window = (words: string[]) => {
    const start = Math.floor(random() * Math.max(1, words.length - 20));
    return words.slice(start, start + 20).join('');
  };
  return Array.from({ length: count }, (_, i) => {
    const category = labels[i % labels.length];
    const messages = byLabel.get(category) as string[][];
    const pick = () => messages[Math.floor(random() * messages.length)];
    const town = i % 2 === 0 ? TOWNS[Math.floor(random() * TOWNS.length)] : undefined;
    const text = `${town ?? ''}${window(pick())}，${window(pick())}`;
    return { text, label: town ?? category };
  });
}

/** Section 7: training and prediction of the routing classifier, and what the models add to the route job. */
export async function benchRouting(progress: (line: string) => void): Promise<RoutingFigures | { skipped: string }> {
  if (!existsSync(CORPUS_PATH)) return { skipped: `${CORPUS_PATH} is absent` };
  const loadBefore = loadAverage();
  const nlp = join(projectRoot(), 'config', 'nlp');
  const tokenizer = loadRoutingTokenizer({ userDictPath: join(nlp, 'user-dict.txt'), stopWordsPath: join(nlp, 'stop-words.txt') });

  progress(`routing: generating and cutting ${ROUTING_EXAMPLES} examples`);
  const raw = generateExamples(ROUTING_EXAMPLES);
  let started = performance.now();
  const examples: TokenizedExample[] = raw.map((e) => ({ tokens: tokenizer.tokenize(e.text), label: e.label }));
  const tokenizeSeconds = (performance.now() - started) / 1000;

  const training: RoutingFigures['training'] = [];
  let linear: RoutingClassifier | undefined;
  for (const algorithm of ['naive-bayes', 'linear'] as const) {
    progress(`routing: training ${algorithm} on ${ROUTING_EXAMPLES} examples (3 calibration folds, as the retrain job does)`);
    started = performance.now();
    const artifact = trainModel(examples, defaultTrainingOptions(algorithm, tokenizer.stopWords));
    training.push({ algorithm, seconds: (performance.now() - started) / 1000, terms: artifact.features.terms.length });
    if (algorithm === 'linear') linear = new RoutingClassifier(artifact, tokenizer.tokenize);
  }
  const model = linear as RoutingClassifier;
  const sample = examples.slice(0, PREDICTION_SAMPLE);
  // A first pass warms the JIT and the encoder's word cache, as a running worker has them.
  for (const e of raw.slice(0, PREDICTION_SAMPLE)) model.predict(e.text, 3);
  started = performance.now();
  for (const e of sample) model.predictTokens(e.tokens, 3);
  const predictTokensPerSecond = sample.length / ((performance.now() - started) / 1000);
  started = performance.now();
  for (const e of raw.slice(0, PREDICTION_SAMPLE)) model.predict(e.text, 3);
  const predictTextPerSecond = PREDICTION_SAMPLE / ((performance.now() - started) / 1000);

  const routeJob = [await benchRouteJob(true, progress), await benchRouteJob(false, progress)];
  return {
    examples: ROUTING_EXAMPLES,
    labels: new Set(raw.map((e) => e.label)).size,
    tokenizeSeconds,
    tokenizePerSecond: ROUTING_EXAMPLES / tokenizeSeconds,
    training,
    predictTokensPerSecond,
    predictTextPerSecond,
    routeJob,
    loadBefore,
    loadAfter: loadAverage(),
  };
}

/**
 * The hub in this process at a low fixed rate (so queues stay empty), real messages; per ticket the time from its
 * `analyzed` event to the router's event: the route job (catalogue, models, decision, one transaction). With
 * `models` false the models are retired first, so the job runs the catalogue alone.
 */
async function benchRouteJob(models: boolean, progress: (line: string) => void): Promise<RoutingFigures['routeJob'][number]> {
  const config = await prepareBenchSection();
  return withBenchHub(config, async ({ baseUrl, db }) => {
    const url = `${baseUrl}/api/v1/portal/messages`;
    if (!models) await db.query(`UPDATE routing_models SET status = 'retired'`);
    const texts = readFileSync(CORPUS_PATH, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .slice(0, ROUTE_JOB_MESSAGES)
      .map((line) => (JSON.parse(line) as { text: string }).text.replace(/\s+/g, ''));
    progress(`routing: route job ${models ? 'with' : 'without'} models, ${ROUTE_JOB_MESSAGES} messages at ${ROUTE_JOB_RATE}/s`);
    await runOpenLoop(ROUTE_JOB_MESSAGES, ROUTE_JOB_RATE, async (i) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(portalSubmission(texts, i, `route-${models}`)) });
      if (response.status !== 201) throw new Error(`POST answered ${response.status}`);
    });
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM tickets WHERE status IN ('analyzed', 'received')`);
      if (rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const { rows } = await db.query<{ ms: number; outcome: string; by: string | null }>(
      `SELECT extract(epoch FROM (r.at - a.at)) * 1000 AS ms, r.type AS outcome, r.data->'decision'->>'by' AS by
         FROM ticket_events a JOIN ticket_events r ON r.ticket_id = a.ticket_id AND r.actor = 'system:route'
        WHERE a.type = 'analyzed'`,
    );
    const latencies = rows.map((r) => Number(r.ms));
    return {
      models,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      assigned: rows.filter((r) => r.outcome === 'assigned').length,
      dispatching: rows.filter((r) => r.outcome === 'dispatching').length,
      byModel: rows.filter((r) => r.by === 'model').length,
    };
  });
}
