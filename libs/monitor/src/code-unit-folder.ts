/**
 * The blocks nearly every citizen's message is written in: ASCII, General Punctuation, CJK Symbols and Punctuation,
 * CJK Unified Ideographs and the full-width forms. Their units that are no combining mark and decompose into none
 * compose with or are reordered around no other under NFKC, and none is cased by its context (the spec checks
 * every pair), so NFKC and lower-casing of a text made of them only act unit by unit.
 */
const FAST_BLOCKS: readonly (readonly [number, number])[] = [
  [0x0000, 0x007f],
  [0x2000, 0x206f],
  [0x3000, 0x303f],
  [0x4e00, 0x9fff],
  [0xff00, 0xff60],
];

/** Longer texts (far longer than any message) go to `fold`: the scratch buffer kept between calls stays small. */
const MAX_FAST_LENGTH = 1 << 16;

/** A unit outside the fast blocks, a mark or one with a mark in its decomposition, or one `fold` makes two of. */
const SLOW = 0xffff;

const MARK = /\p{M}/u;

export function fastBlockUnits(): number[] {
  const units: number[] = [];
  for (const [first, last] of FAST_BLOCKS) for (let unit = first; unit <= last; unit += 1) units.push(unit);
  return units;
}

/** A fold (`codeUnitFolder`): the folded string, or (`into`) its code units written where the caller wants them. */
export interface CodeUnitFold {
  (text: string): string;
  /**
   * Writes the fold of `text` into `out` from `at` (which must have room for `text.length` more units) and answers
   * where it ends; −1, having written nothing that counts, when the text needs the slow path (call the fold itself).
   */
  into(text: string, out: Uint16Array, at: number): number;
}

/**
 * `fold` with a fast path. `fold` must be NFKC, then lower-casing, then dropping or keeping each code point by
 * itself (as `/[^\p{L}\p{N}]+/gu` or white space removal do). A text whose every unit is in the fast blocks is
 * mapped unit by unit through a table of what `fold` makes of each unit alone, built on first use; any other
 * text goes through `fold`. The answer is the same: the Unicode algorithms run once per message were a fifth of
 * the near-duplicate step, mostly the property-class regular expression.
 */
export function codeUnitFolder(fold: (text: string) => string): CodeUnitFold {
  let table: Uint16Array | null = null;
  let scratch = new Uint16Array(1024);
  const decoder = new TextDecoder('utf-16le');
  const into = (text: string, out: Uint16Array, at: number): number => {
    table ??= tableOf(fold);
    const length = text.length;
    if (length > MAX_FAST_LENGTH) return -1;
    let end = at;
    for (let i = 0; i < length; i += 1) {
      // 0 stands for "dropped": NUL itself is not a letter or number, nor anything a fold keeps.
      const mapped = table[text.charCodeAt(i)];
      if (mapped === SLOW) return -1;
      if (mapped !== 0) out[end++] = mapped;
    }
    return end;
  };
  const folded = (text: string): string => {
    if (text.length > scratch.length) scratch = new Uint16Array(text.length);
    const end = into(text, scratch, 0);
    return end < 0 ? fold(text) : decoder.decode(scratch.subarray(0, end));
  };
  return Object.assign(folded, { into });
}

function tableOf(fold: (text: string) => string): Uint16Array {
  const table = new Uint16Array(0x10000).fill(SLOW);
  for (const unit of fastBlockUnits()) {
    if (MARK.test(String.fromCharCode(unit).normalize('NFKD'))) continue;
    const folded = fold(String.fromCharCode(unit));
    if (folded.length === 0) table[unit] = 0;
    else if (folded.length === 1 && folded.charCodeAt(0) !== 0 && folded.charCodeAt(0) !== SLOW) table[unit] = folded.charCodeAt(0);
  }
  return table;
}
