import { foldWidth } from './fold-width';
import { MaskSpan, maskSpan } from './mask-span';
import {
  FUNCTION_SURNAMES,
  HONORIFICS,
  NAME_END_WORDS,
  NON_NAME_CHARACTERS,
  NOT_NAME_WORDS,
  PLACE_SUFFIXES,
} from './name-words';
import { COMPOUND_SURNAMES, SINGLE_SURNAMES, surnameAt, surnameOf } from './surnames';

/**
 * Names are masked to surname + 某 (王建国 → 王某, 欧阳娜娜 → 欧阳某). Surname-only forms of address (王先生,
 * 张老师) are already de-identified and stay.
 *
 * - The sender's own name: every occurrence, wherever it stands.
 * - After an explicit introduction (我叫, 名叫, 姓名：, 联系人：, 我女儿叫…): surname + 1–2 given characters.
 * - After a context word (本人, 他叫, 我儿子, 孩子, 我母亲, 我爱人…): the same, but only when the name is visibly over
 *   (punctuation, a particle, 家住, 今年…), since these words are often followed by ordinary text.
 * - Before a form of address (王建国老师 → 王某老师).
 * A given name never contains characters such as 的/是/在/市/路 nor begins an everyday word (高速, 周末); a name
 * followed by 街道/镇/村/路… is a place (李园街道).
 */
const EXPLICIT_INTRODUCTION =
  /(?:我叫|名叫|姓名:?|(?:联系|申请|投诉|举报|反映)人:|我的?(?:儿子|女儿|孙子|孙女|外孙女?|闺女)(?:名字)?(?:叫|名叫))\s*/g;
const CONTEXT_INTRODUCTION =
  /(?:本人|[他她]叫|儿子|女儿|孙子|孙女|外孙女?|闺女|孩子|小孩|父亲|母亲|爸爸|妈妈|丈夫|妻子|爱人|老公|老婆|哥哥|姐姐|弟弟|妹妹)\s*/g;
const HONORIFIC = new RegExp(HONORIFICS.join('|'), 'g');
const HAN = /^\p{Script=Han}$/u;
// 买买提·艾力: names of some minorities join their parts with a middle dot.
const HAN_NAME = /^[\p{Script=Han}·•]+$/u;
const ANONYMOUS = new RegExp(`^.{1,2}(?:某+|${HONORIFICS.join('|')})$`);
const MASKED_GIVEN_NAME = '某';

interface FoundName {
  start: number;
  end: number;
  surname: string;
}

export function findNames(text: string, folded: string, senderName?: string | null): MaskSpan[] {
  const found: FoundName[] = [];
  for (const match of folded.matchAll(EXPLICIT_INTRODUCTION)) {
    const name = nameAfter(folded, match.index + match[0].length, true);
    if (name) found.push(name);
  }
  for (const match of folded.matchAll(CONTEXT_INTRODUCTION)) {
    const name = nameAfter(folded, match.index + match[0].length, false);
    if (name) found.push(name);
  }
  for (const match of folded.matchAll(HONORIFIC)) {
    const name = nameBefore(folded, match.index);
    if (name) found.push(name);
  }
  return [
    ...senderNameSpans(text, folded, senderName),
    ...found.map(({ start, end, surname }) => maskSpan(text, 'name', start, end, surname + MASKED_GIVEN_NAME)),
  ];
}

function senderNameSpans(text: string, folded: string, senderName: string | null | undefined): MaskSpan[] {
  const name = foldWidth(senderName ?? '').trim();
  if (name.length < 2 || ANONYMOUS.test(name)) return [];
  const replacement = HAN_NAME.test(name) ? surnameOf(name) + MASKED_GIVEN_NAME : `${name[0]}***`;
  const spans: MaskSpan[] = [];
  for (let at = folded.indexOf(name); at >= 0; at = folded.indexOf(name, at + name.length)) {
    spans.push(maskSpan(text, 'name', at, at + name.length, replacement));
  }
  return spans;
}

/** The name starting at `start`; `explicit` introductions accept a name whose end is not visible. */
function nameAfter(folded: string, start: number, explicit: boolean): FoundName | undefined {
  const surname = surnameAt(folded, start);
  if (surname === undefined || (!explicit && FUNCTION_SURNAMES.has(surname))) return undefined;
  const givenStart = start + surname.length;
  if (HONORIFICS.some((word) => folded.startsWith(word, givenStart))) return undefined;
  let unsure: FoundName | undefined;
  for (const length of [2, 1]) {
    const end = givenStart + length;
    const given = folded.slice(givenStart, end);
    if (!isGivenName(given, length) || isEverydayWord(surname, given)) continue;
    if (length === 2 && endsName(folded, givenStart + 1)) continue;
    if (PLACE_SUFFIXES.some((suffix) => folded.startsWith(suffix, end))) continue;
    if (endsName(folded, end)) return { start, end, surname };
    unsure ??= { start, end, surname };
  }
  return explicit ? unsure : undefined;
}

/**
 * The full name ending right before a form of address at `end`. Longer readings first (欧阳娜娜, then 王建国,
 * then 李文). A one-character given name that is itself a surname (…任王老师, 感谢李老师) is only taken at the
 * start of a phrase, as the surname-only form (王老师) is the likelier reading.
 */
function nameBefore(folded: string, end: number): FoundName | undefined {
  for (const [surnameLength, givenLength] of [[2, 2], [2, 1], [1, 2], [1, 1]]) {
    const start = end - surnameLength - givenLength;
    if (start < 0) continue;
    const surname = folded.slice(start, start + surnameLength);
    if (!(surnameLength === 2 ? COMPOUND_SURNAMES : SINGLE_SURNAMES).has(surname)) continue;
    const given = folded.slice(start + surnameLength, end);
    if (!isGivenName(given, givenLength) || isEverydayWord(surname, given)) continue;
    if (start > 0 && NOT_NAME_WORDS.has(folded[start - 1] + surname[0])) continue;
    if (FUNCTION_SURNAMES.has(surname) && SINGLE_SURNAMES.has(given[0])) continue;
    // 王家大爷: the grandfather of the Wang family.
    if (givenLength === 1 && given === '家') continue;
    if (givenLength === 1 && SINGLE_SURNAMES.has(given) && !startsPhrase(folded, start)) continue;
    return { start, end, surname };
  }
  return undefined;
}

function isGivenName(given: string, length: number): boolean {
  return given.length === length && [...given].every((c) => isHan(c) && !NON_NAME_CHARACTERS.has(c));
}

function isEverydayWord(surname: string, given: string): boolean {
  return NOT_NAME_WORDS.has(surname + given[0]) || NOT_NAME_WORDS.has(surname + given);
}

function endsName(folded: string, at: number): boolean {
  if (at >= folded.length) return true;
  const next = folded[at];
  return (
    !isHan(next) ||
    NON_NAME_CHARACTERS.has(next) ||
    NAME_END_WORDS.some((word) => folded.startsWith(word, at)) ||
    HONORIFICS.some((word) => folded.startsWith(word, at))
  );
}

function startsPhrase(folded: string, at: number): boolean {
  return at === 0 || !isHan(folded[at - 1]) || NON_NAME_CHARACTERS.has(folded[at - 1]);
}

function isHan(c: string): boolean {
  return HAN.test(c);
}
