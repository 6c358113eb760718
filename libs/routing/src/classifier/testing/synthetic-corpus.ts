import { createRandom } from '../random';
import { TokenizedExample } from '../trainer';

/** Words that mark each label in the synthetic corpus; every message also draws from `SHARED_WORDS`. */
export const LABEL_WORDS: Readonly<Record<string, readonly string[]>> = {
  城乡建设: ['小区', '物业', '电梯', '供水', '棚户区', '拆迁', '停车'],
  教育文体: ['学校', '学生', '老师', '幼儿园', '学区', '教育局', '入学'],
  交通运输: ['公交', '线路', '班次', '道路', '出租车', '站点', '高速'],
};

export const SHARED_WORDS: readonly string[] = ['领导', '您好', '希望', '解决', '问题', '市民', '反映', '请问'];

/**
 * Messages of a few tokens each: four label words and four shared ones, in shuffled order, with
 * one word in ten taken from another label so that the task is not trivially separable.
 */
export function syntheticCorpus(perLabel: number, seed: number): TokenizedExample[] {
  const random = createRandom(seed);
  const labels = Object.keys(LABEL_WORDS);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const examples: TokenizedExample[] = [];
  for (let n = 0; n < perLabel; n += 1) {
    for (const label of labels) {
      const tokens: string[] = [];
      for (let i = 0; i < 4; i += 1) tokens.push(random() < 0.1 ? pick(LABEL_WORDS[pick(labels)]) : pick(LABEL_WORDS[label]));
      for (let i = 0; i < 4; i += 1) tokens.splice(Math.floor(random() * (tokens.length + 1)), 0, pick(SHARED_WORDS));
      examples.push({ tokens, label });
    }
  }
  return examples;
}

/** Splits on whitespace: the tokenizer the synthetic specs pair with space-joined messages. */
export const splitOnSpaces = (text: string): string[] => text.split(/\s+/).filter((token) => token !== '');
