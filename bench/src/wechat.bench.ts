import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import {
  ChannelAccountsService,
  WechatMessageCrypto,
  cdata,
  messageSignature,
  parseChatCommand,
  parseWechatEnvelope,
  signaturesMatch,
  urlSignature,
} from '@wenzheng/channels';
import { JobQueue, QueueName } from '@wenzheng/queue';
import { bootstrapApi } from '../../apps/api/src/bootstrap';
import { deleteBenchQueueKeys, loadAverage, prepareBenchSection } from './bench-environment';
import { portalSubmission } from './corpus';
import { INTAKE_CONCURRENCIES, INTAKE_REQUESTS, INTAKE_WARMUP } from './intake.bench';
import { LatencySummary, LoadRun, LoadShape, percentile, summarize } from './load-harness';
import { MeasuredLoad, measureLoad } from './measured-load';

/**
 * The target is the last: safe-mode pushes at 500/s, for WECHAT_OPEN_SECONDS, with p99 far under the platform's
 * 5 s. Half that rate first shows how the hub does below its closed-loop capacity.
 */
export const WECHAT_OPEN_RATES = [250, 500];
export const WECHAT_OPEN_SECONDS = 10;
export const WECHAT_OPEN_WARMUP_SECONDS = 1;
/** The platform gives up on an answer after 5 s (and sends the push again). */
export const PLATFORM_TIMEOUT_MS = 5000;

export type WechatTarget = 'safe' | 'plain' | 'portal';

export const WECHAT_TARGETS: Record<WechatTarget, string> = {
  safe: 'hub: safe-mode push (AES + msg_signature)',
  plain: 'hub: plain-mode push (signature)',
  portal: 'hub: POST /api/v1/portal/messages',
};

/** How the 200 answers to pushes read: the receipt (受理编号) as passive reply, or "success" (receipt follows by API). */
export interface PushAnswers {
  receipt: number;
  deferred: number;
  /** Anything else: a 200 without a receipt, or a safe-mode reply that does not verify or decrypt. */
  other: number;
  firstOther?: string;
}

export interface WechatRow {
  target: WechatTarget;
  concurrency: number;
  summary: LatencySummary;
  p95: number;
  mainThreadBusy: number;
  pgPerMessage: number;
  redisPerMessage: number;
  /** Pushes only (the portal's 2xx is checked by the harness). */
  answers?: PushAnswers;
  firstError?: string;
}

export interface WechatSecond {
  second: number;
  p50: number;
  p99: number;
  max: number;
}

export interface WechatOpenLoop {
  ratePerSecond: number;
  seconds: number;
  warmup: number;
  sent: number;
  summary: LatencySummary;
  p95: number;
  maxStartLagMs: number;
  /** From the last scheduled send to the last answer. */
  drainMs: number;
  /** From the last answer until every accepted push has its ticket (intakes of "success" answers run on). */
  heldLagMs: number;
  overPlatformTimeout: number;
  answers: PushAnswers;
  mainThreadBusy: number;
  pgPerMessage: number;
  redisPerMessage: number;
  /** Latency by the second in which the push was sent. */
  bySecond: WechatSecond[];
  firstError?: string;
}

export interface WechatFigures {
  rows: WechatRow[];
  requests: number;
  warmup: number;
  open: WechatOpenLoop[];
  poolSize: number;
  replyBudgetMs: number;
  meanChars: number;
  /** 2xx answers during the section (warm-up included) and the messages held (ticket or queued job) per account / the portal. */
  accepted: Record<WechatTarget, number>;
  held: Record<WechatTarget, number>;
  chatJobsQueued: number;
  loadBefore: number;
  loadAfter: number;
}

/** The official account's original id (gh_…), the push's ToUserName. */
const ORIGINAL_ID = 'gh_wzbench';
const TOKEN = 'wzbenchToken2026';
const AES_KEY = 'wzbenchAesKey0123456789abcdefghijklmnopqrst';

interface BenchAccount {
  id: string;
  webhookPath: string;
  crypto?: WechatMessageCrypto;
}

async function createAccount(accounts: ChannelAccountsService, mode: 'plain' | 'safe'): Promise<BenchAccount> {
  const appId = `wxbench${mode}`;
  const view = await accounts.create({
    platform: 'wechat-mp',
    name: `压测公众号（${mode}）`,
    appId,
    mode,
    credentials: { appSecret: 'bench-app-secret', token: TOKEN, ...(mode === 'safe' ? { encodingAesKey: AES_KEY } : {}) },
  });
  const crypto = mode === 'safe' ? new WechatMessageCrypto({ encodingAesKey: AES_KEY, appId }) : undefined;
  return { id: view.id, webhookPath: view.webhookPath, crypto };
}

/**
 * Text pushes as the platform sends them, signed (and in safe mode encrypted) now, on this thread before the run: the
 * signing is in no figure. Each has its own MsgId (the same MsgId again would be a replay of one message).
 */
function signedPushes(account: BenchAccount, contents: readonly string[], firstMsgId: bigint): { path: string; body: string }[] {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return contents.map((content, i) => {
    const openId = `obench${String(i % 1000).padStart(4, '0')}`;
    const nonce = String(100000000 + i);
    const xml =
      `<xml><ToUserName>${cdata(ORIGINAL_ID)}</ToUserName><FromUserName>${cdata(openId)}</FromUserName>` +
      `<CreateTime>${timestamp}</CreateTime><MsgType>${cdata('text')}</MsgType><Content>${cdata(content)}</Content>` +
      `<MsgId>${firstMsgId + BigInt(i)}</MsgId></xml>`;
    const query = new URLSearchParams({ signature: urlSignature(TOKEN, timestamp, nonce), timestamp, nonce, openid: openId });
    if (!account.crypto) return { path: `${account.webhookPath}?${query}`, body: xml };
    const encrypt = account.crypto.encrypt(xml);
    query.set('encrypt_type', 'aes');
    query.set('msg_signature', messageSignature(TOKEN, timestamp, nonce, encrypt));
    return {
      path: `${account.webhookPath}?${query}`,
      body: `<xml><ToUserName>${cdata(ORIGINAL_ID)}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt></xml>`,
    };
  });
}

const field = (xml: string, name: string) =>
  new RegExp(`<${name}>(?:<!\\[CDATA\\[)?([\\s\\S]*?)(?:\\]\\]>)?</${name}>`).exec(xml)?.[1];

/** The passive reply inside an answer: as sent in plain mode; verified and decrypted in safe mode. */
function openReply(account: BenchAccount, body: string): string {
  if (!account.crypto) return body;
  const encrypt = parseWechatEnvelope(body).encrypt;
  const [timestamp, nonce] = [field(body, 'TimeStamp') ?? '', field(body, 'Nonce') ?? ''];
  if (!signaturesMatch(messageSignature(TOKEN, timestamp, nonce, encrypt), field(body, 'MsgSignature'))) {
    throw new Error('reply MsgSignature does not verify');
  }
  return account.crypto.decrypt(encrypt);
}

/** Reads every answered push of a run (after it: the checking is in no figure). */
function readAnswers(account: BenchAccount, bodies: readonly (string | undefined)[]): PushAnswers {
  const answers: PushAnswers = { receipt: 0, deferred: 0, other: 0 };
  for (const body of bodies) {
    if (body === undefined) continue;
    if (body === 'success') {
      answers.deferred += 1;
      continue;
    }
    let reply: string;
    try {
      reply = openReply(account, body);
    } catch (error) {
      reply = `unreadable answer (${(error as Error).message}): ${body.slice(0, 120)}`;
    }
    if (/受理编号/.test(field(reply, 'Content') ?? '')) answers.receipt += 1;
    else {
      answers.other += 1;
      answers.firstOther ??= reply.slice(0, 200);
    }
  }
  return answers;
}

/** Latency by the second of the run in which each call was sent. */
function bySecond(run: LoadRun, ratePerSecond: number): WechatSecond[] {
  const latencies = run.latencyByIndexMs ?? [];
  const seconds: WechatSecond[] = [];
  for (let start = 0; start < latencies.length; start += ratePerSecond) {
    const answered = latencies.slice(start, start + ratePerSecond).filter((l) => !Number.isNaN(l));
    seconds.push({
      second: start / ratePerSecond + 1,
      p50: percentile(answered, 0.5),
      p99: percentile(answered, 0.99),
      max: answered.length ? Math.max(...answered) : Number.NaN,
    });
  }
  return seconds;
}

const perMessage = (m: MeasuredLoad) => ({
  mainThreadBusy: m.mainThreadBusy,
  pgPerMessage: m.pgStatements / m.run.latenciesMs.length,
  redisPerMessage: m.redisCommands / m.run.latenciesMs.length,
});

/**
 * Section 6: the WeChat webhook with signed pushes, plain and safe mode, beside the portal intake (closed loop at the
 * intake section's concurrencies), then safe-mode pushes at fixed rates (WECHAT_OPEN_RATES).
 */
export async function benchWechat(texts: readonly string[], progress: (line: string) => void): Promise<WechatFigures> {
  const config = await prepareBenchSection({ HUB_ROLES: 'api' });
  const loadBefore = loadAverage();
  // Greetings, 帮助 and 查询 lines are answered without a ticket: only messages are pushed.
  const contents = texts.filter((t) => parseChatCommand(t).kind === 'message');

  // As in the intake section, the worker is not started: the pipeline does not compete for the two cores.
  const api = await bootstrapApi(config);
  const origin = `http://127.0.0.1:${api.getHttpServer().address().port}`;
  const accounts = api.get(ChannelAccountsService);
  const pushAccounts = { plain: await createAccount(accounts, 'plain'), safe: await createAccount(accounts, 'safe') };
  let msgIds = 24_000_000_000_000_000_000n;
  let textOffset = 0;

  const accepted: Record<WechatTarget, number> = { safe: 0, plain: 0, portal: 0 };
  /** Runs one row; pushes are signed at its start so that their timestamps are fresh (max push age 300 s). */
  const measure = async (target: WechatTarget, warmup: number, requests: number, load: LoadShape, tag: string) => {
    const count = warmup + requests;
    const first = textOffset;
    textOffset += count;
    let measured: MeasuredLoad;
    if (target === 'portal') {
      const bodies = Array.from({ length: count }, (_, i) => JSON.stringify(portalSubmission(texts, first + i, tag)));
      measured = await measureLoad({ http: { url: `${origin}/api/v1/portal/messages`, bodies } }, warmup, requests, load);
    } else {
      const posts = signedPushes(
        pushAccounts[target],
        Array.from({ length: count }, (_, i) => contents[(first + i) % contents.length]),
        msgIds,
      );
      msgIds += BigInt(count);
      measured = await measureLoad(
        { http: { url: origin, posts, contentType: 'text/xml; charset=utf-8', resultBody: true } },
        warmup,
        requests,
        load,
      );
    }
    accepted[target] += measured.warmupOk + measured.run.latenciesMs.length;
    const answers = target === 'portal' ? undefined : readAnswers(pushAccounts[target], measured.run.results as (string | undefined)[]);
    return { measured, answers };
  };

  try {
    const rows: WechatRow[] = [];
    let runNo = 0;
    // The first requests after the boot and the fresh database are slower (JIT, cold caches); no row should pay for them.
    for (const target of ['plain', 'safe', 'portal'] as const) {
      progress(`wechat: priming with ${INTAKE_WARMUP} unmeasured ${target} requests`);
      await measure(target, INTAKE_WARMUP, 0, { kind: 'closed', concurrency: INTAKE_CONCURRENCIES[0] }, `wx${++runNo}`);
    }
    for (const concurrency of INTAKE_CONCURRENCIES) {
      for (const target of ['plain', 'safe', 'portal'] as const) {
        progress(`wechat: ${target}, ${concurrency} in flight, ${INTAKE_WARMUP} warm-up + ${INTAKE_REQUESTS} measured`);
        const { measured, answers } = await measure(
          target,
          INTAKE_WARMUP,
          INTAKE_REQUESTS,
          { kind: 'closed', concurrency },
          `wx${++runNo}`,
        );
        rows.push({
          target,
          concurrency,
          summary: summarize(measured.run),
          p95: percentile(measured.run.latenciesMs, 0.95),
          ...perMessage(measured),
          answers,
          firstError: measured.run.firstError,
        });
      }
    }

    // A push answered "success" holds its message in a queued receive-chat-message job (the worker does not run
    // here), and, if it was late rather than shed, its intake may still finish: a message is held when it has a
    // ticket or a job, and counted once.
    const dataSource = api.get(DataSource);
    const intakeQueue = api.get(JobQueue).queue(QueueName.Intake);
    const countHeld = async () => {
      const rows: { account_id: string | null; external_id: string }[] = await dataSource.query(
        `SELECT m.account_id, m.external_id FROM tickets t JOIN inbound_messages m ON m.id = t.message_id`,
      );
      const jobs = await intakeQueue.getJobs(['wait', 'delayed', 'prioritized'], 0, -1);
      const heldOf = (id: string | null) => {
        const held = new Set(rows.filter((r) => r.account_id === id).map((r) => r.external_id));
        for (const job of jobs) if (job.data.accountId === id) held.add(job.data.externalId);
        return held.size;
      };
      return { held: { safe: heldOf(pushAccounts.safe.id), plain: heldOf(pushAccounts.plain.id), portal: heldOf(null) }, jobs: jobs.length };
    };
    const settle = async () => {
      const started = performance.now();
      let counts = await countHeld();
      while (performance.now() - started < 10_000 && (['safe', 'plain', 'portal'] as const).some((t) => counts.held[t] < accepted[t])) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        counts = await countHeld();
      }
      return { ...counts, waitedMs: performance.now() - started };
    };

    const open: WechatOpenLoop[] = [];
    for (const rate of WECHAT_OPEN_RATES) {
      const warmup = WECHAT_OPEN_WARMUP_SECONDS * rate;
      const sent = WECHAT_OPEN_SECONDS * rate;
      progress(`wechat: safe-mode pushes at ${rate}/s, ${WECHAT_OPEN_WARMUP_SECONDS} s warm-up + ${WECHAT_OPEN_SECONDS} s`);
      const { measured, answers } = await measure('safe', warmup, sent, { kind: 'open', ratePerSecond: rate }, `wx-open${rate}`);
      const { run } = measured;
      const { waitedMs } = await settle();
      open.push({
        ratePerSecond: rate,
        seconds: WECHAT_OPEN_SECONDS,
        warmup,
        sent,
        summary: summarize(run),
        p95: percentile(run.latenciesMs, 0.95),
        maxStartLagMs: run.maxStartLagMs ?? Number.NaN,
        drainMs: run.elapsedMs - ((sent - 1) * 1000) / rate,
        heldLagMs: waitedMs,
        overPlatformTimeout: run.latenciesMs.filter((l) => l > PLATFORM_TIMEOUT_MS).length,
        answers: answers as PushAnswers,
        ...perMessage(measured),
        bySecond: bySecond(run, rate),
        firstError: run.firstError,
      });
    }
    const { held, jobs } = await settle();
    return {
      rows,
      requests: INTAKE_REQUESTS,
      warmup: INTAKE_WARMUP,
      open,
      poolSize: config.database.poolSize,
      replyBudgetMs: config.channels.replyBudgetMs,
      meanChars: contents.reduce((sum, t) => sum + [...t].length, 0) / contents.length,
      accepted,
      held,
      chatJobsQueued: jobs,
      loadBefore,
      loadAfter: loadAverage(),
    };
  } finally {
    await api.close();
    await deleteBenchQueueKeys();
  }
}
