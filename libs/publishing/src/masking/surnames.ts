/**
 * Surnames for pattern-based name detection: about 180 of the most frequent single-character surnames, minus
 * those that are first of all everyday words (和, 都, 时, 来, 平, 全, 门, 区, 车, 解, 查, 路…) — a name behind one of
 * those is missed rather than a sentence mangled. The sender's own name does not depend on this list.
 */
const SINGLE = [
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈',
  '钟姜崔谭陆范汪廖石金韦贾夏付傅方邹熊白孟秦邱侯江尹薛闫阎段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康',
  '易乔赖文施洪辛柳庞樊牛殷葛兰聂耿关齐岳倪焦鲁安申纪欧翟邢温詹宁左柯裴霍卓祝尚阮舒童季盛苗骆管蒙蓝柴鲍褚华',
  '滕屈牟冉饶甘章颜梅凌毕符谷祁涂艾喻俞窦岑闵苟邬',
].join('');

export const SINGLE_SURNAMES: ReadonlySet<string> = new Set(SINGLE);

export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  '欧阳', '司马', '诸葛', '上官', '东方', '夏侯', '皇甫', '尉迟', '公孙', '慕容', '宇文', '司徒', '令狐', '端木',
  '南宫', '西门', '独孤', '轩辕', '呼延', '东郭', '拓跋', '万俟', '闻人', '澹台', '公冶', '宗政', '濮阳', '太史',
  '申屠', '钟离', '赫连', '完颜', '司空', '左丘', '公羊', '谷梁',
]);

/** The surname starting at `index`, compound surnames first (欧阳 before 欧); undefined when none is known. */
export function surnameAt(text: string, index: number): string | undefined {
  const two = text.slice(index, index + 2);
  if (two.length === 2 && COMPOUND_SURNAMES.has(two)) return two;
  const one = text.slice(index, index + 1);
  return SINGLE_SURNAMES.has(one) ? one : undefined;
}

/** The surname of a full name even when it is not in the lists: a known compound surname, else the first character. */
export function surnameOf(name: string): string {
  return COMPOUND_SURNAMES.has(name.slice(0, 2)) ? name.slice(0, 2) : name.slice(0, 1);
}
