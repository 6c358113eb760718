import { createRandom } from '@wenzheng/routing';

/**
 * An invented stream of citizens' messages for the monitor's tests, benchmark, evaluation file and demo: topics
 * written from interchangeable parts (who writes, what happened, a detail, what they ask), so that no two
 * messages of a topic need be alike while all of them are about one matter. Deterministic for a seed.
 */
export interface StreamTopic {
  key: string;
  title: string;
  parts: readonly (readonly string[])[];
}

/** 低保金 not paid: the burst of the tests and the demo (routed to 市民政局 by the demo catalogue). */
export const BURST_TOPIC: StreamTopic = {
  key: 'subsistence-allowance',
  title: '低保金迟迟未发放',
  parts: [
    ['您好，', '领导好，', '尊敬的领导：', '', '你好！'],
    ['我是低保户，', '我家是低保家庭，', '我们这里好几户低保户，', '我母亲吃低保，', '我们小区的低保户都在问，'],
    ['这个月的低保金到现在还没发放', '低保金已经两个月没有到账了', '本该10号发放的低保金至今没有到账', '今年的低保金一直拖着不发', '低保金突然停发了'],
    ['，去社区问只说等通知', '，打电话到民政局没人接', '，家里就指望这点低保金买药', '，问了工作人员说资金还没拨下来', '，别的地方都已经发了'],
    ['，请尽快核实发放低保金。', '，希望民政部门给个说法！', '，请问低保金什么时候能发？', '，请领导过问一下低保金的事。', '，再不发生活都成问题了！！'],
  ],
};

/** Everyday matters that run in the background at a low rate. */
export const BACKGROUND_TOPICS: readonly StreamTopic[] = [
  {
    key: 'bus',
    title: '公交线路调整不便',
    parts: [
      ['', '您好，'],
      ['18路公交车', '开往城北的公交线路', '我们小区门口的公交站'],
      ['调整以后要走很远才能坐上车', '早高峰车次太少挤不上去', '晚上七点以后就停运了'],
      ['，上班的人很不方便', '，老人孩子出行困难', '，每天都迟到'],
      ['，建议恢复原来的公交线路。', '，希望交通部门增加公交班次。', '，请考虑延长公交运营时间。'],
    ],
  },
  {
    key: 'property',
    title: '物业服务差',
    parts: [
      ['', '领导好，'],
      ['小区物业公司', '我们楼的物业', '新来的物业管理公司'],
      ['收了物业费却不管事', '电梯坏了一周没人修', '楼道灯坏了没人换'],
      ['，业主多次找物业都推脱', '，物业经理电话打不通', '，业委会也没有办法'],
      ['，请住建部门督促物业整改。', '，希望管管这家物业公司。', '，请相关部门监督物业服务。'],
    ],
  },
  {
    key: 'parking',
    title: '停车难',
    parts: [
      ['', '您好，'],
      ['医院门口', '老城区菜市场附近', '我们单位周边'],
      ['停车位太少车辆乱停', '停车场收费太高', '路边停车被贴罚单'],
      ['，经常堵得走不动', '，附近居民意见很大', '，一停就是半小时找不到车位'],
      ['，建议多规划一些停车位。', '，请交通部门规范停车收费。', '，希望尽快解决停车难问题。'],
    ],
  },
  {
    key: 'garbage',
    title: '垃圾清运不及时',
    parts: [
      ['', '您好，'],
      ['小区门口的垃圾站', '我们这条路上的垃圾桶', '菜市场后面的垃圾'],
      ['好几天没有清运', '堆得满地都是', '夏天臭气熏天'],
      ['，苍蝇蚊子特别多', '，路过都要捂着鼻子', '，环卫工人很少来'],
      ['，请环卫部门及时清运垃圾。', '，希望增加垃圾清运次数。', '，请尽快处理这些生活垃圾。'],
    ],
  },
  {
    key: 'heating',
    title: '暖气不热',
    parts: [
      ['', '您好，'],
      ['我家暖气', '我们单元的暖气片', '小区今年的供暖'],
      ['一直不热只有十几度', '开始供暖了还是冰凉', '温度忽高忽低'],
      ['，家里老人冻得感冒', '，找热力公司说排队检修', '，交了取暖费却不热'],
      ['，请供热单位尽快检修。', '，希望督促热力公司解决暖气不热的问题。', '，要求退还部分取暖费。'],
    ],
  },
  {
    key: 'enrolment',
    title: '入学划片',
    parts: [
      ['', '您好，'],
      ['今年小学招生', '我们小区孩子入学', '学区划片调整'],
      ['被划到很远的学校', '划片结果一直没有公布', '房产证满一年还不能入学'],
      ['，孩子上学要走四十分钟', '，家长都很着急', '，问教体局说等通知'],
      ['，请教育部门合理划片。', '，希望尽快公布招生划片方案。', '，请解释入学政策。'],
    ],
  },
  {
    key: 'wages',
    title: '拖欠工资',
    parts: [
      ['', '领导好，'],
      ['我在一家工厂上班', '我们装修队十几个人', '我在超市做收银'],
      ['老板拖欠了三个月工资', '工资一直拖着不给', '辞职后工资不结算'],
      ['，找老板总是推脱', '，家里等着这笔钱用', '，去劳动监察也没结果'],
      ['，请人社部门帮我们讨薪。', '，希望督促老板支付工资。', '，请帮忙追讨拖欠的工资。'],
    ],
  },
  {
    key: 'vaccination',
    title: '疫苗接种预约难',
    parts: [
      ['', '您好，'],
      ['孩子打疫苗', '老人接种流感疫苗', '狂犬疫苗接种'],
      ['在社区卫生院约不上', '接种点每天只放几个号', '卫生院说疫苗没货'],
      ['，跑了好几趟', '，电话一直占线', '，耽误了接种时间'],
      ['，请卫生部门增加接种名额。', '，希望开通网上预约接种。', '，请问什么时候有疫苗？'],
    ],
  },
];

export interface StreamMessage {
  id: string;
  /** ISO time with the Shanghai offset. */
  time: string;
  title: string;
  text: string;
  topic: string;
  /** For a copy: the id of the message it copies. */
  copyOf?: string;
}

/** Who writes and how they feel, put into every message: different citizens, different words around the same matter. */
const PERSONAL: readonly (readonly string[])[] = [
  ['上周三', '前天晚上', '今天一早', '这个月初', '从十月份开始', '昨天下午', '最近半个月', '国庆节后'],
  ['我和邻居', '我家老人', '隔壁王阿姨', '我们一家', '楼上住户', '单位同事', '我爱人', '几个老街坊'],
  ['实在着急，', '已经忍了很久，', '心里很不是滋味，', '跑了好几趟，', '问了一圈没结果，', '觉得很委屈，', '真的没办法了，', '想来想去只能留言，'],
];

const pick = (choices: readonly string[], random: () => number): string => choices[Math.floor(random() * choices.length)];

/** One message of a topic from randomly chosen parts, with a personal clause after the greeting. */
export function topicText(topic: StreamTopic, random: () => number): string {
  const [greeting, ...rest] = topic.parts.map((choices) => pick(choices, random));
  const personal = PERSONAL.map((choices) => pick(choices, random)).join('');
  return [greeting, personal, ...rest].join('');
}

const SHANGHAI_MS = 8 * 3_600_000;

export function shanghaiIso(at: number): string {
  return `${new Date(at + SHANGHAI_MS).toISOString().slice(0, 19)}+08:00`;
}

export interface StreamOptions {
  seed?: number;
  /** Start of the stream (epoch ms). */
  start: number;
  /** Background: one message every this many minutes, the topics in turn. */
  backgroundEveryMinutes?: number;
  /** Length of the stream. */
  hours: number;
  /** Messages of `BURST_TOPIC` within `burst.minutes` from `burst.atHour`. */
  burst?: { atHour: number; count: number; minutes: number };
  /** Every so many background messages, a copy of an earlier one (a greeting put before it). */
  copyEvery?: number;
}

/** Background messages at a steady rate, an optional burst, optional copies; sorted by time. */
export function monitorStream(options: StreamOptions): StreamMessage[] {
  const random = createRandom(options.seed ?? 8);
  const every = (options.backgroundEveryMinutes ?? 30) * 60_000;
  const messages: StreamMessage[] = [];
  let n = 0;
  const id = () => `s${String((n += 1)).padStart(5, '0')}`;
  let turn = 0;
  for (let at = options.start; at < options.start + options.hours * 3_600_000; at += every) {
    const topic = BACKGROUND_TOPICS[turn % BACKGROUND_TOPICS.length];
    turn += 1;
    const original: StreamMessage = { id: id(), time: shanghaiIso(at), title: topic.title, text: topicText(topic, random), topic: topic.key };
    messages.push(original);
    if (options.copyEvery && turn % options.copyEvery === 0) {
      messages.push({ ...original, id: id(), time: shanghaiIso(at + 7 * 60_000), text: `领导您好，我再反映一次：${original.text}`, copyOf: original.id });
    }
  }
  if (options.burst) {
    const { atHour, count, minutes } = options.burst;
    const from = options.start + atHour * 3_600_000;
    for (let i = 0; i < count; i += 1) {
      const at = from + Math.floor((i * minutes * 60_000) / count);
      messages.push({ id: id(), time: shanghaiIso(at), title: BURST_TOPIC.title, text: topicText(BURST_TOPIC, random), topic: BURST_TOPIC.key });
    }
  }
  return messages.sort((a, b) => Date.parse(a.time) - Date.parse(b.time) || a.id.localeCompare(b.id));
}
