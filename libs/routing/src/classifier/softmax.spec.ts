import { argMax, logSumExp, rankLabels, softmax } from './softmax';

describe('logSumExp', () => {
  it.each<[string, number[], number]>([
    ['one value', [3], 3],
    ['two equal values', [0, 0], Math.log(2)],
    ['huge values without overflow', [1000, 1000], 1000 + Math.log(2)],
    ['tiny values without underflow', [-1000, -1000], -1000 + Math.log(2)],
    ['a minus infinity among others', [-Infinity, 0], 0],
    ['nothing', [], -Infinity],
  ])('%s', (_, values, expected) => {
    expect(logSumExp(values)).toBeCloseTo(expected, 10);
  });
});

describe('softmax', () => {
  it.each<[string, number[], number, number[]]>([
    ['equal logits', [2, 2, 2, 2], 1, [0.25, 0.25, 0.25, 0.25]],
    ['two logits', [0, Math.log(3)], 1, [0.25, 0.75]],
    ['a high temperature flattens', [0, Math.log(3)], 1e9, [0.5, 0.5]],
    ['a temperature of 2 takes the square root of the odds', [0, Math.log(9)], 2, [0.25, 0.75]],
    ['huge logits', [1000, 1000 + Math.log(3)], 1, [0.25, 0.75]],
    ['an impossible label', [-Infinity, 0], 1, [0, 1]],
  ])('%s', (_, logits, temperature, expected) => {
    const probabilities = Array.from(softmax(logits, temperature));
    probabilities.forEach((p, i) => expect(p).toBeCloseTo(expected[i], 9));
  });

  it.each([0, -1, Number.NaN])('refuses the temperature %p', (temperature) => {
    expect(() => softmax([1, 2], temperature)).toThrow(/temperature must be positive/);
  });
});

describe('argMax', () => {
  it.each<[number[], number]>([
    [[1, 3, 2], 1],
    [[5, 5, 1], 0],
    [[-3, -1, -2], 1],
  ])('of %p is %p', (values, expected) => {
    expect(argMax(values)).toBe(expected);
  });
});

describe('rankLabels', () => {
  const labels = ['交通运输', '城乡建设', '环境保护'];

  it.each<[string, number[], number | undefined, string[]]>([
    ['most probable first', [0.2, 0.7, 0.1], undefined, ['城乡建设', '交通运输', '环境保护']],
    ['ties in label order', [0.4, 0.2, 0.4], undefined, ['交通运输', '环境保护', '城乡建设']],
    ['top 1', [0.2, 0.7, 0.1], 1, ['城乡建设']],
    ['top k above the label count', [0.2, 0.7, 0.1], 10, ['城乡建设', '交通运输', '环境保护']],
  ])('%s', (_, probabilities, topK, expected) => {
    expect(rankLabels(labels, probabilities, topK).map((ranked) => ranked.label)).toEqual(expected);
  });

  it('keeps each probability with its label', () => {
    expect(rankLabels(labels, [0.2, 0.7, 0.1], 2)).toEqual([
      { label: '城乡建设', probability: 0.7 },
      { label: '交通运输', probability: 0.2 },
    ]);
  });

  it.each<[number[], number, RegExp]>([
    [[0.5, 0.5], 3, /3 labels but 2 probabilities/],
    [[0.2, 0.7, 0.1], 0, /top-k must be a positive integer/],
  ])('refuses %p with top-k %p', (probabilities, topK, error) => {
    expect(() => rankLabels(labels, probabilities, topK)).toThrow(error);
  });
});
