import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { AnalyzeFigures, benchAnalyze } from './analyze.bench';
import { ARCHIVE_QUERIES, ArchiveFigures, ArchiveQueryName, ArchiveTarget, benchArchive } from './archive.bench';
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
import { MonitorFigures, benchMonitor } from './monitor.bench';
import { MONITOR_STORE_MESSAGES, MonitorStoreFigures, benchMonitorStore } from './monitor-store.bench';
import { count, heading, ms, ratio, table } from './report';
import { ROUTE_JOB_MESSAGES, ROUTE_JOB_RATE, RoutingFigures, benchRouting } from './routing.bench';
import { PLATFORM_TIMEOUT_MS, WECHAT_TARGETS, WechatFigures, WechatTarget, benchWechat } from './wechat.bench';
import {
  SEARCH_WORD,
  WORKBENCH_PLANS,
  WorkbenchEndpoint,
  WorkbenchFigures,
  WorkbenchTarget,
  benchWorkbench,
} from './workbench.bench';

const SECTIONS = ['intake', 'analyze', 'e2e', 'workbench', 'archive', 'wechat', 'routing', 'monitor', 'monitor-store'] as const;
/** Sections that run in this process only: no bench database, no queues. */
const IN_PROCESS: readonly Section[] = ['monitor'];
type Section = (typeof SECTIONS)[number];

const CORPUS_LINES = 5000;

const progress = (line: string) => process.stderr.write(`… ${line}\n`);

/** The cells every closed-loop row prints: rate, latency, how busy the server's main thread was, statements per request. */
function loadCells(
  summary: { perSecond: number; p50: number; p99: number; errors: number },
  mainThreadBusy: number,
  pgPerRequest: number,
  redisPerRequest: number,
): (string | number)[] {
  return [
    count(summary.perSecond),
    ms(summary.p50),
    ms(summary.p99),
    `${Math.round(mainThreadBusy * 100)} %`,
    pgPerRequest.toFixed(1),
    redisPerRequest.toFixed(1),
    summary.errors,
  ];
}
const print = (text: string) => process.stdout.write(`${text}\n`);

/** The ratio table of closed-loop rows: each pair (a / b) at each concurrency, for throughput, p50 and p99. */
function printRatios<T extends string>(
  rows: readonly { target: T; concurrency: number; summary: { perSecond: number; p50: number; p99: number } }[],
  pairs: readonly [T, T, string][],
): void {
  const find = (target: T, c: number) => rows.find((r) => r.target === target && r.concurrency === c)!.summary;
  const ratioRows = [...new Set(rows.map((r) => r.concurrency))].flatMap((c) =>
    pairs.map(([a, b, label]) => {
      const x = find(a, c);
      const y = find(b, c);
      return [label, c, ratio(x.perSecond, y.perSecond), ratio(x.p50, y.p50), ratio(x.p99, y.p99)];
    }),
  );
  print('');
  print(table(['ratio', 'in flight', 'throughput', 'p50', 'p99'], ratioRows));
}

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
    ...loadCells(r.summary, r.mainThreadBusy, r.pgPerMessage, r.redisPerMessage),
  ]);
  print(
    table(['row', 'in flight', 'msg/s', 'p50 ms', 'p99 ms', 'main thread busy', 'pg/msg', 'redis/msg', 'errors'], rows),
  );
  const errors = f.rows.filter((r) => r.firstError);
  for (const r of errors) print(`  ${r.target} c=${r.concurrency}: first error: ${r.firstError}`);

  printRatios<IntakeTarget>(f.rows, [
    ['hub-http', 'bare-direct', 'hub HTTP / bare in-process'],
    ['hub-http', 'bare-http', 'hub HTTP / bare node:http'],
    ['hub-service', 'bare-direct', 'hub in-process / bare in-process'],
    ['hub-http', 'hub-service', 'hub HTTP / hub in-process'],
  ]);
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

const WORKBENCH_ENDPOINTS: Record<WorkbenchEndpoint, string> = {
  inbox: 'GET /api/v1/staff/tickets (unit inbox)',
  dispatching: 'GET …/tickets?status=dispatching',
  search: `GET …/tickets?q=${SEARCH_WORD}`,
  detail: 'GET …/tickets/:id',
  login: 'POST /api/v1/staff/login',
};

const WORKBENCH_TARGETS: Record<WorkbenchTarget, string> = {
  'hub-http': 'hub: HTTP (Nest, session check)',
  'hub-service': 'hub: WorkbenchService in-process',
  'bare-sql': "baseline: the repository's 2 statements on a pg Pool",
  'bare-verify': 'baseline: argon2id verify alone in-process',
};

function printWorkbench(f: WorkbenchFigures): void {
  print(heading('4. Workbench: staff API on a seeded city vs its own SQL on a bare pg Pool'));
  const statuses = Object.entries(f.seed.byStatus)
    .sort(([, a], [, b]) => b - a)
    .map(([status, n]) => `${status} ${count(n)}`)
    .join(', ');
  print(
    `${count(f.seed.tickets)} tickets seeded in ${f.seed.seconds.toFixed(1)} s (set-based SQL, then VACUUM ANALYZE): ${statuses}; ` +
      `${count(f.seed.assisted)} with an assisting unit. Tables: tickets ${f.seed.tableMiB.tickets.toFixed(0)} MiB, ` +
      `inbound_messages ${f.seed.tableMiB.messages.toFixed(0)} MiB. ` +
      `Handler ${f.handler} (${f.seed.biggestUnit.name}, the biggest unit: lead or assisting on ${count(f.seed.biggestUnit.tickets)} tickets); ` +
      `dispatcher ${f.dispatcher}.\n` +
      `Matches (the page's total): unit inbox ${count(f.matched.inbox)}, dispatching ${count(f.matched.dispatching)}, ` +
      `"${SEARCH_WORD}" in the unit's open tickets ${count(f.matched.search)}. Every list row reads the first page of 20.\n` +
      `Closed loop; HTTP rows from the client thread; PostgreSQL pool ${f.poolSize} for hub and baseline; worker not running. ` +
      `Detail rows cycle over ${f.seed.detailTicketIds.length} open tickets of the unit (each with 3–4 events and 2 clocks). ` +
      'Rows of fewer than 100 requests: p99 is the slowest request.\n',
  );
  print(
    table(
      ['endpoint', 'row', 'in flight', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'main thread busy', 'pg/req', 'redis/req', 'errors'],
      f.rows.map((r) => [
        WORKBENCH_ENDPOINTS[r.endpoint],
        WORKBENCH_TARGETS[r.target],
        r.concurrency,
        WORKBENCH_PLANS[r.endpoint].requests,
        ...loadCells(r.summary, r.mainThreadBusy, r.pgPerRequest, r.redisPerRequest),
      ]),
      2,
    ),
  );
  for (const r of f.rows.filter((row) => row.firstError)) {
    print(`  ${r.endpoint} ${r.target} c=${r.concurrency}: first error: ${r.firstError}`);
  }

  const pairs: [WorkbenchTarget, WorkbenchTarget, string][] = [
    ['hub-http', 'bare-sql', 'hub HTTP / bare SQL'],
    ['hub-service', 'bare-sql', 'hub in-process / bare SQL'],
    ['hub-http', 'hub-service', 'hub HTTP / hub in-process'],
    ['hub-http', 'bare-verify', 'hub HTTP / argon2id verify'],
  ];
  const find = (endpoint: WorkbenchEndpoint, target: WorkbenchTarget, c: number) =>
    f.rows.find((r) => r.endpoint === endpoint && r.target === target && r.concurrency === c)?.summary;
  const ratioRows = f.rows
    .filter((r, i, all) => all.findIndex((o) => o.endpoint === r.endpoint && o.concurrency === r.concurrency) === i)
    .flatMap(({ endpoint, concurrency: c }) =>
      pairs.flatMap(([a, b, label]) => {
        const x = find(endpoint, a, c);
        const y = find(endpoint, b, c);
        return x && y
          ? [[WORKBENCH_ENDPOINTS[endpoint], label, c, ratio(x.perSecond, y.perSecond), ratio(x.p50, y.p50), ratio(x.p99, y.p99)]]
          : [];
      }),
    );
  print('');
  print(table(['endpoint', 'ratio', 'in flight', 'throughput', 'p50', 'p99'], ratioRows, 2));

  print('\nPlans, EXPLAIN (ANALYZE, BUFFERS) of the statements the repository sends (node: actual rows, inclusive time):');
  for (const plan of f.plans) {
    print(`\n    ${plan.label}: execution ${ms(plan.executionMs)} ms`);
    for (const line of plan.lines) print(`      ${line}`);
  }
  print(`\nLoad average ${f.loadBefore.toFixed(2)} → ${f.loadAfter.toFixed(2)}.`);
}

const ARCHIVE_TARGETS: Record<ArchiveTarget, string> = {
  'hub-http': 'hub: GET /api/v1/archive/replies',
  'hub-service': 'hub: ArchiveService.search in-process',
  scan: "baseline: ILIKE '%word%' scan, count + newest page",
};

/** A ratio that may be far below 1 (hub / scan): two significant digits there, as ratio() elsewhere. */
function smallRatio(numerator: number, denominator: number): string {
  const r = numerator / denominator;
  return Number.isFinite(r) && r > 0 && r < 0.01 ? `${r.toPrecision(2)}×` : ratio(numerator, denominator);
}

function printArchive(f: ArchiveFigures): void {
  const s = f.seed;
  print(heading('5. Archive: Chinese full-text search vs an ILIKE scan'));
  print(
    `${count(s.rows)} published replies seeded in ${s.seconds.total.toFixed(0)} s: texts generated and segmented ${s.seconds.texts.toFixed(1)} s, ` +
      `pool uploaded ${s.seconds.pool.toFixed(1)} s, INSERT … SELECT ${s.seconds.insert.toFixed(1)} s, ` +
      `indexes rebuilt ${s.seconds.indexes.toFixed(1)} s (${s.rebuiltIndexes.join(', ')}), VACUUM ANALYZE ${s.seconds.vacuum.toFixed(1)} s. ` +
      `Drawn at random from ${count(s.distinct)} distinct entries built from ${f.corpusSource}; mean characters: title ${count(s.meanChars.title)}, ` +
      `message ${count(s.meanChars.message)}, reply ${count(s.meanChars.reply)}; ${count(s.meanLexemes)} lexemes per search_vector. ` +
      `Heap ${count(s.tableMiB)} MiB (published_at correlation ${s.correlation.toFixed(2)}), TOAST ${count(s.toastMiB)} MiB, ` +
      `ix_publications_search_vector ${count(s.searchIndexMiB)} MiB; the server as configured (${f.serverSettings}).\n` +
      `Queries (pageSize 10, first page): ` +
      f.matches
        .map((m) => `${m.name} "${m.q}" → terms [${m.terms.join(', ')}], ${m.totalIsExact ? '' : 'more than '}${count(m.total)} matches, ${m.order} first (ILIKE ${count(m.scanTotal)})`)
        .join('; ') +
      '.\n' +
      `Closed loop; HTTP rows from the client thread (rate limit raised out of the way, its Redis MULTI still sent); PostgreSQL pool ${f.poolSize}. ` +
      'Hub rows: 5 sizing calls per query, then per row 2 warm-up requests and enough measured ones for about 3 s (20–400); below 100 requests p99 is the slowest. ' +
      'The scan runs 3 measured requests at 1 in flight, no warm-up (p95 = p99 = the slowest of 3).\n',
  );
  print(
    table(
      ['query', 'row', 'in flight', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'main thread busy', 'pg/req', 'redis/req', 'errors'],
      f.rows.map((r) => [
        `${r.query} "${ARCHIVE_QUERIES.find((q) => q.name === r.query)!.q}"`,
        ARCHIVE_TARGETS[r.target],
        r.concurrency,
        r.requests,
        count(r.perSecond),
        ms(r.p50),
        ms(r.p95),
        ms(r.p99),
        `${Math.round(r.mainThreadBusy * 100)} %`,
        r.pgPerRequest.toFixed(1),
        r.redisPerRequest.toFixed(1),
        r.errors,
      ]),
      2,
    ),
  );
  for (const r of f.rows.filter((row) => row.firstError)) {
    print(`  ${r.query} ${r.target} c=${r.concurrency}: first error: ${r.firstError}`);
  }
  const find = (query: ArchiveQueryName, target: ArchiveTarget, c: number) =>
    f.rows.find((r) => r.query === query && r.target === target && r.concurrency === c)!;
  const ratioRows = ARCHIVE_QUERIES.flatMap(({ name, q }) =>
    (['hub-http', 'hub-service'] as const).map((target) => {
      const hub = find(name, target, 1);
      const scan = find(name, 'scan', 1);
      return [
        `${name} "${q}"`,
        target === 'hub-http' ? 'hub HTTP / scan' : 'hub in-process / scan',
        smallRatio(hub.p50, scan.p50),
        smallRatio(hub.p95, scan.p95),
        ratio(scan.p95, hub.p95),
        hub.p95 < 50 ? 'yes' : 'no',
        scan.p95 / hub.p95 >= 100 ? 'yes' : 'no',
      ];
    }),
  );
  print('');
  print(
    table(
      ['query', 'ratio (1 in flight)', 'p50', 'p95', 'scan ÷ hub p95', 'p95 < 50 ms', '≥ 100× the scan'],
      ratioRows,
      2,
    ),
  );
  print('\nPlans, EXPLAIN (ANALYZE, BUFFERS) (node: actual rows, inclusive time):');
  for (const plan of f.plans) {
    print(`\n    ${plan.label}: execution ${ms(plan.executionMs)} ms`);
    for (const line of plan.lines) print(`      ${line}`);
  }
  print(`\nLoad average ${f.loadBefore.toFixed(2)} → ${f.loadAfter.toFixed(2)}.`);
}

function printWechat(f: WechatFigures): void {
  print(heading('6. WeChat webhook: signed pushes in plain and safe mode vs the portal intake'));
  print(
    `Text pushes from the corpus (mean ${count(f.meanChars)} characters), each with its own MsgId, signed (safe mode: ` +
      'AES-encrypted, msg_signature) on the main thread before each run, so the signing is in no figure. ' +
      `Closed loop, ${count(f.requests)} measured requests per row after ${f.warmup} warm-up (and, before the first row, ` +
      `${f.warmup} unmeasured requests of each kind), PostgreSQL pool ${f.poolSize}; ` +
      'worker NOT running; client on its own thread (node:http, keep-alive). Every answer is read after the run: ' +
      `"receipt" = the passive reply holds a 受理编号 (safe mode: MsgSignature verified, decrypted); "success" = the intake ` +
      `took over CHANNEL_REPLY_BUDGET_MS (${count(f.replyBudgetMs)} ms) and the receipt follows by the API.\n`,
  );
  const answerCells = (a?: { receipt: number; deferred: number; other: number }) =>
    a ? [count(a.receipt), count(a.deferred), count(a.other)] : ['–', '–', '–'];
  const rows = f.rows.map((r) => {
    const [rate, p50, ...rest] = loadCells(r.summary, r.mainThreadBusy, r.pgPerMessage, r.redisPerMessage);
    return [WECHAT_TARGETS[r.target], r.concurrency, rate, p50, ms(r.p95), ...rest, ...answerCells(r.answers)];
  });
  print(
    table(
      ['row', 'in flight', 'msg/s', 'p50 ms', 'p95 ms', 'p99 ms', 'main thread busy', 'pg/msg', 'redis/msg', 'errors', 'receipt', '"success"', 'other'],
      rows,
    ),
  );
  for (const r of f.rows) {
    if (r.firstError) print(`  ${r.target} c=${r.concurrency}: first error: ${r.firstError}`);
    if (r.answers?.firstOther) print(`  ${r.target} c=${r.concurrency}: first other answer: ${r.answers.firstOther}`);
  }

  printRatios<WechatTarget>(f.rows, [
    ['safe', 'portal', 'safe push / portal'],
    ['plain', 'portal', 'plain push / portal'],
    ['safe', 'plain', 'safe push / plain push'],
  ]);

  const open = f.open;
  const verdict = (p99: number) =>
    p99 < PLATFORM_TIMEOUT_MS
      ? `yes, ${ratio(PLATFORM_TIMEOUT_MS, p99)} under`
      : `NO, ${ratio(p99, PLATFORM_TIMEOUT_MS)} over`;
  print(
    `\nOpen loop: safe-mode pushes at a fixed rate for ${open[0].seconds} s from the client thread, each rate after a ` +
      `${open[0].warmup / open[0].ratePerSecond} s warm-up at the same rate; ` +
      'latency from the send to the whole answer.\n',
  );
  const figure = (label: string, cell: (o: (typeof open)[number]) => string) => [label, ...open.map(cell)];
  print(
    table(
      ['figure', ...open.map((o) => `${o.ratePerSecond}/s`)],
      [
        figure('pushes sent / answered 200', (o) => `${count(o.sent)} / ${count(o.summary.ok)}`),
        figure('achieved rate (answered / run time) msg/s', (o) => count(o.summary.perSecond)),
        figure('p50 / p95 / p99 / max ms', (o) => `${ms(o.summary.p50)} / ${ms(o.p95)} / ${ms(o.summary.p99)} / ${ms(o.summary.max)}`),
        figure(`p99 under ${PLATFORM_TIMEOUT_MS / 1000} s`, (o) => verdict(o.summary.p99)),
        figure(`answers slower than ${PLATFORM_TIMEOUT_MS / 1000} s (the platform resends)`, (o) => count(o.overPlatformTimeout)),
        figure('receipt / "success" / other', (o) => `${count(o.answers.receipt)} / ${count(o.answers.deferred)} / ${count(o.answers.other)}`),
        figure('errors', (o) => count(o.summary.errors)),
        figure('generator max start lag ms', (o) => ms(o.maxStartLagMs)),
        figure('last scheduled send → last answer ms', (o) => ms(o.drainMs)),
        figure('last answer → every accepted push held (ticket or job) ms', (o) => ms(o.heldLagMs)),
        figure('main thread busy', (o) => `${Math.round(o.mainThreadBusy * 100)} %`),
        figure('pg / redis per message', (o) => `${o.pgPerMessage.toFixed(1)} / ${o.redisPerMessage.toFixed(1)}`),
      ],
    ),
  );
  for (const o of open) {
    if (o.firstError) print(`  ${o.ratePerSecond}/s: first error: ${o.firstError}`);
    if (o.answers.firstOther) print(`  ${o.ratePerSecond}/s: first other answer: ${o.answers.firstOther}`);
  }
  print('\nLatency by the second in which the push was sent, ms:\n');
  print(
    table(
      ['second', ...open.flatMap((o) => [`${o.ratePerSecond}/s p50`, 'p99', 'max'])],
      open[0].bySecond.map((_, i) => [i + 1, ...open.flatMap((o) => [ms(o.bySecond[i].p50), ms(o.bySecond[i].p99), ms(o.bySecond[i].max)])]),
    ),
  );
  const check = (t: WechatTarget) =>
    `${t} ${count(f.accepted[t])} accepted → ${count(f.held[t])} held${f.accepted[t] === f.held[t] ? '' : ' (MISMATCH)'}`;
  print(
    `\nEvery request of the section, warm-ups included: ${(['plain', 'safe', 'portal'] as const).map(check).join('; ')}. ` +
      `(held: a ticket, or a queued receive-chat-message job for a "success" answer — ${count(f.chatJobsQueued)} jobs; the worker does not run here). ` +
      `Load average ${f.loadBefore.toFixed(2)} → ${f.loadAfter.toFixed(2)}.`,
  );
}

function printRouting(f: RoutingFigures | { skipped: string }): void {
  print(heading('7. Routing classifier: training, prediction, and the route job with and without the models'));
  if ('skipped' in f) {
    print(`Skipped: ${f.skipped}.`);
    return;
  }
  print(
    `${count(f.examples)} generated examples (windows of the shared messages; ${f.labels} labels: 7 topic categories and 6 towns), ` +
      `cut by rs-jieba in ${f.tokenizeSeconds.toFixed(1)} s (${count(f.tokenizePerSecond)} msg/s). One thread.\n`,
  );
  print(table(['algorithm', 'training s', 'terms'], f.training.map((t) => [t.algorithm, t.seconds.toFixed(1), count(t.terms)])));
  print(
    `\nLinear model, top 3 with probabilities: ${count(f.predictTokensPerSecond)} predictions/s on cut tokens ` +
      `(${(1e6 / f.predictTokensPerSecond).toFixed(0)} µs each); ${count(f.predictTextPerSecond)}/s with cutting ` +
      `(prediction ${ratio(f.predictTokensPerSecond, f.tokenizePerSecond)} the segmenter's rate).\n`,
  );
  print(
    `Route stage (analyzed event → router's event, queue pick-up included), ${ROUTE_JOB_MESSAGES} real messages at ${ROUTE_JOB_RATE}/s, hub in this process:\n`,
  );
  print(
    table(
      ['route job', 'p50 ms', 'p99 ms', 'assigned', 'by model', 'to dispatcher'],
      f.routeJob.map((r) => [r.models ? 'rules + models' : 'rules only', ms(r.p50), ms(r.p99), r.assigned, r.byModel, r.dispatching]),
    ),
  );
  const [withModels, rulesOnly] = f.routeJob;
  print(
    `\nModels cost ${ms(withModels.p50 - rulesOnly.p50)} ms at p50 (${ratio(withModels.p50, rulesOnly.p50)} the rules-only stage). ` +
      `Load average ${f.loadBefore.toFixed(2)} → ${f.loadAfter.toFixed(2)}.`,
  );
}

function printMonitor(f: MonitorFigures): void {
  print(heading('8. Monitor: near-duplicates + sentiment + clustering + bursts, in-process'));
  print(
    `One thread, no database (the worker keeps its signatures in PostgreSQL; this is the pure pipeline it runs). ` +
      `Messages: halves of two of the ${count(f.texts)} corpus texts joined, already segmented for the monitor rows; ` +
      `MONITOR_* defaults (72 h window, 1-hour burst windows against 24).\n`,
  );
  const t = f.throughput;
  print(
    table(
      ['row', 'messages', 'msg/s', 'ratio to the raw segmenter'],
      [
        ['raw segmenter cut', count(t.messages), count(f.segmenterPerSecond), '1.00×'],
        ['monitor: all of it', count(t.messages), count(t.perSecond), ratio(t.perSecond, f.segmenterPerSecond)],
        ['monitor: near-duplicates alone', count(t.messages), count(t.dedupePerSecond), ratio(t.dedupePerSecond, f.segmenterPerSecond)],
        ['monitor: sentiment + clustering + bursts', count(t.messages), count(t.clusterPerSecond), ratio(t.clusterPerSecond, f.segmenterPerSecond)],
      ],
    ),
  );
  const m = f.memory;
  print(
    `\nAn in-memory near-duplicate index holds ${count(f.signatureBytes)} bytes per message in its window ` +
      `(band keys, buckets, shingles: the native core's, and the entries on the heap): ${count((f.signatureBytes * m.messages) / 2 ** 20)} MiB for ${count(m.messages)} messages. ` +
      'The hub keeps them in PostgreSQL (monitor_signatures) instead.',
  );
  print(
    `\nSentiment + clustering + bursts (what a worker keeps in memory): ${count(m.messages)} messages over 72 h, then ` +
      `${count(m.messages / 4)} more into the next window; heap with typed-array buffers after a full GC at each quarter of a window, ` +
      `and what the clusterer's native core holds outside the heap (centroids, postings, token ids). ` +
      `${count(m.monitorPerSecond)} msg/s over the run (segmentation excluded); ${count(m.alerts)} clusters alerted.\n`,
  );
  print(
    table(
      ['messages', 'heap + buffers MiB', 'native core MiB', 'rss MiB', 'live clusters'],
      m.checkpoints.map((c) => [count(c.messages), c.heapMiB.toFixed(0), c.nativeMiB.toFixed(0), c.rssMiB.toFixed(0), count(c.liveClusters)]),
    ),
  );
}

function printMonitorStore(f: MonitorStoreFigures): void {
  print(heading('9. Monitor on PostgreSQL: the worker\'s monitor step'));
  print(
    `${count(MONITOR_STORE_MESSAGES)} analyzed messages (halves of two corpus texts joined) seeded with their tickets over 72 simulated ` +
      `hours, then through MonitorProcessor.process in arrival order, twice from an empty monitor: awaited one at a time (one ` +
      `transaction under the monitor's advisory lock each: stored signatures, clusterer synced by revision, cluster row, ` +
      `signature, alert), then as many in flight as one transaction takes (MONITOR_BATCH_SIZE, group commit). No queue.\n`,
  );
  const [single] = f.runs;
  print(
    table(
      ['in flight', 'messages/s', 'ratio', 'step p50 / p99 / max ms', 'statements per message', 'transactions', 'clusters / near-duplicates / alerts', 'same answers'],
      f.runs.map((r) => [
        String(r.inFlight),
        count(r.perSecond),
        `${(r.perSecond / single.perSecond).toFixed(1)}×`,
        `${ms(r.step.p50)} / ${ms(r.step.p99)} / ${ms(r.step.max)}`,
        r.statementsPerMessage.toFixed(2),
        count(r.transactions),
        `${count(r.clusters)} / ${count(r.duplicates)} / ${count(r.alerts)}`,
        r.digest === single.digest ? 'yes' : 'NO',
      ]),
    ),
  );
  print(`Load average before → after: ${f.loadBefore.toFixed(2)} → ${f.loadAfter.toFixed(2)}.\n`);
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
    if (sections.has('workbench')) printWorkbench(await benchWorkbench(corpus.raw, progress));
    if (sections.has('archive')) printArchive(await benchArchive(progress));
    if (sections.has('wechat')) printWechat(await benchWechat(corpus.raw, progress));
    if (sections.has('routing')) printRouting(await benchRouting(progress));
    if (sections.has('monitor')) printMonitor(benchMonitor(corpus.raw, config, progress));
    if (sections.has('monitor-store')) printMonitorStore(await benchMonitorStore(corpus.raw, progress));
  } finally {
    if ([...sections].some((s) => !IN_PROCESS.includes(s))) await deleteBenchQueueKeys();
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
