import { Alert, alertLevel } from './alert-level';
import { ClusterBurst, ClusterBurstOptions, detectClusterBurst } from './burst-detector';
import { SentimentResult, SentimentScorer } from './sentiment-scorer';
import { TopicAssignment, TopicClusterer, TopicClusterPulse } from './topic-clusterer';
import { HOUR_MS, RECENT_BUCKET_MS } from './time';

/** The monitor's tunables, as `HubConfig.monitor` holds them. */
export interface MonitorSettings {
  duplicateThreshold: number;
  clusterThreshold: number;
  windowMs: number;
  burstWindowHours: number;
  burstHistoryWindows: number;
  burstZ: number;
  burstMinCount: number;
  watchWords: readonly string[];
}

/** The defaults of the MONITOR_* variables (README, Configuration). */
export const DEFAULT_MONITOR_SETTINGS: Readonly<MonitorSettings> = Object.freeze({
  duplicateThreshold: 0.5,
  clusterThreshold: 0.2,
  windowMs: 72 * 3_600_000,
  burstWindowHours: 1,
  burstHistoryWindows: 24,
  burstZ: 3,
  burstMinCount: 5,
  watchWords: [],
});

/** What the engine needs from the keyword extractor: a fixed idf and the filter of terms worth clustering on. */
export interface TermWeights {
  idfOf(term: string): number;
  isCandidate(token: string): boolean;
}

export interface MonitoredMessage {
  id: string;
  at: number;
  /** Segmenter output (word tokens, stop words kept: negations and degree words are stop words). */
  tokens: readonly string[];
  text: string;
  channel?: string;
  /**
   * What the caller's near-duplicate lookup found for it (an in-memory index or the stored signatures): null or absent
   * for none. A copy of someone else's message counts towards a campaign; a resend of the sender's own is no new voice.
   */
  duplicate?: { resent: boolean } | null;
}

export interface MonitorOutcome {
  sentiment: SentimentResult;
  /** Null when the message has no term to cluster on. `clusterer.summary` gives the rest of the cluster. */
  topic: { assignment: TopicAssignment; label: string[]; burst: ClusterBurst; alert: Alert } | null;
}

export function burstOptionsOf(settings: MonitorSettings): ClusterBurstOptions {
  return {
    zThreshold: settings.burstZ,
    minCount: settings.burstMinCount,
    windowHours: settings.burstWindowHours,
    historyWindows: settings.burstHistoryWindows,
    watchWords: settings.watchWords,
  };
}

/** A clusterer that keeps enough hourly and ten-minute buckets for the burst windows and fades on the monitor's window. */
export function monitorClusterer(settings: MonitorSettings, terms: TermWeights): TopicClusterer {
  return new TopicClusterer({
    idf: (term) => terms.idfOf(term),
    isTerm: (token) => terms.isCandidate(token),
    threshold: settings.clusterThreshold,
    windowMs: settings.windowMs,
    hourlyBuckets: Math.max(72, settings.burstWindowHours * (settings.burstHistoryWindows + 1)),
    recentBuckets: (settings.burstWindowHours * HOUR_MS) / RECENT_BUCKET_MS,
  });
}

/**
 * Sentiment, topic cluster and burst of one message, with the clusterer the caller keeps (in memory, or synced
 * with PostgreSQL by the worker). Near-duplicates are the caller's: an in-memory index or the stored signatures.
 */
export class MonitorEngine {
  private readonly burstOptions: ClusterBurstOptions;

  constructor(
    settings: MonitorSettings,
    terms: TermWeights,
    private readonly scorer: SentimentScorer,
    readonly clusterer: TopicClusterer = monitorClusterer(settings, terms),
  ) {
    this.burstOptions = burstOptionsOf(settings);
  }

  add(message: MonitoredMessage): MonitorOutcome {
    const sentiment = this.scorer.score({ tokens: message.tokens, text: message.text });
    const assignment = this.clusterer.add({
      id: message.id,
      at: message.at,
      tokens: message.tokens,
      channel: message.channel,
      sentiment: sentiment.score,
      copy: message.duplicate != null && !message.duplicate.resent,
      resent: message.duplicate?.resent === true,
    });
    if (assignment === null) return { sentiment, topic: null };
    const pulse = this.clusterer.pulse(assignment.clusterId) as TopicClusterPulse;
    const burst = detectClusterBurst(pulse, message.at, this.burstOptions);
    return { sentiment, topic: { assignment, label: pulse.label, burst, alert: alertLevel(burst) } };
  }
}
