import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { UserDictError } from './jieba-dictionary';

import { SEGMENTER_NAMES } from './segmenter';
import { createSegmenter } from './segmenter.factory';

const USER_DICT = path.resolve(__dirname, '../../../config/nlp/user-dict.txt');

describe('createSegmenter', () => {
  it.each(SEGMENTER_NAMES)('builds the %s adapter', (name) => {
    expect(createSegmenter(name, { userDictPath: USER_DICT }).name).toBe(name);
  });

  it('refuses a missing user dictionary before any native code sees it', () => {
    expect(() => createSegmenter('rs-jieba', { userDictPath: '/nonexistent/user-dict.txt' })).toThrow(
      /user dictionary not found/,
    );
    expect(() => createSegmenter('nodejieba', { userDictPath: '/nonexistent/user-dict.txt' })).toThrow(
      /user dictionary not found/,
    );
  });

  it.each(SEGMENTER_NAMES)('refuses a malformed user dictionary with %s (cppjieba would misread it)', (name) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'wenzheng-nlp-')), 'bad-dict.txt');
    writeFileSync(file, '网格员 2000 n\n低保金 n\n');
    expect(() => createSegmenter(name, { userDictPath: file })).toThrow(UserDictError);
    expect(() => createSegmenter(name, { userDictPath: file })).toThrow(/line 2/);
  });
});
