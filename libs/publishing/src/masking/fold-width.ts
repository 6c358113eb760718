const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/g;
const FULL_WIDTH_OFFSET = 0xfee0;

/**
 * Folds full-width ASCII forms (０-９, Ａ-Ｚ, ａ-ｚ, ＠, －, （）, ：…) and the ideographic space to ASCII.
 * Every character stays one UTF-16 code unit, so an offset in the folded text is the same offset in the original.
 */
export function foldWidth(text: string): string {
  return text.replace(FULL_WIDTH, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET),
  );
}
