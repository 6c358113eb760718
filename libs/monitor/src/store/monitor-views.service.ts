import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { NotFoundError, StateError, isUuid, parseInput, requiredText } from '@wenzheng/errors';
import { KeywordExtractor } from '@wenzheng/nlp';
import { ALERT_LEVEL_NAMES } from '../alert-level';
import { detectBurst, windowCounts } from '../burst-detector';
import { burstOptionsOf, monitorClusterer } from '../monitor-engine';
import type { TopicClusterState } from '../topic-clusterer';
import type { MonitorAlertStatus } from './monitor.entities';

const LIST_LIMIT = 50;

export const clusterListQuerySchema = z.strictObject({
  view: z.enum(['hot', 'rising'], { error: 'view is hot or rising' }).default('hot'),
});
export const alertListQuerySchema = z.strictObject({
  status: z
    .string()
    .default('open,acknowledged')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(['open', 'acknowledged', 'closed'], { error: 'status is open, acknowledged or closed' }))),
});
export const closeAlertSchema = z.strictObject({ note: requiredText('note', 500) });

export interface ClusterListItem {
  id: string;
  label: string[];
  messageCount: number;
  createdAt: string;
  lastAt: string;
  current: number;
  mean: number;
  z: number;
  hot: boolean;
  watchCategories: string[];
  sentimentAverage: number | null;
  alert: { id: string; level: string; levelText: string; status: string } | null;
  caseId: string | null;
}

interface ClusterRow {
  id: string;
  label: string[];
  message_count: number;
  created_at: Date;
  last_at: Date;
  hourly: [number, number][];
  recent: [number, number][] | null;
  hourly_resends: [number, number][] | null;
  recent_resends: [number, number][] | null;
  sentiment_sum: number;
  sentiment_count: number;
  watch_categories: { category: string }[];
  watch_words: string[];
  alert_id: string | null;
  alert_level: keyof typeof ALERT_LEVEL_NAMES | null;
  alert_status: string | null;
  case_id: string | null;
}

/** What the monitor (网信办) sees: hot and rising clusters, one cluster in detail, alerts, cases and their clocks. */
@Injectable()
export class MonitorViewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keywords: KeywordExtractor,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {}

  /** Bursts are judged again at the current time, so a topic that went quiet drops off the hot list. */
  async clusters(query: unknown): Promise<ClusterListItem[]> {
    const { view } = parseInput(clusterListQuerySchema, query, 'the query');
    const settings = this.config.monitor;
    const now = this.time.now();
    const since = new Date(now.getTime() - settings.burstWindowHours * (settings.burstHistoryWindows + 1) * 3_600_000);
    const rows: ClusterRow[] = await this.dataSource.query(
      `SELECT c.id, c.label, c.message_count, c.created_at, c.last_at, c.state->'hourly' AS hourly, c.state->'recent' AS recent,
              c.state->'hourlyResends' AS hourly_resends, c.state->'recentResends' AS recent_resends,
              (c.state->>'sentimentSum')::float AS sentiment_sum, (c.state->>'sentimentCount')::int AS sentiment_count,
              c.burst->'watchCategories' AS watch_categories, c.burst->'watchWords' AS watch_words,
              a.id AS alert_id, a.level AS alert_level, a.status AS alert_status, k.id AS case_id
         FROM monitor_clusters c
         LEFT JOIN monitor_alerts a ON a.cluster_id = c.id AND a.status <> 'closed'
         LEFT JOIN monitor_cases k ON k.cluster_id = c.id
        WHERE c.status = 'live' AND c.last_at > $1`,
      [since],
    );
    const options = burstOptionsOf(settings);
    const items = rows.map((row): ClusterListItem => {
      // A state written before there were ten-minute counts has none: its current window is empty. One written before
      // resends were counted has none either.
      const counts = windowCounts(
        { hourly: row.hourly, recent: row.recent ?? [], hourlyResends: row.hourly_resends ?? [], recentResends: row.recent_resends ?? [] },
        now,
        options,
      );
      const burst = detectBurst({ ...counts, watched: row.watch_categories.length > 0 || row.watch_words.length > 0 }, options);
      return {
        id: row.id,
        label: row.label,
        messageCount: row.message_count,
        createdAt: row.created_at.toISOString(),
        lastAt: row.last_at.toISOString(),
        current: burst.count,
        mean: burst.mean,
        z: burst.z,
        hot: burst.hot,
        watchCategories: row.watch_categories.map((w) => w.category),
        sentimentAverage: row.sentiment_count ? row.sentiment_sum / row.sentiment_count : null,
        alert: row.alert_id
          ? { id: row.alert_id, level: row.alert_level as string, levelText: ALERT_LEVEL_NAMES[row.alert_level!], status: row.alert_status as string }
          : null,
        caseId: row.case_id,
      };
    });
    const wanted = items.filter((item) => (view === 'hot' ? item.hot : !item.hot && item.current >= 2 && item.current > item.mean));
    return wanted.sort((a, b) => b.z - a.z || b.current - a.current || a.id.localeCompare(b.id)).slice(0, LIST_LIMIT);
  }

  async cluster(id: string) {
    const [row]: { state: TopicClusterState; status: string; label: string[] }[] = await this.dataSource.query(
      `SELECT state, status, label FROM monitor_clusters WHERE id = $1`,
      [id],
    );
    if (!row) throw new NotFoundError(`no cluster ${id}`);
    const clusterer = monitorClusterer(this.config.monitor, this.keywords);
    clusterer.sync({ clock: this.time.now().getTime(), nextSeq: row.state.seq + 1, changed: [row.state], removed: [] });
    const summary = clusterer.summary(id)!;
    const q = (sql: string) => this.dataSource.query(sql, [id]);
    // Messages (tickets) and public Weibo posts both count in the sentiment and channel splits.
    const members = `SELECT sentiment_label, channel FROM monitor_messages WHERE cluster_id = $1
                     UNION ALL SELECT sentiment_label, channel FROM monitor_public_posts WHERE cluster_id = $1`;
    const [sentiment, channels, units, messages, publicPosts, copiedPosts, [alert], [monitorCase]] = await Promise.all([
      q(`SELECT sentiment_label AS label, count(*)::int AS count FROM (${members}) m GROUP BY 1 ORDER BY 1`),
      q(`SELECT channel AS name, count(*)::int AS count FROM (${members}) m GROUP BY 1 ORDER BY 2 DESC, 1`),
      q(`SELECT u.code, u.name, count(*)::int AS count FROM monitor_messages mm JOIN tickets t ON t.id = mm.ticket_id
           JOIN units u ON u.id = t.lead_unit_id WHERE mm.cluster_id = $1 GROUP BY 1, 2 ORDER BY 3 DESC, 1`),
      q(`SELECT t.id AS "ticketId", t.tracking_no AS "trackingNo", m.title, mm.at, mm.channel, mm.sentiment_score AS sentiment,
                mm.sentiment_label AS "sentimentLabel", mm.duplicate_of IS NOT NULL AS duplicate
           FROM monitor_messages mm JOIN tickets t ON t.id = mm.ticket_id JOIN inbound_messages m ON m.id = mm.message_id
          WHERE mm.cluster_id = $1 ORDER BY mm.at DESC LIMIT 20`),
      q(`SELECT p.id, p.kind, p.text, mp.at, mp.channel, mp.sentiment_score AS sentiment, mp.sentiment_label AS "sentimentLabel",
                mp.duplicate_of AS "copyOf"
           FROM monitor_public_posts mp JOIN channel_public_posts p ON p.id = mp.post_id
          WHERE mp.cluster_id = $1 ORDER BY mp.at DESC LIMIT 20`),
      // The same text posted again and again, often by many accounts: a copy-paste campaign (水军) shows here.
      q(`SELECT COALESCE(mp.duplicate_of, mp.post_id) AS "firstPostId", min(first.text) AS text, count(*)::int AS posts,
                count(DISTINCT p.author_id)::int AS authors, min(mp.at) AS "firstAt", max(mp.at) AS "lastAt"
           FROM monitor_public_posts mp JOIN channel_public_posts p ON p.id = mp.post_id
           JOIN channel_public_posts first ON first.id = COALESCE(mp.duplicate_of, mp.post_id)
          WHERE mp.cluster_id = $1 GROUP BY 1 HAVING count(*) > 1 ORDER BY 3 DESC, 5, 1 LIMIT 10`),
      q(`SELECT id, level, status FROM monitor_alerts WHERE cluster_id = $1 ORDER BY raised_at DESC LIMIT 1`),
      q(`SELECT id FROM monitor_cases WHERE cluster_id = $1`),
    ]);
    return {
      id,
      status: row.status,
      label: summary.label,
      terms: summary.terms,
      messageCount: summary.messageCount,
      createdAt: new Date(summary.createdAt).toISOString(),
      lastAt: new Date(summary.lastAt).toISOString(),
      hourly: withEmptyHours(summary.hourly, this.time.now().getTime()).map((b) => ({ start: new Date(b.start).toISOString(), count: b.count })),
      daily: summary.daily.map((b) => ({ start: new Date(b.start).toISOString(), count: b.count })),
      sentimentAverage: summary.sentimentAverage,
      sentiment,
      channels,
      units,
      messages: messages.map((m: { at: Date }) => ({ ...m, at: m.at.toISOString() })),
      publicPosts: publicPosts.map((p: { at: Date }) => ({ ...p, at: p.at.toISOString() })),
      copiedPosts: copiedPosts.map((g: { firstAt: Date; lastAt: Date }) => ({ ...g, firstAt: g.firstAt.toISOString(), lastAt: g.lastAt.toISOString() })),
      alert: alert ?? null,
      caseId: monitorCase?.id ?? null,
    };
  }

  async alerts(query: unknown) {
    const { status } = parseInput(alertListQuerySchema, query, 'the query');
    const rows = await this.dataSource.query(
      `SELECT a.id, a.cluster_id AS "clusterId", c.label, a.level, a.reasons, a.status, a.raised_at AS "raisedAt",
              a.acknowledged_at AS "acknowledgedAt", a.closed_at AS "closedAt", a.close_note AS "closeNote",
              (a.burst->>'count')::int AS count, (a.burst->>'z')::float AS z, (a.burst->>'sentimentAverage')::float AS "sentimentAverage",
              COALESCE((a.burst->>'copies')::int, 0) AS copies, COALESCE((a.burst->>'resends')::int, 0) AS resends,
              ARRAY(SELECT jsonb_array_elements(a.burst->'watchCategories')->>'category') AS "watchCategories"
         FROM monitor_alerts a JOIN monitor_clusters c ON c.id = a.cluster_id
        WHERE a.status = ANY ($1) ORDER BY a.raised_at DESC LIMIT 200`,
      [status],
    );
    return rows.map((r: { level: keyof typeof ALERT_LEVEL_NAMES }) => ({ ...r, levelText: ALERT_LEVEL_NAMES[r.level] }));
  }

  acknowledge(staffId: string, alertId: string) {
    return this.moveAlert(alertId, ['open'], 'acknowledged', `acknowledged_at = $2, acknowledged_by = $3`, [this.time.now(), staffId]);
  }

  close(staffId: string, alertId: string, body: unknown) {
    const { note } = parseInput(closeAlertSchema, body);
    return this.moveAlert(alertId, ['open', 'acknowledged'], 'closed', `closed_at = $2, closed_by = $3, close_note = $4`, [this.time.now(), staffId, note]);
  }

  async cases() {
    const rows: { clocks: { startedAt: string; dueAt: string | null }[] }[] = await this.dataSource.query(
      `SELECT k.id, k.cluster_id AS "clusterId", c.label, k.major_emergency AS "majorEmergency", k.opened_at AS "openedAt",
              t.id AS "ticketId", t.tracking_no AS "trackingNo", t.status,
              json_build_object('code', u.code, 'name', u.name) AS "leadUnit",
              (SELECT count(*)::int FROM monitor_case_tickets ct WHERE ct.case_id = k.id) AS "memberCount",
              COALESCE((SELECT json_agg(json_build_object('purpose', cl.purpose, 'policy', cl.policy, 'state', cl.state,
                        'startedAt', cl.started_at, 'dueAt', cl.due_at) ORDER BY cl.due_at)
                          FROM clocks cl WHERE cl.subject_type = 'ticket' AND cl.subject_id = t.id AND cl.purpose LIKE 'sentiment%'), '[]') AS clocks
         FROM monitor_cases k JOIN monitor_clusters c ON c.id = k.cluster_id JOIN tickets t ON t.id = k.ticket_id
         LEFT JOIN units u ON u.id = t.lead_unit_id
        ORDER BY k.opened_at DESC LIMIT 200`,
    );
    const iso = (at: string | null) => (at === null ? null : new Date(at).toISOString());
    return rows.map((row) => ({ ...row, clocks: row.clocks.map((c) => ({ ...c, startedAt: iso(c.startedAt), dueAt: iso(c.dueAt) })) }));
  }

  private async moveAlert(alertId: string, from: MonitorAlertStatus[], to: MonitorAlertStatus, set: string, values: unknown[]) {
    if (!isUuid(alertId)) throw new NotFoundError(`no alert ${alertId}`);
    return this.dataSource.transaction(async (manager) => {
      const [alert] = await manager.query(`SELECT status FROM monitor_alerts WHERE id = $1 FOR UPDATE`, [alertId]);
      if (!alert) throw new NotFoundError(`no alert ${alertId}`);
      if (!from.includes(alert.status)) throw new StateError(`the alert is ${alert.status}`, alert.status);
      await manager.query(`UPDATE monitor_alerts SET ${set}, status = $${values.length + 2} WHERE id = $1`, [alertId, ...values, to]);
      return { id: alertId, status: to };
    });
  }
}

/** Hourly counts from the first bucket to the hour holding `now`, the hours without a message as 0 (a timeline, not a list). */
function withEmptyHours(hourly: readonly { start: number; count: number }[], now: number): { start: number; count: number }[] {
  if (hourly.length === 0) return [];
  const counts = new Map(hourly.map((b) => [b.start, b.count]));
  const out: { start: number; count: number }[] = [];
  const last = Math.max(hourly[hourly.length - 1].start, now - ((now - hourly[0].start) % 3_600_000));
  for (let start = hourly[0].start; start <= last; start += 3_600_000) out.push({ start, count: counts.get(start) ?? 0 });
  return out;
}
