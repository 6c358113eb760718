import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MESSAGE_KINDS,
  RoutingCatalogueError,
  UnitSpec,
  parseCategoryUnits,
  parseRoutingRules,
  parseUnits,
} from './routing-catalogue';

const demoDir = join(__dirname, '../../../config/demo');
const readDemo = (file: string): unknown => JSON.parse(readFileSync(join(demoDir, file), 'utf8'));

describe('demo catalogue (config/demo)', () => {
  const units = parseUnits(readDemo('units.json'));
  const rules = parseRoutingRules(readDemo('routing-rules.json'), units);

  it('has the city government as the single root and every other unit under it', () => {
    expect(units.filter((unit) => unit.parent === null).map((unit) => unit.code)).toEqual(['pingdu']);
    expect(units.find((unit) => unit.code === 'pingdu')).toMatchObject({ name: '平度市人民政府', kind: 'government' });
    expect(units.filter((unit) => unit.parent !== 'pingdu').map((unit) => unit.code)).toEqual(['pingdu']);
  });

  it('has the departments, the two dispatchers and the six towns/streets', () => {
    const byKind = (kind: string) => units.filter((unit) => unit.kind === kind).map((unit) => unit.name).sort();
    expect(byKind('dispatcher')).toEqual(['市大数据中心', '市政府办公室'].sort());
    expect(byKind('town')).toEqual(['东阁街道', '李园街道', '凤台街道', '南村镇', '蓼兰镇', '大泽山镇'].sort());
    expect(byKind('department')).toEqual(
      [
        '市财政局',
        '市民政局',
        '市教体局',
        '市卫生计生局',
        '市环保局',
        '市城乡建设局',
        '市人社局',
        '市市场监督管理局',
        '市交通运输局',
        '市行政审批服务局',
      ].sort(),
    );
  });

  it('has 30 to 50 rules, and every unit but the city government and the cyberspace office (a watcher) leads at least one', () => {
    expect(rules.length).toBeGreaterThanOrEqual(30);
    expect(rules.length).toBeLessThanOrEqual(50);
    const leads = new Set(rules.map((rule) => rule.leadUnit));
    expect(units.filter((unit) => !['government', 'cyberspace'].includes(unit.kind) && !leads.has(unit.code))).toEqual([]);
  });

  it('gives every town-specific rule a place and a higher priority than any generic rule', () => {
    const townCodes = new Set(units.filter((unit) => unit.kind === 'town').map((unit) => unit.code));
    const townRules = rules.filter((rule) => townCodes.has(rule.leadUnit));
    const genericMax = Math.max(...rules.filter((rule) => rule.places.length === 0).map((rule) => rule.priority));
    expect(townRules.length).toBeGreaterThanOrEqual(3);
    for (const rule of townRules) {
      expect(rule.places.length).toBeGreaterThan(0);
      expect(rule.priority).toBeGreaterThan(genericMax);
    }
  });

  it('has some 主办 + 协办 rules', () => {
    expect(rules.filter((rule) => rule.assistingUnits.length > 0).length).toBeGreaterThanOrEqual(5);
    expect(rules.find((rule) => rule.code === 'labour-migrant-wages-construction')).toMatchObject({
      leadUnit: 'pingdu-human-resources',
      assistingUnits: ['pingdu-construction'],
    });
  });
});

const unit = (code: string, parent: string | null, kind = 'department') => ({ code, name: code, parent, kind });
const baseUnits = [
  unit('pingdu', null, 'government'),
  unit('pingdu-finance', 'pingdu'),
  unit('pingdu-civil-affairs', 'pingdu'),
];

describe('parseUnits', () => {
  it('returns the units as given', () => {
    expect(parseUnits(baseUnits)).toEqual(baseUnits);
  });

  it.each<[string, unknown, RegExp]>([
    ['not an array', { code: 'pingdu' }, /^unit list: \(root\): .*expected array/],
    ['an empty list', [], /^unit list: \(root\): must list at least one unit/],
    ['an entry that is not an object', [...baseUnits, 'pingdu-x'], /^unit #3: \(entry\): /],
    ['a missing name', [...baseUnits, { code: 'pingdu-x', parent: 'pingdu', kind: 'town' }], /^unit #3 "pingdu-x": name: /],
    ['an empty name', [...baseUnits, { ...unit('pingdu-x', 'pingdu'), name: '  ' }], /^unit #3 "pingdu-x": name: must not be empty/],
    ['an unknown kind', [...baseUnits, unit('pingdu-x', 'pingdu', 'ministry')], /^unit #3 "pingdu-x": kind: .*"ministry"/],
    ['a code that is not kebab-case', [...baseUnits, unit('Pingdu_X', 'pingdu')], /^unit #3 "Pingdu_X": code: must be lowercase ascii kebab-case/],
    ['a Chinese code', [...baseUnits, unit('财政局', 'pingdu')], /^unit #3 "财政局": code: /],
    ['a missing parent field', [...baseUnits, { code: 'pingdu-x', name: 'x', kind: 'town' }], /^unit #3 "pingdu-x": parent: /],
    ['an unknown field', [...baseUnits, { ...unit('pingdu-x', 'pingdu'), title: 'x' }], /^unit #3 "pingdu-x": title: Unrecognized key/],
    ['a duplicate code', [...baseUnits, unit('pingdu-finance', 'pingdu')], /^unit #3 "pingdu-finance": code: duplicate code, first used by unit #1/],
    ['an unknown parent', [...baseUnits, unit('pingdu-x', 'pingdu-nowhere')], /^unit #3 "pingdu-x": parent: unknown unit "pingdu-nowhere"/],
    ['a unit that is its own parent', [...baseUnits, unit('pingdu-x', 'pingdu-x')], /^unit #3 "pingdu-x": parent: cycle in the unit tree: pingdu-x → pingdu-x/],
    [
      'a cycle of three units',
      [...baseUnits, unit('a', 'c'), unit('b', 'a'), unit('c', 'b')],
      /^unit #3 "a": parent: cycle in the unit tree: a → c → b → a/,
    ],
    ['a tree with no root at all', [unit('a', 'b'), unit('b', 'a')], /^unit #0 "a": parent: cycle in the unit tree: a → b → a/],
  ])('rejects %s', (_name, input, message) => {
    expect(() => parseUnits(input)).toThrow(RoutingCatalogueError);
    expect(() => parseUnits(input)).toThrow(message);
  });

  it('tells which entry and field through the error properties', () => {
    try {
      parseUnits([...baseUnits, unit('pingdu-x', 'pingdu-y')]);
      throw new Error('expected a RoutingCatalogueError');
    } catch (error) {
      expect(error).toBeInstanceOf(RoutingCatalogueError);
      expect(error).toMatchObject({ entry: 'unit #3 "pingdu-x"', field: 'parent' });
    }
  });
});

describe('parseRoutingRules', () => {
  const units: UnitSpec[] = parseUnits(baseUnits);
  const rule = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    code: 'civil-subsistence',
    description: '低保',
    leadUnit: 'pingdu-civil-affairs',
    assistingUnits: ['pingdu-finance'],
    keywords: ['低保', '低保金'],
    kinds: ['consult', 'help'],
    places: [],
    priority: 10,
    ...overrides,
  });
  const without = (field: string) => {
    const copy = rule();
    delete copy[field];
    return copy;
  };

  it('returns valid rules, with omitted optional lists as empty lists', () => {
    const [full, minimal] = parseRoutingRules(
      [rule(), { code: 'finance-subsidies', description: '补贴', leadUnit: 'pingdu-finance', keywords: ['补贴资金'], priority: 10 }],
      units,
    );
    expect(full).toEqual(rule());
    expect(minimal).toEqual({
      code: 'finance-subsidies',
      description: '补贴',
      leadUnit: 'pingdu-finance',
      assistingUnits: [],
      keywords: ['补贴资金'],
      kinds: [],
      places: [],
      priority: 10,
    });
  });

  it('accepts every message kind and a place-only rule', () => {
    expect(() =>
      parseRoutingRules([rule({ kinds: [...MESSAGE_KINDS], keywords: [], places: ['南村镇'] })], units),
    ).not.toThrow();
  });

  it('accepts an empty rule list (everything then goes to a dispatcher)', () => {
    expect(parseRoutingRules([], units)).toEqual([]);
  });

  it.each<[string, unknown, RegExp]>([
    ['not an array', rule(), /^routing rule list: \(root\): .*expected array/],
    ['a missing keywords field', [without('keywords')], /^routing rule #0 "civil-subsistence": keywords: /],
    ['a missing priority', [without('priority')], /^routing rule #0 "civil-subsistence": priority: /],
    ['a fractional priority', [rule({ priority: 1.5 })], /^routing rule #0 "civil-subsistence": priority: must be an integer/],
    ['keywords given as a string', [rule({ keywords: '低保' })], /^routing rule #0 "civil-subsistence": keywords: .*expected array/],
    ['a one-character keyword', [rule({ keywords: ['低保', '水'] })], /^routing rule #0 "civil-subsistence": keywords\[1\]: must be at least 2 characters long/],
    ['an unknown field', [rule({ keyword: ['低保'] })], /^routing rule #0 "civil-subsistence": keyword: Unrecognized key/],
    ['an unknown kind', [rule({ kinds: ['consult', 'petition'] })], /^routing rule #0 "civil-subsistence": kinds\[1\]: .*"petition"/],
    ['a bad code', [rule({ code: 'Civil Subsistence' })], /^routing rule #0 "Civil Subsistence": code: must be lowercase ascii kebab-case/],
    [
      'a duplicate code',
      [rule(), rule({ leadUnit: 'pingdu-finance', assistingUnits: [] })],
      /^routing rule #1 "civil-subsistence": code: duplicate code, first used by routing rule #0/,
    ],
    ['an unknown lead unit', [rule({ leadUnit: 'pingdu-police' })], /^routing rule #0 "civil-subsistence": leadUnit: unknown unit "pingdu-police"/],
    [
      'an unknown assisting unit',
      [rule({ assistingUnits: ['pingdu-finance', 'pingdu-police'] })],
      /^routing rule #0 "civil-subsistence": assistingUnits\[1\]: unknown unit "pingdu-police"/,
    ],
    [
      'a lead unit that is also assisting',
      [rule({ assistingUnits: ['pingdu-civil-affairs'] })],
      /^routing rule #0 "civil-subsistence": assistingUnits\[0\]: "pingdu-civil-affairs" is already the lead unit/,
    ],
    [
      'a repeated assisting unit',
      [rule({ assistingUnits: ['pingdu-finance', 'pingdu-finance'] })],
      /^routing rule #0 "civil-subsistence": assistingUnits\[1\]: "pingdu-finance" repeats assistingUnits\[0\]/,
    ],
    [
      'empty keywords and empty places',
      [rule({ keywords: [], places: [] })],
      /^routing rule #0 "civil-subsistence": keywords: a rule needs at least one keyword or one place/,
    ],
    [
      'a keyword repeated in another width',
      [rule({ keywords: ['12345热线', '１２３４５热线'] })],
      /^routing rule #0 "civil-subsistence": keywords\[1\]: "１２３４５热线" repeats keywords\[0\]/,
    ],
    ['a repeated kind', [rule({ kinds: ['help', 'help'] })], /^routing rule #0 "civil-subsistence": kinds\[1\]: "help" repeats kinds\[0\]/],
    ['a one-character place', [rule({ places: ['镇'] })], /^routing rule #0 "civil-subsistence": places\[0\]: must be at least 2 characters long/],
    ['a rule that is not an object', [rule(), null], /^routing rule #1: \(entry\): /],
  ])('rejects %s', (_name, input, message) => {
    expect(() => parseRoutingRules(input, units)).toThrow(RoutingCatalogueError);
    expect(() => parseRoutingRules(input, units)).toThrow(message);
  });
});

describe('parseCategoryUnits', () => {
  const demoUnits = parseUnits(readDemo('units.json'));

  it('reads the demo map: the seven categories of the shipped model, each to a known unit', () => {
    const entries = parseCategoryUnits(readDemo('category-units.json'), demoUnits);
    expect(entries.map((e) => e.category).sort()).toEqual(['交通运输', '劳动和社会保障', '卫生计生', '商贸旅游', '城乡建设', '教育文体', '环境保护'].sort());
  });

  it.each([
    ['an unknown unit', [{ category: '城乡建设', unit: 'pingdu-nowhere' }], /^category unit #0 "城乡建设": unit: unknown unit "pingdu-nowhere"/],
    [
      'a repeated category',
      [
        { category: '城乡建设', unit: 'pingdu-construction' },
        { category: '城乡建设', unit: 'pingdu-transport' },
      ],
      /^category unit #1 "城乡建设": category: repeats category unit #0/,
    ],
    ['an empty category', [{ category: ' ', unit: 'pingdu-construction' }], /^category unit #0: category: must not be empty/],
    ['an extra field', [{ category: '城乡建设', unit: 'pingdu-construction', weight: 2 }], /^category unit #0: weight: /],
  ])('rejects %s', (_name, input, message) => {
    expect(() => parseCategoryUnits(input, demoUnits)).toThrow(message);
  });
});
