import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { KeywordExtractor } from '@wenzheng/nlp';
import { NOTIFICATION_PORT, NotificationPort } from '@wenzheng/notifications';
import { ALERT_LEVEL_NAMES, AlertLevel } from '../alert-level';
import { MonitorEngine, MonitorOutcome } from '../monitor-engine';
import { bestNearDuplicate, messageFingerprint } from '../near-duplicate-index';
import { minHashConfig } from '../minhash';
import { loadDefaultSentimentLexicon } from '../sentiment-lexicon';
import { SentimentScorer } from '../sentiment-scorer';
import type { TopicClusterState } from '../topic-clusterer';
import { monitorRecipients } from './monitor-recipients';

/** pg_advisory_xact_lock key of the monitor: one message at a time is clustered, whichever worker holds it. */
const MONITOR_LOCK_KEY = 0x6d6f6e69;

const LEVEL_RANK: Record<AlertLevel, number> = { none: 0, info: 1, warning: 2, critical: 3 };

/**
 * The stored signatures sharing a band key with $1 and newer than $2. Through the band-key B-tree: a test checks the
 * plan, since a lookup the planner cannot estimate becomes a scan of the whole window.
 */
export const NEAR_DUPLICATE_CANDIDATES_SQL = `SELECT s.message_id, s.at, s.canonical_id, s.shingles FROM monitor_signatures s
  WHERE s.message_id IN (SELECT b.message_id FROM monitor_signature_bands b WHERE b.band_key = ANY($1::text[])) AND s.at > $2`;

interface MessageRow {
  id: string;
  title: string;
  body: string;
  channel: string;
  received_at: Date;
  analysis: { tokens: string[] } | null;
  ticket_id: string;
}

/**
 * The monitor step of one analyzed message, in one transaction under an advisory lock: near-duplicate lookup over
 * the stored signatures, sentiment, clustering, burst check, alert. Each process keeps the clusterer in memory and,
 * under the lock, reads only the cluster rows written since its last step (by revision), so several workers share one
 * state and a restart rebuilds it from PostgreSQL. A failed step drops the in-memory copy: it may hold what rolled back.
 */
@Injectable()
export class MonitorProcessor {
  private readonly scorer = new SentimentScorer(loadDefaultSentimentLexicon());
  private readonly minHash = minHashConfig();
  private cache: { engine: MonitorEngine; revision: number } | null = null;
  /** Steps of this process wait here rather than each holding a pooled connection while waiting for the lock. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly keywords: KeywordExtractor,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(NOTIFICATION_PORT) private readonly notifications: NotificationPort,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {}

  process(messageId: string): Promise<'done' | 'skipped'> {
    const step = this.tail.then(() => this.step(messageId));
    this.tail = step.catch(() => undefined);
    return step;
  }

  private async step(messageId: string): Promise<'done' | 'skipped'> {
    try {
      return await this.dataSource.transaction((manager) => this.inTransaction(manager, messageId));
    } catch (error) {
      this.cache = null;
      throw error;
    }
  }

  private async inTransaction(manager: EntityManager, messageId: string): Promise<'done' | 'skipped'> {
    await manager.query(`SELECT pg_advisory_xact_lock($1)`, [MONITOR_LOCK_KEY]);
    const [done] = await manager.query(`SELECT 1 FROM monitor_messages WHERE message_id = $1`, [messageId]);
    if (done) return 'skipped';
    const [message]: MessageRow[] = await manager.query(
      `SELECT m.id, m.title, m.body, m.channel, m.received_at, m.analysis, t.id AS ticket_id
         FROM inbound_messages m JOIN tickets t ON t.message_id = m.id WHERE m.id = $1`,
      [messageId],
    );
    if (!message) throw new Error(`message ${messageId} has no ticket`);
    if (!message.analysis) throw new Error(`message ${messageId} is not analyzed yet`);
    const settings = this.config.monitor;
    const at = message.received_at.getTime();
    const text = `${message.title}\n${message.body}`;

    const [state]: { revision: string; clock: Date | null; next_seq: number }[] = await manager.query(
      `SELECT revision, clock, next_seq FROM monitor_state WHERE id = 1`,
    );
    const revision = Number(state.revision) + 1;
    const engine = await this.synced(manager, Number(state.revision), state.clock, state.next_seq);
    const clock = Math.max(at, state.clock?.getTime() ?? -Infinity);
    const cutoff = new Date(clock - settings.windowMs);

    const fingerprint = messageFingerprint(text, this.minHash);
    const duplicate = fingerprint.bandKeys.length === 0 ? null : await this.nearDuplicate(manager, fingerprint, cutoff);

    const outcome = engine.add({ id: message.id, at, tokens: message.analysis.tokens, text, channel: message.channel });
    const topic = outcome.topic;
    if (topic) {
      const cluster = engine.clusterer.clusterState(topic.assignment.clusterId) as TopicClusterState;
      await manager.query(
        `INSERT INTO monitor_clusters (id, state, label, message_count, created_at, last_at, status, revision, burst)
         VALUES ($1, $2, $3, $4, $5, $6, 'live', $7, $8)
         ON CONFLICT (id) DO UPDATE SET state = $2, label = $3, message_count = $4, last_at = $6, status = 'live',
           revision = $7, burst = $8`,
        [cluster.id, cluster, topic.label, cluster.messageCount, new Date(cluster.createdAt), new Date(cluster.lastAt), revision, topic.burst],
      );
    }
    await manager.query(
      `INSERT INTO monitor_messages (message_id, ticket_id, at, channel, cluster_id, sentiment_score, sentiment_label,
         duplicate_of, duplicate_similarity, processed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        message.id,
        message.ticket_id,
        message.received_at,
        message.channel,
        topic?.assignment.clusterId ?? null,
        outcome.sentiment.score,
        outcome.sentiment.label,
        duplicate?.canonicalId ?? null,
        duplicate?.similarity ?? null,
        this.time.now(),
      ],
    );
    if (fingerprint.bandKeys.length > 0) {
      await manager.query(
        `INSERT INTO monitor_signatures (message_id, at, canonical_id, shingles) VALUES ($1, $2, $3, $4)`,
        [
          message.id,
          message.received_at,
          duplicate?.canonicalId ?? message.id,
          Buffer.from(fingerprint.shingles.buffer, fingerprint.shingles.byteOffset, fingerprint.shingles.byteLength),
        ],
      );
      await manager.query(
        `INSERT INTO monitor_signature_bands (band_key, message_id) SELECT DISTINCT unnest($1::text[]), $2::uuid`,
        [fingerprint.bandKeys, message.id],
      );
    }
    // The clusterer dropped the same clusters in memory (a cluster expires when its last message is a window old).
    await manager.query(`UPDATE monitor_clusters SET status = 'expired', revision = $1 WHERE status = 'live' AND last_at <= $2`, [revision, cutoff]);
    await manager.query(`DELETE FROM monitor_signatures WHERE at <= $1`, [cutoff]);
    if (topic && topic.alert.level !== 'none') await this.raise(manager, topic);
    await manager.query(`UPDATE monitor_state SET revision = $1, clock = $2, next_seq = $3 WHERE id = 1`, [
      revision,
      new Date(engine.clusterer.currentClock ?? clock),
      engine.clusterer.nextSequence,
    ]);
    (this.cache as { revision: number }).revision = revision;
    return 'done';
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

  private async nearDuplicate(
    manager: EntityManager,
    fingerprint: { shingles: Uint32Array; bandKeys: string[] },
    after: Date,
  ): Promise<{ canonicalId: string; similarity: number } | null> {
    const rows: { message_id: string; at: Date; canonical_id: string; shingles: Buffer }[] = await manager.query(
      NEAR_DUPLICATE_CANDIDATES_SQL,
      [fingerprint.bandKeys, after],
    );
    const candidates = rows.map((r) => ({
      id: r.message_id,
      at: r.at.getTime(),
      canonicalId: r.canonical_id,
      shingles: new Uint32Array(r.shingles.buffer.slice(r.shingles.byteOffset, r.shingles.byteOffset + r.shingles.byteLength)),
    }));
    const best = bestNearDuplicate(fingerprint.shingles, candidates, this.config.monitor.duplicateThreshold);
    return best && { canonicalId: (best.candidate as (typeof candidates)[number]).canonicalId, similarity: best.similarity };
  }

  /** One unresolved alert per cluster: raised once, its level (and why) raised when the topic grows worse. */
  private async raise(manager: EntityManager, topic: NonNullable<MonitorOutcome['topic']>): Promise<void> {
    const clusterId = topic.assignment.clusterId;
    const label = topic.label;
    const level = topic.alert.level as Exclude<AlertLevel, 'none'>;
    const [active]: { id: string; level: AlertLevel }[] = await manager.query(
      `SELECT id, level FROM monitor_alerts WHERE cluster_id = $1 AND status <> 'closed'`,
      [clusterId],
    );
    let alertId: string;
    if (!active) {
      [{ id: alertId }] = await manager.query(
        `INSERT INTO monitor_alerts (cluster_id, level, reasons, burst, status, raised_at) VALUES ($1, $2, $3, $4, 'open', $5) RETURNING id`,
        [clusterId, level, JSON.stringify(topic.alert.reasons), topic.burst, this.time.now()],
      );
    } else if (LEVEL_RANK[level] > LEVEL_RANK[active.level]) {
      alertId = active.id;
      await manager.query(`UPDATE monitor_alerts SET level = $2, reasons = $3, burst = $4 WHERE id = $1`, [
        alertId,
        level,
        JSON.stringify(topic.alert.reasons),
        topic.burst,
      ]);
    } else {
      return;
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
          (watch.length ? `，涉及重点领域：${watch.join('、')}` : '') +
          '。',
        ticketId: null,
        cause: `monitor-alert:${alertId}:${level}`,
      })),
    );
  }
}
