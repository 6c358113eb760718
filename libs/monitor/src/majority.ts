/** The id held by most entries; a tie goes to the smallest code, so the choice never depends on row order. Null for none. */
export function majorityOf(units: readonly { id: string; code: string }[]): string | null {
  const counts = new Map<string, { code: string; count: number }>();
  for (const { id, code } of units) {
    const entry = counts.get(id);
    if (entry) entry.count += 1;
    else counts.set(id, { code, count: 1 });
  }
  let best: { id: string; code: string; count: number } | null = null;
  for (const [id, { code, count }] of counts) {
    if (!best || count > best.count || (count === best.count && code < best.code)) best = { id, code, count };
  }
  return best?.id ?? null;
}
