import { SHANGHAI_UTC_OFFSET_MS } from '@wenzheng/calendar';
import type { MessageKind } from '@wenzheng/routing';

const shanghaiDay = (iso: string) => new Date(new Date(iso).getTime() + SHANGHAI_UTC_OFFSET_MS);

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** For text and for attribute values (double or single quoted). Every value from the database or the URL goes through it. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** `2026年10月26日 23:59` in Asia/Shanghai (a fixed UTC+8). */
export function formatShanghaiTime(iso: string): string {
  const local = shanghaiDay(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/** One `<p>` per non-empty line, escaped. */
export function paragraphs(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim())
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
}

const MESSAGE_KIND_TEXT: { readonly [K in MessageKind]: string } = {
  consult: '咨询',
  help: '求助',
  suggestion: '建议',
  complaint: '投诉',
  report: '举报',
  urgent: '紧急',
};

/** 咨询, 投诉, …; an unknown kind is shown as it is (the caller escapes). */
export function messageKindText(kind: string): string {
  return (MESSAGE_KIND_TEXT as Record<string, string>)[kind] ?? kind;
}

/** The kinds in the order a form lists them, with their Chinese names. */
export const MESSAGE_KIND_OPTIONS: readonly { value: MessageKind; text: string }[] = Object.entries(MESSAGE_KIND_TEXT).map(([value, text]) => ({
  value: value as MessageKind,
  text,
}));

/** `2026年10月26日`: the Shanghai date of an instant. */
export function formatShanghaiDate(iso: string): string {
  const local = shanghaiDay(iso);
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
}

/** `2026-10-26`: the Shanghai date of an instant, for `<time datetime>`. */
export function shanghaiIsoDate(iso: string): string {
  return shanghaiDay(iso).toISOString().slice(0, 10);
}
