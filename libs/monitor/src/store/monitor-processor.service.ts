import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { KeywordExtractor, TextAnalyzer } from '@wenzheng/nlp';
import { NOTIFICATION_PORT, NotificationPort } from '@wenzheng/notifications';
import { ALERT_LEVEL_NAMES, alertChange, AlertLevel } from '../alert-level';
import { MonitorEngine, MonitorOutcome } from '../monitor-engine';
import { bestNearDuplicate, messageFingerprint, NearDuplicateCandidate, resentAmong } from '../near-duplicate-index';
import { minHashConfig } from '../minhash';
import { loadDefaultSentimentLexicon } from '../sentiment-lexicon';
import { senderKeyOf } from '../sender-key';
import { SentimentScorer } from '../sentiment-scorer';
import type { ClusterBurst } from '../burst-detector';
import type { TopicClusterState } from '../topic-clusterer';
import { publicPostChannel, publicPostText } from '../public-post-text';
import { monitorRecipients } from './monitor-recipients';

/** pg_advisory_xact_lock key of the monitor: one message at a time is clustered, whichever worker holds it. */
const MONITOR_LOCK_KEY = 0x6d6f6e69;

/** Where the signatures of one kind of subject are kept: a message's copy is a message, a post's a post. */
export const SIGNATURE_TABLES = {
  message: { signatures: 'monitor_signatures', bands: 'monitor_signature_bands', id: 'message_id' },
  post: { signatures: 'monitor_post_signatures', bands: 'monitor_post_signature_bands', id: 'post_id' },
} as const;

/**
 * For each message (or post) of a batch (an arm: its band keys are `$1[$3[arm] : $3[arm + 1] − 1]`, its window
 * starts after `$2[arm]`), the stored signatures sharing a band key with it. Each arm is the lookup of one message,
 * through the band-key B-tree: a test checks the plan with and without statistics, since a lookup the planner
 * misjudges becomes a scan of the whole window (all of a batch's keys in one `= ANY` were planned as one when the
 * tables had none).
 */
export function nearDuplicateCandidatesSql(kind: MonitorSubject['kind']): string {
  const { signatures, bands, id } = SIGNATURE_TABLES[kind];
  return `SELECT q.arm, s.${id} AS id, s.at, s.canonical_id, s.shingles, s.sender_key
  FROM generate_series(1, cardinality($3::int[]) - 1) AS q(arm)
  CROSS JOIN LATERAL (
    SELECT s.* FROM ${signatures} s
     WHERE s.${id} IN (SELECT b.${id} FROM ${bands} b
                        WHERE b.band_key = ANY(($1::text[])[($3::int[])[q.arm] : ($3::int[])[q.arm + 1] - 1]))
       AND s.at > ($2::timestamptz[])[q.arm]) s`;
}

const CANDIDATES_SQL = { message: nearDuplicateCandidatesSql('message'), post: nearDuplicateCandidatesSql('post') };

/** The parameters of `nearDuplicateCandidatesSql` for messages' (or posts') band keys and window starts, an arm each. */
export function nearDuplicateCandidateParams(arms: readonly { bandKeys: readonly string[]; after: Date }[]): [string[], Date[], number[]] {
  const keys: string[] = [];
  const offsets = [1];
  for (const arm of arms) offsets.push(keys.push(...arm.bandKeys) + 1);
  return [keys, arms.map((arm) => arm.after), offsets];
}

/**
 * Who sent a message, before it becomes a pseudonym (`senderKeyOf`): the channel's user id (per channel and account),
 * else the phone number's digits, else null. A post's is its author's Weibo uid.
 */
const MESSAGE_SENDER_SQL = `CASE WHEN m.sender_id IS NOT NULL THEN m.channel || ':' || coalesce(m.account_id::text, '') || ':' || m.sender_id
  WHEN m.sender_phone IS NOT NULL THEN 'phone:' || regexp_replace(m.sender_phone, '\\D', '', 'g') END`;
const POST_SENDER_SQL = `'weibo:' || author_id`;

interface MessageRow {
  id: string;
  title: string;
  body: string;
  channel: string;
  received_at: Date;
  analysis: { tokens: string[] } | null;
  ticket_id: string;
  sender: string | null;
}

interface PostRow {
  id: string;
  kind: 'mention' | 'comment';
  text: string;
  at: Date;
  sender: string;
}

export type MonitorStepOutcome = 'done' | 'skipped';

/** What the monitor takes: an analyzed message (it has a ticket), or a public Weibo post (a channel_public_posts row). */
export interface MonitorSubject {
  kind: 'message' | 'post';
  id: string;
}

/** A subject waiting for the transaction that will monitor it. */
interface WaitingStep {
  subject: MonitorSubject;
  resolve: (outcome: MonitorStepOutcome) => void;
  reject: (error: unknown) => void;
}

/** A signature a message of the batch can copy: one stored in the window, or one of an earlier message of the batch. */
interface SignatureCandidate extends NearDuplicateCandidate {
  canonicalId: string;
  sender: string | null;
}

/** A message or public post of the batch, read (and a message fingerprinted), before the engine sees it. */
interface BatchMessage {
  kind: MonitorSubject['kind'];
  id: string;
  /** Null for a public post. */
  ticketId: string | null;
  at: number;
  text: string;
  tokens: readonly string[];
  channel: string;
  /** Who sent it, as a pseudonym (`senderKeyOf`); null when unknown. */
  sender: string | null;
  /** A message's copies are looked for among messages (a copy becomes a 并单 suggestion), a post's among posts. */
  fingerprint: { shingles: Uint32Array; bandKeys: string[] };
  /** `clock − window` once this message has been seen: older signatures and clusters are out of its window. */
  cutoff: number;
}

/**
 * The monitor step of analyzed messages, in one transaction under an advisory lock: near-duplicate lookup over the
 * stored signatures, sentiment, clustering, burst check, alert. Each process keeps the clusterer in memory and, under
 * the lock, reads only the cluster rows written since its last step (by revision), so several workers share one state
 * and a restart rebuilds it from PostgreSQL. A failed step drops the in-memory copy: it may hold what rolled back.
 *
 * Steps are group-committed: the messages that arrive while a transaction runs go together in the next one (up to
 * `MONITOR_BATCH_SIZE`, in arrival order), with the same answers as one transaction each. The lock, the sync and the
 * writes are paid once per batch instead of once per message, which is what limited the monitor (about 14 statements
 * per message, one stream for the whole hub).
 */
@Injectable()
export class MonitorProcessor {
  private readonly scorer = new SentimentScorer(loadDefaultSentimentLexicon());
  private readonly minHash = minHashConfig();
  private cache: { engine: MonitorEngine; revision: number } | null = null;
  /** Steps of this process wait here rather than each holding a pooled connection while waiting for the lock. */
  private readonly waiting: WaitingStep[] = [];
  private draining = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly keywords: KeywordExtractor,
    /** Segments public posts (a message comes segmented by its analyze job). */
    private readonly analyzer: TextAnalyzer,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(NOTIFICATION_PORT) private readonly notifications: NotificationPort,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {}

  process(messageId: string): Promise<MonitorStepOutcome> {
    return this.take({ kind: 'message', id: messageId });
  }

  processPost(postId: string): Promise<MonitorStepOutcome> {
    return this.take({ kind: 'post', id: postId });
  }

  private take(subject: MonitorSubject): Promise<MonitorStepOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ subject, resolve, reject });
      if (this.draining) return;
      this.draining = true;
      // After this turn of the event loop, so that jobs delivered together start together.
      setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) await this.settle(this.waiting.splice(0, this.config.monitor.batchSize));
    } finally {
      // `settle` answers every step it takes; should it ever throw, the next step starts a drain again.
      this.draining = false;
    }
  }

  /** Runs one batch and answers its steps; never throws. */
  private async settle(batch: WaitingStep[]): Promise<void> {
    let outcomes: (MonitorStepOutcome | Error)[];
    try {
      outcomes = await this.step(batch.map((s) => s.subject));
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      // One message may be what failed the transaction: each goes again in one of its own, so that only it fails.
      for (const step of batch) await this.settle([step]);
      return;
    }
    batch.forEach((step, i) => {
      const outcome = outcomes[i];
      if (outcome instanceof Error) step.reject(outcome);
      else step.resolve(outcome);
    });
  }

  private async step(subjects: MonitorSubject[]): Promise<(MonitorStepOutcome | Error)[]> {
    try {
      return await this.dataSource.transaction((manager) => this.inTransaction(manager, subjects));
    } catch (error) {
      this.cache = null;
      throw error;
    }
  }

  /**
   * The batch's messages and posts one after another, as separate steps would take them: each sees the signatures and
   * the clusters of those before it. One that cannot be monitored (no ticket, not analyzed, no such post) gets its
   * error and changes nothing; one already monitored, or twice in the batch, is skipped.
   */
  private async inTransaction(manager: EntityManager, subjects: MonitorSubject[]): Promise<(MonitorStepOutcome | Error)[]> {
    await manager.query(`SELECT pg_advisory_xact_lock($1)`, [MONITOR_LOCK_KEY]);
    // Its statements are small lookups: costed high on missing statistics, one passed jit_above_cost and spent more time
    // being compiled than running.
    await manager.query(`SET LOCAL jit = off`);
    const { messages, answers } = await this.readBatch(manager, subjects);
    if (messages.length === 0) return answers;
    const [state]: { revision: string; clock: Date | null; next_seq: number }[] = await manager.query(
      `SELECT revision, clock, next_seq FROM monitor_state WHERE id = 1`,
    );
    const revision = Number(state.revision) + 1;
    const engine = await this.synced(manager, Number(state.revision), state.clock, state.next_seq);
    let clock = state.clock?.getTime() ?? -Infinity;
    for (const message of messages) {
      clock = Math.max(message.at, clock);
      message.cutoff = clock - this.config.monitor.windowMs;
    }
    const stored = await this.storedCandidates(manager, messages);
    await writeBatch(manager, await this.monitorEach(manager, engine, messages, stored, revision), revision);

    const cutoff = new Date(clock - this.config.monitor.windowMs);
    // The clusterer dropped the same clusters in memory (a cluster expires when its last message is a window old).
    await manager.query(`UPDATE monitor_clusters SET status = 'expired', revision = $1 WHERE status = 'live' AND last_at <= $2`, [revision, cutoff]);
    await manager.query(
      `WITH messages AS (DELETE FROM monitor_signatures WHERE at <= $1) DELETE FROM monitor_post_signatures WHERE at <= $1`,
      [cutoff],
    );
    await manager.query(`UPDATE monitor_state SET revision = $1, clock = $2, next_seq = $3 WHERE id = 1`, [
      revision,
      new Date(engine.clusterer.currentClock ?? clock),
      engine.clusterer.nextSequence,
    ]);
    (this.cache as { revision: number }).revision = revision;
    return answers;
  }

  /**
   * Near-duplicates, sentiment, clustering and bursts for each message in order, and the rows to write for them. An
   * alert is raised at once (with its cluster row, which it points at), as the message that raises it is taken.
   */
  private async monitorEach(
    manager: EntityManager,
    engine: MonitorEngine,
    messages: readonly BatchMessage[],
    stored: ReadonlyMap<BatchMessage, readonly SignatureCandidate[]>,
    revision: number,
  ): Promise<BatchRows> {
    const signatureRows = (): SignatureRows => ({ rows: [], bandKeys: [], bandIds: [] });
    const rows: BatchRows = {
      clusters: new Map(),
      messages: [],
      posts: [],
      signatures: { message: signatureRows(), post: signatureRows() },
      alertReadings: new Map(),
    };
    /** The batch's own signatures so far, by band key: stored for the messages after them, as separate steps would be. */
    const earlier = { message: new Map<string, SignatureCandidate[]>(), post: new Map<string, SignatureCandidate[]>() };
    const threshold = this.config.monitor.duplicateThreshold;
    for (const message of messages) {
      const { id, at, text, tokens, channel, fingerprint, sender } = message;
      const duplicate = nearDuplicateOf(message, stored.get(message) ?? [], earlier[message.kind], threshold);
      const outcome = engine.add({ id, at, tokens, text, channel, duplicate });
      const topic = outcome.topic;
      if (topic) {
        const state = engine.clusterer.clusterState(topic.assignment.clusterId) as TopicClusterState;
        const cluster: ClusterRow = { state, label: topic.label, burst: topic.burst };
        rows.clusters.set(state.id, cluster);
        if (topic.alert.level !== 'none') {
          await upsertClusters(manager, [cluster], revision);
          await this.raise(manager, topic, rows.alertReadings);
        }
      }
      const clusterId = topic?.assignment.clusterId ?? null;
      const { score, label } = outcome.sentiment;
      const copyOf = duplicate?.canonicalId ?? null;
      const similarity = duplicate?.similarity ?? null;
      if (message.kind === 'post') rows.posts.push([id, new Date(at), channel, clusterId, score, label, copyOf, similarity, this.time.now()]);
      else rows.messages.push([id, message.ticketId, new Date(at), channel, clusterId, score, label, copyOf, similarity, this.time.now()]);
      if (fingerprint.bandKeys.length > 0) {
        const canonicalId = copyOf ?? id;
        const signatures = rows.signatures[message.kind];
        signatures.rows.push([id, new Date(at), canonicalId, bufferOf(fingerprint.shingles), sender]);
        const candidate = { id, at, canonicalId, shingles: fingerprint.shingles, sender };
        for (const key of fingerprint.bandKeys) {
          signatures.bandKeys.push(key);
          signatures.bandIds.push(id);
          const list = earlier[message.kind].get(key);
          if (list === undefined) earlier[message.kind].set(key, [candidate]);
          else list.push(candidate);
        }
      }
    }
    return rows;
  }

  /** The in-memory clusterer, brought to the stored revision: all live clusters the first time, the changed rows after. */
  private async synced(manager: EntityManager, revision: number, clock: Date | null, nextSeq: number): Promise<MonitorEngine> {
    let cache = this.cache;
    let rows: { id: string; status: string; state: TopicClusterState }[];
    if (cache === null || cache.revision > revision) {
      cache = { engine: new MonitorEngine(this.config.monitor, this.keywords, this.scorer), revision };
      rows = await manager.query(`SELECT id, status, state FROM monitor_clusters WHERE status = 'live'`);
    } else {
      rows = cache.revision === revision ? [] : await manager.query(`SELECT id, status, state FROM monitor_clusters WHERE revision > $1`, [cache.revision]);
    }
    cache.engine.clusterer.sync({
      clock: clock?.getTime() ?? null,
      nextSeq,
      changed: rows.filter((r) => r.status === 'live').map((r) => r.state),
      removed: rows.filter((r) => r.status !== 'live').map((r) => r.id),
    });
    cache.revision = revision;
    this.cache = cache;
    return cache.engine;
  }

  /**
   * The batch's messages and posts to monitor, read (messages fingerprinted, posts segmented), and each step's answer:
   * 'done' for those, 'skipped' for one monitored already or listed before in the batch, an error for one that cannot
   * be (as a step of its own would throw).
   */
  private async readBatch(
    manager: EntityManager,
    subjects: MonitorSubject[],
  ): Promise<{ messages: BatchMessage[]; answers: (MonitorStepOutcome | Error)[] }> {
    const idsOf = (kind: MonitorSubject['kind']) => subjects.filter((s) => s.kind === kind).map((s) => s.id);
    const doneRows: { kind: MonitorSubject['kind']; id: string }[] = await manager.query(
      `SELECT 'message' AS kind, message_id AS id FROM monitor_messages WHERE message_id = ANY($1::uuid[])
       UNION ALL SELECT 'post', post_id FROM monitor_public_posts WHERE post_id = ANY($2::uuid[])`,
      [idsOf('message'), idsOf('post')],
    );
    const keyOf = (s: MonitorSubject) => `${s.kind}:${s.id}`;
    const done = new Set(doneRows.map(keyOf));
    const waiting = (kind: MonitorSubject['kind']) => idsOf(kind).filter((id) => !done.has(keyOf({ kind, id })));
    // Each read only when the batch has subjects of its kind: most batches are all messages.
    const read = async <T>(ids: string[], sql: string): Promise<T[]> => (ids.length === 0 ? [] : manager.query(sql, [ids]));
    const messageRows = await read<MessageRow>(
      waiting('message'),
      `SELECT m.id, m.title, m.body, m.channel, m.received_at, m.analysis, t.id AS ticket_id, ${MESSAGE_SENDER_SQL} AS sender
         FROM inbound_messages m JOIN tickets t ON t.message_id = m.id WHERE m.id = ANY($1::uuid[])`,
    );
    // A post's own time, unless the platform gave none (LEAST skips nulls) or one after it arrived: a platform clock
    // ahead would end windows early.
    const postRows = await read<PostRow>(
      waiting('post'),
      `SELECT id, kind, text, LEAST(posted_at, received_at) AS at, ${POST_SENDER_SQL} AS sender FROM channel_public_posts WHERE id = ANY($1::uuid[])`,
    );
    const messagesById = new Map(messageRows.map((row) => [row.id, row]));
    const postsById = new Map(postRows.map((row) => [row.id, row]));
    const messages: BatchMessage[] = [];
    const first = new Map<string, MonitorStepOutcome | Error>();
    const answers = subjects.map((subject) => {
      const key = keyOf(subject);
      const earlier = first.get(key);
      if (earlier !== undefined) return earlier instanceof Error ? earlier : 'skipped';
      let answer: MonitorStepOutcome | Error = 'skipped';
      if (!done.has(key)) {
        const read = subject.kind === 'message' ? this.messageOf(messagesById.get(subject.id), subject.id) : this.postOf(postsById.get(subject.id), subject.id);
        if (read instanceof Error) answer = read;
        else {
          messages.push(read);
          answer = 'done';
        }
      }
      first.set(key, answer);
      return answer;
    });
    return { messages, answers };
  }

  private messageOf(row: MessageRow | undefined, id: string): BatchMessage | Error {
    if (!row) return new Error(`message ${id} has no ticket`);
    if (!row.analysis) return new Error(`message ${id} is not analyzed yet`);
    const text = `${row.title}\n${row.body}`;
    return {
      kind: 'message',
      id,
      ticketId: row.ticket_id,
      at: row.received_at.getTime(),
      text,
      tokens: row.analysis.tokens,
      channel: row.channel,
      sender: senderKeyOf(row.sender, this.config.security.trackingSecret),
      fingerprint: messageFingerprint(text, this.minHash),
      cutoff: -Infinity,
    };
  }

  private postOf(row: PostRow | undefined, id: string): BatchMessage | Error {
    if (!row) return new Error(`public post ${id} does not exist`);
    const text = publicPostText(row.text);
    return {
      kind: 'post',
      id,
      ticketId: null,
      at: row.at.getTime(),
      text,
      tokens: this.analyzer.tokenize(text),
      channel: publicPostChannel(row.kind),
      sender: senderKeyOf(row.sender, this.config.security.trackingSecret),
      fingerprint: messageFingerprint(text, this.minHash),
      cutoff: -Infinity,
    };
  }

  /** Per message (or post) of the batch, the stored signatures of its kind in its window sharing a band key with it. */
  private async storedCandidates(manager: EntityManager, messages: readonly BatchMessage[]): Promise<Map<BatchMessage, SignatureCandidate[]>> {
    const found = new Map<BatchMessage, SignatureCandidate[]>(messages.map((m) => [m, []]));
    for (const kind of ['message', 'post'] as const) {
      const looked = messages.filter((m) => m.kind === kind && m.fingerprint.bandKeys.length > 0);
      if (looked.length === 0) continue;
      const rows: { arm: number; id: string; at: Date; canonical_id: string; shingles: Buffer; sender_key: string | null }[] = await manager.query(
        CANDIDATES_SQL[kind],
        nearDuplicateCandidateParams(looked.map((m) => ({ bandKeys: m.fingerprint.bandKeys, after: new Date(m.cutoff) }))),
      );
      // A signature found for several messages is one candidate.
      const byId = new Map<string, SignatureCandidate>();
      for (const r of rows) {
        let candidate = byId.get(r.id);
        if (candidate === undefined) {
          const shingles = new Uint32Array(r.shingles.buffer.slice(r.shingles.byteOffset, r.shingles.byteOffset + r.shingles.byteLength));
          candidate = { id: r.id, at: r.at.getTime(), canonicalId: r.canonical_id, shingles, sender: r.sender_key };
          byId.set(candidate.id, candidate);
        }
        (found.get(looked[r.arm - 1]) as SignatureCandidate[]).push(candidate);
      }
    }
    return found;
  }

  /**
   * One unresolved alert per cluster: raised once, its level (and why) raised when the topic grows worse, its figures
   * and reasons refreshed while it stays as bad (kept in `readings`, the batch's latest per alert, written at the end).
   */
  private async raise(manager: EntityManager, topic: NonNullable<MonitorOutcome['topic']>, readings: BatchRows['alertReadings']): Promise<void> {
    const clusterId = topic.assignment.clusterId;
    const label = topic.label;
    const level = topic.alert.level as Exclude<AlertLevel, 'none'>;
    const [active]: { id: string; level: AlertLevel }[] = await manager.query(
      `SELECT id, level FROM monitor_alerts WHERE cluster_id = $1 AND status <> 'closed'`,
      [clusterId],
    );
    const reasons = JSON.stringify(topic.alert.reasons);
    const change = alertChange(active?.level ?? null, level);
    if (change === 'keep') return;
    if (change === 'refresh') {
      readings.set(active.id, { reasons, burst: topic.burst });
      return;
    }
    let alertId: string;
    if (!active) {
      [{ id: alertId }] = await manager.query(
        `INSERT INTO monitor_alerts (cluster_id, level, reasons, burst, status, raised_at) VALUES ($1, $2, $3, $4, 'open', $5) RETURNING id`,
        [clusterId, level, reasons, topic.burst, this.time.now()],
      );
    } else {
      alertId = active.id;
      // Newer than any reading of the batch so far.
      readings.delete(alertId);
      await manager.query(`UPDATE monitor_alerts SET level = $2, reasons = $3, burst = $4 WHERE id = $1`, [alertId, level, reasons, topic.burst]);
    }
    const watch = topic.burst.watchCategories.map((w) => w.category);
    const mood = topic.burst.sentimentAverage === null ? '' : `，情绪均值 ${topic.burst.sentimentAverage.toFixed(2)}`;
    await this.notifications.send(
      manager,
      (await monitorRecipients(manager)).map((recipient) => ({
        ...recipient,
        kind: 'monitor.alert',
        title: `舆情预警（${ALERT_LEVEL_NAMES[level]}）：${label.join('、')}`,
        body:
          `本时段 ${topic.burst.count} 条（此前均值 ${topic.burst.mean.toFixed(1)}，z = ${topic.burst.z.toFixed(1)}）${mood}` +
          (topic.burst.copies ? `，其中复制 ${topic.burst.copies} 条` : '') +
          (topic.burst.resends ? `，另有重复来信 ${topic.burst.resends} 条未计` : '') +
          (watch.length ? `，涉及重点领域：${watch.join('、')}` : '') +
          '。',
        ticketId: null,
        cause: `monitor-alert:${alertId}:${level}`,
      })),
    );
  }
}

/** What a cluster row is written from. */
interface ClusterRow {
  state: TopicClusterState;
  label: string[];
  burst: ClusterBurst;
}

/** The signature rows of one kind, and their band keys beside the id each belongs to. */
interface SignatureRows {
  rows: unknown[][];
  bandKeys: string[];
  bandIds: string[];
}

/**
 * What a batch writes: the latest form of each cluster it changed, a row (and signature) per message and post, and the
 * latest reading of each alert it found as bad as before.
 */
interface BatchRows {
  clusters: Map<string, ClusterRow>;
  messages: unknown[][];
  posts: unknown[][];
  signatures: Record<MonitorSubject['kind'], SignatureRows>;
  alertReadings: Map<string, { reasons: string; burst: ClusterBurst }>;
}

/** In the order of the foreign keys: clusters, then the messages in them, their signatures and the band keys. */
async function writeBatch(manager: EntityManager, rows: BatchRows, revision: number): Promise<void> {
  await upsertClusters(manager, [...rows.clusters.values()], revision);
  await insertRows(
    manager,
    `INSERT INTO monitor_messages (message_id, ticket_id, at, channel, cluster_id, sentiment_score, sentiment_label,
       duplicate_of, duplicate_similarity, processed_at)`,
    rows.messages,
  );
  await insertRows(
    manager,
    `INSERT INTO monitor_public_posts (post_id, at, channel, cluster_id, sentiment_score, sentiment_label, duplicate_of,
       duplicate_similarity, processed_at)`,
    rows.posts,
  );
  for (const kind of ['message', 'post'] as const) {
    const { signatures, bands, id } = SIGNATURE_TABLES[kind];
    const written = rows.signatures[kind];
    if (written.rows.length === 0) continue;
    await insertRows(manager, `INSERT INTO ${signatures} (${id}, at, canonical_id, shingles, sender_key)`, written.rows);
    await manager.query(`INSERT INTO ${bands} (band_key, ${id}) SELECT DISTINCT * FROM unnest($1::text[], $2::uuid[])`, [
      written.bandKeys,
      written.bandIds,
    ]);
  }
  if (rows.alertReadings.size > 0) {
    const readings = [...rows.alertReadings];
    await manager.query(
      `UPDATE monitor_alerts a SET reasons = r.reasons, burst = r.burst
         FROM unnest($1::uuid[], $2::jsonb[], $3::jsonb[]) AS r(id, reasons, burst) WHERE a.id = r.id`,
      [readings.map(([id]) => id), readings.map(([, r]) => r.reasons), readings.map(([, r]) => JSON.stringify(r.burst))],
    );
  }
}

/**
 * The signature a message copies: of the stored ones found for it and the batch's earlier ones sharing a band key with
 * it, those in its window, the most similar at or above the threshold; and whether its sender sent one of them.
 */
function nearDuplicateOf(
  { fingerprint, cutoff, sender }: BatchMessage,
  stored: readonly SignatureCandidate[],
  earlier: ReadonlyMap<string, readonly SignatureCandidate[]>,
  threshold: number,
): { canonicalId: string; similarity: number; resent: boolean } | null {
  const found = new Set<SignatureCandidate>(stored);
  for (const key of fingerprint.bandKeys) {
    for (const candidate of earlier.get(key) ?? []) if (candidate.at > cutoff) found.add(candidate);
  }
  const best = bestNearDuplicate(fingerprint.shingles, found, threshold);
  if (best === null) return null;
  const { canonicalId } = best.candidate as SignatureCandidate;
  return { canonicalId, similarity: best.similarity, resent: resentAmong(fingerprint.shingles, found, threshold, sender) };
}

function upsertClusters(manager: EntityManager, clusters: readonly ClusterRow[], revision: number): Promise<unknown> {
  return insertRows(
    manager,
    `INSERT INTO monitor_clusters (id, state, label, message_count, created_at, last_at, status, revision, burst)`,
    clusters.map(({ state, label, burst }) => [
      state.id,
      state,
      label,
      state.messageCount,
      new Date(state.createdAt),
      new Date(state.lastAt),
      'live',
      revision,
      burst,
    ]),
    `ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, label = EXCLUDED.label, message_count = EXCLUDED.message_count,
       last_at = EXCLUDED.last_at, status = 'live', revision = EXCLUDED.revision, burst = EXCLUDED.burst`,
  );
}

/** One INSERT of many rows (`prefix` names the columns): a batch's rows cost one round trip, not one each. */
async function insertRows(manager: EntityManager, prefix: string, rows: readonly unknown[][], suffix = ''): Promise<void> {
  if (rows.length === 0) return;
  const params: unknown[] = [];
  const tuples = rows.map((row) => `(${row.map((value) => `$${params.push(value)}`).join(', ')})`);
  await manager.query(`${prefix} VALUES ${tuples.join(', ')} ${suffix}`, params);
}

function bufferOf(array: Uint32Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}
