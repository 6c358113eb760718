import { loadDefaultSentimentLexicon, sentimentLexiconFromFiles } from './sentiment-lexicon';
import { SentimentCue, SentimentScorer } from './sentiment-scorer';

const lexicon = sentimentLexiconFromFiles({
  positive: '满意\n及时\n谢谢 0.3\n方便\n得到了解决\n',
  negative: '失望\n拖延\n恶臭 2\n噪音扰民 2\n不满意\n',
  complaints: '没人管 2\n石沉大海 2\n多次反映 1.5\n投诉\n',
  negations: '不\n没有\n没\n并非\n不要\n',
  degrees: '非常 2\n有点 0.5\n太 1.5\n不太 -0.5\n',
  requests: '希望\n请\n',
});
const scorer = new SentimentScorer(lexicon);
const squash = (raw: number): number => raw / Math.sqrt(raw * raw + 6);

/** `text:contribution` per word cue, with modifiers in front. */
function brief(cues: SentimentCue[]): string[] {
  return cues.map((c) => (c.kind === 'punctuation' ? `[${c.text}]` : `${c.modifiers.join('')}|${c.text}:${c.contribution}`));
}

describe('SentimentScorer on tokens', () => {
  it.each([
    ['nothing', [], 0, []],
    ['a positive word', ['满意'], 1, ['|满意:1']],
    ['a negative word', ['失望'], -1, ['|失望:-1']],
    ['a weighted word', ['谢谢'], 0.3, ['|谢谢:0.3']],
    ['words the lexicon does not know', ['小区', '电梯', '维修'], 0, []],
    ['a negative word spanning tokens (不 / 满意 → 不满意)', ['不', '满意'], -1, ['|不满意:-1']],
    ['a negated positive word', ['没有', '及时', '回复'], -1, ['没有|及时:-1']],
    ['a negated negative word', ['并非', '失望'], 1, ['并非|失望:1']],
    ['a double negation', ['不', '是', '不', '满意'], 1, ['不|不满意:1']],
    ['a negation three tokens back', ['不', '小区', '物业', '满意'], -1, ['不|满意:-1']],
    ['a negation four tokens back (out of scope)', ['不', '我们', '小区', '物业', '满意'], 1, ['|满意:1']],
    ['a negation before punctuation', ['不', '，', '满意'], 1, ['|满意:1']],
    ['a negation stopped by an earlier sentiment word', ['不', '失望', '满意'], 2, ['不|失望:1', '|满意:1']],
    ['a degree word', ['非常', '满意'], 2, ['非常|满意:2']],
    ['a softening degree word', ['有点', '失望'], -0.5, ['有点|失望:-0.5']],
    ['a degree word before a negative span', ['非常', '不', '满意'], -2, ['非常|不满意:-2']],
    ['a softened negation kept as one token', ['不太', '满意'], -0.5, ['不太|满意:-0.5']],
    ['a softened negation cut in two (不 / 太 → 不太)', ['不', '太', '满意'], -0.5, ['不太|满意:-0.5']],
    ['a negation before a degree word (softened, not flipped)', ['没有', '非常', '满意'], -0.7, ['没有非常|满意:-0.7']],
    ['a degree word before a negation (intensified)', ['太', '不', '及时'], -1.5, ['太不|及时:-1.5']],
    ['a request before a positive word (a wish)', ['希望', '尽快', '及时', '处理'], 0, ['希望|及时:0']],
    ['a request before a negated negative word', ['希望', '不要', '拖延'], 0, ['希望不要|拖延:0']],
    ['a request before a negative word', ['希望', '拖延'], -1, ['|拖延:-1']],
    ['a request seven tokens back', ['请', 'a', 'b', 'c', 'd', 'e', 'f', '满意'], 1, ['|满意:1']],
    ['a complaint cue spanning tokens', ['没', '人', '管'], -2, ['|没人管:-2']],
    ['a complaint cue after a degree word (unchanged)', ['非常', '投诉'], -1, ['|投诉:-1']],
    ['a complaint cue after a negation (unchanged)', ['没有', '投诉'], -1, ['|投诉:-1']],
    ['emoji tokens', ['😡', '👍'], 0, []],
    ['full-width tokens (read in NFKC form)', ['ＯＫ', '满意'], 1, ['|满意:1']],
  ])('scores %s', (_, tokens, raw, cues) => {
    const result = scorer.score({ tokens });
    expect(result.raw).toBeCloseTo(raw, 12);
    expect(result.score).toBeCloseTo(squash(raw), 12);
    expect(brief(result.cues)).toEqual(cues);
  });

  it('labels by the thresholds, inclusive', () => {
    const exact = new SentimentScorer(lexicon, { saturation: 15 });
    expect(exact.score({ tokens: ['失望'] })).toMatchObject({ score: -0.25, label: 'negative' });
    expect(exact.score({ tokens: ['满意'] })).toMatchObject({ score: 0.25, label: 'positive' });
    expect(exact.score({ tokens: ['谢谢'] }).label).toBe('neutral');
    expect(new SentimentScorer(lexicon, { positiveThreshold: 0.5 }).score({ tokens: ['满意'] }).label).toBe('neutral');
  });

  it('widens the negation window when told', () => {
    const wide = new SentimentScorer(lexicon, { window: 5 });
    expect(wide.score({ tokens: ['不', '我们', '小区', '物业', '满意'] }).raw).toBe(-1);
  });

  it('keeps the score inside (−1, 1) for a very long message', () => {
    const tokens = Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? '失望' : '小区'));
    const result = scorer.score({ tokens, text: tokens.join('') });
    expect(result.score).toBeGreaterThan(-1);
    expect(result.score).toBeLessThan(-0.99);
  });

  it.each([{ negativeThreshold: 0 }, { positiveThreshold: -0.1 }, { saturation: 0 }])('refuses %j', (options) => {
    expect(() => new SentimentScorer(lexicon, options)).toThrow(RangeError);
  });
});

describe('SentimentScorer on the raw text', () => {
  it.each([
    ['finds a phrase the segmenter cut across', ['没人', '管理'], '没人管理', -2, ['|没人管:-2'], ['text']],
    ['does not count a phrase the tokens already gave', ['石沉', '大海'], '石沉大海', -2, ['|石沉大海:-2'], ['tokens']],
    [
      'counts a second occurrence the tokens missed',
      ['石沉大海', '又', '石沉', '海底'],
      '石沉大海又石沉大海',
      -4,
      ['|石沉大海:-2', '|石沉大海:-2'],
      ['tokens', 'text'],
    ],
    ['prefers the longest phrase at a place', ['多次', '反映'], '多次反映', -1.5, ['|多次反映:-1.5'], ['tokens']],
    ['ignores entries shorter than three characters', [], '满意失望', 0, [], []],
    ['finds positive phrases too', ['得到', '了', '解决'], '得到了解决', 1, ['|得到了解决:1'], ['tokens']],
    ['ignores spaces inside a phrase', [], '没人 管', -2, ['|没人管:-2'], ['text']],
  ])('%s', (_, tokens, text, raw, cues, sources) => {
    const result = scorer.score({ tokens, text });
    expect(result.raw).toBeCloseTo(raw, 12);
    expect(brief(result.cues)).toEqual(cues);
    expect(result.cues.map((c) => (c.kind === 'punctuation' ? 'marks' : c.source))).toEqual(sources);
  });

  it.each([
    ['no marks', '失望', 1, []],
    ['a single mark', '失望！', 1, []],
    ['three exclamation marks', '失望！！！', 1.2, ['[!!!]']],
    ['mixed ? and !', '失望？！？', 1.2, ['[?!?]']],
    ['two runs', '失望!!为什么??', 1.2, ['[!!]', '[??]']],
    ['eleven marks (capped at six extra)', '失望！！！！！！！！！！！', 1.6, ['[!!!!!!!!!!!]']],
  ])('intensifies with repeated punctuation: %s', (_, text, intensity, marks) => {
    const result = scorer.score({ tokens: ['失望'], text });
    expect(result.intensity).toBeCloseTo(intensity, 12);
    expect(result.raw).toBeCloseTo(-intensity, 12);
    expect(brief(result.cues.filter((c) => c.kind === 'punctuation'))).toEqual(marks);
  });

  it('leaves a message with marks but no sentiment word neutral', () => {
    const result = scorer.score({ tokens: ['为什么'], text: '为什么？？？' });
    expect([result.raw, result.label]).toEqual([0, 'neutral']);
  });

  it.each([
    ['empty', ''],
    ['punctuation only', '，。、……'],
    ['emoji only', '😡😡😡'],
    ['a single character', '冷'],
  ])('scores an %s text as neutral', (_, text) => {
    expect(scorer.score({ tokens: [], text })).toMatchObject({ raw: 0, score: 0, label: 'neutral', intensity: 1 });
  });
});

describe('SentimentScorer with the shipped lexicon', () => {
  const shipped = new SentimentScorer(loadDefaultSentimentLexicon());

  it.each([
    ['praise', ['工作人员', '态度', '非常', '好', '，', '问题', '很快', '就', '解决', '了', '，', '点赞'], 'positive'],
    ['satisfaction', ['非常', '满意'], 'positive'],
    ['dissatisfaction', ['很', '不', '满意'], 'negative'],
    ['mild dissatisfaction', ['不太', '满意'], 'negative'],
    ['disappointment', ['太', '失望', '了'], 'negative'],
    ['a nuisance', ['噪音扰民', '严重'], 'negative'],
    ['an unanswered complaint', ['多次', '反映', '都', '石沉大海'], 'negative'],
    ['nobody in charge', ['到底', '有没有', '人', '管'], 'negative'],
    ['a polite request', ['希望', '尽快', '妥善', '处理', '，', '谢谢'], 'neutral'],
    ['a question', ['请问', '公积金', '提取', '需要', '什么', '材料'], 'neutral'],
    ['a request not to delay', ['希望', '不要', '再', '拖延', '了'], 'neutral'],
    ['untimely service', ['服务', '不够', '及时'], 'negative'],
  ])('labels %s', (_, tokens, label) => {
    expect(shipped.score({ tokens, text: tokens.join('') }).label).toBe(label);
  });
});
