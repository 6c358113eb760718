import * as path from 'node:path';
import { loadHubConfig } from '@wenzheng/config';
import { KeywordExtractor, RsJiebaSegmenter } from '@wenzheng/nlp';
import { DEFAULT_MONITOR_SETTINGS, MonitorEngine } from './monitor-engine';
import { loadDefaultSentimentLexicon } from './sentiment-lexicon';
import { SentimentScorer } from './sentiment-scorer';
import { BURST_TOPIC, monitorStream, StreamMessage } from './demo-stream';

const CONFIG = path.resolve(__dirname, '../../../config/nlp');
const SETTINGS = DEFAULT_MONITOR_SETTINGS;
const START = Date.parse('2026-11-02T08:00:00+08:00');

describe('MonitorEngine', () => {
  const segmenter = RsJiebaSegmenter.create({ userDictPath: path.join(CONFIG, 'user-dict.txt') });
  const keywords = KeywordExtractor.fromFiles({ stopWordsPath: path.join(CONFIG, 'stop-words.txt') });
  const scorer = new SentimentScorer(loadDefaultSentimentLexicon());
  const run = (messages: StreamMessage[], engine = new MonitorEngine(SETTINGS, keywords, scorer)) => {
    const alerts = new Map<string, string[]>();
    const clusterOf = new Map<string, string>();
    for (const m of messages) {
      const tokens = segmenter.cut(m.text.normalize('NFKC'));
      const { topic } = engine.add({ id: m.id, at: Date.parse(m.time), tokens, text: m.text });
      if (!topic) continue;
      clusterOf.set(m.id, topic.assignment.clusterId);
      if (topic.alert.level !== 'none') alerts.set(topic.assignment.clusterId, [...(alerts.get(topic.assignment.clusterId) ?? []), m.id]);
    }
    return { alerts, clusterOf, engine };
  };
  const burstIds = (messages: StreamMessage[]) => messages.filter((m) => m.topic === BURST_TOPIC.key).map((m) => m.id);

  it('gathers a burst of 40 messages among background traffic into one cluster, and only it is hot', () => {
    const messages = monitorStream({ start: START, hours: 72, burst: { atHour: 60, count: 40, minutes: 120 } });
    const { alerts, clusterOf } = run(messages);
    const clusters = new Set(burstIds(messages).map((id) => clusterOf.get(id)));
    expect(clusters.size).toBe(1);
    expect([...alerts.keys()]).toEqual([...clusters]);
  });

  it('raises a template letter one step: the same burst, most of it copies', () => {
    const messages = monitorStream({ start: START, hours: 24, burst: { atHour: 20, count: 12, minutes: 40 } });
    const levels = (copies: boolean) => {
      const engine = new MonitorEngine(SETTINGS, keywords, scorer);
      const seen = new Set<string>();
      let last: { level: string; codes: string[]; copies: number } | null = null;
      for (const m of messages) {
        const tokens = segmenter.cut(m.text.normalize('NFKC'));
        // In the second run, every burst message after the first is marked a copy (as a near-duplicate lookup would mark a template letter's).
        const copy = copies && m.topic === BURST_TOPIC.key && seen.size > 0;
        if (m.topic === BURST_TOPIC.key) seen.add(m.id);
        const { topic } = engine.add({ id: m.id, at: Date.parse(m.time), tokens, text: m.text, duplicate: copy ? { resent: false } : null });
        if (topic && m.topic === BURST_TOPIC.key) last = { level: topic.alert.level, codes: topic.alert.reasons.map((r) => r.code), copies: topic.burst.copies };
      }
      return last as unknown as { level: string; codes: string[]; copies: number };
    };
    const plain = levels(false);
    const copied = levels(true);
    expect(plain.copies).toBe(0);
    expect(copied.copies).toBe(11);
    expect(plain.codes).not.toContain('copies');
    expect(copied.codes).toEqual([...plain.codes, 'copies']);
    const rank = ['none', 'info', 'warning', 'critical'];
    expect(rank.indexOf(copied.level)).toBe(Math.min(3, rank.indexOf(plain.level) + 1));
  });

  it("takes one citizen's resends for one voice: a burst of them alone is not hot, and they survive a sync", () => {
    const messages = monitorStream({ start: START, hours: 24, burst: { atHour: 20, count: 12, minutes: 40 } });
    const engine = new MonitorEngine(SETTINGS, keywords, scorer);
    let first: string | null = null;
    let last: { clusterId: string; level: string; count: number; resends: number } | null = null;
    for (const m of messages) {
      const burst = m.topic === BURST_TOPIC.key;
      // Every burst message after the first, as the near-duplicate lookup marks a sender's own letter sent again.
      const resent = burst && first !== null;
      if (burst) first ??= m.id;
      const duplicate = resent ? { resent: true } : null;
      const { topic } = engine.add({ id: m.id, at: Date.parse(m.time), tokens: segmenter.cut(m.text.normalize('NFKC')), text: m.text, duplicate });
      if (topic && burst) last = { clusterId: topic.assignment.clusterId, level: topic.alert.level, count: topic.burst.count, resends: topic.burst.resends };
    }
    // The same stream without the marks alerts (the template-letter test above): here the window holds one voice.
    expect(last).toMatchObject({ level: 'none', count: 1, resends: 11 });
    const { clusterId } = last as { clusterId: string };
    const state = engine.clusterer.clusterState(clusterId)!;
    expect(state.messageCount).toBeGreaterThanOrEqual(12);
    const other = new MonitorEngine(SETTINGS, keywords, scorer);
    other.clusterer.sync({ clock: engine.clusterer.currentClock, nextSeq: engine.clusterer.nextSequence, changed: [state], removed: [] });
    const pulse = other.clusterer.pulse(clusterId)!;
    expect([...pulse.hourlyResends.values()].reduce((a, b) => a + b, 0)).toBe(11);
    expect([...pulse.recentResends.values()].reduce((a, b) => a + b, 0)).toBe(11);
  });

  it('raises nothing for the same 40 messages spread over a week', () => {
    const messages = monitorStream({ start: START, hours: 7 * 24, burst: { atHour: 0, count: 40, minutes: 7 * 24 * 60 } });
    const { alerts, clusterOf } = run(messages);
    expect(new Set(burstIds(messages).map((id) => clusterOf.get(id))).size).toBe(1);
    expect(alerts.size).toBe(0);
  });

  it('gives two engines that share cluster rows through sync the same clusters as one engine alone', () => {
    const messages = monitorStream({ start: START, hours: 24, burst: { atHour: 12, count: 20, minutes: 60 } });
    const alone = run(messages).clusterOf;
    const engines = [0, 1].map(() => new MonitorEngine(SETTINGS, keywords, scorer));
    const shared = new Map<string, string>();
    let clock: number | null = null;
    let nextSeq = 1;
    messages.forEach((m, i) => {
      const engine = engines[i % 2];
      const other = engines[(i + 1) % 2];
      const { topic } = engine.add({ id: m.id, at: Date.parse(m.time), tokens: segmenter.cut(m.text.normalize('NFKC')), text: m.text });
      clock = engine.clusterer.currentClock;
      nextSeq = engine.clusterer.nextSequence;
      if (!topic) return;
      shared.set(m.id, topic.assignment.clusterId);
      const changed = [engine.clusterer.clusterState(topic.assignment.clusterId)!];
      other.clusterer.sync({ clock, nextSeq, changed, removed: [] });
    });
    expect(shared).toEqual(alone);
  });

  it('runs by default with the defaults of the configuration', () => {
    // The batch size is the processor's, not the engine's.
    const { batchSize, ...engine } = loadHubConfig({}).monitor;
    expect(engine).toEqual(DEFAULT_MONITOR_SETTINGS);
    expect(batchSize).toBe(64);
  });
});
