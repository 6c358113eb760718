import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { parseUserDict } from './jieba-dictionary';
import { NodejiebaSegmenter } from './nodejieba.segmenter';
import { RsJiebaSegmenter } from './rs-jieba.segmenter';
import { Segmenter, SegmenterName } from './segmenter';
import { REALISTIC_MESSAGES } from './testing/realistic-messages';

const USER_DICT = path.resolve(__dirname, '../../../config/nlp/user-dict.txt');
const ENTRIES = parseUserDict(readFileSync(USER_DICT, 'utf8')).map((entry) => entry.word);

const ADAPTERS: [SegmenterName, () => Segmenter][] = [
  ['nodejieba', () => NodejiebaSegmenter.create({ userDictPath: USER_DICT })],
  ['rs-jieba', () => RsJiebaSegmenter.create({ userDictPath: USER_DICT })],
];

/** Contexts chosen so the neighbouring characters could form words with an entry's first or last character. */
const CONTEXTS = [
  '{}',
  '我想咨询一下{}的相关情况。',
  '关于{}，希望有关部门尽快处理',
  '请问{}怎么办理？',
  '我市{}',
  '全市{}情况',
  '向{}反映',
  '到{}办理了',
  '城市{}',
  '对{}不满意',
  '{}和{}',
  '据说{}要',
];

describe.each(ADAPTERS)('%s segmenter', (name, create) => {
  let segmenter: Segmenter;
  beforeAll(() => {
    segmenter = create();
  });

  it('names itself', () => {
    expect(segmenter.name).toBe(name);
  });

  it.each(CONTEXTS)('keeps every user-dictionary entry whole in "%s"', (context) => {
    const split = ENTRIES.map((entry) => ({ entry, tokens: segmenter.cut(context.replaceAll('{}', entry)) })).filter(
      ({ entry, tokens }) => !tokens.includes(entry),
    );
    expect(split).toEqual([]);
  });

  it.each([
    ['社区主任张晓峰说', '张晓峰'],
    ['业主代表周雅婷反映', '周雅婷'],
    ['我叫吕振东', '吕振东'],
  ])('joins the unknown name in %s with HMM', (text, name) => {
    // Not in the dictionary: without HMM each of the three characters would be a token.
    expect(segmenter.cut(text)).toContain(name);
  });

  it.each([
    ['棚户区 改造 补偿款 至今 未 发放', ['棚户区', '改造', '补偿款', '至今', '未', '发放']],
    ['A1 区 A2 区华庭 楼顶 水箱 长年 不洗', ['A1', '区', 'A2', '区华庭', '楼顶', '水箱', '长年', '不洗']],
    ['小区\t停车\n难\r\n物业\u3000不管', ['小区', '停车', '难', '物业', '不管']],
    ['  老旧 小区   改造  ', ['老旧', '小区', '改造']],
  ])('keeps the boundaries of space-segmented %j', (text, expected) => {
    expect(segmenter.cut(text)).toEqual(expected);
  });

  it.each(['', ' ', '   ', '\n', '\t \r\n', '\u3000\u00a0'])('returns no token for %j', (text) => {
    expect(segmenter.cut(text)).toEqual([]);
  });

  it.each([
    ['拨打12345热线反映', ['拨打', '12345热线', '反映']],
    ['2026年1月起', ['2026', '年', '1', '月', '起']],
    ['12315热线和12345政务服务热线', ['12315热线', '和', '12345政务服务热线']],
    ['iPhone15坏了', ['iPhone15', '坏', '了']],
  ])('cuts mixed ASCII and digits in %s', (text, expected) => {
    expect(segmenter.cut(text)).toEqual(expected);
  });

  it('keeps punctuation as tokens and never returns whitespace', () => {
    const tokens = segmenter.cut('您好！请问， 低保金 什么时候发？\n谢谢。');
    expect(tokens).toEqual(['您好', '！', '请问', '，', '低保金', '什么', '时候', '发', '？', '谢谢', '。']);
  });

  it('never returns an empty, untrimmed or whitespace-bearing token on the realistic messages', () => {
    const bad = REALISTIC_MESSAGES.flatMap((text) => segmenter.cut(text)).filter(
      (token) => token === '' || /\s/u.test(token),
    );
    expect(bad).toEqual([]);
  });

  it.each([
    ['棚户区改造进展缓慢', ['棚户', '棚户区', '改造', '棚户区改造'], ['进展', '缓慢']],
    ['市城乡建设局的回复', ['城乡', '建设', '建设局', '市城乡建设局'], ['回复']],
  ])('search mode keeps %s and adds the shorter words inside it', (text, inside, rest) => {
    const tokens = segmenter.cutForSearch(text);
    expect(tokens).toEqual(expect.arrayContaining([...inside, ...rest]));
    expect(segmenter.cut(text)).not.toEqual(expect.arrayContaining(inside.slice(0, -1)));
  });

  it('search mode returns no whitespace token and nothing for blank text', () => {
    expect(segmenter.cutForSearch(' \n\u3000')).toEqual([]);
    expect(REALISTIC_MESSAGES.flatMap((text) => segmenter.cutForSearch(text)).filter((t) => t === '' || /\s/u.test(t))).toEqual([]);
  });

  it('uses nodejieba’s base dictionary, not the one bundled with @node-rs/jieba', () => {
    // IC卡 and U盘 are words only in the @node-rs/jieba bundle.
    expect(segmenter.cut('办理IC卡')).toEqual(['办理', 'IC', '卡']);
    expect(segmenter.cut('U盘')).toEqual(['U', '盘']);
  });
});

describe('nodejieba process-global dictionary', () => {
  it('shares one load between segmenters with the same user dictionary', () => {
    const first = NodejiebaSegmenter.create({ userDictPath: USER_DICT });
    const second = NodejiebaSegmenter.create({ userDictPath: path.relative(process.cwd(), USER_DICT) });
    expect(second.cut('蓼兰镇网格员')).toEqual(['蓼兰镇', '网格员']);
    expect(first.cut('蓼兰镇网格员')).toEqual(['蓼兰镇', '网格员']);
  });

  it('refuses a second, different user dictionary instead of swapping it under the first', () => {
    NodejiebaSegmenter.create({ userDictPath: USER_DICT });
    const other = path.join(mkdtempSync(path.join(tmpdir(), 'wenzheng-nlp-')), 'other-dict.txt');
    writeFileSync(other, '蓼兰 2000 ns\n');
    expect(() => NodejiebaSegmenter.create({ userDictPath: other })).toThrow(/process-global/);
    expect(NodejiebaSegmenter.create({ userDictPath: USER_DICT }).cut('蓼兰镇')).toEqual(['蓼兰镇']);
  });
});

describe('both adapters on realistic messages', () => {
  const [nodejieba, rsJieba] = ADAPTERS.map(([, create]) => create());

  /**
   * Known, real differences between the libraries (not dictionary ones): jieba-rs keeps a run
   * of ASCII letters, digits and `+#&._%-` together (5G, 50%), cppjieba splits digits from
   * letters and from %. If a library changes, this list must be updated, not widened blindly.
   */
  const KNOWN_DIFFERENCES = new Map<number, { nodejieba: string[]; rsJieba: string[] }>([
    [20, { nodejieba: ['5', 'G'], rsJieba: ['5G'] }],
    [21, { nodejieba: ['50', '%'], rsJieba: ['50%'] }],
  ]);

  it('has about twenty messages', () => {
    expect(REALISTIC_MESSAGES.length).toBeGreaterThanOrEqual(20);
  });

  it.each(REALISTIC_MESSAGES.map((text, index) => [index, text] as const))('message %i: %s', (index, text) => {
    const a = nodejieba.cut(text);
    const b = rsJieba.cut(text);
    const known = KNOWN_DIFFERENCES.get(index);
    if (known === undefined) {
      expect(b).toEqual(a);
      return;
    }
    expect(b).not.toEqual(a);
    expect(diff(a, b)).toEqual({ onlyA: known.nodejieba, onlyB: known.rsJieba });
  });
});

/** Tokens between the longest common prefix and suffix of two cuts. */
function diff(a: string[], b: string[]): { onlyA: string[]; onlyB: string[] } {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end += 1;
  return { onlyA: a.slice(start, a.length - end), onlyB: b.slice(start, b.length - end) };
}
