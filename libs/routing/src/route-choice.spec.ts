import { ModelOpinion, RouteChoiceInput, chooseRoute, describeChoice, unitDistribution } from './route-choice';
import type { RoutingDecision } from './routing-decision';

const ruleAssigned: RoutingDecision = {
  outcome: 'assigned',
  leadUnit: 'transport',
  assistingUnits: ['construction'],
  ruleCode: 'bus-routes',
  matched: ['公交'],
  score: 2,
};
const noMatch: RoutingDecision = { outcome: 'dispatching', reason: 'no-match', candidates: [] };
const tie: RoutingDecision = {
  outcome: 'dispatching',
  reason: 'tie',
  candidates: [
    { leadUnit: 'health', ruleCode: 'hospitals', score: 2 },
    { leadUnit: 'labour', ruleCode: 'insurance', score: 2 },
  ],
};

const categoryOpinion = (ranked: [string, number][]): ModelOpinion => ({
  model: { target: 'category', version: 1 },
  ranked: ranked.map(([label, probability]) => ({ label, probability })),
});
const unitOpinion = (ranked: [string, number][]): ModelOpinion => ({
  model: { target: 'unit', version: 4 },
  ranked: ranked.map(([label, probability]) => ({ label, probability })),
});

const categoryUnits = new Map([
  ['城乡建设', 'construction'],
  ['劳动和社会保障', 'labour'],
  ['卫生计生', 'health'],
  ['交通运输', 'transport'],
  // Two categories may share a unit: their probabilities add up.
  ['商贸旅游', 'market'],
  ['食品药品', 'market'],
]);
const routableUnits = new Set(['construction', 'labour', 'health', 'transport', 'market', 'education']);

function input(overrides: Partial<RouteChoiceInput>): RouteChoiceInput {
  return { rules: noMatch, category: null, unit: null, categoryUnits, routableUnits, autoAssignConfidence: 0.8, ...overrides };
}

describe('unitDistribution', () => {
  it('maps categories to their units and adds up categories that share one', () => {
    const got = unitDistribution(input({ category: categoryOpinion([['商贸旅游', 0.5], ['食品药品', 0.3], ['城乡建设', 0.2]]) }));
    expect(got.map((u) => u.unit)).toEqual(['market', 'construction']);
    expect(got[0].probability).toBeCloseTo(0.8, 12);
  });

  it('drops categories without a unit and units that cannot take tickets', () => {
    const got = unitDistribution(
      input({
        category: categoryOpinion([['教育文体', 0.6], ['卫生计生', 0.4]]),
        unit: unitOpinion([['abolished-unit', 0.7], ['health', 0.3]]),
      }),
    );
    expect(got).toEqual([{ unit: 'health', probability: (0.4 + 0.3) / 2 }]);
  });

  it('weighs the unit model and the category model equally', () => {
    const got = unitDistribution(
      input({ category: categoryOpinion([['城乡建设', 0.9], ['交通运输', 0.1]]), unit: unitOpinion([['transport', 0.7], ['construction', 0.3]]) }),
    );
    expect(got.map((u) => [u.unit, Number(u.probability.toFixed(6))])).toEqual([
      ['construction', 0.6],
      ['transport', 0.4],
    ]);
  });

  it('orders equal probabilities by unit code, and is empty without a model', () => {
    const got = unitDistribution(input({ unit: unitOpinion([['transport', 0.5], ['health', 0.5]]) }));
    expect(got.map((u) => u.unit)).toEqual(['health', 'transport']);
    expect(unitDistribution(input({}))).toEqual([]);
  });
});

describe('chooseRoute', () => {
  const confident = categoryOpinion([['卫生计生', 0.92], ['劳动和社会保障', 0.05], ['城乡建设', 0.02], ['交通运输', 0.01]]);
  const unsure = categoryOpinion([['卫生计生', 0.55], ['劳动和社会保障', 0.3], ['城乡建设', 0.1], ['交通运输', 0.05]]);

  type Row = [string, Partial<RouteChoiceInput>, { outcome: string; by?: string; reason?: string; lead?: string }];
  const rows: Row[] = [
    ['a certain rule wins over a confident model', { rules: ruleAssigned, category: confident }, { outcome: 'assigned', by: 'rule', lead: 'transport' }],
    ['a certain rule without any model', { rules: ruleAssigned }, { outcome: 'assigned', by: 'rule', lead: 'transport' }],
    ['no rule, confident model → assigned by the model', { category: confident }, { outcome: 'assigned', by: 'model', lead: 'health' }],
    ['no rule, unsure model → dispatcher', { category: unsure }, { outcome: 'dispatching', reason: 'low-confidence' }],
    ['no rule, no model → dispatcher (no-match)', {}, { outcome: 'dispatching', reason: 'no-match' }],
    ['tie, confident model on a tied unit → assigned', { rules: tie, category: confident }, { outcome: 'assigned', by: 'model', lead: 'health' }],
    [
      'tie, confident model outside the tied units → dispatcher (tie)',
      { rules: tie, category: categoryOpinion([['交通运输', 0.95], ['卫生计生', 0.05]]) },
      { outcome: 'dispatching', reason: 'tie' },
    ],
    ['tie, unsure model → dispatcher (low-confidence)', { rules: tie, category: unsure }, { outcome: 'dispatching', reason: 'low-confidence' }],
    ['tie, no model → dispatcher (tie)', { rules: tie }, { outcome: 'dispatching', reason: 'tie' }],
    ['probability exactly at the threshold is enough', { category: categoryOpinion([['卫生计生', 0.8], ['城乡建设', 0.2]]) }, { outcome: 'assigned', by: 'model', lead: 'health' }],
    [
      'a threshold of 1 keeps every model decision for a person',
      { category: confident, autoAssignConfidence: 1 },
      { outcome: 'dispatching', reason: 'low-confidence' },
    ],
  ];

  it.each(rows)('%s', (_name, overrides, expected) => {
    const choice = chooseRoute(input(overrides));
    expect(choice.outcome).toBe(expected.outcome);
    if (choice.outcome === 'assigned') {
      expect(choice.by).toBe(expected.by);
      expect(choice.leadUnit).toBe(expected.lead);
    } else {
      expect(choice.reason).toBe(expected.reason);
    }
  });

  it('gives the dispatcher the three most probable units with their probabilities', () => {
    const choice = chooseRoute(input({ category: unsure }));
    expect(choice.suggestions).toEqual([
      { unit: 'health', probability: 0.55 },
      { unit: 'labour', probability: 0.3 },
      { unit: 'construction', probability: 0.1 },
    ]);
  });

  it('records the top category and the models consulted, also when a rule decides', () => {
    const choice = chooseRoute(input({ rules: ruleAssigned, category: confident, unit: unitOpinion([['transport', 1]]) }));
    expect(choice.category).toEqual({ label: '卫生计生', probability: 0.92, model: { target: 'category', version: 1 } });
    expect(choice.models).toEqual([
      { target: 'unit', version: 4 },
      { target: 'category', version: 1 },
    ]);
  });

  it('keeps the rule assignment as written: assisting units, rule code, matched terms', () => {
    const choice = chooseRoute(input({ rules: ruleAssigned }));
    expect(choice).toMatchObject({ assistingUnits: ['construction'], ruleCode: 'bus-routes', matched: ['公交'], score: 2 });
  });

  it('keeps the tied candidates beside a model decision', () => {
    const choice = chooseRoute(input({ rules: tie, category: confident }));
    expect(choice.outcome === 'assigned' && choice.by === 'model' && choice.ruleCandidates.map((c) => c.leadUnit)).toEqual(['health', 'labour']);
  });
});

describe('describeChoice', () => {
  const names = new Map([
    ['health', '市卫生计生局'],
    ['transport', '市交通运输局'],
  ]);

  it('names the rule, or the model versions with the probability', () => {
    expect(describeChoice(chooseRoute(input({ rules: ruleAssigned })), names)).toBe('rule bus-routes');
    expect(describeChoice(chooseRoute(input({ category: categoryOpinion([['卫生计生', 0.9], ['交通运输', 0.1]]) })), names)).toBe(
      'category model v1: 市卫生计生局 90.0%',
    );
    expect(
      describeChoice(chooseRoute(input({ category: categoryOpinion([['卫生计生', 0.6], ['交通运输', 0.4]]), unit: unitOpinion([['transport', 0.6], ['health', 0.4]]) })), names),
    ).toBe('low-confidence (unit model v4 + category model v1: best 市卫生计生局 50.0%)');
    expect(describeChoice(chooseRoute(input({})), names)).toBe('no-match');
  });
});
