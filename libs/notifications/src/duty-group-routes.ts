/** Notice kind pattern → duty group topics: `clock.overdue` (exact), `monitor.*` (that family), `*` (every kind). */
export type DutyGroupRoutes = Readonly<Record<string, readonly string[]>>;

/** The groups a notice of `kind` goes to, each once, in the order the routes name them. */
export function dutyGroupsFor(routes: DutyGroupRoutes, kind: string): string[] {
  const groups = new Set<string>();
  for (const [pattern, topics] of Object.entries(routes)) {
    if (kindMatches(pattern, kind)) for (const topic of topics) groups.add(topic);
  }
  return [...groups];
}

function kindMatches(pattern: string, kind: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return kind.startsWith(pattern.slice(0, -1));
  return pattern === kind;
}
