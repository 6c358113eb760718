/** What the bot reports on /health and in its log. */
export type BotState = 'starting' | 'waiting-for-scan' | 'logged-in' | 'logged-out' | 'reconnecting' | 'stopped';

export interface BotStateReport {
  name: string;
  state: BotState;
  /** When this state began, and when the bot last said so (the key expires when it stops saying). */
  since: string;
  reportedAt: string;
  /** The logged-in account's name. */
  user: string | null;
  /** The last error, or the scan URL while waiting for a scan. */
  detail: string | null;
}

export const BOT_STATE_TTL_SECONDS = 90;
export const BOT_STATE_HEARTBEAT_MS = 30_000;

export const botStateKey = (queuePrefix: string) => `${queuePrefix}:bot:state`;

/** The stored report, or `not-reporting` when there is none (no bot, or it died more than the TTL ago) or it is unreadable. */
export function readBotState(raw: string | null): BotStateReport | { state: 'not-reporting' } {
  if (!raw) return { state: 'not-reporting' };
  try {
    const report = JSON.parse(raw) as BotStateReport;
    return typeof report?.state === 'string' ? report : { state: 'not-reporting' };
  } catch {
    return { state: 'not-reporting' };
  }
}
