import { MonitorEngine } from './monitor-engine';
import { NearDuplicateIndex } from './near-duplicate-index';
import { publicPostKindOf, publicPostText } from './public-post-text';

/**
 * One line of a replay file: `time` and `text` required; `topic` (label), `id`, `copyOf` (id of the original),
 * `title`, `channel` and `sender` (who sent it: a copy of one's own message is a resend, not part of a campaign)
 * optional.
 */
export interface ReplayMessage {
  id: string;
  at: number;
  title?: string;
  body: string;
  channel?: string;
  /** Title and body, as the hub analyzes them. */
  text: string;
  topic?: string;
  copyOf?: string;
  sender?: string;
}

export class ReplayFileError extends Error {
  override readonly name = 'ReplayFileError';
}

const optionalText = (record: Record<string, unknown>, key: string, where: string): string | undefined => {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new ReplayFileError(`${where}: "${key}" must be a non-empty string`);
  return value.trim();
};

/** Parses JSONL, sorted by time (stable); lines without an id are numbered `line-N`. */
export function parseReplayFile(jsonl: string, source = 'file'): ReplayMessage[] {
  const messages: ReplayMessage[] = [];
  const lines = jsonl.replace(/^\uFEFF/, '').split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    if (lines[index].trim() === '') continue;
    const where = `${source} line ${index + 1}`;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(lines[index]);
    } catch (error) {
      throw new ReplayFileError(`${where}: not valid JSON (${(error as Error).message})`);
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new ReplayFileError(`${where}: expected an object with "time" and "text"`);
    const time = optionalText(record, 'time', where);
    const at = time === undefined ? NaN : Date.parse(time);
    if (!Number.isFinite(at)) throw new ReplayFileError(`${where}: "time" must be an ISO time such as 2026-11-02T08:00:00+08:00`);
    const body = optionalText(record, 'text', where);
    if (body === undefined) throw new ReplayFileError(`${where}: missing "text"`);
    const title = optionalText(record, 'title', where);
    messages.push({
      id: optionalText(record, 'id', where) ?? `line-${index + 1}`,
      at,
      title,
      body,
      channel: optionalText(record, 'channel', where),
      text: title === undefined ? body : `${title}\n${body}`,
      topic: optionalText(record, 'topic', where),
      copyOf: optionalText(record, 'copyOf', where),
      sender: optionalText(record, 'sender', where),
    });
  }
  const ids = new Set<string>();
  for (const m of messages) {
    if (ids.has(m.id)) throw new ReplayFileError(`${source}: the id ${m.id} appears twice`);
    ids.add(m.id);
  }
  for (const m of messages) {
    if (m.copyOf !== undefined && !ids.has(m.copyOf)) throw new ReplayFileError(`${source}: ${m.id} is a copy of ${m.copyOf}, which is not in the file`);
  }
  return messages.map((m, order) => ({ m, order })).sort((a, b) => a.m.at - b.m.at || a.order - b.order).map(({ m }) => m);
}

/** Pairwise precision and recall of a grouping against true groups (pairs in the same group). */
export function pairScores(predicted: ReadonlyMap<string, string>, truth: ReadonlyMap<string, string>): { precision: number; recall: number; f1: number } {
  const pairs = (groups: ReadonlyMap<string, string>) => {
    const members = new Map<string, string[]>();
    for (const [id, group] of groups) members.set(group, [...(members.get(group) ?? []), id]);
    const out = new Set<string>();
    for (const ids of members.values()) {
      const sorted = [...ids].sort();
      for (let i = 0; i < sorted.length; i += 1) for (let j = i + 1; j < sorted.length; j += 1) out.add(`${sorted[i]}\u0000${sorted[j]}`);
    }
    return out;
  };
  const p = pairs(predicted);
  const t = pairs(truth);
  let both = 0;
  for (const pair of p) if (t.has(pair)) both += 1;
  const precision = p.size === 0 ? 1 : both / p.size;
  const recall = t.size === 0 ? 1 : both / t.size;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

/** Purity and normalised mutual information (arithmetic mean of the entropies) of clusters against labels. */
export function clusteringScores(clusters: readonly string[], labels: readonly string[]): { purity: number; nmi: number } {
  if (clusters.length !== labels.length) throw new RangeError('clusters and labels differ in length');
  const n = clusters.length;
  if (n === 0) return { purity: 1, nmi: 1 };
  const joint = new Map<string, Map<string, number>>();
  const byLabel = new Map<string, number>();
  for (let i = 0; i < n; i += 1) {
    const row = joint.get(clusters[i]) ?? new Map<string, number>();
    row.set(labels[i], (row.get(labels[i]) ?? 0) + 1);
    joint.set(clusters[i], row);
    byLabel.set(labels[i], (byLabel.get(labels[i]) ?? 0) + 1);
  }
  let majority = 0;
  let mutual = 0;
  let clusterEntropy = 0;
  for (const row of joint.values()) {
    let size = 0;
    for (const count of row.values()) size += count;
    majority += Math.max(...row.values());
    clusterEntropy -= (size / n) * Math.log(size / n);
    for (const [label, count] of row) mutual += (count / n) * Math.log((n * count) / (size * (byLabel.get(label) as number)));
  }
  let labelEntropy = 0;
  for (const count of byLabel.values()) labelEntropy -= (count / n) * Math.log(count / n);
  const mean = (clusterEntropy + labelEntropy) / 2;
  return { purity: majority / n, nmi: mean === 0 ? 1 : mutual / mean };
}

export interface ReplayReport {
  messages: number;
  clusters: number;
  duplicates: { predicted: number; labelled: number; precision: number; recall: number; f1: number } | null;
  clustering: { labelled: number; purity: number; nmi: number } | null;
  /** The first alert of each cluster, with the codes of why (`AlertReason.code`). */
  alerts: { clusterId: string; label: string[]; level: string; reasons: string[]; at: number }[];
}

/**
 * Replays the messages in their time order (simulated time: each message's own) through near-duplicates, clustering,
 * sentiment and bursts. Lines on a public-post channel (`weibo-mention`, `weibo-comment`) are taken as the hub takes
 * posts: @names out, copies looked for among posts only (an index of their own). Duplicate groups are scored when the
 * file labels copies, clusters when it labels topics; a message the clusterer could not place counts as a cluster of
 * its own.
 */
export function replayForEvaluation(
  messages: readonly ReplayMessage[],
  engine: MonitorEngine,
  newDuplicateIndex: () => NearDuplicateIndex,
  tokenize: (text: string) => string[],
): ReplayReport {
  const duplicates = { message: newDuplicateIndex(), post: newDuplicateIndex() };
  const canonical = new Map<string, string>();
  const clusterOf = new Map<string, string>();
  const alerts: ReplayReport['alerts'] = [];
  const alerted = new Set<string>();
  for (const m of messages) {
    const post = publicPostKindOf(m.channel) !== null;
    const text = post ? publicPostText(m.text) : m.text;
    const match = duplicates[post ? 'post' : 'message'].add(m.id, text, m.at, m.sender);
    canonical.set(m.id, match?.canonicalId ?? m.id);
    const { topic } = engine.add({ id: m.id, at: m.at, tokens: tokenize(text), text, duplicate: match });
    clusterOf.set(m.id, topic?.assignment.clusterId ?? `unclustered-${m.id}`);
    if (topic && topic.alert.level !== 'none' && !alerted.has(topic.assignment.clusterId)) {
      alerted.add(topic.assignment.clusterId);
      const reasons = topic.alert.reasons.map((r) => r.code);
      alerts.push({ clusterId: topic.assignment.clusterId, label: topic.label, level: topic.alert.level, reasons, at: m.at });
    }
  }
  const copies = messages.filter((m) => m.copyOf !== undefined);
  let duplicateReport: ReplayReport['duplicates'] = null;
  if (copies.length > 0) {
    const copyOf = new Map(messages.map((m) => [m.id, m.copyOf]));
    const root = (id: string): string => {
      const seen = new Set<string>();
      let current = id;
      while (copyOf.get(current) !== undefined && !seen.has(current)) {
        seen.add(current);
        current = copyOf.get(current) as string;
      }
      return current;
    };
    const truth = new Map(messages.map((m) => [m.id, root(m.id)]));
    duplicateReport = {
      predicted: [...canonical].filter(([id, c]) => id !== c).length,
      labelled: copies.length,
      ...pairScores(canonical, truth),
    };
  }
  const labelled = messages.filter((m) => m.topic !== undefined);
  const clustering =
    labelled.length === 0
      ? null
      : { labelled: labelled.length, ...clusteringScores(labelled.map((m) => clusterOf.get(m.id) as string), labelled.map((m) => m.topic as string)) };
  return { messages: messages.length, clusters: new Set(clusterOf.values()).size, duplicates: duplicateReport, clustering, alerts };
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

export function formatReplayReport(report: ReplayReport, shanghaiTime: (at: number) => string): string {
  const lines = [`messages: ${report.messages}, clusters: ${report.clusters}`];
  lines.push(
    report.duplicates === null
      ? 'near-duplicates: no copies labelled ("copyOf"), not scored'
      : `near-duplicates: ${report.duplicates.predicted} found, ${report.duplicates.labelled} labelled; pairwise precision ${pct(report.duplicates.precision)}, recall ${pct(report.duplicates.recall)}, F1 ${pct(report.duplicates.f1)}`,
  );
  lines.push(
    report.clustering === null
      ? 'clusters: no topics labelled ("topic"), not scored'
      : `clusters over ${report.clustering.labelled} labelled messages: purity ${report.clustering.purity.toFixed(3)}, NMI ${report.clustering.nmi.toFixed(3)}`,
  );
  lines.push(`alerts: ${report.alerts.length}`);
  for (const a of report.alerts) lines.push(`  ${shanghaiTime(a.at)}  ${a.level.padEnd(8)} ${a.clusterId}  ${a.label.join(' ')}  (${a.reasons.join(', ')})`);
  return lines.join('\n');
}
