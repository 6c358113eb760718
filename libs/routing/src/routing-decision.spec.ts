import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MessageKind, RoutingRule, parseRoutingRules, parseUnits } from './routing-catalogue';
import { RoutingDecision, decideRoute } from './routing-decision';

const demoDir = join(__dirname, '../../../config/demo');
const readDemo = (file: string): unknown => JSON.parse(readFileSync(join(demoDir, file), 'utf8'));
const units = parseUnits(readDemo('units.json'));
const demoRules = parseRoutingRules(readDemo('routing-rules.json'), units);

type Expected =
  | { lead: string; assisting?: string[]; rule?: string }
  | { tie: string[] }
  | 'no-match';

interface Case {
  text: string;
  tokens: string[];
  kind: MessageKind;
  expected: Expected;
}

/**
 * Token lists are what nodejieba 3.5 (default dictionary) gives for the text with a user dictionary
 * of the unit names, the town names and about fifty government terms (棚户区改造, 农民工工资,
 * 政务服务大厅, …), punctuation removed, copied here verbatim. The user dictionary is deliberately
 * not the whole catalogue, so several keywords only appear split (村道 → 村 / 道, 二孩 → 二 / 孩,
 * 秸秆焚烧 → 焚烧 / 秸秆) or inside longer words (公交 in 公交线路) and need the text match.
 */
const messages: Case[] = [
  // 民政
  {
    text: '我是南村镇的低保户，今年的低保金为什么一直没有发放？',
    tokens: ['我', '是', '南村镇', '的', '低保户', '今年', '的', '低保金', '为什么', '一直', '没有', '发放'],
    kind: 'consult',
    expected: { lead: 'pingdu-civil-affairs', assisting: [], rule: 'civil-social-assistance' },
  },
  {
    text: '我母亲今年八十二岁，听说有高龄补贴，请问去哪里申请？',
    tokens: ['我', '母亲', '今年', '八', '十二岁', '听说', '有', '高龄补贴', '请问', '去', '哪里', '申请'],
    kind: 'consult',
    expected: { lead: 'pingdu-civil-affairs', rule: 'civil-elderly-care' },
  },
  {
    text: '婚姻登记处周六上班吗？我们想去办理结婚登记。',
    tokens: ['婚姻登记处', '周六', '上班', '吗', '我们', '想', '去', '办理', '结婚登记'],
    kind: 'consult',
    expected: { lead: 'pingdu-civil-affairs', rule: 'civil-marriage-registration' },
  },
  {
    text: '敬老院的老人吃得很差，护工还打骂老人。',
    tokens: ['敬老院', '的', '老人', '吃', '得', '很', '差', '护工', '还', '打骂', '老人'],
    kind: 'complaint',
    expected: { lead: 'pingdu-civil-affairs', rule: 'civil-elderly-care' },
  },
  // 教体
  {
    text: '孩子今年上小学，我们小区划到哪个学区？招生简章什么时候公布？',
    tokens: ['孩子', '今年', '上', '小学', '我们', '小', '区划', '到', '哪个', '学区', '招生简章', '什么', '时候', '公布'],
    kind: 'consult',
    expected: { lead: 'pingdu-education', assisting: [], rule: 'education-enrolment' },
  },
  {
    text: '凤台街道某小学班主任向家长推销教辅资料，还组织有偿补课，每月收补课费三百元。',
    tokens: ['凤台街道', '某', '小学', '班主任', '向', '家长', '推销', '教辅资料', '还', '组织', '有偿补课', '每月', '收', '补课费', '三百元'],
    kind: 'report',
    expected: { lead: 'pingdu-education', assisting: ['pingdu-market-regulation'], rule: 'education-fees' },
  },
  {
    text: '乡村教师补贴已经半年没有发了，教师工资也比城区低很多。',
    tokens: ['乡村教师补贴', '已经', '半年', '没有', '发', '了', '教师工资', '也', '比', '城区', '低', '很多'],
    kind: 'complaint',
    expected: { lead: 'pingdu-education', assisting: ['pingdu-finance'], rule: 'education-teacher-pay' },
  },
  // 卫生计生
  {
    text: '镇卫生院的医生态度恶劣，看病要等一上午。',
    tokens: ['镇', '卫生院', '的', '医生', '态度恶劣', '看病', '要', '等', '一上午'],
    kind: 'complaint',
    expected: { lead: 'pingdu-health', assisting: [], rule: 'health-medical-services' },
  },
  {
    text: '孩子的疫苗接种证丢了，怎么补办？',
    tokens: ['孩子', '的', '疫苗', '接种', '证', '丢', '了', '怎么', '补办'],
    kind: 'consult',
    expected: { lead: 'pingdu-health', rule: 'health-vaccination' },
  },
  {
    text: '二孩的生育服务证怎么办理？需要什么材料？',
    tokens: ['二', '孩', '的', '生育服务证', '怎么', '办理', '需要', '什么', '材料'],
    kind: 'consult',
    expected: { lead: 'pingdu-health', rule: 'health-family-planning' },
  },
  {
    text: '举报李园街道一家黑诊所无证行医，给老人输液。',
    tokens: ['举报', '李园街道', '一家', '黑诊所', '无证行医', '给', '老人', '输液'],
    kind: 'report',
    expected: { lead: 'pingdu-health', assisting: ['pingdu-market-regulation'], rule: 'health-illegal-practice' },
  },
  {
    // the report-only rule is filtered out for a consultation; the generic one still applies
    text: '咨询一下开诊所需要什么条件？黑诊所和正规诊所怎么区分？',
    tokens: ['咨询', '一下', '开', '诊所', '需要', '什么', '条件', '黑诊所', '和', '正规', '诊所', '怎么', '区分'],
    kind: 'consult',
    expected: { lead: 'pingdu-health', assisting: [], rule: 'health-medical-services' },
  },
  // 人社 (医保 included: in 2018 Pingdu it was run by 人社, not 卫生计生)
  {
    text: '我在医院住院花了三万多，住院报销比例只有百分之五十，太低了。',
    tokens: ['我', '在', '医院', '住院', '花', '了', '三万多', '住院报销', '比例', '只有', '百分之五十', '太', '低', '了'],
    kind: 'complaint',
    expected: { lead: 'pingdu-human-resources', assisting: ['pingdu-health'], rule: 'labour-medical-reimbursement' },
  },
  {
    text: '城乡居民医保今年的缴费标准是多少？在哪里交？',
    tokens: ['城乡', '居民医保', '今年', '的', '缴费', '标准', '是', '多少', '在', '哪里', '交'],
    kind: 'consult',
    expected: { lead: 'pingdu-human-resources', assisting: [], rule: 'labour-medical-insurance' },
  },
  {
    text: '公司拖欠工资三个月了，老板一直找借口不发。',
    tokens: ['公司', '拖欠工资', '三个', '月', '了', '老板', '一直', '找', '借口', '不', '发'],
    kind: 'complaint',
    expected: { lead: 'pingdu-human-resources', assisting: [], rule: 'labour-wages' },
  },
  {
    text: '我们在平度一个建筑工地干活，包工头拖欠农民工工资十几万，快过年了还不给。',
    tokens: ['我们', '在', '平度', '一个', '建筑工地', '干活', '包工头', '拖欠', '农民工工资', '十几万', '快', '过年', '了', '还', '不', '给'],
    kind: 'help',
    expected: { lead: 'pingdu-human-resources', assisting: ['pingdu-construction'], rule: 'labour-migrant-wages-construction' },
  },
  {
    // two rules of the same lead unit: merged, not a tie
    text: '单位不给签劳动合同，也不交社保，能去申请劳动仲裁吗？',
    tokens: ['单位', '不', '给', '签', '劳动合同', '也', '不', '交', '社保', '能', '去', '申请', '劳动仲裁', '吗'],
    kind: 'consult',
    expected: { lead: 'pingdu-human-resources', assisting: [], rule: 'labour-relations' },
  },
  {
    text: '事业单位招聘考试的成绩什么时候公布？',
    tokens: ['事业单位', '招聘', '考试', '的', '成绩', '什么', '时候', '公布'],
    kind: 'consult',
    expected: { lead: 'pingdu-human-resources', rule: 'labour-employment' },
  },
  // 环保
  {
    // a town is named, but its local rule has nothing about pollution
    text: '蓼兰镇某化工厂夜里偷排废水，河水发黑发臭。',
    tokens: ['蓼兰镇', '某', '化工厂', '夜里', '偷', '排', '废水', '河水', '发黑', '发臭'],
    kind: 'report',
    expected: { lead: 'pingdu-environment', assisting: [], rule: 'environment-pollution' },
  },
  {
    // 饭店 (market, 2 points) loses on score to 噪音 + 扰民 (environment)
    text: '小区楼下饭店的噪音扰民，晚上十一点还在营业。',
    tokens: ['小区', '楼下', '饭店', '的', '噪音', '扰民', '晚上', '十一点', '还', '在', '营业'],
    kind: 'complaint',
    expected: { lead: 'pingdu-environment', rule: 'environment-noise' },
  },
  {
    text: '每年麦收后村里都有人焚烧秸秆，烟太大了。',
    tokens: ['每年', '麦收', '后', '村里', '都', '有人', '焚烧', '秸秆', '烟', '太', '大', '了'],
    kind: 'report',
    expected: { lead: 'pingdu-environment', rule: 'environment-straw-burning' },
  },
  // 城乡建设
  {
    text: '东关棚户区改造的拆迁补偿标准是怎么定的？',
    tokens: ['东关', '棚户区改造', '的', '拆迁补偿', '标准', '是', '怎么', '定', '的'],
    kind: 'consult',
    expected: { lead: 'pingdu-construction', assisting: [], rule: 'housing-shantytown' },
  },
  {
    text: '物业公司不作为，楼道灯坏了一个月没人修。',
    tokens: ['物业公司', '不', '作为', '楼道', '灯', '坏', '了', '一个月', '没', '人', '修'],
    kind: 'complaint',
    expected: { lead: 'pingdu-construction', rule: 'housing-property-management' },
  },
  {
    text: '今年供暖温度一直不达标，家里只有十五度。',
    tokens: ['今年', '供暖', '温度', '一直', '不', '达标', '家里', '只有', '十五', '度'],
    kind: 'complaint',
    expected: { lead: 'pingdu-construction', rule: 'housing-utilities' },
  },
  {
    // only a substring hit (jieba gives 燃气管 / 道), still enough when nothing else matches
    text: '小区燃气管道漏气，味道很大，请马上派人来！',
    tokens: ['小区', '燃气管', '道', '漏气', '味道', '很大', '请', '马上', '派', '人', '来'],
    kind: 'urgent',
    expected: { lead: 'pingdu-construction', rule: 'housing-utilities' },
  },
  {
    text: '开发商延期交房一年多了，房产证也办不下来。',
    tokens: ['开发商', '延期', '交房', '一年', '多', '了', '房产证', '也', '办', '不', '下来'],
    kind: 'complaint',
    expected: { lead: 'pingdu-construction', rule: 'housing-commodity' },
  },
  {
    // kinds filter: the consult-only 行政审批 rule does not see a report
    text: '举报邻居违规建房，占用了公共通道。',
    tokens: ['举报', '邻居', '违规建房', '占用', '了', '公共', '通道'],
    kind: 'report',
    expected: { lead: 'pingdu-construction', assisting: [], rule: 'housing-illegal-construction' },
  },
  {
    text: '咨询一下农村建房需要办理什么手续？宅基地怎么审批？',
    tokens: ['咨询', '一下', '农村', '建房', '需要', '办理', '什么', '手续', '宅基地', '怎么', '审批'],
    kind: 'consult',
    expected: { lead: 'pingdu-approval', assisting: [], rule: 'approval-rural-housing-consult' },
  },
  {
    // as a complaint the consult-only rule is filtered out: 建房 (城乡建设) and 审批 (办事窗口 rule)
    // then stand equal, so a person decides
    text: '咨询一下农村建房需要办理什么手续？宅基地怎么审批？',
    tokens: ['咨询', '一下', '农村', '建房', '需要', '办理', '什么', '手续', '宅基地', '怎么', '审批'],
    kind: 'complaint',
    expected: { tie: ['pingdu-approval', 'pingdu-construction'] },
  },
  {
    text: '平度城区人民路的路灯坏了好几天，晚上走路很危险。',
    tokens: ['平度', '城区', '人民', '路', '的', '路灯', '坏', '了', '好', '几天', '晚上', '走路', '很', '危险'],
    kind: 'help',
    expected: { lead: 'pingdu-construction', assisting: [], rule: 'housing-municipal-facilities' },
  },
  // towns and streets: the local rule wins over the generic one
  {
    text: '南村镇某村的路灯坏了很久，晚上村道一片漆黑。',
    tokens: ['南村镇', '某村', '的', '路灯', '坏', '了', '很', '久', '晚上', '村', '道', '一片', '漆黑'],
    kind: 'help',
    expected: { lead: 'pingdu-nancun', assisting: ['pingdu-construction'], rule: 'nancun-village-environment' },
  },
  {
    text: '大泽山镇的村道坑坑洼洼，下雨天全是积水，生活垃圾也没人清运。',
    tokens: ['大泽山镇', '的', '村', '道', '坑坑洼洼', '下雨天', '全', '是', '积水', '生活', '垃圾', '也', '没', '人', '清运'],
    kind: 'complaint',
    expected: { lead: 'pingdu-dazeshan', assisting: ['pingdu-construction'], rule: 'dazeshan-village-environment' },
  },
  {
    text: '大泽山葡萄节期间景区门票涨价，停车还乱收费。',
    tokens: ['大泽山', '葡萄节', '期间', '景区', '门票', '涨价', '停车', '还', '乱收费'],
    kind: 'complaint',
    expected: { lead: 'pingdu-dazeshan', assisting: ['pingdu-market-regulation'], rule: 'dazeshan-scenic-area' },
  },
  {
    text: '东阁街道某小区门口流动摊贩占道经营，垃圾遍地没人管。',
    tokens: ['东阁街道', '某', '小区', '门口', '流动', '摊贩', '占', '道', '经营', '垃圾', '遍地', '没人管'],
    kind: 'complaint',
    expected: { lead: 'pingdu-dongge', assisting: ['pingdu-construction'], rule: 'dongge-street-environment' },
  },
  {
    text: '李园街道老旧小区的生活垃圾好几天没有清运了。',
    tokens: ['李园街道', '老', '旧', '小区', '的', '生活', '垃圾', '好', '几天', '没有', '清运', '了'],
    kind: 'complaint',
    expected: { lead: 'pingdu-liyuan', assisting: ['pingdu-construction'], rule: 'liyuan-street-environment' },
  },
  {
    // the pre-segmented form of the training data reads like raw text (村 道 → 村道)
    text: '平度 南村镇 某村 路灯 坏 很 久 晚上 村 道 漆黑',
    tokens: ['平度', '南村镇', '某村', '路灯', '坏', '很', '久', '晚上', '村', '道', '漆黑'],
    kind: 'help',
    expected: { lead: 'pingdu-nancun', assisting: ['pingdu-construction'], rule: 'nancun-village-environment' },
  },
  // 市场监督
  {
    text: '超市卖过期食品，找他们退货还不给退。',
    tokens: ['超市', '卖', '过期', '食品', '找', '他们', '退货', '还', '不', '给', '退'],
    kind: 'complaint',
    expected: { lead: 'pingdu-market-regulation', assisting: [] },
  },
  {
    text: '药店卖的保健品说能治百病，是不是虚假宣传？',
    tokens: ['药店', '卖', '的', '保健品', '说', '能', '治', '百病', '是不是', '虚假', '宣传'],
    kind: 'report',
    expected: { lead: 'pingdu-market-regulation', rule: 'market-food-drug-safety' },
  },
  {
    // 电梯 (market, priority 20) outranks 物业 (城乡建设, 10); 城乡建设 assists
    text: '小区电梯经常出故障，上周还困人，物业说没钱维修。',
    tokens: ['小区', '电梯', '经常', '出', '故障', '上周', '还', '困', '人', '物业', '说', '没', '钱', '维修'],
    kind: 'complaint',
    expected: { lead: 'pingdu-market-regulation', assisting: ['pingdu-construction'], rule: 'market-elevator-safety' },
  },
  // 交通运输
  {
    text: '希望增加到蓼兰镇的公交线路，现在每天只有两班车。',
    tokens: ['希望', '增加', '到', '蓼兰镇', '的', '公交线路', '现在', '每天', '只有', '两', '班车'],
    kind: 'suggestion',
    expected: { lead: 'pingdu-transport', assisting: [], rule: 'transport-bus' },
  },
  {
    text: '出租车司机拒载，还不打表，随便要价。',
    tokens: ['出租车', '司机', '拒载', '还', '不', '打', '表', '随便', '要价'],
    kind: 'complaint',
    expected: { lead: 'pingdu-transport', rule: 'transport-taxi' },
  },
  // 行政审批, 财政, 政府办, 大数据中心
  {
    text: '办营业执照在政务服务大厅跑了三趟，窗口工作人员说材料不全又说不清缺什么。',
    tokens: ['办', '营业执照', '在', '政务服务大厅', '跑', '了', '三趟', '窗口', '工作人员', '说', '材料', '不', '全', '又', '说不清', '缺什么'],
    kind: 'complaint',
    expected: { lead: 'pingdu-approval', assisting: [], rule: 'approval-service-hall' },
  },
  {
    text: '今年的耕地地力保护补贴什么时候发到一卡通上？',
    tokens: ['今年', '的', '耕地地力保护补贴', '什么', '时候', '发到', '一卡通', '上'],
    kind: 'consult',
    expected: { lead: 'pingdu-finance', assisting: [], rule: 'finance-subsidies' },
  },
  {
    text: '请问政府信息公开申请怎么提交？',
    tokens: ['请问', '政府信息公开', '申请', '怎么', '提交'],
    kind: 'consult',
    expected: { lead: 'pingdu-office', rule: 'government-disclosure' },
  },
  {
    text: '12345热线打了好几次都打不通。',
    tokens: ['12345热线', '打', '了', '好', '几次', '都', '打', '不通'],
    kind: 'complaint',
    expected: { lead: 'pingdu-big-data', rule: 'hotline-website' },
  },
  {
    // full-width digits fold to ascii
    text: 'Ａ市　１２３４５热线　打不通',
    tokens: ['Ａ', '市', '１', '２', '３', '４', '５', '热线', '打', '不通'],
    kind: 'complaint',
    expected: { lead: 'pingdu-big-data', rule: 'hotline-website' },
  },
  // ties and no match go to a dispatcher
  {
    text: '物业乱收费，每个月多收二十元。',
    tokens: ['物业', '乱收费', '每个', '月', '多', '收', '二十元'],
    kind: 'complaint',
    expected: { tie: ['pingdu-construction', 'pingdu-market-regulation'] },
  },
  {
    text: '学生坐公交车上学要不要收费？',
    tokens: ['学生', '坐', '公交车', '上学', '要', '不要', '收费'],
    kind: 'consult',
    expected: { tie: ['pingdu-education', 'pingdu-transport'] },
  },
  {
    text: '南村镇和蓼兰镇交界处的路灯都不亮。',
    tokens: ['南村镇', '和', '蓼兰镇', '交界处', '的', '路灯', '都', '不', '亮'],
    kind: 'help',
    expected: { tie: ['pingdu-liaolan', 'pingdu-nancun'] },
  },
  {
    text: '感谢市委市政府，平度这几年变化很大！',
    tokens: ['感谢', '市委', '市政府', '平度', '这', '几年', '变化很大'],
    kind: 'suggestion',
    expected: 'no-match',
  },
  {
    text: '我家的狗丢了，有没有人看到？',
    tokens: ['我家', '的', '狗', '丢', '了', '有没有', '人', '看到'],
    kind: 'help',
    expected: 'no-match',
  },
];

const describeExpected = (expected: Expected): string =>
  expected === 'no-match' ? 'no match' : 'tie' in expected ? `tie ${expected.tie.join(' / ')}` : expected.lead;

describe('decideRoute on the demo catalogue', () => {
  it('has a table whose tokens all come from their text', () => {
    const strip = (value: string) => value.normalize('NFKC').replace(/\s+/gu, '');
    for (const { text, tokens } of messages) {
      const missing = tokens.filter((token) => !strip(text).includes(strip(token)));
      expect({ text, missing }).toEqual({ text, missing: [] });
    }
  });

  it('has a table that reaches every department', () => {
    const reached = new Set(messages.flatMap(({ expected }) => (typeof expected === 'object' && 'lead' in expected ? [expected.lead] : [])));
    expect(units.filter((unit) => unit.kind === 'department' && !reached.has(unit.code)).map((unit) => unit.code)).toEqual([]);
  });

  it.each(messages.map((message) => [`${message.kind} ${message.text} → ${describeExpected(message.expected)}`, message] as const))(
    '%s',
    (_title, { text, tokens, kind, expected }) => {
      const decision = decideRoute({ text, tokens, kind }, demoRules);
      if (expected === 'no-match') {
        expect(decision).toEqual({ outcome: 'dispatching', reason: 'no-match', candidates: [] });
      } else if ('tie' in expected) {
        expect(decision).toMatchObject({ outcome: 'dispatching', reason: 'tie' });
        expect(decision.outcome === 'dispatching' && decision.candidates.map((c) => c.leadUnit)).toEqual(expected.tie);
      } else {
        expect(decision).toMatchObject({ outcome: 'assigned', leadUnit: expected.lead });
        if (decision.outcome !== 'assigned') return;
        if (expected.assisting) expect(decision.assistingUnits).toEqual(expected.assisting);
        if (expected.rule) expect(decision.ruleCode).toBe(expected.rule);
        expect(decision.matched.length).toBeGreaterThan(0);
      }
    },
  );

  it('gives the same decision whatever the order of the rules', () => {
    const reversed = [...demoRules].reverse();
    const rotated = [...demoRules.slice(17), ...demoRules.slice(0, 17)];
    for (const { text, tokens, kind } of messages) {
      const decision = decideRoute({ text, tokens, kind }, demoRules);
      const withoutOrder = (d: RoutingDecision) => (d.outcome === 'assigned' ? { ...d, matched: [...d.matched].sort() } : d);
      expect(withoutOrder(decideRoute({ text, tokens, kind }, reversed))).toEqual(withoutOrder(decision));
      expect(withoutOrder(decideRoute({ text, tokens, kind }, rotated))).toEqual(withoutOrder(decision));
    }
  });
});

describe('decideRoute scoring', () => {
  const rule = (code: string, overrides: Partial<RoutingRule>): RoutingRule => ({
    code,
    description: code,
    leadUnit: 'unit-a',
    assistingUnits: [],
    keywords: [],
    kinds: [],
    places: [],
    priority: 10,
    ...overrides,
  });
  const decide = (text: string, tokens: string[], rules: RoutingRule[], kind: MessageKind = 'complaint') =>
    decideRoute({ text, tokens, kind }, rules);

  it('scores a whole-token hit 2 and a text-only hit 1', () => {
    const rules = [rule('r', { keywords: ['拆迁', '补偿款'] })];
    expect(decide('拆迁补偿款', ['拆迁', '补偿款'], rules)).toMatchObject({ score: 4, matched: ['拆迁', '补偿款'] });
    expect(decide('拆迁补偿款', ['拆迁补偿款'], rules)).toMatchObject({ score: 2, matched: ['拆迁', '补偿款'] });
    expect(decide('拆迁补偿款', [], rules)).toMatchObject({ score: 2 });
  });

  it('does not count a text-only hit inside a longer hit, but counts a token seen on its own', () => {
    const rules = [rule('r', { keywords: ['秸秆焚烧', '秸秆'] })];
    expect(decide('秸秆焚烧', ['秸秆焚烧'], rules)).toMatchObject({ score: 2, matched: ['秸秆焚烧'] });
    expect(decide('秸秆焚烧后秸秆', ['秸秆焚烧', '后', '秸秆'], rules)).toMatchObject({ score: 4 });
    expect(decide('秸秆焚烧', ['秸秆', '焚烧'], rules)).toMatchObject({ score: 3, matched: ['秸秆焚烧', '秸秆'] });
  });

  it('counts a keyword once however often it occurs', () => {
    const rules = [rule('r', { keywords: ['噪音'] })];
    expect(decide('噪音噪音噪音', ['噪音', '噪音', '噪音'], rules)).toMatchObject({ score: 2 });
  });

  it('folds width and case, and ignores whitespace in the text', () => {
    const rules = [rule('r', { keywords: ['ETC', '12345'] })];
    expect(decide('ｅｔｃ 办理', ['ｅｔｃ', '办理'], rules)).toMatchObject({ outcome: 'assigned', score: 2, matched: ['ETC'] });
    expect(decide('打 123 45', ['打', '123', '45'], rules)).toMatchObject({ outcome: 'assigned', score: 1, matched: ['12345'] });
  });

  it('puts priority before score', () => {
    const rules = [
      rule('generic', { leadUnit: 'unit-a', keywords: ['垃圾', '清运', '环境卫生'], priority: 10 }),
      rule('local', { leadUnit: 'unit-b', keywords: ['垃圾'], places: ['南村镇'], priority: 30 }),
    ];
    expect(decide('南村镇垃圾清运环境卫生', ['南村镇', '垃圾', '清运', '环境卫生'], rules)).toMatchObject({
      outcome: 'assigned',
      leadUnit: 'unit-b',
      ruleCode: 'local',
      matched: ['垃圾', '南村镇'],
      score: 3,
    });
    expect(decide('北村垃圾清运环境卫生', ['北村', '垃圾', '清运', '环境卫生'], rules)).toMatchObject({
      leadUnit: 'unit-a',
      score: 6,
    });
  });

  it('needs one of the places of a rule, as a token or in the text', () => {
    const rules = [rule('local', { keywords: ['路灯'], places: ['大泽山镇', '大泽山'] })];
    expect(decide('大泽山镇路灯', ['大泽山镇', '路灯'], rules)).toMatchObject({ matched: ['路灯', '大泽山镇'], score: 3 });
    expect(decide('大泽山脚下路灯', ['大泽', '山脚', '下', '路灯'], rules)).toMatchObject({ matched: ['路灯', '大泽山'] });
    expect(decide('路灯坏了', ['路灯', '坏', '了'], rules)).toMatchObject({ reason: 'no-match' });
  });

  it('needs a keyword hit; a place alone matches only a place-only rule', () => {
    const withKeywords = [rule('local', { keywords: ['路灯'], places: ['南村镇'] })];
    expect(decide('南村镇的狗丢了', ['南村镇', '的', '狗', '丢', '了'], withKeywords)).toMatchObject({ reason: 'no-match' });
    const placeOnly = [rule('town-catch-all', { leadUnit: 'unit-town', places: ['南村镇'], priority: 1 })];
    expect(decide('南村镇的狗丢了', ['南村镇', '的', '狗', '丢', '了'], placeOnly)).toEqual({
      outcome: 'assigned',
      leadUnit: 'unit-town',
      assistingUnits: [],
      ruleCode: 'town-catch-all',
      matched: ['南村镇'],
      score: 1,
    });
  });

  it('filters by message kind', () => {
    const rules = [
      rule('report-only', { leadUnit: 'unit-a', keywords: ['违建'], kinds: ['report', 'complaint'] }),
      rule('consult-only', { leadUnit: 'unit-b', keywords: ['违建'], kinds: ['consult'] }),
    ];
    expect(decide('违建', ['违建'], rules, 'report')).toMatchObject({ leadUnit: 'unit-a' });
    expect(decide('违建', ['违建'], rules, 'consult')).toMatchObject({ leadUnit: 'unit-b' });
    expect(decide('违建', ['违建'], rules, 'urgent')).toMatchObject({ outcome: 'dispatching', reason: 'no-match' });
  });

  it('sends different lead units with equal standing to a dispatcher, with each one\'s best rule', () => {
    const rules = [
      rule('b-prices', { leadUnit: 'unit-b', keywords: ['乱收费'] }),
      rule('a-property', { leadUnit: 'unit-a', keywords: ['物业'] }),
      rule('a-property-fees', { leadUnit: 'unit-a', keywords: ['物业费', '物业'] }),
      rule('c-weak', { leadUnit: 'unit-c', keywords: ['收费'] }),
    ];
    expect(decide('物业乱收费', ['物业', '乱收费'], rules)).toEqual({
      outcome: 'dispatching',
      reason: 'tie',
      candidates: [
        { leadUnit: 'unit-a', ruleCode: 'a-property', score: 2 },
        { leadUnit: 'unit-b', ruleCode: 'b-prices', score: 2 },
      ],
    });
  });

  it('is not a tie when the rules point at the same lead unit; their keywords add up and their assisting units merge', () => {
    const rules = [
      rule('wages', { leadUnit: 'unit-hr', keywords: ['拖欠工资'], assistingUnits: ['unit-construction'] }),
      rule('contracts', { leadUnit: 'unit-hr', keywords: ['劳动合同', '拖欠工资'], assistingUnits: ['unit-union', 'unit-construction'] }),
      rule('other', { leadUnit: 'unit-other', keywords: ['劳动合同'], priority: 10 }),
      rule('lower', { leadUnit: 'unit-hr', keywords: ['工地'], assistingUnits: ['unit-safety'], priority: 5 }),
    ];
    expect(decide('工地拖欠工资没签劳动合同', ['工地', '拖欠工资', '没', '签', '劳动合同'], rules)).toEqual({
      outcome: 'assigned',
      leadUnit: 'unit-hr',
      assistingUnits: ['unit-union', 'unit-construction'],
      ruleCode: 'contracts',
      matched: ['劳动合同', '拖欠工资'],
      score: 4,
    });
  });

  it('never lists the lead unit among the assisting units it merged', () => {
    const rules = [
      rule('a', { leadUnit: 'unit-a', keywords: ['路灯'], assistingUnits: ['unit-b'] }),
      rule('b', { leadUnit: 'unit-b', keywords: ['路灯'], assistingUnits: ['unit-a'], priority: 20 }),
    ];
    expect(decide('路灯', ['路灯'], rules)).toMatchObject({ leadUnit: 'unit-b', assistingUnits: ['unit-a'] });
  });

  it('reports no match for no rules and for an empty message', () => {
    expect(decide('路灯坏了', ['路灯'], [])).toEqual({ outcome: 'dispatching', reason: 'no-match', candidates: [] });
    expect(decide('', [], [rule('r', { keywords: ['路灯'] })])).toEqual({ outcome: 'dispatching', reason: 'no-match', candidates: [] });
  });
});
