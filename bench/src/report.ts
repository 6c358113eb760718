/** Plain-text output: aligned tables that read the same in a terminal and pasted into Markdown. */

export type Cell = string | number;

/** Display width: CJK and full-width characters take two columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch)
      ? 2
      : 1;
  return w;
}

function pad(text: string, size: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return right ? fill + text : text + fill;
}

/** A Markdown-style table; the first `leftColumns` columns are left-aligned (labels), the others right-aligned. */
export function table(headers: string[], rows: Cell[][], leftColumns = 1): string {
  const cells = rows.map((row) => row.map(String));
  const sizes = headers.map((h, i) => Math.max(width(h), ...cells.map((row) => width(row[i] ?? ''))));
  const line = (row: string[]) => `| ${row.map((c, i) => pad(c, sizes[i], i >= leftColumns)).join(' | ')} |`;
  const rule = `|${sizes.map((s, i) => (i >= leftColumns ? `${'-'.repeat(s + 1)}:` : `:${'-'.repeat(s + 1)}`)).join('|')}|`;
  return [line(headers), rule, ...cells.map(line)].join('\n');
}

export function heading(title: string): string {
  return `\n## ${title}\n`;
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Whole numbers with thousands separators (rates, counts). */
export function count(value: number): string {
  return Number.isFinite(value) ? grouped.format(value) : '–';
}

/** Milliseconds: one decimal under 100 ms, whole above. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return value < 100 ? value.toFixed(1) : value.toFixed(0);
}

/** A ratio as `0.42×`. */
export function ratio(numerator: number, denominator: number): string {
  const r = numerator / denominator;
  return Number.isFinite(r) ? `${r < 10 ? r.toFixed(2) : r.toFixed(1)}×` : '–';
}
