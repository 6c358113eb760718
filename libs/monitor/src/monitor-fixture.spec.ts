import * as path from 'node:path';

import { KeywordExtractor, NodejiebaSegmenter } from '@wenzheng/nlp';

import { alertLevel } from './alert-level';
import { detectClusterBurst } from './burst-detector';
import { NearDuplicateIndex } from './near-duplicate-index';
import { loadDefaultSentimentLexicon } from './sentiment-lexicon';
import { SentimentScorer } from './sentiment-scorer';
import { MONITOR_MESSAGES, MonitorTopic } from './testing/monitor-messages';
import { TopicClusterer } from './topic-clusterer';

const CONFIG = path.resolve(__dirname, '../../../config/nlp');

/** The monitor's pieces run over the invented message board the way the worker will run them. */
describe('the monitor on a realistic message board', () => {
  const segmenter = NodejiebaSegmenter.create({ userDictPath: path.join(CONFIG, 'user-dict.txt') });
  const keywords = KeywordExtractor.fromFiles({ stopWordsPath: path.join(CONFIG, 'stop-words.txt') });
  const scorer = new SentimentScorer(loadDefaultSentimentLexicon());
  const messages = [...MONITOR_MESSAGES].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  const duplicates = new NearDuplicateIndex();
  // Ten-minute counts for a day: the alert below is judged on day-long windows.
  const clusters = new TopicClusterer({ idf: (term) => keywords.idfOf(term), recentBuckets: 24 * 6 });
  const links = new Map<string, string>();
  const clusterOf = new Map<string, string>();
  const sentimentOf = new Map<string, number>();
  for (const m of messages) {
    const at = Date.parse(m.at);
    const match = duplicates.add(m.id, m.text, at);
    if (match !== null) links.set(m.id, match.canonicalId);
    const tokens = segmenter.cut(m.text.normalize('NFKC'));
    const sentiment = scorer.score({ tokens, text: m.text });
    sentimentOf.set(m.id, sentiment.score);
    const assignment = clusters.add({
      id: m.id,
      at,
      tokens: tokens.filter((t) => keywords.isCandidate(t)),
      channel: m.channel,
      unitCode: m.unitCode,
      sentiment: sentiment.score,
    });
    if (assignment !== null) clusterOf.set(m.id, assignment.clusterId);
  }

  const topicIds = (topic: MonitorTopic): string[] => MONITOR_MESSAGES.filter((m) => m.topic === topic).map((m) => m.id);
  /** The cluster holding most of a topic's messages. */
  const mainCluster = (topic: MonitorTopic): string => {
    const counts = new Map<string, number>();
    for (const id of topicIds(topic)) counts.set(clusterOf.get(id) ?? '', (counts.get(clusterOf.get(id) ?? '') ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0][0];
  };

  it('links exactly the copies to their originals', () => {
    const expected = new Map(MONITOR_MESSAGES.filter((m) => m.copyOf).map((m) => [m.id, m.copyOf as string]));
    expect(links).toEqual(expected);
    expect(links.size).toBe(4);
  });

  it.each([
    ['barbecue', ['烧烤', '油烟'], 7],
    ['compensation', ['补偿款', '安置房'], 9],
    ['heating', ['热力公司', '暖气不热'], 8],
  ] as const)('forms one %s cluster around its messages and labels it', (topic, labelWords, atLeast) => {
    const id = mainCluster(topic);
    const members = [...clusterOf].filter(([, c]) => c === id).map(([m]) => m);
    expect(members.filter((m) => topicIds(topic).includes(m)).length).toBeGreaterThanOrEqual(atLeast);
    expect(members.filter((m) => !topicIds(topic).includes(m))).toEqual([]);
    const summary = clusters.summary(id);
    for (const word of labelWords) expect(summary?.label).toContain(word);
  });

  it('keeps the three topics apart and the other messages out of them', () => {
    const ids = (['barbecue', 'compensation', 'heating'] as const).map(mainCluster);
    expect(new Set(ids).size).toBe(3);
    for (const m of MONITOR_MESSAGES.filter((x) => x.topic === 'other')) expect(ids).not.toContain(clusterOf.get(m.id));
  });

  it('gives the complaint topics a negative mood and the praise a positive one', () => {
    expect(clusters.summary(mainCluster('barbecue'))?.sentimentAverage).toBeLessThan(-0.5);
    expect(clusters.summary(mainCluster('compensation'))?.sentimentAverage).toBeLessThan(-0.3);
    expect(sentimentOf.get('m30')).toBeGreaterThan(0.5);
    expect(sentimentOf.get('m28')).toBe(0);
  });

  it('summarises where a cluster came from', () => {
    const summary = clusters.summary(mainCluster('heating'));
    expect(summary?.unitCodes).toEqual([{ code: 'heat-co', count: summary?.messageCount }]);
    expect(summary?.channels.map((c) => c.name).sort()).toEqual(['hotline', 'portal', 'wechat', 'weibo']);
    expect(summary?.sampleMessageIds.slice(0, 3)).toEqual(['m15', 'm16', 'm17']);
    expect(summary?.daily.map((d) => d.count)).toEqual([4, 4]);
  });

  it('raises a 重大 alert for the compensation topic on its second day, and none for the heating topic', () => {
    const now = Date.parse('2026-01-13T23:00:00+08:00');
    const options = { windowHours: 24, historyWindows: 2 };
    const compensation = detectClusterBurst(clusters.pulse(mainCluster('compensation'))!, now, options);
    expect(compensation.watchCategories.map((w) => w.category)).toContain('住房保障');
    expect(compensation.hot).toBe(true);
    const alert = alertLevel(compensation);
    expect(alert.level).toBe('critical');
    expect(alert.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['burst', 'negative-sentiment', 'watch-category']));

    const heating = detectClusterBurst(clusters.pulse(mainCluster('heating'))!, now, options);
    expect(heating.hot).toBe(false);
    expect(alertLevel(heating).level).toBe('none');
  });
});
