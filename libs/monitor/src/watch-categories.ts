/**
 * The areas the public-sentiment rules single out for closer watch (docs/rules.md, 政务舆情回应),
 * each with words that indicate it in citizens' messages. Written for this project.
 */
export const WATCH_CATEGORIES = ['就学就医', '住房保障', '安全生产', '防灾减灾', '食品药品安全', '养老服务'] as const;

export type WatchCategory = (typeof WATCH_CATEGORIES)[number];

export const WATCH_CATEGORY_WORDS: Readonly<Record<WatchCategory, readonly string[]>> = {
  就学就医: [
    '上学', '入学', '就学', '学校', '学区', '学位', '小学', '初中', '高中', '幼儿园', '托育', '招生', '择校', '转学',
    '学费', '校车', '课后服务', '义务教育', '教师', '老师', '学生', '就医', '看病', '医院', '医生', '门诊',
    '急诊', '住院', '挂号', '卫生院', '卫生室', '诊所', '医保', '报销', '药费', '医疗', '手术', '病床', '家庭医生',
    '救护车', '看病难', '看病贵',
  ],
  住房保障: [
    '保障房', '保障性住房', '公租房', '廉租房', '经适房', '经济适用房', '共有产权房', '人才房', '安置房', '回迁房',
    '回迁', '棚户区', '棚改', '拆迁', '房屋征收', '拆迁补偿', '住房补贴', '租房补贴', '公积金', '房产证', '不动产证',
    '烂尾', '烂尾楼', '交房', '延期交房', '逾期交房', '住房', '危房', '老旧小区改造',
  ],
  安全生产: [
    '安全生产', '安全隐患', '隐患', '事故', '爆炸', '火灾', '起火', '着火', '泄漏', '燃气', '煤气', '液化气',
    '危化品', '危险品', '化工厂', '矿山', '煤矿', '工地', '施工安全', '脚手架', '塔吊', '消防', '消防通道',
    '电动车充电', '飞线充电', '特种设备', '电梯故障', '困人', '坍塌', '倒塌', '触电', '煤气中毒', '违规生产',
  ],
  防灾减灾: [
    '防灾', '减灾', '灾害', '自然灾害', '洪水', '洪涝', '内涝', '积水', '暴雨', '台风', '地震', '山体滑坡', '滑坡',
    '泥石流', '塌方', '干旱', '旱情', '冰雹', '暴雪', '冰冻', '森林火灾', '山火', '防汛', '抗旱', '应急',
    '避难', '疏散', '转移群众', '救灾', '受灾', '灾后', '预警', '堤坝', '水库', '河堤', '决口',
  ],
  食品药品安全: [
    '食品安全', '食品', '食物中毒', '中毒', '变质', '过期食品', '霉变', '地沟油', '病死猪', '注水肉', '农药残留',
    '添加剂', '三无产品', '无证经营', '食堂', '后厨', '卫生许可', '药品', '假药', '劣药',
    '药店', '药房', '疫苗', '保健品', '医疗器械', '化妆品', '奶粉',
  ],
  养老服务: [
    '养老', '养老院', '敬老院', '福利院', '老年人', '老人', '高龄', '失能', '失智', '空巢', '独居老人', '养老金',
    '退休金', '高龄补贴', '老年证', '助餐', '老年食堂', '日间照料', '居家养老', '社区养老', '护理', '护工', '长护险',
    '适老化', '加装电梯',
  ],
};

export interface WatchMatch {
  category: WatchCategory;
  /** The category's words found, in the order of the category's list. */
  words: string[];
}

/**
 * The watch categories whose words occur among the terms, in the order of `WATCH_CATEGORIES`.
 * A term matches a word it equals or contains (棚户区改造 contains 棚户区), so compound tokens
 * from the segmenter are not missed; single-character words are never listed.
 */
export function watchCategoriesOf(
  terms: Iterable<string>,
  words: Readonly<Record<WatchCategory, readonly string[]>> = WATCH_CATEGORY_WORDS,
): WatchMatch[] {
  // Most topics touch no watch word: the set is only made for the first word found.
  let hits: Set<number> | null = null;
  const index = indexOf(words);
  for (const term of terms) {
    for (const place of placesInTerm(term, index)) (hits ??= new Set()).add(place);
  }
  const matches: WatchMatch[] = [];
  if (hits === null) return matches;
  // A word listed twice (in two categories, or twice in one) was found at each of its places.
  for (const place of [...hits].sort((a, b) => a - b)) {
    const category = index.categories[place];
    const last = matches[matches.length - 1];
    if (last?.category === category) last.words.push(index.words[place]);
    else matches.push({ category, words: [index.words[place]] });
  }
  return matches;
}

/** Terms recur from message to message, so each term's scan of the word lists is kept, per word list and bounded. */
const TERM_MEMO_LIMIT = 50_000;

/**
 * Per word list: the memo of terms, and the lists' words in their order (each with its category) with, per first
 * code unit, the places of the words starting with it: a term then tries only the words that start at one of its
 * characters.
 */
interface WordIndex {
  memo: Map<string, readonly number[]>;
  words: readonly string[];
  categories: readonly WatchCategory[];
  byFirstUnit: Map<number, number[]>;
  /** Places of empty words, which every term contains. */
  empty: number[];
}

const wordIndexes = new WeakMap<object, WordIndex>();

function indexOf(lists: Readonly<Record<WatchCategory, readonly string[]>>): WordIndex {
  let index = wordIndexes.get(lists);
  if (index === undefined) {
    const words = WATCH_CATEGORIES.flatMap((category) => lists[category]);
    const categories = WATCH_CATEGORIES.flatMap((category) => lists[category].map(() => category));
    const byFirstUnit = new Map<number, number[]>();
    const empty: number[] = [];
    words.forEach((word, place) => {
      if (word === '') empty.push(place);
      else byFirstUnit.set(word.charCodeAt(0), [...(byFirstUnit.get(word.charCodeAt(0)) ?? []), place]);
    });
    index = { memo: new Map(), words, categories, byFirstUnit, empty };
    wordIndexes.set(lists, index);
  }
  return index;
}

/** The places of the watch words (of any category) that a term equals or contains. */
function placesInTerm(term: string, index: WordIndex): readonly number[] {
  let found = index.memo.get(term);
  if (found === undefined) {
    const normalized = term.normalize('NFKC');
    const places = new Set(index.empty);
    for (let at = 0; at < normalized.length; at += 1) {
      for (const place of index.byFirstUnit.get(normalized.charCodeAt(at)) ?? []) {
        if (normalized.startsWith(index.words[place], at)) places.add(place);
      }
    }
    found = [...places];
    if (index.memo.size >= TERM_MEMO_LIMIT) index.memo.clear();
    index.memo.set(term, found);
  }
  return found;
}

/** Configured watch words (a local issue of the moment) found among the terms, in the order given. */
export function watchWordsIn(terms: Iterable<string>, watchWords: readonly string[]): string[] {
  // Most deployments configure none, and normalizing every term of every message for nothing showed in profiles.
  if (watchWords.length === 0) return [];
  const distinct = [...new Set(Array.from(terms, (term) => term.normalize('NFKC')))];
  return watchWords.filter((word) => word !== '' && distinct.some((term) => term.includes(word.normalize('NFKC'))));
}
