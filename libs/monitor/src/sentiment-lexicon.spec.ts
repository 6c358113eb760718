import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import {
  defaultLexiconDirectory,
  LEXICON_FILE_NAMES,
  LexiconError,
  loadDefaultSentimentLexicon,
  parseLexiconList,
  SentimentLexiconFiles,
  sentimentLexiconFromFiles,
} from './sentiment-lexicon';

const REPO = resolve(__dirname, '../../..');

describe('parseLexiconList', () => {
  it('reads words, optional weights, comments and blank lines', () => {
    expect(parseLexiconList('\uFEFF# header\n满意\n\n  点赞 1.5 \r\n# 失望\n谢谢\t0.3\n', 'p.txt', 'optional')).toEqual(
      new Map([
        ['满意', 1],
        ['点赞', 1.5],
        ['谢谢', 0.3],
      ]),
    );
  });

  it('reads words in NFKC form', () => {
    expect([...parseLexiconList('１２３４５热线\n', 'c.txt', 'optional').keys()]).toEqual(['12345热线']);
  });

  it('accepts a negative multiplier in a signed list', () => {
    expect(parseLexiconList('不太 -0.5\n', 'd.txt', 'signed')).toEqual(new Map([['不太', -0.5]]));
  });

  it.each([
    ['three fields', '满意 1 2', 'optional', /line 1: expected "word" or "word weight"/],
    ['a weight that is not a number', '满意 很', 'optional', /line 1: the weight must be a positive number/],
    ['a weight of 0', '满意 0', 'optional', /positive number/],
    ['a negative weight', '满意 -1', 'optional', /positive number/],
    ['a missing required weight', '非常', 'required', /needs "word weight"/],
    ['a missing signed weight', '非常', 'signed', /needs "word weight"/],
    ['a zero signed weight', '非常 0', 'signed', /non-zero number/],
    ['a weight where none is taken', '不 1', 'none', /takes no weight/],
    ['a duplicate', '满意\n满意 2', 'optional', /line 2: 满意 is listed twice/],
    ['a duplicate after NFKC', '１２３\n123', 'optional', /line 2: 123 is listed twice/],
  ] as const)('refuses %s', (_, text, weights, message) => {
    expect(() => parseLexiconList(text, 'x.txt', weights)).toThrow(message);
    expect(() => parseLexiconList(text, 'x.txt', weights)).toThrow(LexiconError);
  });

  it('names the file and the line', () => {
    expect(() => parseLexiconList('# c\n满意\n满意 1 2\n', 'positive.txt', 'optional')).toThrow(/^positive.txt line 3/);
  });
});

describe('sentimentLexiconFromFiles', () => {
  const files: SentimentLexiconFiles = {
    positive: '满意\n点赞 1.5\n',
    negative: '失望\n',
    complaints: '没人管 2\n',
    negations: '不\n没有\n',
    degrees: '非常 1.8\n不太 -0.5\n',
    requests: '希望\n',
  };

  it('builds the six lists', () => {
    const lexicon = sentimentLexiconFromFiles(files);
    expect(lexicon.positive).toEqual(new Map([['满意', 1], ['点赞', 1.5]]));
    expect(lexicon.negative).toEqual(new Map([['失望', 1]]));
    expect(lexicon.complaints).toEqual(new Map([['没人管', 2]]));
    expect(lexicon.negations).toEqual(new Set(['不', '没有']));
    expect(lexicon.degrees).toEqual(new Map([['非常', 1.8], ['不太', -0.5]]));
    expect(lexicon.requests).toEqual(new Set(['希望']));
  });

  it.each([
    ['positive and negative', { negative: '失望\n满意\n' }, /满意 is in both positive.txt and negative.txt/],
    ['a negation and a sentiment word', { negations: '不\n失望\n' }, /失望 is in both negative.txt and negations.txt/],
    ['a degree word and a request word', { requests: '非常\n' }, /非常 is in both degree-words.txt and request-cues.txt/],
  ])('refuses a word in two lists (%s)', (_, patch, message) => {
    expect(() => sentimentLexiconFromFiles({ ...files, ...patch })).toThrow(message);
  });

  it('refuses a degree word without a multiplier', () => {
    expect(() => sentimentLexiconFromFiles({ ...files, degrees: '非常\n' })).toThrow(/degree-words.txt line 1/);
  });
});

describe('defaultLexiconDirectory', () => {
  it.each([
    ['the source folder (ts-jest)', __dirname],
    ['the build output', join(REPO, 'dist/libs/monitor/src')],
  ])('finds libs/monitor/lexicon from %s', (_, start) => {
    expect(defaultLexiconDirectory(start)).toBe(join(REPO, 'libs/monitor/lexicon'));
  });

  it('fails when no package.json is above', () => {
    expect(() => defaultLexiconDirectory('/')).toThrow(/no package.json above/);
  });
});

describe('the shipped lexicon', () => {
  const lexicon = loadDefaultSentimentLexicon();

  it('has a few hundred positive and negative words and every other list', () => {
    expect(lexicon.positive.size).toBeGreaterThanOrEqual(300);
    expect(lexicon.negative.size).toBeGreaterThanOrEqual(300);
    expect(lexicon.complaints.size).toBeGreaterThanOrEqual(100);
    expect(lexicon.negations.size).toBeGreaterThanOrEqual(20);
    expect(lexicon.degrees.size).toBeGreaterThanOrEqual(40);
    expect(lexicon.requests.size).toBeGreaterThanOrEqual(10);
  });

  it.each([
    ['positive', ['满意', '感谢', '及时', '点赞']],
    ['negative', ['失望', '愤怒', '拖延', '敷衍', '恶臭', '噪音扰民']],
    ['complaints', ['投诉', '没人管', '推诿', '再不解决', '讨说法', '多次反映', '石沉大海', '踢皮球', '曝光']],
  ] as const)('lists the %s words the issue names', (list, words) => {
    for (const word of words) expect(lexicon[list].has(word)).toBe(true);
  });

  it.each([
    ['negations', ['不', '没', '没有', '未', '别', '并非']],
    ['degrees', ['非常', '特别', '极其', '太', '有点', '稍微']],
  ] as const)('lists the %s the issue names', (list, words) => {
    for (const word of words) expect(lexicon[list].has(word)).toBe(true);
  });

  it('reads a folder given as an argument', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenzheng-lexicon-'));
    try {
      const contents: Record<string, string> = {
        positive: '好评\n',
        negative: '差评\n',
        complaints: '投诉\n',
        negations: '不\n',
        degrees: '很 1.5\n',
        requests: '请\n',
      };
      for (const [key, name] of Object.entries(LEXICON_FILE_NAMES)) writeFileSync(join(dir, name), contents[key]);
      expect(loadDefaultSentimentLexicon(dir).positive).toEqual(new Map([['好评', 1]]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails on a folder without the files', () => {
    expect(() => loadDefaultSentimentLexicon(join(tmpdir(), 'wenzheng-no-such-lexicon'))).toThrow(/ENOENT/);
  });
});
