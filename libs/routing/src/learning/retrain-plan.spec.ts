import { HoldOutScores, LearningExample, holdOutScores, promotionVerdict, splitByTime, trainability } from './retrain-plan';

const at = (day: number) => new Date(Date.UTC(2026, 10, day));
const example = (label: string, day: number, wrongUnit: string | null = null): LearningExample => ({ tokens: [label], label, at: at(day), wrongUnit });

describe('trainability', () => {
  it('asks for enough examples and at least two units', () => {
    expect(trainability([example('a', 1)], 2)).toEqual({ reason: '1 labelled tickets, at least 2 are needed' });
    expect(trainability([example('a', 1), example('a', 2)], 2)).toEqual({ reason: 'every labelled ticket went to the same unit' });
    expect(trainability([example('a', 1), example('b', 2)], 2)).toBeNull();
  });
});

describe('splitByTime', () => {
  it('holds out the newest share, whatever the input order', () => {
    const examples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6].map((day) => example(`u${day}`, day));
    const { training, holdOut } = splitByTime(examples, 0.2);
    expect(training.map((e) => e.at.getUTCDate())).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(holdOut.map((e) => e.at.getUTCDate())).toEqual([9, 10]);
  });

  it('keeps at least one example on each side', () => {
    expect(splitByTime([example('a', 1), example('b', 2)], 0.01).holdOut).toHaveLength(1);
    expect(splitByTime([example('a', 1), example('b', 2)], 0.99).training).toHaveLength(1);
  });

  it('keeps the given order among examples of the same moment (a stable split)', () => {
    const examples = ['x', 'y', 'z', 'w'].map((label) => example(label, 3));
    expect(splitByTime(examples, 0.5).holdOut.map((e) => e.label)).toEqual(['z', 'w']);
  });

  it('refuses a fraction outside (0, 1)', () => {
    expect(() => splitByTime([example('a', 1)], 0)).toThrow(/between 0 and 1/);
    expect(() => splitByTime([example('a', 1)], 1)).toThrow(/between 0 and 1/);
  });
});

describe('holdOutScores', () => {
  it('scores first choices and counts how often a known mistake is repeated', () => {
    const examples = [example('health', 1, 'labour'), example('health', 2, 'transport'), example('labour', 3), example('transport', 4)];
    const scores = holdOutScores(examples, ['health', 'transport', 'labour', 'labour']);
    expect(scores.examples).toBe(4);
    expect(scores.accuracy).toBe(0.5);
    expect(scores.repeatsKnownMistake).toBe(0.5);
  });

  it('has no mistake rate when no example was corrected', () => {
    expect(holdOutScores([example('a', 1)], ['a']).repeatsKnownMistake).toBeNull();
  });

  it('refuses predictions that do not line up with the examples', () => {
    expect(() => holdOutScores([example('a', 1)], [])).toThrow(/1 examples but 0 predictions/);
  });
});

describe('promotionVerdict', () => {
  const scores = (macroF1: number, accuracy: number): HoldOutScores => ({ examples: 100, macroF1, accuracy, repeatsKnownMistake: null });

  it.each([
    ['better macro-F1', scores(0.8, 0.8), scores(0.7, 0.9), true],
    ['worse macro-F1, better accuracy', scores(0.69, 0.95), scores(0.7, 0.8), false],
    ['equal macro-F1, equal accuracy (not worse)', scores(0.7, 0.8), scores(0.7, 0.8), true],
    ['equal macro-F1, worse accuracy', scores(0.7, 0.79), scores(0.7, 0.8), false],
  ])('%s', (_name, candidate, current, promote) => {
    expect(promotionVerdict(candidate, current).promote).toBe(promote);
  });

  it('promotes the first model and says why', () => {
    expect(promotionVerdict(scores(0.5, 0.5), null)).toEqual({ promote: true, reason: 'no current unit model; the new one scores macro-F1 0.5000' });
    expect(promotionVerdict(scores(0.6, 0.7), scores(0.65, 0.7)).reason).toBe('worse: macro-F1 0.6000 against 0.6500, accuracy 0.7000 against 0.7000');
  });
});
