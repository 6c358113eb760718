import { MASK_CHARACTER, MaskSpan, maskSpan } from './mask-span';

/**
 * A detailed address is kept down to the named place (街道/乡镇/村/小区/路…) and its house part is masked:
 * every digit, letter or Chinese numeral of 3号楼2单元501室 becomes `*`, the unit words stay (*号楼*单元***室).
 *
 * The house part is a run of numbered units, optionally ending with a bare room number (3号楼501), or a dashed
 * building-unit-room form (3-2-501). It is taken right after a place word (幸福小区3号楼, 人民路18号, 住址：…,
 * 门牌号：18); elsewhere only when it has two units or more and one of them is clearly a dwelling
 * (号楼/栋/幢/单元/室/弄), so that dates (10月9号), document numbers (〔2026〕12号) and lines (2号线) stay.
 */
const NUMBER = '[0-9A-Za-z]+';
const CHINESE_NUMBER = '[一二三四五六七八九十]+';
// A floor alone (小区5楼以上) locates no home; it is masked only after a building or a house number.
const FIRST_UNIT = '号楼|号院|单元|栋|幢|座|号|室|弄|巷|排';
const UNIT = `${FIRST_UNIT}|层|楼`;
const DWELLING_UNIT = /号楼|号院|单元|栋|幢|室|弄/;
// Chinese numerals only before building words: 三号楼, but not 一室一厅.
const CHINESE_PART = `${CHINESE_NUMBER}(?:号楼|号院|号|单元|栋|幢)`;
const FIRST_PART = `(?:${NUMBER}(?:${FIRST_UNIT})|${CHINESE_PART})`;
const PART = `(?:${NUMBER}(?:${UNIT})|${CHINESE_PART})`;
const ROOM = '[0-9A-Za-z]{1,5}(?![0-9A-Za-z元米平人个天年月日岁次万千%])';
const HOUSE_PART = `(?<![0-9A-Za-z])(?:${FIRST_PART}(?:${PART})*(?:${ROOM})?|\\d+(?:-\\d+){1,3}(?![0-9A-Za-z]))`;

const PLACE_WORD =
  '(?:小区|社区|花园|家园|公寓|大厦|广场|新村|胡同|大街|大道|街道|宿舍|[苑庭城村庄屯路街巷弄院园]|(?:住址|地址|门牌号码?)[:为是]?|家住|住在)\\s*';

const AFTER_PLACE = new RegExp(`(?<=${PLACE_WORD})${HOUSE_PART}`, 'g');
const DOOR_NUMBER = new RegExp(`(?<=门牌号码?[:为是]?\\s*)${ROOM}`, 'g');
const STANDALONE = new RegExp(HOUSE_PART, 'g');
const PARTS = new RegExp(PART, 'g');
const MASKABLE = /[0-9A-Za-z一二三四五六七八九十]/;

export function findAddresses(text: string, folded: string): MaskSpan[] {
  const spans = [...folded.matchAll(AFTER_PLACE), ...folded.matchAll(DOOR_NUMBER)].map((match) =>
    houseSpan(text, match.index, match[0]),
  );
  for (const match of folded.matchAll(STANDALONE)) {
    const parts = match[0].match(PARTS) ?? [];
    if (parts.length >= 2 && parts.some((part) => DWELLING_UNIT.test(part))) {
      spans.push(houseSpan(text, match.index, match[0]));
    }
  }
  return spans;
}

function houseSpan(text: string, start: number, folded: string): MaskSpan {
  const end = start + folded.length;
  let replacement = '';
  for (let i = 0; i < folded.length; i++) replacement += MASKABLE.test(folded[i]) ? MASK_CHARACTER : text[start + i];
  return maskSpan(text, 'address', start, end, replacement);
}
