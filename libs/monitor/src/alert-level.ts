import type { BurstResult } from './burst-detector';
import type { WatchCategory, WatchMatch } from './watch-categories';

export type AlertLevel = 'none' | 'info' | 'warning' | 'critical';

/** The names staff see, after the grading of public events (一般 / 较大 / 重大). */
export const ALERT_LEVEL_NAMES: Readonly<Record<Exclude<AlertLevel, 'none'>, string>> = {
  info: '一般',
  warning: '较大',
  critical: '重大',
};

export type AlertReason =
  | { code: 'burst'; z: number; zThreshold: number; count: number; minCount: number }
  | { code: 'strong-burst'; z: number; threshold: number }
  | { code: 'high-volume'; count: number; threshold: number }
  | { code: 'negative-sentiment'; average: number; threshold: number }
  | { code: 'watch-category'; category: WatchCategory; words: string[] }
  | { code: 'watch-word'; words: string[] }
  | { code: 'copies'; copies: number; count: number };

/** A burst with what the topic touches; a `ClusterBurst` is one. */
export interface AlertInput extends BurstResult {
  sentimentAverage: number | null;
  watchCategories: readonly WatchMatch[];
  watchWords: readonly string[];
  /** Of the window's messages, the near-duplicates of earlier ones; unknown when absent. */
  copies?: number;
}

export interface AlertOptions {
  /** z at or above `zThreshold` × this aggravates; default 2. */
  strongBurstFactor?: number;
  /** A count at or above `minCount` × this aggravates; default 4. */
  highVolumeFactor?: number;
  /** A sentiment average at or below this aggravates; default −0.3. */
  negativeSentiment?: number;
  /** Copies making at least this share of the window (and at least its minimum count) aggravate; default 0.5. */
  copyShare?: number;
}

export const DEFAULT_ALERT_OPTIONS: Readonly<Required<AlertOptions>> = {
  strongBurstFactor: 2,
  highVolumeFactor: 4,
  negativeSentiment: -0.3,
  copyShare: 0.5,
};

export interface Alert {
  level: AlertLevel;
  /** Why, the burst first; empty when the level is none. */
  reasons: AlertReason[];
}

/**
 * Only a hot topic raises an alert. It is 一般 (info) by itself; each aggravating factor —
 * a strong burst, a high volume, a negative mood, a watch category, a watch word, a window
 * made mostly of copies (the same post from many accounts, a template letter) — raises it
 * one step: one makes it 较大 (warning), two or more 重大 (critical).
 */
export function alertLevel(input: AlertInput, options: AlertOptions = {}): Alert {
  // Field by field rather than over Object.entries: this runs for every message of the monitor.
  const o: Required<AlertOptions> = {
    strongBurstFactor: options.strongBurstFactor ?? DEFAULT_ALERT_OPTIONS.strongBurstFactor,
    highVolumeFactor: options.highVolumeFactor ?? DEFAULT_ALERT_OPTIONS.highVolumeFactor,
    negativeSentiment: options.negativeSentiment ?? DEFAULT_ALERT_OPTIONS.negativeSentiment,
    copyShare: options.copyShare ?? DEFAULT_ALERT_OPTIONS.copyShare,
  };
  const burst: BurstResult = input;
  if (!burst.hot) return { level: 'none', reasons: [] };

  const reasons: AlertReason[] = [
    { code: 'burst', z: burst.z, zThreshold: burst.zThreshold, count: burst.count, minCount: burst.minCount },
  ];
  let factors = 0;
  const strong = burst.zThreshold * o.strongBurstFactor;
  if (burst.z >= strong) {
    reasons.push({ code: 'strong-burst', z: burst.z, threshold: strong });
    factors += 1;
  }
  const high = Math.max(1, burst.minCount) * o.highVolumeFactor;
  if (burst.count >= high) {
    reasons.push({ code: 'high-volume', count: burst.count, threshold: high });
    factors += 1;
  }
  if (input.sentimentAverage !== null && input.sentimentAverage <= o.negativeSentiment) {
    reasons.push({ code: 'negative-sentiment', average: input.sentimentAverage, threshold: o.negativeSentiment });
    factors += 1;
  }
  if (input.watchCategories.length > 0) {
    for (const match of input.watchCategories) {
      reasons.push({ code: 'watch-category', category: match.category, words: [...match.words] });
    }
    factors += 1;
  }
  if (input.watchWords.length > 0) {
    reasons.push({ code: 'watch-word', words: [...input.watchWords] });
    factors += 1;
  }
  const copies = input.copies ?? 0;
  if (copies > 0 && copies >= burst.minCount && copies >= burst.count * o.copyShare) {
    reasons.push({ code: 'copies', copies, count: burst.count });
    factors += 1;
  }
  return { level: factors === 0 ? 'info' : factors === 1 ? 'warning' : 'critical', reasons };
}

const LEVEL_RANK: Readonly<Record<AlertLevel, number>> = { none: 0, info: 1, warning: 2, critical: 3 };

/**
 * What a hot reading at `level` does to a cluster's unresolved alert (`active`: its level, null when there is none):
 * `raise` one (new, or a worse level: the monitors are told again), `refresh` its figures and reasons (the same
 * level: the topic is still growing, and an alert that kept its first count would understate it), or `keep` it (a
 * milder reading: an alert's level never falls, and its figures stay those of its level).
 */
export function alertChange(active: AlertLevel | null, level: AlertLevel): 'raise' | 'refresh' | 'keep' {
  if (level === 'none') return 'keep';
  if (active === null || LEVEL_RANK[level] > LEVEL_RANK[active]) return 'raise';
  return level === active ? 'refresh' : 'keep';
}
