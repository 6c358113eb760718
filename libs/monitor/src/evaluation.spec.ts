import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { KeywordExtractor, RsJiebaSegmenter, TextAnalyzer } from '@wenzheng/nlp';
import { clusteringScores, pairScores, parseReplayFile, replayForEvaluation, ReplayFileError } from './evaluation';
import { DEFAULT_MONITOR_SETTINGS, MonitorEngine } from './monitor-engine';
import { NearDuplicateIndex } from './near-duplicate-index';
import { loadDefaultSentimentLexicon } from './sentiment-lexicon';
import { SentimentScorer } from './sentiment-scorer';

const CONFIG = path.resolve(__dirname, '../../../config/nlp');

describe('clusteringScores', () => {
  it.each([
    ['a perfect clustering', ['x', 'x', 'y', 'y'], ['a', 'a', 'b', 'b'], 1, 1],
    ['the same up to names', ['1', '1', '2', '2'], ['b', 'b', 'a', 'a'], 1, 1],
    ['everything in one cluster', ['x', 'x', 'x', 'x'], ['a', 'a', 'b', 'b'], 0.5, 0],
    ['singletons: pure, but half the information', ['1', '2', '3', '4'], ['a', 'a', 'b', 'b'], 1, 2 / 3],
  ])('scores %s', (_what, clusters, labels, purity, nmi) => {
    const scores = clusteringScores(clusters, labels);
    expect(scores.purity).toBeCloseTo(purity, 10);
    expect(scores.nmi).toBeCloseTo(nmi, 10);
  });
});

describe('pairScores', () => {
  const groups = (entries: Record<string, string>) => new Map(Object.entries(entries));
  it.each([
    ['exact groups', { a: 'a', b: 'a', c: 'c' }, { a: 'a', b: 'a', c: 'c' }, 1, 1],
    ['one wrong link', { a: 'a', b: 'a', c: 'a' }, { a: 'a', b: 'a', c: 'c' }, 1 / 3, 1],
    ['a missed copy', { a: 'a', b: 'b', c: 'c' }, { a: 'a', b: 'a', c: 'c' }, 1, 0],
  ])('scores %s', (_what, predicted, truth, precision, recall) => {
    expect(pairScores(groups(predicted), groups(truth))).toMatchObject({ precision, recall });
  });
});

describe('parseReplayFile', () => {
  it('reads the shape, numbers lines without an id and sorts by time', () => {
    const messages = parseReplayFile(
      [
        '{"time":"2026-11-02T09:00:00+08:00","text":"后来","topic":"t"}',
        '',
        '{"id":"a","time":"2026-11-02T08:00:00+08:00","title":"标题","text":"先到","channel":"wechat","sender":"u1"}',
      ].join('\n'),
    );
    expect(messages.map((m) => [m.id, m.text, m.topic, m.channel, m.sender])).toEqual([
      ['a', '标题\n先到', undefined, 'wechat', 'u1'],
      ['line-1', '后来', 't', undefined, undefined],
    ]);
  });

  it.each([
    ['{"text":"x"}', /line 1: "time" must be an ISO time/],
    ['{"time":"2026-11-02T08:00:00Z"}', /line 1: missing "text"/],
    ['not json', /line 1: not valid JSON/],
    ['[1]', /expected an object/],
    ['{"id":"a","time":"2026-11-02T08:00:00Z","text":"x","copyOf":"b"}', /a is a copy of b, which is not in the file/],
    ['{"id":"a","time":"2026-11-02T08:00:00Z","text":"x"}\n{"id":"a","time":"2026-11-02T08:00:00Z","text":"y"}', /the id a appears twice/],
  ])('refuses %s', (text, message) => {
    expect(() => parseReplayFile(text)).toThrow(ReplayFileError);
    expect(() => parseReplayFile(text)).toThrow(message);
  });
});

describe('replayForEvaluation on the shipped message board', () => {
  const keywords = KeywordExtractor.fromFiles({ stopWordsPath: path.join(CONFIG, 'stop-words.txt') });
  const analyzer = new TextAnalyzer(RsJiebaSegmenter.create({ userDictPath: path.join(CONFIG, 'user-dict.txt') }), keywords);
  const settings = DEFAULT_MONITOR_SETTINGS;
  const file = path.resolve(__dirname, '../eval/message-board.jsonl');

  it('finds exactly the labelled copies and clusters the topics apart', () => {
    const report = replayForEvaluation(
      parseReplayFile(readFileSync(file, 'utf8'), file),
      new MonitorEngine(settings, keywords, new SentimentScorer(loadDefaultSentimentLexicon())),
      () => new NearDuplicateIndex(),
      (text) => analyzer.tokenize(text),
    );
    expect(report.duplicates).toEqual({ predicted: 4, labelled: 4, precision: 1, recall: 1, f1: 1 });
    expect(report.clustering?.purity).toBeGreaterThan(0.9);
    expect(report.clustering?.nmi).toBeGreaterThan(0.9);
  });

  it('takes public-post lines as the hub takes posts: @names out, copies among posts only', () => {
    const text = '开发区化工厂半夜偷排废水，白沙河里的鱼都死了，环保部门到现在不管不问！';
    const lines = [
      { id: 'm1', time: '2026-11-02T08:00:00+08:00', channel: 'portal', text },
      { id: 'p1', time: '2026-11-02T09:00:00+08:00', channel: 'weibo-mention', text: `@平度发布 ${text}` },
      // Another account, another @name in front: a copy of the first post, not of the message.
      { id: 'p2', time: '2026-11-02T09:05:00+08:00', channel: 'weibo-comment', text: `@白沙河边人 @东阁发布 ${text}`, copyOf: 'p1' },
    ];
    const report = replayForEvaluation(
      parseReplayFile(lines.map((line) => JSON.stringify(line)).join('\n')),
      new MonitorEngine(settings, keywords, new SentimentScorer(loadDefaultSentimentLexicon())),
      () => new NearDuplicateIndex(),
      (line) => analyzer.tokenize(line),
    );
    expect(report.duplicates).toEqual({ predicted: 1, labelled: 1, precision: 1, recall: 1, f1: 1 });
  });

  it("counts a post copied by other accounts towards a campaign, and one account's own reposts as no new voice", () => {
    // Posted the day before, then six times within minutes: each of the six is a near-duplicate of an earlier post.
    const text = '东阁街道凤台路的路灯坏了一个多月，晚上黑乎乎的，希望尽快派人修一修。';
    const times = ['2026-11-01T09:00:00+08:00', ...Array.from({ length: 6 }, (_, i) => `2026-11-02T09:0${i}:00+08:00`)];
    const burst = (sender: (i: number) => string | undefined) =>
      times.map((time, i) => ({ id: `p${i}`, time, channel: 'weibo-mention', text: `@平度发布 ${text}`, sender: sender(i) }));
    const alertsOf = (lines: object[]) =>
      replayForEvaluation(
        parseReplayFile(lines.map((line) => JSON.stringify(line)).join('\n')),
        new MonitorEngine(settings, keywords, new SentimentScorer(loadDefaultSentimentLexicon())),
        () => new NearDuplicateIndex(),
        (line) => analyzer.tokenize(line),
      ).alerts;
    const byMany = alertsOf(burst((i) => `account-${i}`));
    expect(byMany).toHaveLength(1);
    expect(byMany[0].reasons).toContain('copies');
    // One account posting its text again and again is one voice: no burst.
    expect(alertsOf(burst(() => 'one-account'))).toEqual([]);
    // Without senders each post is someone else's copy, as before.
    expect(alertsOf(burst(() => undefined)).map((a) => a.reasons)).toEqual(byMany.map((a) => a.reasons));
  });
});
