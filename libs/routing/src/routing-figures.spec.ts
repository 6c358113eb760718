import { RoutingFact, routingFigures } from './routing-figures';

const fact = (day: string, outcome: RoutingFact['outcome'], by: RoutingFact['by']): RoutingFact => ({ day, outcome, by });

describe('routingFigures', () => {
  const facts = [
    fact('2026-12-02', 'assigned', 'rule'),
    fact('2026-12-01', 'assigned', 'model'),
    fact('2026-12-01', 'dispatching', null),
    fact('2026-12-01', 'assigned', null),
    fact('2026-12-02', 'dispatching', null),
  ];

  it('counts automatic assignments by rule and by model, overall and per day in date order', () => {
    const figures = routingFigures(facts, []);
    expect(figures.overall).toEqual({ routed: 5, byRule: 2, byModel: 1, toDispatcher: 2, automaticRate: 0.6 });
    expect(figures.days.map((d) => [d.day, d.routed, d.automaticRate])).toEqual([
      ['2026-12-01', 3, 2 / 3],
      ['2026-12-02', 2, 0.5],
    ]);
  });

  it('has no rate without decisions', () => {
    expect(routingFigures([], []).overall).toEqual({ routed: 0, byRule: 0, byModel: 0, toDispatcher: 0, automaticRate: null });
  });

  it('gives each unit its misroute rate, worst first, and none to a unit never assigned', () => {
    const { units } = routingFigures(
      [],
      [
        { unitCode: 'health', unitName: '市卫生计生局', assignments: 10, returns: 1, reassignedAway: 0 },
        { unitCode: 'labour', unitName: '市人社局', assignments: 4, returns: 1, reassignedAway: 1 },
        { unitCode: 'finance', unitName: '市财政局', assignments: 0, returns: 0, reassignedAway: 0 },
      ],
    );
    expect(units.map((u) => [u.unitCode, u.misrouteRate])).toEqual([
      ['labour', 0.5],
      ['health', 0.1],
      ['finance', null],
    ]);
  });
});
