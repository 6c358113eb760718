import { existsSync } from 'node:fs';
import * as path from 'node:path';

import { jiebaDataPaths, loadUserDict, parseUserDict, UserDictError } from './jieba-dictionary';

const USER_DICT = path.resolve(__dirname, '../../../config/nlp/user-dict.txt');

const PLACES = [
  '平度市',
  '东阁街道',
  '李园街道',
  '同和街道',
  '凤台街道',
  '白沙河街道',
  '南村镇',
  '蓼兰镇',
  '崔家集镇',
  '明村镇',
  '田庄镇',
  '新河镇',
  '店子镇',
  '大泽山镇',
  '旧店镇',
  '云山镇',
  '古岘镇',
  '仁兆镇',
];

const UNITS = [
  '市政府办公室',
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
  '市大数据中心',
];

describe('parseUserDict', () => {
  it('reads "word freq tag" lines', () => {
    expect(parseUserDict('依申请公开 2000 l\n12345热线 2000 nz\n')).toEqual([
      { word: '依申请公开', freq: 2000, tag: 'l' },
      { word: '12345热线', freq: 2000, tag: 'nz' },
    ]);
  });

  it.each([
    ['a word alone', '网格员\n', /line 1/],
    ['word and tag (cppjieba and jieba-rs read it differently)', '网格员 n\n', /line 1/],
    ['word and freq', '网格员 2000\n', /line 1/],
    ['a tab separator', '网格员\t2000\tn\n', /line 1/],
    ['two spaces', '网格员  2000 n\n', /line 1/],
    ['a fourth field', '网格员 2000 n x\n', /line 1/],
    ['a zero freq', '网格员 0 n\n', /line 1/],
    ['a CRLF line end', '网格员 2000 n\r\n', /line 1/],
    ['a byte-order mark', '\ufeff网格员 2000 n\n', /line 1/],
    ['a comment', '# terms\n网格员 2000 n\n', /line 1/],
    ['a blank line', '网格员 2000 n\n\n低保金 2000 n\n', /line 2/],
    ['a duplicate', '网格员 2000 n\n低保金 2000 n\n网格员 3000 n\n', /line 3: "网格员" already on line 1/],
    ['nothing', '', /no entries/],
  ])('refuses %s', (_, text, message) => {
    expect(() => parseUserDict(text)).toThrow(UserDictError);
    expect(() => parseUserDict(text)).toThrow(message);
  });
});

describe('the project user dictionary', () => {
  const words = new Set(loadUserDict(USER_DICT).entries.map((entry) => entry.word));

  it('holds at least 80 政务/民生 terms besides places and units', () => {
    expect(words.size - PLACES.length - UNITS.length).toBeGreaterThanOrEqual(80);
  });

  it.each([...PLACES, ...UNITS])('holds %s', (word) => {
    expect(words.has(word)).toBe(true);
  });

});

describe('jiebaDataPaths', () => {
  it('points at dictionaries that exist inside the installed nodejieba package', () => {
    for (const file of Object.values(jiebaDataPaths())) {
      expect(file).toContain(`${path.sep}nodejieba${path.sep}`);
      expect(existsSync(file)).toBe(true);
    }
  });
});
