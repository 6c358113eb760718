import { MaskContext, MaskResult, deidentify } from './deidentify';

/** [text, masked text, context]. Valid IDs and cards below were computed by hand (GB 11643, Luhn). */
type Case = [text: string, masked: string, context?: MaskContext];

const ID_NUMBERS: Case[] = [
  ['身份证号11010519491231002X，请核实', '身份证号11*************02X，请核实'],
  ['我的身份证是34052419800101001X。', '我的身份证是34*************01X。'],
  ['证件号码：370101190102039973', '证件号码：37*************973'],
  ['证件号11010519491231002x', '证件号11*************02x'],
  ['出生于闰日，身份证440304200002298761', '出生于闰日，身份证44*************761'],
  ['孩子身份证号370283201506010027，户籍在南村镇', '孩子身份证号37*************027，户籍在南村镇'],
  ['夫妻二人：370212197211050035、330106198811300047', '夫妻二人：37*************035、33*************047'],
  ['身份证３７０１０１１９０１０２０３９９７３已复印', '身份证３７*************９７３已复印'],
  ['旧身份证370283850612451还能用吗', '旧身份证37**********451还能用吗'],
  ['校验位错误：370101190102039974', '校验位错误：370101190102039974'],
  ['日期不存在：37028319990230123X', '日期不存在：37028319990230123X'],
  ['出生在未来：370283209901010015', '出生在未来：370283209901010015'],
  ['省份代码不存在：990283198506124519', '省份代码不存在：990283198506124519'],
  ['流水号12370101190102039973', '流水号12370101190102039973'],
  ['流水号37010119010203997312', '流水号37010119010203997312'],
  ['编号A370101190102039973', '编号A370101190102039973'],
  ['十五位但日期错：370283850230123', '十五位但日期错：370283850230123'],
];

const PHONES: Case[] = [
  ['电话13812345678', '电话138****5678'],
  ['手机：+86 138-1234-5678', '手机：+86 138-****-5678'],
  ['联系+8613912345678', '联系+86139****5678'],
  ['国际格式008615012345678', '国际格式0086150****5678'],
  ['联系86-15012345678', '联系86-150****5678'],
  ['手机 138 1234 5678 随时联系', '手机 138 **** 5678 随时联系'],
  ['电话１８６１２３４５６７８', '电话１８６****５６７８'],
  ['18612345678是我的号码', '186****5678是我的号码'],
  ['13812345678或13987654321都可以', '138****5678或139****4321都可以'],
  ['号码19912345678，请回电', '号码199****5678，请回电'],
  ['单号12345678901', '单号12345678901'],
  ['订单号2013812345678901', '订单号2013812345678901'],
  ['号码1381234567', '号码1381234567'],
  ['拨打12345热线，已向12315投诉', '拨打12345热线，已向12315投诉'],
  ['座机0532-88888888', '座机0532-****8888'],
  ['座机(0532)8888888', '座机(0532)****888'],
  ['座机（０５３２）８８８６６６６', '座机（０５３２）****６６６'],
  ['北京010-62345678', '北京010-****5678'],
  ['办公室053287654321', '办公室0532****4321'],
  ['上海021 52345678转801', '上海021 ****5678转801'],
  ['分机0532-88888888-801', '分机0532-****8888-801'],
  ['联系电话：2345678', '联系电话：****678'],
  ['固话号码82345678', '固话号码****5678'],
  ['编号12345678', '编号12345678'],
  ['区号0532不是电话', '区号0532不是电话'],
];

const BANK_CARDS: Case[] = [
  ['工资卡6222021234567890128', '工资卡6222***********0128'],
  ['卡号6225 8801 2345 6783', '卡号6225 **** **** 6783'],
  ['卡号4367-4212-3456-7896', '卡号4367-****-****-7896'],
  ['农行卡622848123456789012', '农行卡6228**********9012'],
  ['卡号６２２５８８０１２３４５６７８３', '卡号６２２５********６７８３'],
  ['卡号6225880123456784（校验不过）', '卡号6225880123456784（校验不过）'],
  ['卡号6225 8801 2345 6784', '卡号6225 8801 2345 6784'],
  ['卡号6222021234567890128 手机13812345678', '卡号6222***********0128 手机138****5678'],
];

const PLATES: Case[] = [
  ['车牌鲁B12345违停', '车牌鲁B***45违停'],
  ['新能源车鲁BD12345', '新能源车鲁B****45'],
  ['外地车京A·88888', '外地车京A·***88'],
  ['沪A 12345停在门口', '沪A ***45停在门口'],
  ['车牌鲁Ｂ６６６６６', '车牌鲁Ｂ***６６'],
  ['挂车鲁B1234挂', '挂车鲁B**34挂'],
  ['车牌粤b12345', '车牌粤b***45'],
  ['教练车鲁B1234学', '教练车鲁B**34学'],
  ['新ABCDE不是车牌', '新ABCDE不是车牌'],
  ['鲁B1234567太长', '鲁B1234567太长'],
];

const EMAILS: Case[] = [
  ['邮箱zhangsan@163.com', '邮箱z***@163.com'],
  ['请发至 a.b-c+d@mail.example.com.cn，谢谢', '请发至 a***@mail.example.com.cn，谢谢'],
  ['邮箱ｚｈａｎｇ＠ｑｑ．ｃｏｍ', '邮箱ｚ***＠ｑｑ．ｃｏｍ'],
  ['QQ邮箱13812345678@qq.com', 'QQ邮箱1***@qq.com'],
  ['写成abc@def不是邮箱', '写成abc@def不是邮箱'],
];

const ADDRESSES: Case[] = [
  ['家住李园街道幸福小区3号楼2单元501室', '家住李园街道幸福小区*号楼*单元***室'],
  ['东阁街道和谐家园12栋1单元302', '东阁街道和谐家园**栋*单元***'],
  ['我家3号楼2单元501室漏水', '我家*号楼*单元***室漏水'],
  ['人民路18号院3号楼', '人民路**号院*号楼'],
  ['长乐路100弄3号', '长乐路***弄*号'],
  ['南村镇张家村15号', '南村镇张家村**号'],
  ['幸福小区3-2-501', '幸福小区*-*-***'],
  ['幸福小区A座1203', '幸福小区*座****'],
  ['住址：幸福家园17号楼', '住址：幸福家园**号楼'],
  ['门牌号：18', '门牌号：**'],
  ['门牌号18号的那户人家', '门牌号**号的那户人家'],
  ['幸福小区三号楼二单元', '幸福小区*号楼*单元'],
  ['黄河路88号门前积水', '黄河路**号门前积水'],
  ['幸福小区5楼以上没水', '幸福小区5楼以上没水'],
  ['幸福小区共有3栋楼', '幸福小区共有3栋楼'],
  ['市民中心201室办理', '市民中心201室办理'],
  ['乘地铁2号线到人民广场', '乘地铁2号线到人民广场'],
  ['一室一厅租金1500元', '一室一厅租金1500元'],
];

const NAMES: Case[] = [
  ['我叫王建国，家住南村镇', '我叫王某，家住南村镇'],
  ['姓名：张伟 电话：13912345678', '姓名：张某 电话：139****5678'],
  ['姓名：欧阳娜娜', '姓名：欧阳某'],
  ['联系人：李秀英', '联系人：李某'],
  ['本人王建国反映一个问题', '本人王某反映一个问题'],
  ['本人王建国系南村镇村民', '本人王某系南村镇村民'],
  ['他叫刘洋，今年50岁', '他叫刘某，今年50岁'],
  ['我叫李娜家住东阁街道', '我叫李某家住东阁街道'],
  ['我叫王和平', '我叫王某'],
  ['王建国老师反映的问题', '王某老师反映的问题'],
  ['感谢王建国老师', '感谢王某老师'],
  ['向王建国老师反映', '向王某老师反映'],
  ['邻居王秀英阿姨说', '邻居王某阿姨说'],
  ['王五先生和赵六女士', '王某先生和赵某女士'],
  ['欧阳锋先生', '欧阳某先生'],
  ['网格员孙建华同志', '网格员孙某同志'],
  ['李文老师说', '李某老师说'],
  ['我女儿李小雨今年上小学', '我女儿李某今年上小学'],
  ['我女儿叫李小雨，在蓼兰镇中心小学上学', '我女儿叫李某，在蓼兰镇中心小学上学'],
  ['我儿子张浩然今年12岁', '我儿子张某今年12岁'],
  ['孩子王小明在读三年级', '孩子王某在读三年级'],
  ['我孙子王小明在南村镇小学上学', '我孙子王某在南村镇小学上学'],
  ['我的女儿王诗涵。', '我的女儿王某。'],
  ['我母亲李桂兰今年80岁，高龄补贴一直没领到', '我母亲李某今年80岁，高龄补贴一直没领到'],
  ['我父亲张建军是退役军人', '我父亲张某是退役军人'],
  ['我爱人刘丽在市立医院工作', '我爱人刘某在市立医院工作'],
  ['谢谢张三的帮助', '谢谢张某的帮助', { senderName: '张三' }],
  ['张三反映：张三的房子漏雨', '张某反映：张某的房子漏雨', { senderName: '张三' }],
  ['张三先生来电', '张某先生来电', { senderName: '张三' }],
  ['诸葛明亮的邻居', '诸葛某的邻居', { senderName: '诸葛明亮' }],
  ['署名Zhang Wei，邮箱zw@example.com', '署名Z***，邮箱z***@example.com', { senderName: 'Zhang Wei' }],
  ['车晓东反映', '车某反映', { senderName: ' 车晓东 ' }],
  ['买买提·艾力反映', '买某反映', { senderName: '买买提·艾力' }],
  ['张先生说物业不作为', '张先生说物业不作为', { senderName: '张先生' }],
  ['张某反映', '张某反映', { senderName: '张某' }],
  ['张三的事', '张三的事', { senderName: null }],
  ['王的事', '王的事', { senderName: '王' }],
];

/** Government units, places, laws, dates, amounts and everyday words that begin with a surname. */
const UNMASKED: string[] = [
  '市城乡建设局、平度市人民政府、李园街道办事处已收到',
  '南村镇、蓼兰镇、大泽山镇、东阁街道的群众',
  '根据《中华人民共和国个人信息保护法》第二十八条',
  '依据平政办发〔2026〕12号文件',
  '2026年10月9日，补贴3000元已发放',
  '2026年10月9号上午',
  '高速路口拥堵，出行很不方便',
  '请在周末张贴通知',
  '孩子周末去王府井',
  '黄河边的路灯坏了',
  '我是高三学生，高考在即',
  '本人高度重视此事',
  '本人于2026年10月9日反映',
  '本人向贵单位反映一个问题',
  '本人曾多次拨打热线',
  '孩子马上要开学了',
  '孩子成绩下降',
  '孩子高烧不退',
  '孩子安全谁负责',
  '孩子钱包丢了',
  '孩子于今年9月入学',
  '我儿子高考',
  '小孩子们在黄河边玩',
  '我叫车去医院',
  '我叫王某',
  '王某老师说',
  '感谢王老师和张先生',
  '谢谢王老师',
  '多谢李文老师',
  '社区主任王老师说',
  '班主任王老师',
  '向高老师反映',
  '数学老师、语文老师、高中老师都来了',
  '出租车司机刘师傅很热情',
  '快递师傅送货上门',
  '王家大爷',
  '保安大爷',
  '这位先生、那位女士',
  '请李园街道的同志尽快处理',
  '他叫什么名字',
  '名叫小红',
  '我叫小王',
  '我叫王老师',
  '姓名：王先生',
  '反映人：陈先生，已电话回复',
  '父亲高血压住院，母亲常年卧床',
  '妹妹周末回家，姐姐马上毕业',
  '丈夫于去年去世',
  '向阳路和和平路',
  '受理编号261123000001',
];

const PROTECTED: Case[] = [
  ['工单号2610090001234565', '工单号2610********4565'],
  ['工单号2610090001234565', '工单号2610090001234565', { protectedTerms: ['2610090001234565'] }],
  ['本人李园，李园街道居民', '本人李某，李某街道居民', { senderName: '李园' }],
  ['本人李园，李园街道居民', '本人李某，李园街道居民', { senderName: '李园', protectedTerms: ['李园街道'] }],
  ['文号370101190102039973', '文号370101190102039973', { protectedTerms: ['３７０１０１１９０１０２０３９９７３'] }],
  ['王建国老师', '王建国老师', { protectedTerms: ['王建国'] }],
  ['王建国老师', '王建国老师', { protectedTerms: ['国老'] }],
  ['电话13812345678', '电话138****5678', { protectedTerms: [''] }],
];

const MIXED: Case[] = [
  [
    '本人王建国，身份证370101190102039973，电话138-1234-5678，家住李园街道幸福小区3号楼2单元501室。',
    '本人王某，身份证37*************973，电话138-****-5678，家住李园街道幸福小区*号楼*单元***室。',
  ],
  [
    '尊敬的市城乡建设局：我女儿李小雨在东阁街道上学，车牌鲁B12345的车天天堵门。联系邮箱li.xy@163.com。',
    '尊敬的市城乡建设局：我女儿李某在东阁街道上学，车牌鲁B***45的车天天堵门。联系邮箱l***@163.com。',
  ],
  [
    '张三您好：您反映的问题已转南村镇人民政府办理，联系人刘师傅，电话0532-88888888。',
    '张某您好：您反映的问题已转南村镇人民政府办理，联系人刘师傅，电话0532-****8888。',
    { senderName: '张三' },
  ],
];

const TABLES: [string, Case[]][] = [
  ['ID numbers', ID_NUMBERS],
  ['phone numbers', PHONES],
  ['bank cards', BANK_CARDS],
  ['licence plates', PLATES],
  ['e-mail addresses', EMAILS],
  ['detailed addresses', ADDRESSES],
  ['names', NAMES],
  ['text that stays as it is', UNMASKED.map((text): Case => [text, text])],
  ['protected terms', PROTECTED],
  ['whole messages', MIXED],
];
const ALL_CASES = TABLES.flatMap(([, cases]) => cases);

describe('deidentify', () => {
  it('has a large table', () => {
    expect(ALL_CASES.length).toBeGreaterThanOrEqual(100);
  });

  describe.each(TABLES)('%s', (_table, cases) => {
    // A rest parameter: with a declared third parameter jest would pass `done` to rows without a context.
    it.each(cases)('%s', (...[text, masked, context]: Case) => {
      expect(deidentify(text, context).text).toBe(masked);
    });
  });

  it('reports each finding with its kind and offsets in the original text', () => {
    const text = '我叫王建国，手机１３８１２３４５６７８，车牌鲁B12345。';
    expect(deidentify(text).spans).toEqual([
      { kind: 'name', start: 2, end: 5, original: '王建国', replacement: '王某' },
      { kind: 'mobile', start: 8, end: 19, original: '１３８１２３４５６７８', replacement: '１３８****５６７８' },
      { kind: 'plate', start: 22, end: 29, original: '鲁B12345', replacement: '鲁B***45' },
    ]);
  });

  it('prefers an ID over a bank card when an 18-digit ID also passes Luhn', () => {
    const result = deidentify('370283198506121208');
    expect(result.spans.map((span) => span.kind)).toEqual(['id-number']);
    expect(result.text).toBe('37*************208');
  });

  it('leaves an empty text alone', () => {
    expect(deidentify('')).toEqual({ text: '', spans: [] });
  });
});

describe('deidentify properties, over every case of the table', () => {
  const results: [string, MaskContext | undefined, MaskResult][] = ALL_CASES.map(([text, , context]) => [
    text,
    context,
    deidentify(text, context),
  ]);

  it('returns sorted, non-overlapping spans inside the text, each naming what it replaced', () => {
    for (const [text, , { spans }] of results) {
      spans.forEach((span, i) => {
        expect(span.start).toBeGreaterThanOrEqual(i === 0 ? 0 : spans[i - 1].end);
        expect(span.end).toBeGreaterThan(span.start);
        expect(span.end).toBeLessThanOrEqual(text.length);
        expect(span.original).toBe(text.slice(span.start, span.end));
        expect(span.replacement).not.toBe(span.original);
      });
    }
  });

  it('gives the masked text back when the spans are replaced in the original', () => {
    for (const [text, , result] of results) {
      let rebuilt = text;
      for (const span of [...result.spans].reverse()) {
        rebuilt = rebuilt.slice(0, span.start) + span.replacement + rebuilt.slice(span.end);
      }
      expect(rebuilt).toBe(result.text);
    }
  });

  it('is idempotent: masking a masked text changes nothing', () => {
    for (const [, context, result] of results) {
      expect(deidentify(result.text, context)).toEqual({ text: result.text, spans: [] });
    }
  });

  it('is local: two texts joined by 。 are masked as each alone', () => {
    const plain = ALL_CASES.filter(([, , context]) => context === undefined);
    for (let i = 0; i + 1 < plain.length; i++) {
      const [[a, maskedA], [b, maskedB]] = [plain[i], plain[i + 1]];
      expect(deidentify(`${a}。${b}`).text).toBe(`${maskedA}。${maskedB}`);
    }
  });

  it('never leaves the middle digits of a found number readable', () => {
    for (const [, , { spans }] of results) {
      for (const span of spans.filter((s) => s.kind !== 'name' && s.kind !== 'email')) {
        expect(span.replacement).toContain('*');
      }
    }
  });
});
