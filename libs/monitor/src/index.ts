export { ALERT_LEVEL_NAMES, alertChange, alertLevel, DEFAULT_ALERT_OPTIONS } from './alert-level';
export type { Alert, AlertInput, AlertLevel, AlertOptions, AlertReason } from './alert-level';
export { DEFAULT_BURST_OPTIONS, detectBurst, detectClusterBurst, windowCounts } from './burst-detector';
export type { BurstSubject } from './burst-detector';
export type {
  BurstInput,
  BurstOptions,
  BurstResult,
  ClusterBurst,
  ClusterBurstOptions,
  WindowCountOptions,
} from './burst-detector';
export { DEFAULT_FINGERPRINT_MAX_LENGTH, DEFAULT_TEMPLATE_PATTERNS, fingerprintText } from './fingerprint-text';
export type { FingerprintTextOptions } from './fingerprint-text';
export {
  bandKeys,
  candidateProbability,
  DEFAULT_MINHASH_OPTIONS,
  estimateJaccard,
  jaccard,
  minHashConfig,
  minHashSignature,
  shingleHashes,
} from './minhash';
export type { MinHashConfig, MinHashOptions } from './minhash';
export {
  bestNearDuplicate,
  DEFAULT_NEAR_DUPLICATE_THRESHOLD,
  DEFAULT_NEAR_DUPLICATE_WINDOW_MS,
  messageFingerprint,
  NearDuplicateIndex,
  resentAmong,
} from './near-duplicate-index';
export type {
  MessageFingerprint,
  NearDuplicateCandidate,
  NearDuplicateMatch,
  NearDuplicateOptions,
} from './near-duplicate-index';
export {
  defaultLexiconDirectory,
  LEXICON_FILE_NAMES,
  LexiconError,
  loadDefaultSentimentLexicon,
  parseLexiconList,
  sentimentLexiconFromFiles,
} from './sentiment-lexicon';
export type { LexiconWeights, SentimentLexicon, SentimentLexiconFiles } from './sentiment-lexicon';
export { DEFAULT_SENTIMENT_OPTIONS, SentimentScorer } from './sentiment-scorer';
export type {
  SentimentCue,
  SentimentInput,
  SentimentLabel,
  SentimentPunctuationCue,
  SentimentResult,
  SentimentScorerOptions,
  SentimentWordCue,
} from './sentiment-scorer';
export { DEFAULT_TOPIC_CLUSTERER_OPTIONS, TopicClusterer } from './topic-clusterer';
export type {
  TermVector,
  TopicAssignment,
  TopicClusterState,
  TopicClustererOptions,
  TopicClustererState,
  TopicClusterPulse,
  TopicClusterSummary,
  TopicMessage,
} from './topic-clusterer';
export { WATCH_CATEGORIES, WATCH_CATEGORY_WORDS, watchCategoriesOf, watchWordsIn } from './watch-categories';
export type { WatchCategory, WatchMatch } from './watch-categories';
export { burstOptionsOf, DEFAULT_MONITOR_SETTINGS, MonitorEngine, monitorClusterer } from './monitor-engine';
export type { MonitoredMessage, MonitorOutcome, MonitorSettings, TermWeights } from './monitor-engine';
export { majorityOf } from './majority';
export { publicPostKindOf, publicPostText } from './public-post-text';
export * from './store/monitor.entities';
export * from './store/monitor-processor.service';
export * from './store/monitor-cases.service';
export * from './store/monitor-views.service';
export * from './store/merge-suggestions.service';
export * from './jobs/monitor-message.job';
export * from './jobs/monitor-public-post.job';
export * from './jobs/monitor-sweeper.service';
export * from './monitor.module';
export { clusteringScores, formatReplayReport, pairScores, parseReplayFile, replayForEvaluation, ReplayFileError } from './evaluation';
export type { ReplayMessage, ReplayReport } from './evaluation';
export { BACKGROUND_TOPICS, BURST_TOPIC, monitorStream, shanghaiIso } from './demo-stream';
export type { StreamMessage } from './demo-stream';
