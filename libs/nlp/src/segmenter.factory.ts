import { NodejiebaSegmenter } from './nodejieba.segmenter';
import { RsJiebaSegmenter } from './rs-jieba.segmenter';
import { Segmenter, SegmenterName, SegmenterOptions } from './segmenter';

export function createSegmenter(name: SegmenterName, options: SegmenterOptions): Segmenter {
  switch (name) {
    case 'nodejieba':
      return NodejiebaSegmenter.create(options);
    case 'rs-jieba':
      return RsJiebaSegmenter.create(options);
    default: {
      const unknown: never = name;
      throw new Error(`unknown segmenter: ${String(unknown)}`);
    }
  }
}
