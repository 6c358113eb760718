import { resolve } from 'node:path';
import { z } from 'zod';
import { projectRoot } from './project-root';

export type HubRole = 'api' | 'worker' | 'bot';
export type SegmenterName = 'nodejieba' | 'rs-jieba';

/** The typed, grouped configuration every module reads; built once from the environment at boot. */
export interface HubConfig {
  readonly env: 'development' | 'test' | 'production';
  readonly roles: ReadonlySet<HubRole>;
  readonly http: {
    readonly port: number;
    readonly host: string;
    /** Express's `trust proxy`: which proxies' X-Forwarded-For to believe for the client address (login limits). */
    readonly trustProxy: boolean | number | string;
  };
  readonly database: { readonly url: string; readonly poolSize: number };
  readonly redis: { readonly url: string; readonly queuePrefix: string };
  readonly queue: {
    readonly concurrency: number;
    readonly lockDurationMs: number;
    readonly stalledIntervalMs: number;
    readonly attempts: number;
    readonly backoffMs: number;
    /** How often the sweeper looks for work stuck in a pending state, and how old it must be. */
    readonly sweepIntervalMs: number;
    readonly sweepAfterMs: number;
  };
  readonly nlp: { readonly segmenter: SegmenterName; readonly userDictPath: string; readonly stopWordsPath: string };
  readonly calendar: { readonly directory: string; readonly clockPolicyFile: string | null };
  readonly demo: { readonly load: boolean; readonly directory: string };
  readonly security: { readonly trackingSecret: string; readonly adminToken: string | null };
  readonly auth: {
    /** A session ends after this long without a request, and at the latest `sessionMaxMs` after login. */
    readonly sessionIdleMs: number;
    readonly sessionMaxMs: number;
    /** Failed logins allowed per account and per client address within `loginLockMs` before 429. */
    readonly maxFailuresPerAccount: number;
    readonly maxFailuresPerAddress: number;
    readonly loginLockMs: number;
  };
  readonly workbench: {
    /** 退回: the lead unit may return a ticket until the end of this many working days after assignment. */
    readonly returnWindowDays: number;
  };
  readonly routing: {
    /** 0..1: a model's unit is assigned without a dispatcher at this probability or above. */
    readonly autoAssignConfidence: number;
    /** The shipped topic-category model, stored as version 1 when the database has none. */
    readonly categoryModelFile: string;
    /** Shanghai hour (0–23) after which the nightly retraining is asked for; null: only on an admin's request. */
    readonly retrainHour: number | null;
    /** Fewer labelled tickets than this, and retraining waits for more. */
    readonly retrainMinExamples: number;
    /** The newest share of the examples, held out to compare the new model with the current one. */
    readonly holdOutFraction: number;
  };
  /** With auto-release, a masked draft is published at once; without (the default), a reviewer releases it. */
  readonly publishing: { readonly autoRelease: boolean };
  /** Requests per client address and minute on the public archive (pages and API). */
  readonly publicApi: { readonly requestsPerMinute: number };
  /** Where citizens reach the hub (links in channel messages to the status page). */
  readonly publicBaseUrl: string;
  /** The hot-topic monitor (网信办): near-duplicates, topic clusters, bursts. */
  readonly monitor: {
    /** Jaccard similarity of the character 3-gram sets at which two messages are copies. */
    readonly duplicateThreshold: number;
    /** Cosine similarity to a cluster's centroid at which a message joins it. */
    readonly clusterThreshold: number;
    /** Rolling window of near-duplicates and the life of a quiet cluster. */
    readonly windowMs: number;
    readonly burstWindowHours: number;
    readonly burstHistoryWindows: number;
    readonly burstZ: number;
    readonly burstMinCount: number;
    /** Local issues of the moment, watched like the watch categories (lower thresholds). */
    readonly watchWords: readonly string[];
    /** Most messages one monitor transaction takes (group commit); a worker takes this many monitor jobs at once. */
    readonly batchSize: number;
  };
  readonly channels: {
    /** Encrypts the platform credentials stored in channel_accounts (AES-256-GCM, key derived from this secret). */
    readonly secretsKey: string;
    readonly wechatApiBaseUrl: string;
    /** Weibo's open API (timelines, comments) and the fan-service host (private-message replies). */
    readonly weiboApiBaseUrl: string;
    readonly weiboMessagesBaseUrl: string;
    /** How often a Weibo account without push has its mentions and comments polled. */
    readonly weiboPollIntervalMs: number;
    /** How long a push may take before the hub answers `success` and acknowledges through the API instead. */
    readonly replyBudgetMs: number;
    /**
     * Chat intakes of this process allowed to wait on PostgreSQL at once; past it, a push is answered at once and
     * its message goes to the durable job (load shedding: the platform's 5 s hold however busy the database is).
     */
    readonly maxPendingIntakes: number;
    /** Pushes with a timestamp older (or further ahead) than this are refused as replays. */
    readonly maxPushAgeSeconds: number;
  };
  readonly bot: BotConfig;
}

/** The WeChat bot (apps/bot, Wechaty) and where notices go to WeChat groups. */
export interface BotConfig {
  /** Wechaty's name for the session (its memory card file) and the bot's channel account. */
  readonly name: string;
  /** The puppet package, e.g. `wechaty-puppet-service`; null when this deployment runs no bot. */
  readonly puppet: string | null;
  readonly puppetToken: string | null;
  readonly puppetEndpoint: string | null;
  /** Citizens' groups (by topic) where messages that @mention the bot are taken; every other group is ignored. */
  readonly citizenGroups: readonly string[];
  /** Notice kind (exact, `prefix.*` or `*`) → duty groups by topic; read by every process that raises notices. */
  readonly dutyGroups: Readonly<Record<string, readonly string[]>>;
  /** A notice waits this long for others of a storm; a group gets at most one message per `dutyMinIntervalMs`. */
  readonly dutyGatherMs: number;
  readonly dutyMinIntervalMs: number;
  readonly dutyPollMs: number;
  /** Reconnection after a logout or a failed start: exponential from base up to max. */
  readonly reconnectBaseMs: number;
  readonly reconnectMaxMs: number;
  /** How long a worker's deliver-reply waits for the bot to send before it counts as a failed attempt. */
  readonly deliveryWaitMs: number;
  /** Messages PostgreSQL did not take are kept here (one file each) until it does. */
  readonly spoolDirectory: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

const DEV_SECRET = 'wenzheng-dev-secret-change-me';
const DEV_CHANNEL_KEY = 'wenzheng-dev-channel-secrets-key-change-me';

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const fraction = z
  .string()
  .regex(/^(0(\.\d+)?|1(\.0+)?)$/, 'must be a number from 0 to 1')
  .transform(Number);

/** A number in (0, 1]. */
const share = fraction.pipe(z.number().gt(0, 'must be above 0'));

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const url = (protocols: string[]) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.join(' or ')}//`);

function envSchema(root: string) {
  const path = (fallback: string) => z.string().min(1).default(fallback).transform((p) => resolve(root, p));
  return z.object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HUB_ROLES: z
      .string()
      .default('api,worker')
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.enum(['api', 'worker', 'bot'])).min(1, 'must name at least one of api, worker, bot')),
    PORT: int(0, 65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    TRUST_PROXY: z
      .string()
      .regex(/^(true|false|\d{1,2}|[0-9a-fA-F.:/, ]+|loopback|linklocal|uniquelocal)$/, 'must be true, false, a hop count, or proxy addresses')
      .default('false')
      .transform((v) => (v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v)),
    DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/wenzheng'),
    DATABASE_POOL_SIZE: int(1, 200).default(10),
    REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_{}-]+$/, 'letters, digits, _ - { } only')
      .default('{wenzheng}'),
    QUEUE_CONCURRENCY: int(1, 256).default(8),
    QUEUE_LOCK_MS: int(1000, 600000).default(30000),
    QUEUE_STALLED_INTERVAL_MS: int(500, 600000).default(30000),
    QUEUE_ATTEMPTS: int(1, 100).default(8),
    QUEUE_BACKOFF_MS: int(10, 3600000).default(1000),
    SWEEP_INTERVAL_MS: int(100, 3600000).default(30000),
    SWEEP_AFTER_MS: int(0, 86400000).default(60000),
    NLP_SEGMENTER: z.enum(['nodejieba', 'rs-jieba']).default('rs-jieba'),
    NLP_USER_DICT: path('config/nlp/user-dict.txt'),
    NLP_STOP_WORDS: path('config/nlp/stop-words.txt'),
    CALENDAR_DIR: path('config/calendar'),
    CLOCK_POLICY_FILE: z
      .string()
      .optional()
      .transform((p) => (p ? resolve(root, p) : null)),
    DEMO_LOAD: bool.default(true),
    DEMO_DIR: path('config/demo'),
    TRACKING_SECRET: z.string().min(16, 'must be at least 16 characters').default(DEV_SECRET),
    // Bearer token for admin endpoints until staff accounts exist; unset = admin endpoints refuse everyone.
    ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
    SESSION_IDLE_MINUTES: int(1, 24 * 60).default(30),
    SESSION_MAX_HOURS: int(1, 7 * 24).default(10),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: int(1, 1000).default(5),
    LOGIN_MAX_FAILURES_PER_ADDRESS: int(1, 100000).default(30),
    LOGIN_LOCK_MINUTES: int(1, 24 * 60).default(15),
    RETURN_WINDOW_DAYS: int(0, 30).default(2),
    PUBLISH_AUTO_RELEASE: bool.default(false),
    ROUTING_AUTO_ASSIGN_CONFIDENCE: fraction.default(0.8),
    ROUTING_CATEGORY_MODEL_FILE: path('config/models/category-model.json.gz'),
    ROUTING_RETRAIN_HOUR: z
      .union([z.literal('off'), int(0, 23)], { error: 'must be an hour 0–23 or off' })
      .default(2)
      .transform((v) => (v === 'off' ? null : v)),
    ROUTING_RETRAIN_MIN_EXAMPLES: int(10, 10_000_000).default(50),
    ROUTING_HOLD_OUT_FRACTION: fraction.refine((v) => v > 0 && v < 1, 'must be between 0 and 1, exclusive').default(0.2),
    PUBLIC_RATE_LIMIT_PER_MINUTE: int(1, 1_000_000).default(300),
    PUBLIC_BASE_URL: url(['http:', 'https:']).default('http://localhost:3000').transform((v) => v.replace(/\/+$/, '')),
    CHANNEL_SECRETS_KEY: z.string().min(32, 'must be at least 32 characters').default(DEV_CHANNEL_KEY),
    WECHAT_API_BASE_URL: url(['http:', 'https:']).default('https://api.weixin.qq.com').transform((v) => v.replace(/\/+$/, '')),
    WEIBO_API_BASE_URL: url(['http:', 'https:']).default('https://api.weibo.com').transform((v) => v.replace(/\/+$/, '')),
    WEIBO_MESSAGES_BASE_URL: url(['http:', 'https:']).default('https://m.api.weibo.com').transform((v) => v.replace(/\/+$/, '')),
    // Weibo limits calls per hour; at 5 minutes, three timelines cost 36 calls an hour.
    WEIBO_POLL_INTERVAL_MS: int(10_000, 86_400_000).default(300_000),
    CHANNEL_REPLY_BUDGET_MS: int(100, 4500).default(3000),
    CHANNEL_MAX_PUSH_AGE_SECONDS: int(10, 86400).default(300),
    CHANNEL_MAX_PENDING_INTAKES: int(1, 100_000).default(32),
    BOT_NAME: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, '1–64 letters, digits, _ . -').default('wenzheng-bot'),
    BOT_PUPPET: z.string().regex(/^(@[a-z0-9._-]+\/)?[a-z0-9._-]+$/, 'must be a puppet package name, e.g. wechaty-puppet-service').optional(),
    BOT_PUPPET_TOKEN: z.string().min(1).max(512).optional(),
    BOT_PUPPET_ENDPOINT: z.string().min(1).max(512).optional(),
    BOT_GROUPS: z
      .string()
      .default('')
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)),
    BOT_DUTY_GROUPS: z
      .string()
      .default('{}')
      .transform((v, ctx) => {
        try {
          return JSON.parse(v) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be JSON' });
          return z.NEVER;
        }
      })
      .pipe(
        z.record(
          z.string().regex(/^(\*|[a-z0-9-]+(\.[a-z0-9-]+)*(\.\*)?)$/),
          z.array(z.string().trim().min(1).max(64)).min(1, 'each kind names at least one group'),
          {
            error: (issue) =>
              issue.code === 'invalid_key'
                ? 'keys are notice kinds: clock.overdue, monitor.*, *'
                : issue.code === 'invalid_type'
                  ? 'must be a JSON object of notice kind → [group topics], e.g. {"clock.overdue":["督办群"]}'
                  : undefined,
          },
        ),
      ),
    BOT_DUTY_GATHER_MS: int(0, 600000).default(5000),
    BOT_DUTY_MIN_INTERVAL_MS: int(0, 3600000).default(60000),
    BOT_DUTY_POLL_MS: int(100, 600000).default(5000),
    BOT_RECONNECT_BASE_MS: int(100, 600000).default(2000),
    BOT_RECONNECT_MAX_MS: int(1000, 3600000).default(300000),
    BOT_DELIVERY_WAIT_MS: int(1000, 600000).default(30000),
    BOT_SPOOL_DIR: path('var/bot-spool'),
    MONITOR_DUPLICATE_THRESHOLD: share.default(0.5),
    MONITOR_CLUSTER_THRESHOLD: share.default(0.2),
    MONITOR_WINDOW_HOURS: int(1, 24 * 30).default(72),
    MONITOR_BURST_WINDOW_HOURS: int(1, 24).default(1),
    MONITOR_BURST_HISTORY_WINDOWS: int(1, 168).default(24),
    MONITOR_BURST_Z: z.string().regex(/^\d+(\.\d+)?$/, 'must be a number').transform(Number).pipe(z.number().positive()).default(3),
    MONITOR_BURST_MIN_COUNT: int(1, 100000).default(5),
    MONITOR_BATCH_SIZE: int(1, 1000).default(64),
    MONITOR_WATCH_WORDS: z
      .string()
      .default('')
      .transform((v) => v.split(/[,，]/).map((s) => s.trim()).filter(Boolean)),
  });
}

/** Reads and validates the environment; throws a ConfigError naming every bad variable and why. */
export function loadHubConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const root = projectRoot();
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema(root).safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production') {
    const devSecrets = [
      e.TRACKING_SECRET === DEV_SECRET ? 'TRACKING_SECRET: must be set in production (query codes are derived from it)' : '',
      e.CHANNEL_SECRETS_KEY === DEV_CHANNEL_KEY ? 'CHANNEL_SECRETS_KEY: must be set in production (platform credentials are encrypted with it)' : '',
    ].filter(Boolean);
    if (devSecrets.length) throw new ConfigError(devSecrets);
  }
  if (e.HUB_ROLES.includes('bot') && !e.BOT_PUPPET) throw new ConfigError(['BOT_PUPPET: must name the Wechaty puppet to run the bot role']);
  return {
    env: e.NODE_ENV,
    roles: new Set(e.HUB_ROLES),
    http: { port: e.PORT, host: e.HOST, trustProxy: e.TRUST_PROXY },
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE },
    redis: { url: e.REDIS_URL, queuePrefix: e.QUEUE_PREFIX },
    queue: {
      concurrency: e.QUEUE_CONCURRENCY,
      lockDurationMs: e.QUEUE_LOCK_MS,
      stalledIntervalMs: e.QUEUE_STALLED_INTERVAL_MS,
      attempts: e.QUEUE_ATTEMPTS,
      backoffMs: e.QUEUE_BACKOFF_MS,
      sweepIntervalMs: e.SWEEP_INTERVAL_MS,
      sweepAfterMs: e.SWEEP_AFTER_MS,
    },
    nlp: { segmenter: e.NLP_SEGMENTER, userDictPath: e.NLP_USER_DICT, stopWordsPath: e.NLP_STOP_WORDS },
    calendar: { directory: e.CALENDAR_DIR, clockPolicyFile: e.CLOCK_POLICY_FILE },
    demo: { load: e.DEMO_LOAD, directory: e.DEMO_DIR },
    security: { trackingSecret: e.TRACKING_SECRET, adminToken: e.ADMIN_TOKEN ?? null },
    auth: {
      sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
      sessionMaxMs: e.SESSION_MAX_HOURS * 3_600_000,
      maxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
      loginLockMs: e.LOGIN_LOCK_MINUTES * 60_000,
    },
    workbench: { returnWindowDays: e.RETURN_WINDOW_DAYS },
    routing: {
      autoAssignConfidence: e.ROUTING_AUTO_ASSIGN_CONFIDENCE,
      categoryModelFile: e.ROUTING_CATEGORY_MODEL_FILE,
      retrainHour: e.ROUTING_RETRAIN_HOUR,
      retrainMinExamples: e.ROUTING_RETRAIN_MIN_EXAMPLES,
      holdOutFraction: e.ROUTING_HOLD_OUT_FRACTION,
    },
    publishing: { autoRelease: e.PUBLISH_AUTO_RELEASE },
    publicApi: { requestsPerMinute: e.PUBLIC_RATE_LIMIT_PER_MINUTE },
    publicBaseUrl: e.PUBLIC_BASE_URL,
    monitor: {
      duplicateThreshold: e.MONITOR_DUPLICATE_THRESHOLD,
      clusterThreshold: e.MONITOR_CLUSTER_THRESHOLD,
      windowMs: e.MONITOR_WINDOW_HOURS * 3_600_000,
      burstWindowHours: e.MONITOR_BURST_WINDOW_HOURS,
      burstHistoryWindows: e.MONITOR_BURST_HISTORY_WINDOWS,
      burstZ: e.MONITOR_BURST_Z,
      burstMinCount: e.MONITOR_BURST_MIN_COUNT,
      watchWords: e.MONITOR_WATCH_WORDS,
      batchSize: e.MONITOR_BATCH_SIZE,
    },
    channels: {
      secretsKey: e.CHANNEL_SECRETS_KEY,
      wechatApiBaseUrl: e.WECHAT_API_BASE_URL,
      weiboApiBaseUrl: e.WEIBO_API_BASE_URL,
      weiboMessagesBaseUrl: e.WEIBO_MESSAGES_BASE_URL,
      weiboPollIntervalMs: e.WEIBO_POLL_INTERVAL_MS,
      replyBudgetMs: e.CHANNEL_REPLY_BUDGET_MS,
      maxPushAgeSeconds: e.CHANNEL_MAX_PUSH_AGE_SECONDS,
      maxPendingIntakes: e.CHANNEL_MAX_PENDING_INTAKES,
    },
    bot: {
      name: e.BOT_NAME,
      puppet: e.BOT_PUPPET ?? null,
      puppetToken: e.BOT_PUPPET_TOKEN ?? null,
      puppetEndpoint: e.BOT_PUPPET_ENDPOINT ?? null,
      citizenGroups: e.BOT_GROUPS,
      dutyGroups: e.BOT_DUTY_GROUPS,
      dutyGatherMs: e.BOT_DUTY_GATHER_MS,
      dutyMinIntervalMs: e.BOT_DUTY_MIN_INTERVAL_MS,
      dutyPollMs: e.BOT_DUTY_POLL_MS,
      reconnectBaseMs: e.BOT_RECONNECT_BASE_MS,
      reconnectMaxMs: e.BOT_RECONNECT_MAX_MS,
      deliveryWaitMs: e.BOT_DELIVERY_WAIT_MS,
      spoolDirectory: e.BOT_SPOOL_DIR,
    },
  };
}
