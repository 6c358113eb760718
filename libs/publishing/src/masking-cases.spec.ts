import { MaskKind, deidentify, isValidIdNumber, luhnValid } from './masking';

/** GB 11643 check character, written here independently of the implementation, to make valid test IDs. */
function withCheck(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((acc, digit, i) => acc + Number(digit) * weights[i], 0);
  return body17 + '10X98765432'[sum % 11];
}
const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

const ID_A = withCheck('37028319850612041');
const ID_B = withCheck('37028320120301152');
const ID_C = withCheck('11010119900307663');
const UNITS = ['市城乡建设局', '平度市人民政府', '李园街道', '李园街道办事处', '市人社局', '南村镇人民政府', '市教体局', '东阁街道'];

interface Case {
  text: string;
  /** The sender's name from the form, when given. */
  sender?: string;
  /** What must not survive. */
  hide?: string[];
  /** What must survive unchanged. */
  keep?: string[];
  /** The kinds of masks expected (at least these). */
  kinds?: MaskKind[];
}

const CASES: [string, Case][] = [
  // ——— ID numbers ———
  ['the rules.md vector with X', { text: '身份证号11010519491231002X，请核实。', hide: ['11010519491231002X'], kinds: ['id-number'] }],
  ['a second vector with X', { text: '我的身份证34052419800101001X', hide: ['34052419800101001X'], kinds: ['id-number'] }],
  ['a vector ending in a digit', { text: '身份证：370101190102039973。', hide: ['370101190102039973'], kinds: ['id-number'] }],
  ['a lower-case x', { text: '证件号11010519491231002x', hide: ['11010519491231002x'], kinds: ['id-number'] }],
  ['a generated valid ID', { text: `本人身份证号${ID_A}，户籍在平度。`, hide: [ID_A], keep: ['户籍在平度'], kinds: ['id-number'] }],
  ['a child born 2012', { text: `孩子身份证${ID_B}上学受阻`, hide: [ID_B], kinds: ['id-number'] }],
  ['an ID next to Chinese on both sides', { text: `号码${ID_C}已登记`, hide: [ID_C] }],
  ['an ID in full-width digits', { text: `身份证３７０１０１１９０１０２０３９９７３`, hide: ['３７０１０１１９０１０２０３９９７３'], kinds: ['id-number'] }],
  ['two IDs', { text: `夫妻二人身份证${ID_A}和${ID_C}`, hide: [ID_A, ID_C] }],
  ['a 15-digit legacy ID', { text: '老身份证号370283850612041还能用吗', hide: ['370283850612041'], kinds: ['id-number'] }],
  ['an 18-digit number failing the checksum is not an ID', { text: `编号${wrongCheck(ID_A)}`, keep: [wrongCheck(ID_A)] }],
  ['an impossible birth date is not an ID', { text: '编号370283198513120418', keep: ['370283198513120418'] }],
  ['an ID inside a longer digit run is not an ID', { text: `流水号99${ID_A}99`, keep: [`99${ID_A}99`] }],
  ['a tracking number stays', { text: '受理编号261123000001，查询码DAXYRY58', keep: ['261123000001', 'DAXYRY58'] }],

  // ——— mobiles ———
  ['a mobile', { text: '电话13812345678', hide: ['13812345678'], keep: ['138', '5678'], kinds: ['mobile'] }],
  ['a mobile with +86', { text: '联系+8613912345678', hide: ['13912345678'], kinds: ['mobile'] }],
  ['a mobile with 86 and a space', { text: '联系86 15012345678', hide: ['15012345678'] }],
  ['a mobile with dashes', { text: '手机138-1234-5678', hide: ['138-1234-5678'], kinds: ['mobile'] }],
  ['a mobile with spaces', { text: '手机 138 1234 5678 随时联系', hide: ['138 1234 5678'], keep: ['随时联系'] }],
  ['a mobile in full-width digits', { text: '电话１３８１２３４５６７８', hide: ['１３８１２３４５６７８'] }],
  ['a mobile at the start', { text: '18612345678是我的号码', hide: ['18612345678'] }],
  ['a mobile at the end', { text: '请回电17712345678', hide: ['17712345678'] }],
  ['two mobiles', { text: '13812345678或13987654321', hide: ['13812345678', '13987654321'] }],
  ['a mobile with the 19x range', { text: '号码19912345678', hide: ['19912345678'] }],
  ['an 11-digit number starting 12 is not a mobile', { text: '单号12345678901', keep: ['12345678901'] }],
  ['a mobile inside a longer digit run is not a mobile', { text: '订单号2013812345678901', keep: ['2013812345678901'] }],
  ['12345 hotline stays', { text: '拨打12345热线反映', keep: ['12345'] }],
  ['12315 stays', { text: '已向12315投诉', keep: ['12315'] }],

  // ——— landlines ———
  ['a landline with area code', { text: '电话0532-88888888', hide: ['0532-88888888'], keep: ['0532'], kinds: ['landline'] }],
  ['a landline with a 3-digit area code', { text: '北京010-62345678', hide: ['010-62345678'], keep: ['010'] }],
  ['a landline in brackets', { text: '座机(0532)8765432', hide: ['8765432'] }],
  ['a landline without a dash', { text: '办公室053288886666转', hide: ['053288886666'] }],
  ['a government service number in a reply is masked too', { text: '请拨打0532-88886666咨询', hide: ['0532-88886666'] }],

  // ——— bank cards ———
  ['a 19-digit card passing Luhn', { text: '工资卡6222021234567890128', hide: ['6222021234567890128'], kinds: ['bank-card'] }],
  ['a card in groups of four', { text: '银行卡6222 0212 3456 7890 128', hide: ['6222 0212 3456 7890 128'] }],
  ['a 16-digit Visa test number', { text: '卡号4111111111111111', hide: ['4111111111111111'], kinds: ['bank-card'] }],
  ['a 16-digit number failing Luhn is not a card', { text: '卡号4111111111111112', keep: ['4111111111111112'] }],

  // ——— plates ———
  ['a plate', { text: '车牌鲁B12345违停', hide: ['鲁B12345'], keep: ['违停'], kinds: ['plate'] }],
  ['a new-energy plate', { text: '鲁BD12345充电桩被占', hide: ['鲁BD12345'], kinds: ['plate'] }],
  ['a plate with a middle dot', { text: '车牌号京A·88888', hide: ['A·88888'] }],
  ['a plate in lower case', { text: '车牌鲁b12345', hide: ['鲁b12345'] }],
  ['two plates', { text: '鲁B12345和鲁U6789A', hide: ['鲁B12345', '鲁U6789A'] }],
  ['a road number is not a plate', { text: 'G204国道', keep: ['G204国道'] }],

  // ——— e-mail ———
  ['an e-mail', { text: '邮箱wangjg@163.com', hide: ['wangjg@163.com'], keep: ['@163.com'], kinds: ['email'] }],
  ['an e-mail with dots', { text: '发到zhang.san.1990@qq.com即可', hide: ['zhang.san.1990@qq.com'], keep: ['即可'] }],
  ['a government address is masked by the same rule', { text: '反馈至xinfang@pingdu.gov.cn', hide: ['xinfang@pingdu.gov.cn'] }],

  // ——— addresses ———
  ['house, unit and room numbers', { text: '家住李园街道幸福小区3号楼2单元501室', hide: ['3号楼2单元501室'], keep: ['李园街道幸福小区'], kinds: ['address'] }],
  ['a street number', { text: '住在红旗路88号', hide: ['88号'], keep: ['红旗路'] }],
  ['a building in 栋', { text: '金辉小区12栋3单元', hide: ['12栋3单元'], keep: ['金辉小区'] }],
  ['a room number alone', { text: '幸福小区501室漏水', hide: ['501室'], keep: ['幸福小区', '漏水'] }],
  ['a lane number', { text: '南京路123弄5号', hide: ['123弄5号'] }],
  ['a village group', { text: '南村镇东村3组', keep: ['南村镇'] }],
  ['full-width house numbers', { text: '阳光花园１２号楼３０１室', hide: ['１２号楼３０１室'], keep: ['阳光花园'] }],
  ['a date with 号 is not an address', { text: '10月9号发放', keep: ['10月9号'] }],
  ['a document number is not an address', { text: '平政办发〔2026〕12号文件', keep: ['平政办发〔2026〕12号'] }],
  ['a bus line is not an address', { text: '15路公交车', keep: ['15路公交车'] }],
  ['a floor count stays', { text: '这栋楼有18层', keep: ['18层'] }],

  // ——— names ———
  ['the sender\'s own name', { text: '我是王建国，反映小区供暖问题。', sender: '王建国', hide: ['王建国'], keep: ['反映小区供暖问题'], kinds: ['name'] }],
  ['the sender\'s name several times', { text: '王建国的妻子和王建国本人都来过', sender: '王建国', hide: ['王建国'] }],
  ['the sender\'s name in the reply salutation', { text: '王建国您好：经核实……', sender: '王建国', hide: ['王建国'], keep: ['您好'] }],
  ['a two-character sender name', { text: '李明来信反映', sender: '李明', hide: ['李明'], keep: ['来信反映'] }],
  ['a compound surname sender', { text: '欧阳晓峰反映路灯问题', sender: '欧阳晓峰', hide: ['欧阳晓峰'], keep: ['路灯问题'] }],
  ['我叫 + name', { text: '我叫张伟，家住东阁街道', hide: ['张伟'], keep: ['东阁街道'], kinds: ['name'] }],
  ['本人 + name', { text: '本人刘洋，反映拖欠工资', hide: ['刘洋'], keep: ['拖欠工资'] }],
  ['姓名： + name', { text: '姓名：陈静，联系电话见上', hide: ['陈静'] }],
  ['名叫 + name', { text: '包工头名叫赵大勇', hide: ['赵大勇'] }],
  ['name + 老师', { text: '王建国老师反映孩子被体罚', hide: ['王建国'], keep: ['老师反映'] }],
  ['name + 师傅', { text: '维修的李师傅很负责', keep: ['李师傅'] }],
  ['full name + 师傅', { text: '孙志强师傅修好了水管', hide: ['孙志强'], keep: ['师傅修好了水管'] }],
  ['full name + 先生', { text: '周国平先生来电', hide: ['周国平'], keep: ['先生来电'] }],
  ['full name + 女士', { text: '吴丽华女士反映', hide: ['吴丽华'] }],
  ['surname + 先生 stays (already de-identified)', { text: '张先生您好', keep: ['张先生'] }],
  ['surname + 女士 stays', { text: '李女士反映的问题', keep: ['李女士'] }],
  ['a son', { text: '我儿子刘子轩今年上小学', hide: ['刘子轩'], keep: ['今年上小学'] }],
  ['a daughter', { text: '我女儿李小雨在南村镇中心小学上学', hide: ['李小雨'], keep: ['南村镇中心小学'] }],
  ['a child', { text: '孩子王浩然被拒收', hide: ['王浩然'] }],
  ['a name near 同志', { text: '请转告马建军同志', hide: ['马建军'] }],

  // ——— must stay unmasked ———
  ['unit names', { text: '市城乡建设局和市人社局联合答复', keep: ['市城乡建设局', '市人社局'] }],
  ['the city government', { text: '平度市人民政府办公室', keep: ['平度市人民政府'] }],
  ['a street office starting with a surname', { text: '李园街道办事处已受理', keep: ['李园街道办事处'] }],
  ['a town starting with a surname', { text: '蓼兰镇和大泽山镇', keep: ['蓼兰镇', '大泽山镇'] }],
  ['a law title', { text: '依据《中华人民共和国个人信息保护法》第二十五条', keep: ['《中华人民共和国个人信息保护法》'] }],
  ['another law', { text: '《山东省物业管理条例》规定', keep: ['《山东省物业管理条例》'] }],
  ['a date', { text: '2026年10月9日前发放', keep: ['2026年10月9日'] }],
  ['an amount', { text: '补偿款3000元', keep: ['3000元'] }],
  ['a percentage', { text: '上涨了15.5%', keep: ['15.5%'] }],
  ['黄河 is not a name', { text: '黄河路积水严重', keep: ['黄河路'] }],
  ['高速 is not a name', { text: '高速路口拥堵', keep: ['高速路口'] }],
  ['方便 is not a name', { text: '出行很不方便', keep: ['不方便'] }],
  ['周末 is not a name', { text: '周末也施工扰民', keep: ['周末'] }],
  ['王府井 is not a name', { text: '去王府井买东西', keep: ['王府井'] }],
  ['张贴 is not a name', { text: '小区张贴了通知', keep: ['张贴了通知'] }],
  ['常年 is not a name', { text: '常年无人管理', keep: ['常年无人管理'] }],
  ['任何 is not a name', { text: '没有任何回复', keep: ['任何回复'] }],
  ['金额 is not a name', { text: '金额不对', keep: ['金额不对'] }],
  ['高中 is not a name', { text: '平度一中高中部', keep: ['高中部'] }],
  ['plain complaint text', { text: '小区供暖温度一直不达标，室内只有14度，物业推诿。', keep: ['小区供暖温度一直不达标，室内只有14度，物业推诿。'] }],
  ['a reply with no personal data', { text: '经核实，该路段路灯已于11月20日修复。感谢您的监督。', keep: ['经核实，该路段路灯已于11月20日修复。感谢您的监督。'] }],
  ['an empty text', { text: '', keep: [] }],
  ['protected terms win', { text: '联系市城乡建设局', keep: ['市城乡建设局'] }],

  // ——— combinations ———
  ['a full message', {
    text: `我叫王建国，身份证号${ID_A}，家住李园街道幸福小区3号楼2单元501室，电话13812345678，车牌鲁B12345。`,
    hide: ['王建国', ID_A, '3号楼2单元501室', '13812345678', '鲁B12345'],
    keep: ['李园街道幸福小区'],
    kinds: ['name', 'id-number', 'address', 'mobile', 'plate'],
  }],
  ['a reply naming the citizen and a unit', {
    text: '王建国您好：市城乡建设局已责成物业整改，联系人李工0532-88886666。',
    sender: '王建国',
    hide: ['王建国', '0532-88886666'],
    keep: ['市城乡建设局'],
  }],
  ['a reply with a date and an amount', { text: '您反映的3000元补偿款已于2026年11月20日发放至尾号0128的银行卡。', keep: ['3000元', '2026年11月20日'] }],
  ['a child and an ID', { text: `我女儿李小雨，身份证${ID_B}，入学被拒`, hide: ['李小雨', ID_B], keep: ['入学被拒'] }],
  ['an ID and a phone side by side', { text: `${ID_C}/13812345678`, hide: [ID_C, '13812345678'] }],
  ['an e-mail and a phone', { text: '邮箱a@b.cn，电话13812345678', hide: ['a@b.cn', '13812345678'] }],
  ['a full-width mixed message', { text: '电话：１３８１２３４５６７８，车牌鲁Ｂ１２３４５', hide: ['１３８１２３４５６７８', '鲁Ｂ１２３４５'] }],
  ['a landline and a mobile', { text: '座机0532-88888888，手机13912345678', hide: ['0532-88888888', '13912345678'] }],
  ['numbers in a table', { text: '楼号 3号楼，电话 13812345678，面积 89.5平方米', hide: ['13812345678'], keep: ['89.5平方米'] }],
  ['the sender mentioned with 先生 after the name', { text: '王建国先生：您好', sender: '王建国', hide: ['王建国'] }],
  ['a name that is a protected unit word', { text: '李园街道', sender: '李园', keep: ['李园街道'] }],
];

const protectedTerms = [...UNITS, '261123000001'];

describe('deidentify: a table of realistic cases', () => {
  it('has at least 100 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(100);
  });

  it.each(CASES)('%s', (_name, c) => {
    const result = deidentify(c.text, { senderName: c.sender ?? null, protectedTerms });
    for (const secret of c.hide ?? []) expect(result.text).not.toContain(secret);
    for (const kept of c.keep ?? []) expect(result.text).toContain(kept);
    const kinds = new Set(result.spans.map((s) => s.kind));
    for (const kind of c.kinds ?? []) expect(kinds).toContain(kind);
    if (!c.hide?.length && !c.kinds?.length && c.keep?.length) {
      // A text that must stay whole stays exactly as it was around the kept parts.
      for (const kept of c.keep) expect(result.spans.filter((s) => s.original && kept.includes(s.original))).toEqual([]);
    }
  });

  it.each(CASES)('%s: spans are ordered, disjoint, and rebuild the masked text', (_name, c) => {
    const { text, spans } = deidentify(c.text, { senderName: c.sender ?? null, protectedTerms });
    let rebuilt = '';
    let at = 0;
    for (const span of spans) {
      expect(span.start).toBeGreaterThanOrEqual(at);
      expect(span.end).toBeGreaterThan(span.start);
      expect(c.text.slice(span.start, span.end)).toBe(span.original);
      rebuilt += c.text.slice(at, span.start) + span.replacement;
      at = span.end;
    }
    expect(rebuilt + c.text.slice(at)).toBe(text);
  });

  it.each(CASES)('%s: masking twice changes nothing more', (_name, c) => {
    const once = deidentify(c.text, { senderName: c.sender ?? null, protectedTerms }).text;
    expect(deidentify(once, { senderName: c.sender ?? null, protectedTerms }).text).toBe(once);
  });
});

describe('ID numbers and card numbers on their own', () => {
  it.each(['11010519491231002X', '34052419800101001X', '370101190102039973', ID_A, ID_B, ID_C])('%s is a valid ID', (id) => {
    expect(isValidIdNumber(id, new Date('2026-11-23T00:00:00Z'))).toBe(true);
  });

  it.each([wrongCheck(ID_A), '370283198513120418', '37028319850612041', `${ID_A}0`, withCheck('37028320300101001')])('%s is not a valid ID', (id) => {
    expect(isValidIdNumber(id, new Date('2026-11-23T00:00:00Z'))).toBe(false);
  });

  it.each([
    ['4111111111111111', true],
    ['6222021234567890128', true],
    ['4111111111111112', false],
    ['79927398713', true],
    ['79927398710', false],
  ])('Luhn %s → %s', (digits, valid) => {
    expect(luhnValid(digits)).toBe(valid);
  });
});
