import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '@wenzheng/config';
import { MESSAGE_KINDS } from '@wenzheng/routing';

/** The shared training set beside the repository (../shared/data), read in place. */
export const CORPUS_PATH = join(projectRoot(), '..', 'shared', 'data', 'citizen-messages-train.jsonl');

export interface Corpus {
  /** Where the texts come from, as printed in the report. */
  source: string;
  fromFile: boolean;
  /** The file's form: words separated by spaces (empty for generated messages). */
  segmented: string[];
  /** What a channel delivers: the same texts without the spaces. */
  raw: string[];
}

/** Up to `limit` messages of the shared data set; generated messages (and a note saying so) when the file is absent. */
export function loadCorpus(limit: number): Corpus {
  if (!existsSync(CORPUS_PATH)) {
    const raw = generateMessages(limit);
    return { source: `generated messages (${CORPUS_PATH} is absent)`, fromFile: false, segmented: [], raw };
  }
  const segmented: string[] = [];
  for (const line of readFileSync(CORPUS_PATH, 'utf8').split('\n')) {
    if (segmented.length >= limit) break;
    if (line.trim() === '') continue;
    const text = (JSON.parse(line) as { text?: unknown }).text;
    if (typeof text === 'string' && text.trim() !== '') segmented.push(text.trim());
  }
  const raw = segmented.map((text) => text.replace(/\s+/g, ''));
  return { source: `the first ${segmented.length} lines of ${CORPUS_PATH}`, fromFile: true, segmented, raw };
}

// Fragments for the fallback messages: places of the demo city, a problem, how long, what is asked.
const PLACES = [
  '东阁街道',
  '李园街道',
  '凤台街道',
  '南村镇',
  '蓼兰镇',
  '大泽山镇',
  '开发区',
  '城区',
  '白沙河街道',
  '明村镇',
];
const SITES = ['某小区', '幸福路', '中心小学附近', '农贸市场门口', '某村', '工业园', '老旧小区', '公交站旁'];
const PROBLEMS = [
  '路灯坏了很久没人修，晚上出行很不安全',
  '小区供暖温度一直不达标，室内只有十几度',
  '烧烤摊占道经营，油烟和噪音扰民到深夜',
  '工地夜间施工，噪音严重影响居民休息',
  '企业拖欠农民工工资，多次讨要没有结果',
  '自来水有异味，水压也不稳定',
  '垃圾清运不及时，夏天臭味很大',
  '公交班次太少，学生和老人出行不方便',
  '养殖场污水直排河道，河水发黑发臭',
  '孩子入学报名，不清楚学区怎么划分',
  '医保异地报销手续复杂，报销比例偏低',
  '物业公司收费不透明，电梯经常停运',
];
const DURATIONS = ['已经一个多月了', '持续半年多了', '今年以来反复出现', '反映过好几次', '从去年冬天开始'];
/** How citizens end a message; the archive seed reuses them. */
export const ASKS = [
  '希望有关部门尽快处理。',
  '请问应该向哪个部门反映？',
  '恳请领导重视，给我们一个答复。',
  '建议加强监管，彻底解决这个问题。',
  '请相关部门核实情况并回复。',
];

/** Deterministic varied messages (a fixed LCG), 60–400 characters. */
export function generateMessages(count: number): string[] {
  let seed = 20251123;
  const pick = <T>(items: readonly T[]): T => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return items[(seed >>> 16) % items.length];
  };
  const messages: string[] = [];
  for (let i = 0; i < count; i++) {
    const sentences = [`您好，我是${pick(PLACES)}${pick(SITES)}的居民，${pick(PROBLEMS)}，${pick(DURATIONS)}。`];
    const extra = i % 4;
    for (let k = 0; k < extra; k++) sentences.push(`另外，${pick(PLACES)}${pick(SITES)}${pick(PROBLEMS)}。`);
    sentences.push(pick(ASKS));
    messages.push(sentences.join(''));
  }
  return messages;
}

/** The body of POST /api/v1/portal/messages. */
export interface PortalSubmission {
  title: string;
  body: string;
  kind: (typeof MESSAGE_KINDS)[number];
  name?: string;
  phone?: string;
  publicConsent: boolean;
  clientRequestId?: string;
}

const NAMES = ['王先生', '李女士', '张晓峰', '刘阿姨', '陈同学', '赵师傅', '孙女士'];

/**
 * A portal submission built from message `index` of `texts`, varied as real forms are: every kind, a third anonymous,
 * half without public consent, two thirds with a client request id (`tag` keeps ids unique across runs).
 */
export function portalSubmission(texts: readonly string[], index: number, tag: string): PortalSubmission {
  const text = texts[index % texts.length];
  const chars = Array.from(text);
  const submission: PortalSubmission = {
    title: chars.slice(0, 8 + (index % 17)).join(''),
    body: text.length > 5000 ? chars.slice(0, 4000).join('') : text,
    kind: MESSAGE_KINDS[index % MESSAGE_KINDS.length],
    publicConsent: index % 2 === 0,
  };
  if (index % 3 !== 0) {
    submission.name = NAMES[index % NAMES.length];
    submission.phone = `1${3 + (index % 7)}${String(100000000 + ((index * 7919) % 900000000)).slice(-9)}`;
  }
  if (index % 3 !== 1) submission.clientRequestId = `bench-${tag}-${index}`;
  return submission;
}

/** Length in code points (a Han character counts one). */
export function charCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}
