import { foldWidth } from './fold-width';

describe('foldWidth', () => {
  it.each([
    ['１３８１２３４５６７８', '13812345678'],
    ['鲁Ｂ１２３４５', '鲁B12345'],
    ['ｚｈａｎｇ＠ｑｑ．ｃｏｍ', 'zhang@qq.com'],
    ['（０５３２）８８８８８８８', '(0532)8888888'],
    ['姓名：王某', '姓名:王某'],
    ['第一\u3000第二', '第一 第二'],
    ['平度市人民政府、2026年。', '平度市人民政府、2026年。'],
    ['文号平政办发〔2026〕12号', '文号平政办发〔2026〕12号'],
  ])('%s → %s', (text, folded) => {
    expect(foldWidth(text)).toBe(folded);
    expect(foldWidth(text)).toHaveLength(text.length);
  });
});
