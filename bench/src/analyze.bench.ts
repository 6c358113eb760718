import { performance } from 'node:perf_hooks';
import {
  KeywordExtractor,
  SEGMENTER_NAMES,
  Segmenter,
  SegmenterName,
  TextAnalyzer,
  createSegmenter,
} from '@wenzheng/nlp';
import { benchHubConfig, loadAverage } from './bench-environment';
import { Corpus, charCount } from './corpus';
import { SegmenterMemory, probeSegmenterMemory } from './segmenter-memory.probe';

export const ANALYZE_ROUNDS = 3;
export const ANALYZE_WARMUP = 500;

export type AnalyzeMode = 'cut raw' | 'analyze raw' | 'analyze pre-segmented';

export interface AnalyzeRow {
  segmenter: SegmenterName;
  mode: AnalyzeMode;
  messagesPerSecond: number;
  charsPerSecond: number;
  tokensPerMessage: number;
}

export interface AnalyzeFigures {
  rows: AnalyzeRow[];
  messages: number;
  meanChars: number;
  rounds: number;
  /** Time to build each adapter (dictionary load + user dictionary), milliseconds. */
  setupMs: Record<SegmenterName, number>;
  /** Resident memory of each adapter, each in a child process of its own. */
  memory: Record<SegmenterName, SegmenterMemory>;
  /** Raw messages on which both adapters cut exactly the same tokens. */
  identicalCuts: number;
  /** Share of the first adapter's tokens (over all raw messages) that the second cuts with the same boundaries. */
  sameBoundaryTokens: number;
  loadBefore: number;
  loadAfter: number;
}

interface Pass {
  segmenter: SegmenterName;
  mode: AnalyzeMode;
  texts: readonly string[];
  run: (text: string) => number;
}

function timePass(pass: Pass, texts: readonly string[]): { ms: number; tokens: number } {
  let tokens = 0;
  const started = performance.now();
  for (const text of texts) tokens += pass.run(text);
  return { ms: performance.now() - started, tokens };
}

/** `start:end` offsets of each token in `text` (tokens are in order and never contain whitespace). */
function spans(text: string, tokens: readonly string[]): string[] {
  const result: string[] = [];
  let at = 0;
  for (const token of tokens) {
    const start = text.indexOf(token, at);
    if (start < 0) throw new Error(`token ${token} not found in order`);
    at = start + token.length;
    result.push(`${start}:${at}`);
  }
  return result;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/**
 * Section 2: each adapter's raw `cut` beside `TextAnalyzer.analyze` (NFKC + cut + word filter + TF-IDF keywords),
 * single-threaded. Rounds alternate adapters and modes; the median round is reported.
 * nodejieba's dictionary is process-global; both adapters are built once, with the same user dictionary.
 */
export async function benchAnalyze(corpus: Corpus, progress: (line: string) => void): Promise<AnalyzeFigures> {
  const config = benchHubConfig();
  const loadBefore = loadAverage();
  const keywords = KeywordExtractor.fromFiles({ stopWordsPath: config.nlp.stopWordsPath });
  const setupMs = {} as Record<SegmenterName, number>;
  const segmenters = new Map<SegmenterName, Segmenter>();
  for (const name of SEGMENTER_NAMES) {
    const started = performance.now();
    segmenters.set(name, createSegmenter(name, { userDictPath: config.nlp.userDictPath }));
    setupMs[name] = performance.now() - started;
  }

  const passes: Pass[] = [];
  for (const [name, segmenter] of segmenters) {
    const analyzer = new TextAnalyzer(segmenter, keywords);
    passes.push({ segmenter: name, mode: 'cut raw', texts: corpus.raw, run: (t) => segmenter.cut(t).length });
    passes.push({
      segmenter: name,
      mode: 'analyze raw',
      texts: corpus.raw,
      run: (t) => analyzer.analyze(t).tokens.length,
    });
    if (corpus.segmented.length) {
      passes.push({
        segmenter: name,
        mode: 'analyze pre-segmented',
        texts: corpus.segmented,
        run: (t) => analyzer.analyze(t).tokens.length,
      });
    }
  }

  for (const pass of passes) timePass(pass, pass.texts.slice(0, ANALYZE_WARMUP));
  const timings = new Map<Pass, { ms: number[]; tokens: number }>(passes.map((p) => [p, { ms: [], tokens: 0 }]));
  for (let round = 1; round <= ANALYZE_ROUNDS; round++) {
    progress(`analyze: round ${round}/${ANALYZE_ROUNDS}, ${passes.length} passes over ${corpus.raw.length} messages`);
    const order = round % 2 === 1 ? passes : [...passes].reverse();
    for (const pass of order) {
      const { ms, tokens } = timePass(pass, pass.texts);
      const timing = timings.get(pass)!;
      timing.ms.push(ms);
      timing.tokens = tokens;
    }
  }

  const charsOf = (texts: readonly string[]) => texts.reduce((sum, t) => sum + charCount(t), 0);
  const rawChars = charsOf(corpus.raw);
  const segmentedChars = charsOf(corpus.segmented);
  const rows: AnalyzeRow[] = passes.map((pass) => {
    const timing = timings.get(pass)!;
    const seconds = median(timing.ms) / 1000;
    const chars = pass.texts === corpus.raw ? rawChars : segmentedChars;
    return {
      segmenter: pass.segmenter,
      mode: pass.mode,
      messagesPerSecond: pass.texts.length / seconds,
      charsPerSecond: chars / seconds,
      tokensPerMessage: timing.tokens / pass.texts.length,
    };
  });

  const [a, b] = SEGMENTER_NAMES.map((name) => segmenters.get(name)!);
  let identicalCuts = 0;
  let tokensOfA = 0;
  let sameBoundary = 0;
  for (const text of corpus.raw) {
    const x = a.cut(text);
    const y = b.cut(text);
    if (x.length === y.length && x.every((token, i) => token === y[i])) identicalCuts += 1;
    const spansOfB = new Set(spans(text, y));
    const spansOfA = spans(text, x);
    tokensOfA += spansOfA.length;
    sameBoundary += spansOfA.filter((span) => spansOfB.has(span)).length;
  }

  progress('analyze: resident memory of each adapter, one child process each');
  const memory = {} as Record<SegmenterName, SegmenterMemory>;
  for (const name of SEGMENTER_NAMES) memory[name] = await probeSegmenterMemory(name);

  return {
    rows,
    messages: corpus.raw.length,
    meanChars: rawChars / corpus.raw.length,
    rounds: ANALYZE_ROUNDS,
    setupMs,
    memory,
    identicalCuts,
    sameBoundaryTokens: sameBoundary / tokensOfA,
    loadBefore,
    loadAfter: loadAverage(),
  };
}
