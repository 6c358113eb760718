import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { AnalyzeFigures, benchAnalyze } from './analyze.bench';
import {
  BENCH_DATABASE,
  QUEUE_PREFIX,
  benchHubConfig,
  deleteBenchQueueKeys,
  describeMachine,
} from './bench-environment';
import { loadCorpus } from './corpus';
import { EndToEndFigures, benchEndToEnd } from './end-to-end.bench';
import { INTAKE_TARGETS, IntakeFigures, IntakeTarget, benchIntake } from './intake.bench';
import { count, heading, ms, ratio, table } from './report';

const SECTIONS = ['intake', 'analyze', 'e2e'] as const;
type Section = (typeof SECTIONS)[number];

const CORPUS_LINES = 5000;

const progress = (line: string) => process.stderr.write(`… ${line}\n`);
const print = (text: string) => process.stdout.write(`${text}\n`);

function printIntake(f: IntakeFigures): void {
  print(heading('1. Intake: portal API vs bare INSERT + queue.add'));
  print(
    `Closed loop, ${count(f.requests)} measured requests per row after ${f.warmup} warm-up; PostgreSQL pool ${f.poolSize} for hub and baseline.\n` +
      'Worker NOT running (jobs accumulate in Redis), so the pipeline does not compete for the CPU. ' +
      'HTTP rows: client on its own thread (node:http, keep-alive). ' +
      '"main thread busy": event-loop utilization of the server side during the measured run; ' +
      '"pg/msg", "redis/msg": statements and commands sent per message.\n',
  );
  const rows = f.rows.map((r) => [
    INTAKE_TARGETS[r.target],
    r.concurrency,
    count(r.summary.perSecond),
    ms(r.summary.p50),
    ms(r.summary.p99),
    `${Math.round(r.mainThreadBusy * 100)} %`,
    r.pgPerMessage.toFixed(1),
    r.redisPerMessage.toFixed(1),
    r.summary.errors,
  ]);
  print(
    table(['row', 'in flight', 'msg/s', 'p50 ms', 'p99 ms', 'main thread busy', 'pg/msg', 'redis/msg', 'errors'], rows),
  );
  const errors = f.rows.filter((r) => r.firstError);
  for (const r of errors) print(`  ${r.target} c=${r.concurrency}: first error: ${r.firstError}`);

  const find = (target: IntakeTarget, c: number) =>
    f.rows.find((r) => r.target === target && r.concurrency === c)!.summary;
  const pairs: [IntakeTarget, IntakeTarget, string][] = [
    ['hub-http', 'bare-direct', 'hub HTTP / bare in-process'],
    ['hub-http', 'bare-http', 'hub HTTP / bare node:http'],
    ['hub-service', 'bare-direct', 'hub in-process / bare in-process'],
    ['hub-http', 'hub-service', 'hub HTTP / hub in-process'],
  ];
  const ratioRows = [...new Set(f.rows.map((r) => r.concurrency))].flatMap((c) =>
    pairs.map(([a, b, label]) => {
      const x = find(a, c);
      const y = find(b, c);
      return [label, c, ratio(x.perSecond, y.perSecond), ratio(x.p50, y.p50), ratio(x.p99, y.p99)];
    }),
  );
  print('');
  print(table(['ratio', 'in flight', 'throughput', 'p50', 'p99'], ratioRows));
  print(
    `\nHub messages accepted ${count(f.hubAccepted)}, tickets written ${count(f.ticketsWritten)}, ` +
      `analyze jobs waiting in Redis ${count(f.analyzeJobsWaiting)}, outbox rows left undispatched ${count(f.outboxUndispatched)}. ` +
      `Load average ${f.loadBefore.toFixed(2)} → ${f.loadAfter.toFixed(2)}.`,
  );
}

function printAnalyze(f: AnalyzeFigures, source: string): void {
  print(heading('2. Analyze: TextAnalyzer.analyze vs the segmenter cut alone'));
  print(
    `${count(f.messages)} messages: ${source}; mean ${count(f.meanChars)} characters raw; one thread; ` +
      `median of ${f.rounds} rounds after a warm-up pass. "raw" = spaces removed (what channels deliver). ` +
      'Adapter RSS: resident memory added by building the adapter and cutting 500 messages, in a child process each.\n',
  );
  const rows = f.rows.map((r) => [
    r.segmenter,
    r.mode,
    count(r.messagesPerSecond),
    count(r.charsPerSecond),
    r.tokensPerMessage.toFixed(1),
  ]);
  print(table(['segmenter', 'mode', 'msg/s', 'chars/s', 'tokens/msg'], rows, 2));

  const rate = (segmenter: string, mode: string) =>
    f.rows.find((r) => r.segmenter === segmenter && r.mode === mode)?.messagesPerSecond ?? Number.NaN;
  const names = [...new Set(f.rows.map((r) => r.segmenter))];
  const ratioRows = names.map((n) => [
    n,
    ratio(rate(n, 'analyze raw'), rate(n, 'cut raw')),
    ms(f.setupMs[n]),
    (f.memory[n].rssAfterMiB - f.memory[n].rssBeforeMiB).toFixed(0),
  ]);
  print('');
  print(table(['segmenter', 'analyze/cut (throughput)', 'adapter build ms', 'adapter RSS MiB'], ratioRows));
  const [first, second] = names;
  const faster = (mode: string) => {
    const a = rate(first, mode);
    const b = rate(second, mode);
    return a >= b ? `${first} ${ratio(a, b)} ${second}` : `${second} ${ratio(b, a)} ${first}`;
  };
  print(
    `\nFaster on raw text: cut — ${faster('cut raw')}; analyze — ${faster('analyze raw')}. ` +
      `Identical cuts on ${count(f.identicalCuts)} of ${count(f.messages)} raw messages; ` +
      `${(f.sameBoundaryTokens * 100).toFixed(2)} % of ${names[0]}'s tokens have the same boundaries in ${names[1]}. ` +
      `Load average ${f.loadBefore.toFixed(2)} → ${f.loadAfter.toFixed(2)}.`,
  );
}

function printEndToEnd(f: EndToEndFigures): void {
  print(heading('3. End to end: api + worker in one process, POST → assigned/dispatching'));
  print(
    `Open loop ${f.ratePerSecond}/s for ${f.seconds} s from the client thread, after a warm-up; segmenter ${f.segmenter}, queue concurrency ${f.queueConcurrency}; ` +
      'latency from the ticket\'s "received" event to its "assigned"/"dispatching" event (ticket_events.at).\n',
  );
  print(
    table(
      ['figure', 'value'],
      [
        ['POSTs sent / accepted', `${count(f.sent)} / ${count(f.post.ok)}`],
        ['POST p50 / p99 ms', `${ms(f.post.p50)} / ${ms(f.post.p99)}`],
        ['generator max start lag ms', ms(f.maxStartLagMs)],
        ['tickets settled', `${count(f.settled)} of ${count(f.post.ok)}`],
        ['  assigned / dispatching', `${count(f.assigned)} / ${count(f.dispatching)}`],
        ['received → settled p50 ms', ms(f.p50)],
        ['received → settled p99 ms', ms(f.p99)],
        ['received → settled max ms', ms(f.max)],
        ['drain after last POST ms', ms(f.drainMs)],
        ['pg statements / redis commands per ticket', `${f.pgPerTicket.toFixed(1)} / ${f.redisPerTicket.toFixed(1)}`],
        ['jobs failed or retrying', count(f.troubledJobs.length)],
      ],
    ),
  );
  if (f.firstError) print(`  first POST error: ${f.firstError}`);
  if (f.troubledJobs.length) print(`  jobs failed or retrying: ${[...new Set(f.troubledJobs)].join(', ')}`);
  print(`\nLoad average ${f.loadBefore.toFixed(2)} → ${f.loadAfter.toFixed(2)}.`);
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`unknown section(s) ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')}`);
  const sections = new Set<Section>(asked.length ? (asked as Section[]) : SECTIONS);

  // The hub runs with NODE_ENV=production; keep Nest's start-up lines out of the report.
  Logger.overrideLogger(['error', 'warn']);

  const machine = await describeMachine();
  const corpus = loadCorpus(CORPUS_LINES);
  const config = benchHubConfig();
  print('# Wenzheng benchmark');
  print(
    table(
      ['machine', 'value'],
      [
        ['date', machine.date],
        ['code', machine.code],
        ['cpu', `${machine.cpu}, ${machine.cores} cores`],
        ['memory', `${machine.memoryGiB.toFixed(1)} GiB`],
        ['os', machine.os],
        ['node', machine.node],
        ['PostgreSQL / Redis', `${machine.postgres} / ${machine.redis}`],
        ['database / queue prefix', `${BENCH_DATABASE} (dropped and recreated) / ${QUEUE_PREFIX}`],
        ['messages', corpus.fromFile ? corpus.source : `NOTE: ${corpus.source}`],
        [
          'hub defaults',
          `pool ${config.database.poolSize}, queue concurrency ${config.queue.concurrency}, segmenter ${config.nlp.segmenter}`,
        ],
      ],
      2,
    ),
  );

  const started = Date.now();
  try {
    if (sections.has('intake')) printIntake(await benchIntake(corpus.raw, progress));
    if (sections.has('analyze')) printAnalyze(await benchAnalyze(corpus, progress), corpus.source);
    if (sections.has('e2e')) printEndToEnd(await benchEndToEnd(corpus.raw, progress));
  } finally {
    await deleteBenchQueueKeys();
  }
  print(`\nBench took ${((Date.now() - started) / 1000).toFixed(0)} s (build excluded).`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error('bench failed:', error);
    process.exit(1);
  },
);
