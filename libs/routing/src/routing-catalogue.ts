import { z } from 'zod';

/**
 * The dispatch catalogue (派单目录): the units that can handle tickets and the rules that send a
 * message to a lead unit (主办) and its assisting units (协办). Pure parsing and validation, no Nest.
 */

export const UNIT_KINDS = ['government', 'dispatcher', 'department', 'town', 'cyberspace'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const MESSAGE_KINDS = ['consult', 'help', 'suggestion', 'complaint', 'report', 'urgent'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export interface UnitSpec {
  code: string;
  name: string;
  parent: string | null;
  kind: UnitKind;
}

export interface RoutingRule {
  code: string;
  description: string;
  leadUnit: string;
  assistingUnits: string[];
  /** Any one of them must be found in the message (unless the rule is place-only). */
  keywords: string[];
  /** Empty = every message kind. */
  kinds: MessageKind[];
  /** Empty = anywhere; otherwise one of these place names must be found in the message. */
  places: string[];
  /** Higher wins before score is looked at. */
  priority: number;
}

/** Names the catalogue entry (`routing rule #3 "housing-shantytown"`) and the field at fault. */
export class RoutingCatalogueError extends Error {
  constructor(
    readonly entry: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${entry}: ${field}: ${problem}`);
    this.name = 'RoutingCatalogueError';
  }
}

/** Same folding the decision uses: full-width to half-width (NFKC), lower case, no whitespace. */
export function normalizeTerm(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

const CODE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const code = z.string().regex(CODE_PATTERN, 'must be lowercase ascii kebab-case');
const text = z.string().trim().min(1, 'must not be empty');
/** Single characters (水, 路, 医) would match nearly every message once substrings are searched. */
const term = z
  .string()
  .refine((value) => [...normalizeTerm(value)].length >= 2, 'must be at least 2 characters long');

const unitSchema = z.strictObject({
  code,
  name: text,
  parent: code.nullable(),
  kind: z.enum(UNIT_KINDS),
});

const ruleSchema = z.strictObject({
  code,
  description: text,
  leadUnit: code,
  assistingUnits: z.array(code).default([]),
  keywords: z.array(term),
  kinds: z.array(z.enum(MESSAGE_KINDS)).default([]),
  places: z.array(term).default([]),
  priority: z.number().int('must be an integer'),
});

export function parseUnits(input: unknown): UnitSpec[] {
  const units = parseShape(z.array(unitSchema).min(1, 'must list at least one unit'), input, 'unit');
  const entry = (index: number) => `unit #${index} "${units[index].code}"`;

  const indexByCode = new Map<string, number>();
  units.forEach((unit, index) => {
    const first = indexByCode.get(unit.code);
    if (first !== undefined) throw new RoutingCatalogueError(entry(index), 'code', `duplicate code, first used by unit #${first}`);
    indexByCode.set(unit.code, index);
  });

  units.forEach((unit, index) => {
    if (unit.parent !== null && !indexByCode.has(unit.parent)) {
      throw new RoutingCatalogueError(entry(index), 'parent', `unknown unit "${unit.parent}"`);
    }
  });

  // Walk up from every unit; with all parents known, a walk that does not reach a root revisits a unit.
  const parentOf = new Map(units.map((unit) => [unit.code, unit.parent]));
  units.forEach((unit, index) => {
    const seen: string[] = [unit.code];
    for (let current = unit.parent; current !== null; current = parentOf.get(current) ?? null) {
      if (seen.includes(current)) {
        throw new RoutingCatalogueError(entry(index), 'parent', `cycle in the unit tree: ${[...seen, current].join(' → ')}`);
      }
      seen.push(current);
    }
  });

  return units;
}

export function parseRoutingRules(input: unknown, units: readonly UnitSpec[]): RoutingRule[] {
  const rules = parseShape(z.array(ruleSchema), input, 'routing rule');
  const known = new Set(units.map((unit) => unit.code));

  const indexByCode = new Map<string, number>();
  rules.forEach((rule, index) => {
    const fail = (field: string, problem: string): never => {
      throw new RoutingCatalogueError(`routing rule #${index} "${rule.code}"`, field, problem);
    };

    const first = indexByCode.get(rule.code);
    if (first !== undefined) fail('code', `duplicate code, first used by routing rule #${first}`);
    indexByCode.set(rule.code, index);

    if (!known.has(rule.leadUnit)) fail('leadUnit', `unknown unit "${rule.leadUnit}"`);
    rule.assistingUnits.forEach((unit, i) => {
      if (!known.has(unit)) fail(`assistingUnits[${i}]`, `unknown unit "${unit}"`);
      if (unit === rule.leadUnit) fail(`assistingUnits[${i}]`, `"${unit}" is already the lead unit`);
    });
    if (rule.keywords.length === 0 && rule.places.length === 0) {
      fail('keywords', 'a rule needs at least one keyword or one place');
    }

    const lists: Record<string, readonly string[]> = { assistingUnits: rule.assistingUnits, keywords: rule.keywords, kinds: rule.kinds, places: rule.places };
    for (const [field, values] of Object.entries(lists)) {
      const seen = new Map<string, number>();
      values.forEach((value, i) => {
        const key = normalizeTerm(value);
        const earlier = seen.get(key);
        if (earlier !== undefined) fail(`${field}[${i}]`, `"${value}" repeats ${field}[${earlier}]`);
        seen.set(key, i);
      });
    }
  });

  return rules;
}

export interface CategoryUnit {
  /** A label of the topic-category model, e.g. 劳动和社会保障. */
  category: string;
  /** The unit that leads tickets of that category. */
  unit: string;
}

const categoryUnitSchema = z.strictObject({ category: text, unit: code });

/** The topic category → lead unit map: each category once, each unit known. */
export function parseCategoryUnits(input: unknown, units: readonly UnitSpec[]): CategoryUnit[] {
  const entries = parseShape(z.array(categoryUnitSchema), input, 'category unit');
  const known = new Set(units.map((unit) => unit.code));
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    const where = `category unit #${index} "${entry.category}"`;
    const earlier = seen.get(entry.category);
    if (earlier !== undefined) throw new RoutingCatalogueError(where, 'category', `repeats category unit #${earlier}`);
    seen.set(entry.category, index);
    if (!known.has(entry.unit)) throw new RoutingCatalogueError(where, 'unit', `unknown unit "${entry.unit}"`);
  });
  return entries;
}

function parseShape<T>(schema: z.ZodType<T[]>, input: unknown, noun: string): T[] {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;

  const issue = result.error.issues[0];
  const [index, ...rest] = issue.path;
  if (typeof index !== 'number') throw new RoutingCatalogueError(`${noun} list`, '(root)', issue.message);

  const item: unknown = Array.isArray(input) ? input[index] : undefined;
  const itemCode =
    typeof item === 'object' && item !== null && typeof (item as { code?: unknown }).code === 'string'
      ? ` "${(item as { code: string }).code}"`
      : '';
  const keys = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : undefined;
  const field = keys ?? (rest.length > 0 ? formatPath(rest) : '(entry)');
  const shown = issue.code !== 'unrecognized_keys' && issue.input !== undefined ? ` (got ${JSON.stringify(issue.input)})` : '';
  throw new RoutingCatalogueError(`${noun} #${index}${itemCode}`, field, `${issue.message}${shown}`);
}

function formatPath(path: PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`)).join('');
}
