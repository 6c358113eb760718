import { MessageKind, RoutingRule, normalizeTerm } from './routing-catalogue';

/**
 * Rule-based routing of one analyzed message to a lead unit (主办) and assisting units (协办).
 *
 * Matching. Tokens and text are folded the same way (NFKC, lower case, whitespace removed, so the
 * pre-segmented "秸秆 焚烧" form reads like raw text). A keyword equal to a token is a whole-word hit
 * (2 points). A keyword found only inside the text is a weaker hit (1 point): the user dictionary
 * keeps catalogue terms whole, but jieba still absorbs short keywords into longer dictionary words
 * (公交 → 公交车站, 物业 → 物业公司) and splits terms that are not in the dictionary (秸秆焚烧 →
 * 秸秆 / 焚烧); the lower weight keeps an accidental substring from outweighing real words. A hit
 * lying inside a longer keyword hit is not counted twice. A rule with kinds only sees those kinds;
 * a rule with places needs one of them in the tokens or text (+1 point). A rule matches with at
 * least one keyword hit, or on its place alone when it has no keywords (place-only rule).
 *
 * Choice. Matched rules are grouped by lead unit; a unit stands at the highest priority among its
 * rules and scores the distinct keywords of its rules at that priority. The best unit by priority,
 * then score, is assigned, with the assisting units of those rules. Different units sharing the best
 * standing are a tie: the message goes to a dispatcher (派单员) rather than to a guess.
 */

export interface RoutingInput {
  tokens: readonly string[];
  text: string;
  kind: MessageKind;
}

export interface RoutingCandidate {
  leadUnit: string;
  ruleCode: string;
  score: number;
}

export type RoutingDecision =
  | {
      outcome: 'assigned';
      leadUnit: string;
      assistingUnits: string[];
      ruleCode: string;
      /** Keywords and place names as written in the catalogue, strongest rule first. */
      matched: string[];
      score: number;
    }
  | { outcome: 'dispatching'; reason: 'no-match' | 'tie'; candidates: RoutingCandidate[] };

export const TOKEN_HIT_POINTS = 2;
export const TEXT_HIT_POINTS = 1;
export const PLACE_HIT_POINTS = 1;

interface Hit {
  term: string;
  key: string;
  points: number;
}

interface RuleMatch {
  rule: RoutingRule;
  hits: Hit[];
  place: string | undefined;
  score: number;
}

interface UnitStanding {
  leadUnit: string;
  priority: number;
  score: number;
  tier: RuleMatch[];
}

export function decideRoute(input: RoutingInput, rules: readonly RoutingRule[]): RoutingDecision {
  const tokens = new Set(input.tokens.map(normalizeTerm).filter((token) => token.length > 0));
  const text = normalizeTerm(input.text);
  const pointsFor = (key: string): number =>
    tokens.has(key) ? TOKEN_HIT_POINTS : text.includes(key) ? TEXT_HIT_POINTS : 0;

  const matches: RuleMatch[] = [];
  for (const rule of rules) {
    if (rule.kinds.length > 0 && !rule.kinds.includes(input.kind)) continue;
    const place = rule.places.find((name) => pointsFor(normalizeTerm(name)) > 0);
    if (rule.places.length > 0 && place === undefined) continue;
    const hits = countable(
      rule.keywords.map((term) => ({ term, key: normalizeTerm(term), points: pointsFor(normalizeTerm(term)) })),
    );
    if (hits.length === 0 && rule.keywords.length > 0) continue;
    matches.push({ rule, hits, place, score: total(hits) + (place === undefined ? 0 : PLACE_HIT_POINTS) });
  }
  if (matches.length === 0) return { outcome: 'dispatching', reason: 'no-match', candidates: [] };

  const byLead = new Map<string, RuleMatch[]>();
  for (const match of matches) {
    byLead.set(match.rule.leadUnit, [...(byLead.get(match.rule.leadUnit) ?? []), match]);
  }
  const standings: UnitStanding[] = [...byLead].map(([leadUnit, unitMatches]) => {
    const priority = Math.max(...unitMatches.map((match) => match.rule.priority));
    const tier = unitMatches.filter((match) => match.rule.priority === priority).sort(strongestFirst);
    const placeBonus = tier.some((match) => match.place !== undefined) ? PLACE_HIT_POINTS : 0;
    return { leadUnit, priority, score: total(countable(tier.flatMap((match) => match.hits))) + placeBonus, tier };
  });
  standings.sort((a, b) => b.priority - a.priority || b.score - a.score || compare(a.leadUnit, b.leadUnit));

  const [best] = standings;
  const tied = standings.filter((s) => s.priority === best.priority && s.score === best.score);
  if (tied.length > 1) {
    return {
      outcome: 'dispatching',
      reason: 'tie',
      candidates: tied.map((s) => ({ leadUnit: s.leadUnit, ruleCode: s.tier[0].rule.code, score: s.score })),
    };
  }

  const kept = new Set(countable(best.tier.flatMap((match) => match.hits)).map((hit) => hit.key));
  const matched = unique([
    ...best.tier.flatMap((match) => match.hits.filter((hit) => kept.has(hit.key)).map((hit) => hit.term)),
    ...best.tier.flatMap((match) => (match.place === undefined ? [] : [match.place])),
  ]);
  const assistingUnits = unique(best.tier.flatMap((match) => match.rule.assistingUnits)).filter(
    (unit) => unit !== best.leadUnit,
  );
  return {
    outcome: 'assigned',
    leadUnit: best.leadUnit,
    assistingUnits,
    ruleCode: best.tier[0].rule.code,
    matched,
    score: best.score,
  };
}

/**
 * Hits that count: one per keyword (its best points), and no text-only hit that lies inside another
 * hit, since it is most likely the same words of the message seen again (垃圾 inside 垃圾清运).
 * Whole-token hits always count: the segmenter saw those words on their own.
 */
function countable(hits: Hit[]): Hit[] {
  const bestByKey = new Map<string, Hit>();
  for (const hit of hits) {
    if (hit.points === 0) continue;
    const known = bestByKey.get(hit.key);
    if (known === undefined || hit.points > known.points) bestByKey.set(hit.key, hit);
  }
  const distinct = [...bestByKey.values()];
  return distinct.filter(
    (hit) =>
      hit.points === TOKEN_HIT_POINTS ||
      !distinct.some((other) => other.key !== hit.key && other.key.includes(hit.key)),
  );
}

function total(hits: Hit[]): number {
  return hits.reduce((sum, hit) => sum + hit.points, 0);
}

function strongestFirst(a: RuleMatch, b: RuleMatch): number {
  return b.score - a.score || compare(a.rule.code, b.rule.code);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
