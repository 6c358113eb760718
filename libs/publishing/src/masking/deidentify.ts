import { findAddresses } from './address';
import { findBankCards } from './bank-card';
import { findEmails } from './email';
import { foldWidth } from './fold-width';
import { findIdNumbers } from './id-number';
import { MaskKind, MaskSpan } from './mask-span';
import { findNames } from './names';
import { findLandlines, findMobiles } from './phone';
import { findPlates } from './plate';

export interface MaskResult {
  text: string;
  spans: MaskSpan[];
}

export interface MaskContext {
  /** The sender's own name as given in the form (may be null); all its occurrences are masked. */
  senderName?: string | null;
  /** Terms that must never be masked even if a pattern matches (unit names, place names, law titles). */
  protectedTerms?: readonly string[];
}

/** Which finding wins when two of the same length overlap (an 18-digit ID that also passes Luhn is an ID). */
const KIND_PRIORITY: readonly MaskKind[] = [
  'id-number',
  'bank-card',
  'mobile',
  'landline',
  'email',
  'plate',
  'address',
  'name',
];

/**
 * Masks personal data in a message or a reply before publication (个人信息保护法; rules.md, Publishing).
 * Every finder reads the width-folded text, so full-width digits and letters count as ASCII while offsets and
 * the characters that are kept come from the original. Findings that touch a protected term are dropped; among
 * overlapping findings the longest wins.
 */
export function deidentify(text: string, context: MaskContext = {}): MaskResult {
  const folded = foldWidth(text);
  const protectedRanges = findProtectedRanges(folded, context.protectedTerms ?? []);
  const candidates = [
    ...findIdNumbers(text, folded),
    ...findBankCards(text, folded),
    ...findMobiles(text, folded),
    ...findLandlines(text, folded),
    ...findEmails(text, folded),
    ...findPlates(text, folded),
    ...findAddresses(text, folded),
    ...findNames(text, folded, context.senderName),
  ].filter((span) => !protectedRanges.some((range) => overlaps(range, span)));

  candidates.sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      KIND_PRIORITY.indexOf(a.kind) - KIND_PRIORITY.indexOf(b.kind) ||
      a.start - b.start,
  );
  const spans: MaskSpan[] = [];
  for (const candidate of candidates) {
    if (!spans.some((span) => overlaps(span, candidate))) spans.push(candidate);
  }
  spans.sort((a, b) => a.start - b.start);

  let masked = '';
  let at = 0;
  for (const span of spans) {
    masked += text.slice(at, span.start) + span.replacement;
    at = span.end;
  }
  return { text: masked + text.slice(at), spans };
}

interface Range {
  start: number;
  end: number;
}

function findProtectedRanges(folded: string, terms: readonly string[]): Range[] {
  const ranges: Range[] = [];
  for (const term of terms.map(foldWidth).filter((t) => t.length > 0)) {
    for (let at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + 1)) {
      ranges.push({ start: at, end: at + term.length });
    }
  }
  return ranges;
}

function overlaps(a: Range, b: Range): boolean {
  return a.start < b.end && b.start < a.end;
}
