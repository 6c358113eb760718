import { KeywordExtractor, TextAnalyzer, createSegmenter } from '@wenzheng/nlp';
import {
  MonitorEngine,
  MonitorSettings,
  NearDuplicateIndex,
  SentimentScorer,
  loadDefaultSentimentLexicon,
} from '@wenzheng/monitor';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { HubConfig } from '@wenzheng/config';
import { createRandom } from '@wenzheng/routing';

export interface MonitorFigures {
  texts: number;
  /** Raw segmenter cut, messages/s. */
  segmenterPerSecond: number;
  throughput: { messages: number; perSecond: number; dedupePerSecond: number; clusterPerSecond: number };
  /** Memory per message held by an in-memory near-duplicate index (band keys, buckets, shingles), native core included. */
  signatureBytes: number;
  memory: {
    messages: number;
    /** `heapMiB`: the JS heap and the typed arrays' buffers outside it, after a full collection. */
    /** `nativeMiB`: what the clusterer's native core holds outside the heap (`TopicClusterer.nativeBytes`). */
    checkpoints: { messages: number; heapMiB: number; nativeMiB: number; rssMiB: number; liveClusters: number }[];
    /** Sentiment + clustering + bursts, segmentation excluded. */
    monitorPerSecond: number;
    alerts: number;
  };
}

const MiB = 2 ** 20;
const HOUR_MS = 3_600_000;

/**
 * Distinct messages from the corpus: the first half of one text and the second half of another (25 M pairs for 5,000
 * texts), so that a million messages are not a million exact copies of a few thousand.
 */
export function mixedText(texts: readonly string[], random: () => number): string {
  const a = texts[Math.floor(random() * texts.length)];
  const b = texts[Math.floor(random() * texts.length)];
  return a.slice(0, a.length >> 1) + b.slice(b.length >> 1);
}

/** A full collection before each reading, without asking for `node --expose-gc`. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/**
 * The JS heap with the typed arrays' buffers, which live outside it (shingle sets, the band table, token arrays).
 * Two collections: the buffers the first finds dead are freed by a sweeper in the background, which the next one
 * waits for; after one, a dead index's buffers were still counted.
 */
function heap(): { heapMiB: number; rssMiB: number } {
  collectGarbage();
  collectGarbage();
  const usage = process.memoryUsage();
  return { heapMiB: (usage.heapUsed + usage.arrayBuffers) / MiB, rssMiB: usage.rss / MiB };
}

/**
 * The monitor section, in-process and without a database: the pure pipeline the worker runs (near-duplicates,
 * sentiment, clustering, bursts) on segmented messages, beside the segmenter's raw cut; what an in-memory
 * near-duplicate index costs per message; then a million messages over the monitor's 72-hour window through
 * sentiment, clustering and bursts (what a worker holds in memory), and a quarter as many into the next window.
 */
/**
 * Near-duplicates and the engine over the sample, timed apart, in a function of its own: the index and the engine it
 * builds are garbage once it returns, before the memory reading that follows.
 */
function throughputOf(
  sample: readonly string[],
  tokens: readonly string[][],
  start: number,
  settings: MonitorSettings,
  keywords: KeywordExtractor,
  scorer: SentimentScorer,
): MonitorFigures['throughput'] {
  const rate = sample.length / (72 * HOUR_MS);
  const engine = new MonitorEngine(settings, keywords, scorer);
  const duplicates = new NearDuplicateIndex({ threshold: settings.duplicateThreshold, windowMs: settings.windowMs });
  let dedupeMs = 0;
  const started = performance.now();
  for (let i = 0; i < sample.length; i += 1) {
    const at = start + i / rate;
    const before = performance.now();
    duplicates.add(`t${i}`, sample[i], at);
    dedupeMs += performance.now() - before;
    engine.add({ id: `t${i}`, at, tokens: tokens[i], text: sample[i] });
  }
  const totalMs = performance.now() - started;
  return {
    messages: sample.length,
    perSecond: sample.length / (totalMs / 1000),
    dedupePerSecond: sample.length / (dedupeMs / 1000),
    clusterPerSecond: sample.length / ((totalMs - dedupeMs) / 1000),
  };
}

/**
 * What an in-memory index costs per message (the hub keeps these rows in PostgreSQL instead), in a function of its
 * own: the index is garbage once it returns, before the memory run. The shingle sets, band keys and buckets are the
 * native core's, outside the heap, and counted apart.
 */
function indexBytesPerMessage(sample: readonly string[], start: number, settings: MonitorSettings): number {
  const heapBefore = heap().heapMiB;
  const index = new NearDuplicateIndex({ threshold: settings.duplicateThreshold, windowMs: settings.windowMs });
  sample.forEach((text, i) => index.add(`s${i}`, text, start + i));
  return ((heap().heapMiB - heapBefore) * MiB + index.nativeBytes) / index.size;
}

export function benchMonitor(raw: readonly string[], config: HubConfig, progress: (line: string) => void, totalMessages = 1_000_000): MonitorFigures {
  const settings: MonitorSettings = config.monitor;
  const keywords = KeywordExtractor.fromFiles({ stopWordsPath: config.nlp.stopWordsPath });
  const segmenter = createSegmenter(config.nlp.segmenter, { userDictPath: config.nlp.userDictPath });
  const analyzer = new TextAnalyzer(segmenter, keywords);
  const scorer = new SentimentScorer(loadDefaultSentimentLexicon());
  const random = createRandom(72);

  const sample = Array.from({ length: 50_000 }, () => mixedText(raw, random));
  progress(`monitor: segmenter cut of ${sample.length} messages`);
  const started = performance.now();
  for (const text of sample) segmenter.cut(text);
  const segmenterPerSecond = sample.length / ((performance.now() - started) / 1000);
  const tokens = sample.map((text) => analyzer.tokenize(text));

  progress('monitor: throughput (dedupe + sentiment + clustering + bursts)');
  const start = Date.parse('2026-11-02T00:00:00+08:00');
  const throughput = throughputOf(sample, tokens, start, settings, keywords, scorer);

  const signatureBytes = indexBytesPerMessage(sample, start, settings);

  progress(`monitor: ${totalMessages} messages over 72 h, then a quarter as many into the next window`);
  const memoryEngine = new MonitorEngine(settings, keywords, scorer);
  const perMs = totalMessages / (72 * HOUR_MS);
  const checkpoints: MonitorFigures['memory']['checkpoints'] = [];
  let monitorMs = 0;
  const alerted = new Set<string>();
  const total = totalMessages + totalMessages / 4;
  for (let i = 0; i < total; i += 1) {
    const text = mixedText(raw, random);
    const messageTokens = analyzer.tokenize(text);
    const at = start + i / perMs;
    const before = performance.now();
    const { topic } = memoryEngine.add({ id: `m${i}`, at, tokens: messageTokens, text });
    monitorMs += performance.now() - before;
    if (topic && topic.alert.level !== 'none') alerted.add(topic.assignment.clusterId);
    if ((i + 1) % (totalMessages / 4) === 0) {
      checkpoints.push({ messages: i + 1, ...heap(), nativeMiB: memoryEngine.clusterer.nativeBytes / MiB, liveClusters: memoryEngine.clusterer.size });
      progress(`monitor: ${i + 1} messages, heap ${checkpoints[checkpoints.length - 1].heapMiB.toFixed(0)} MiB`);
    }
  }
  return {
    texts: raw.length,
    segmenterPerSecond,
    throughput,
    signatureBytes,
    memory: { messages: totalMessages, checkpoints, monitorPerSecond: total / (monitorMs / 1000), alerts: alerted.size },
  };
}
