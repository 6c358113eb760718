import { formatShanghaiDate } from '@wenzheng/web-pages';

/** An unsent duty-group notice, as the bot reads it. */
export interface DutyNotice {
  id: string;
  title: string;
  body: string;
  ticketId: string | null;
  createdAt: Date;
}

export interface DutyPacing {
  /** A notice waits this long for the rest of a storm before anything is sent. */
  gatherMs: number;
  /** A group gets at most one message per this interval; what arrives meanwhile waits for the next. */
  minIntervalMs: number;
}

export type DutyFlush = { send: false; notBefore: Date | null } | { send: true; ids: string[]; text: string };

/** Lines listed in a digest; the rest are counted and left to the console. */
const DIGEST_LINES = 10;

const time = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);

/**
 * What to send to one duty group now: nothing yet (gathering, or the group had a message too recently), one notice
 * as it is, or every pending notice as one digest. `pending` is oldest first.
 */
export function planDutyFlush(pending: readonly DutyNotice[], lastSentAt: Date | null, now: Date, pacing: DutyPacing, consoleUrl: string): DutyFlush {
  if (!pending.length) return { send: false, notBefore: null };
  const gathered = pending[0].createdAt.getTime() + pacing.gatherMs;
  const allowed = lastSentAt ? lastSentAt.getTime() + pacing.minIntervalMs : 0;
  const notBefore = Math.max(gathered, allowed);
  if (now.getTime() < notBefore) return { send: false, notBefore: new Date(notBefore) };
  const ids = pending.map((n) => n.id);
  if (pending.length === 1) {
    const [notice] = pending;
    return { send: true, ids, text: [notice.title, notice.body, `详情：${linkOf(consoleUrl, notice.ticketId)}`].filter(Boolean).join('\n') };
  }
  const first = pending[0].createdAt;
  const last = pending[pending.length - 1].createdAt;
  const span = formatShanghaiDate(first.toISOString()) === formatShanghaiDate(last.toISOString()) ? `${time(first)}–${time(last)}` : `${formatShanghaiDate(first.toISOString())}起`;
  const lines = pending.slice(0, DIGEST_LINES).map((n, i) => `${i + 1}. ${n.title}`);
  const more = pending.length > DIGEST_LINES ? [`另有 ${pending.length - DIGEST_LINES} 条，请到控制台查看。`] : [];
  return { send: true, ids, text: [`【值班提醒】${pending.length} 条新通知（${span}）：`, ...lines, ...more, `查看：${consoleUrl}`].join('\n') };
}

function linkOf(consoleUrl: string, ticketId: string | null): string {
  return ticketId ? `${consoleUrl}#/tickets/${encodeURIComponent(ticketId)}` : consoleUrl;
}
