import * as path from 'node:path';

import { Test } from '@nestjs/testing';

import { NlpModule, NlpModuleOptions, SEGMENTER } from './nlp.module';
import { Segmenter, SEGMENTER_NAMES } from './segmenter';
import { TextAnalyzer } from './text-analyzer';

const CONFIG = path.resolve(__dirname, '../../../config/nlp');

function options(overrides: Partial<NlpModuleOptions> = {}): NlpModuleOptions {
  return {
    segmenter: 'rs-jieba',
    userDictPath: path.join(CONFIG, 'user-dict.txt'),
    stopWordsPath: path.join(CONFIG, 'stop-words.txt'),
    ...overrides,
  };
}

describe('NlpModule.forRoot', () => {
  it('is not global', () => {
    expect(NlpModule.forRoot(options()).global).toBe(false);
  });

  it.each(SEGMENTER_NAMES)('provides the %s segmenter and an analyzer built on it', async (segmenter) => {
    const moduleRef = await Test.createTestingModule({
      imports: [NlpModule.forRoot(options({ segmenter, topKeywords: 2 }))],
    }).compile();
    expect(moduleRef.get<Segmenter>(SEGMENTER).name).toBe(segmenter);
    const analyzer = moduleRef.get(TextAnalyzer);
    expect(analyzer.segmenterName).toBe(segmenter);
    const { tokens, keywords } = analyzer.analyze('请问蓼兰镇的低保金什么时候发放？');
    expect(tokens).toEqual(['请问', '蓼兰镇', '的', '低保金', '什么', '时候', '发放']);
    expect(keywords.map((keyword) => keyword.term)).toEqual(['低保金', '蓼兰镇']);
    await moduleRef.close();
  });

  it.each([
    ['user dictionary', { userDictPath: '/nonexistent/user-dict.txt' }, /user dictionary not found/],
    ['stop-word list', { stopWordsPath: '/nonexistent/stop-words.txt' }, /ENOENT/],
  ])('fails to start with a missing %s', async (_, overrides, message) => {
    await expect(
      Test.createTestingModule({ imports: [NlpModule.forRoot(options(overrides))] }).compile(),
    ).rejects.toThrow(message);
  });
});
