import { FeatureOptions, TermCorpus, TermEncoder, Vocabulary, describeTerm, extractTerms } from './features';

const plain: FeatureOptions = { wordBigrams: false, charBigrams: false, minDocumentFrequency: 1, stopWords: ['的', '了', 'the'] };

describe('extractTerms', () => {
  it.each<[string, Partial<FeatureOptions>, string[], string[]]>([
    ['words without stop words', {}, ['小区', '的', '停水', '了'], ['小区', '停水']],
    ['ASCII lower-cased, stop words too', {}, ['The', 'A1', '区'], ['a1', '区']],
    ['word bigrams over the words left', { wordBigrams: true }, ['小区', '的', '停水', '三天'], ['小区', '停水', '三天', '小区 停水', '停水 三天']],
    ['character bigrams of every word of two or more', { charBigrams: true }, ['棚户区', '改造', '路'], ['棚户区', 'char:棚户', 'char:户区', '改造', 'char:改造', '路']],
    ['a character outside the BMP counts as one', { charBigrams: true }, ['𠀋村'], ['𠀋村', 'char:𠀋村']],
    ['nothing', { wordBigrams: true, charBigrams: true }, [], []],
    ['only stop words', { wordBigrams: true }, ['的', '了'], []],
  ])('%s', (_, options, tokens, expected) => {
    expect(extractTerms(tokens, { ...plain, ...options }).map(describeTerm)).toEqual(expected);
  });
});

describe('TermEncoder', () => {
  const messages = [
    ['小区', '的', '停水', '停水', '三天', 'A1', '区'],
    ['停水', '三天', '了', '小区', '棚户区', '改造'],
    ['a1', 'A1', '𠀋村', '的'],
  ];

  it.each<[string, Partial<FeatureOptions>]>([
    ['words', {}],
    ['word bigrams', { wordBigrams: true }],
    ['character bigrams', { charBigrams: true }],
    ['both', { wordBigrams: true, charBigrams: true }],
  ])('encodes the same multiset of terms as extractTerms (%s)', (_, overrides) => {
    const options = { ...plain, ...overrides };
    const table: string[] = [];
    const encoder = new TermEncoder(options, (term) => {
      if (!table.includes(term)) table.push(term);
      return table.indexOf(term);
    });
    for (const tokens of [...messages, ...messages]) {
      const decoded = Array.from(encoder.encode(tokens), (id) => table[id]).sort();
      expect(decoded).toEqual(extractTerms(tokens, options).sort());
    }
  });

  it('drops terms whose id is negative', () => {
    const encoder = new TermEncoder({ ...plain, charBigrams: true }, (term) => (term === '小区' ? 0 : -1));
    expect(Array.from(encoder.encode(['小区', '停水', '小区']))).toEqual([0, 0]);
  });

  it('starts its caches again past its word limit and still encodes the same', () => {
    const options = { ...plain, wordBigrams: true };
    const terms = new Map<string, number>();
    const idOf = (term: string): number => {
      if (!terms.has(term)) terms.set(term, terms.size);
      return terms.get(term) as number;
    };
    const small = new TermEncoder(options, idOf, 2);
    const large = new TermEncoder(options, idOf);
    for (const tokens of [...messages, ...messages]) expect(small.encode(tokens)).toEqual(large.encode(tokens));
  });
});

describe('Vocabulary', () => {
  const tokenLists = [['小区', '停水', '停水'], ['停水', '三天'], ['小区', '学校'], ['学校']];
  const corpus = TermCorpus.of(tokenLists, plain);

  it.each<[number, number[], string[], number[]]>([
    [1, [0, 1, 2, 3], ['三天', '停水', '学校', '小区'], [1, 2, 2, 2]],
    [2, [0, 1, 2, 3], ['停水', '学校', '小区'], [2, 2, 2]],
    [3, [0, 1, 2, 3], [], []],
    [1, [0, 1], ['三天', '停水', '小区'], [1, 2, 1]],
  ])('with minimum frequency %p over documents %p keeps %p, in code-unit order', (minimum, documents, terms, frequencies) => {
    const { vocabulary, columnOf } = Vocabulary.fitCorpus(corpus, documents, minimum);
    expect(vocabulary.terms).toEqual(terms);
    expect(vocabulary.documentFrequencies).toEqual(frequencies);
    expect(vocabulary.documentCount).toBe(documents.length);
    corpus.table.forEach((term, id) => expect(columnOf[id]).toBe(vocabulary.columnOf(term)));
  });

  it.each([0, 1.5])('refuses the minimum document frequency %p', (minimum) => {
    expect(() => Vocabulary.fitCorpus(corpus, [0], minimum)).toThrow(/positive integer/);
  });

  it('refuses a term listed twice or a frequency missing', () => {
    expect(() => new Vocabulary(['a', 'a'], [1, 1], 2)).toThrow(/lists "a" twice/);
    expect(() => new Vocabulary(['a', 'b'], [1], 2)).toThrow(/2 terms but 1 document frequencies/);
  });

  const vocabulary = new Vocabulary(['a', 'b', 'c'], [1, 3, 2], 3);

  it.each<[string, number[], number[], number[]]>([
    ['counts repeated columns', [2, 0, 2, 2], [0, 2], [1, 3]],
    ['ignores columns outside the vocabulary', [-1, 1, -1], [1], [1]],
    ['gives nothing for nothing', [], [], []],
  ])('counts: %s', (_, columns, indices, values) => {
    const vector = vocabulary.vectorizeColumns(Int32Array.from(columns), 'counts');
    expect(Array.from(vector.indices)).toEqual(indices);
    expect(Array.from(vector.values)).toEqual(values);
  });

  it('weighs by sublinear tf and smoothed idf, to unit length', () => {
    const vector = vocabulary.vectorizeColumns(Int32Array.from([0, 1, 1, 1]), 'tfidf');
    const idfA = Math.log(4 / 2) + 1;
    const idfB = Math.log(4 / 4) + 1;
    const raw = [idfA, (1 + Math.log(3)) * idfB];
    const norm = Math.hypot(...raw);
    expect(Array.from(vector.indices)).toEqual([0, 1]);
    expect(vector.values[0]).toBeCloseTo(raw[0] / norm, 12);
    expect(vector.values[1]).toBeCloseTo(raw[1] / norm, 12);
  });

  it('gives a rarer term more weight than a common one at equal counts', () => {
    const vector = vocabulary.vectorizeColumns(Int32Array.from([0, 1]), 'tfidf');
    expect(vector.values[0]).toBeGreaterThan(vector.values[1]);
  });

  it('leaves an empty message as the zero vector', () => {
    expect(Array.from(vocabulary.vectorizeColumns(Int32Array.from([-1]), 'tfidf').values)).toEqual([]);
  });
});
