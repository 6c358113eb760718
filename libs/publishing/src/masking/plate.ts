import { MaskSpan, maskAlnum, maskSpan } from './mask-span';

/**
 * Province abbreviation + issuing-office letter + optional dot or space + 5 characters (6 for new-energy plates, or
 * 4 + 挂/学/警/港/澳). At least 3 digits among them keeps words like 新ABCDE out.
 */
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const PLATE = new RegExp(
  `(?<head>[${PROVINCES}][A-Za-z][·• ]?)(?<tail>[A-Za-z0-9]{5,6}|[A-Za-z0-9]{4}[挂学警港澳])(?![0-9A-Za-z])`,
  'g',
);

const MIN_TAIL_DIGITS = 3;
const KEPT_TAIL_CHARACTERS = 2;

/** Keeps the province, the office letter and the last 2 letters or digits: 鲁B***45, 鲁B****45, 鲁B**34挂. */
export function findPlates(text: string, folded: string): MaskSpan[] {
  const spans: MaskSpan[] = [];
  for (const match of folded.matchAll(PLATE)) {
    const { head, tail } = match.groups as { head: string; tail: string };
    if ((tail.match(/\d/g) ?? []).length < MIN_TAIL_DIGITS) continue;
    const tailStart = match.index + head.length;
    const end = tailStart + tail.length;
    const masked = maskAlnum(text.slice(tailStart, end), 0, KEPT_TAIL_CHARACTERS);
    spans.push(maskSpan(text, 'plate', match.index, end, text.slice(match.index, tailStart) + masked));
  }
  return spans;
}
