import { codeUnitFolder, fastBlockUnits } from './code-unit-folder';

const FOLDS: Record<string, (text: string) => string> = {
  'letters and numbers': (text) => text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ''),
  'no white space': (text) => text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ''),
};

const isIdeograph = (unit: number) => unit >= 0x4e00 && unit <= 0x9fff;
const NOT_IDEOGRAPHS = fastBlockUnits().filter((unit) => !isIdeograph(unit)).map((unit) => String.fromCharCode(unit));
const SOME_IDEOGRAPHS = fastBlockUnits()
  .filter((unit, i) => isIdeograph(unit) && i % 397 === 0)
  .map((unit) => String.fromCharCode(unit));

describe.each(Object.entries(FOLDS))('codeUnitFolder (%s)', (_name, fold) => {
  it('folds every pair of units of the fast blocks as the fold does', () => {
    const folder = codeUnitFolder(fold);
    const wrong: string[] = [];
    const units = [...NOT_IDEOGRAPHS, ...SOME_IDEOGRAPHS];
    for (const a of units) {
      for (const b of units) {
        if (folder(a + b) !== fold(a + b)) wrong.push(a + b);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('gives texts with other units to the fold: composition, halfwidth kana, context casing, astral characters', () => {
    const folder = codeUnitFolder(fold);
    for (const text of ['cafe\u0301 好', 'ｶﾞ 投诉', 'ΟΔΟΣ ΚΛΕΙΣΤΗ', 'İstanbul', '😡 没人管！！', '①号楼', 'ｱ\u0000b']) {
      expect(folder(text)).toBe(fold(text));
    }
  });

  it('folds long and mixed texts as the fold does', () => {
    const folder = codeUnitFolder(fold);
    const text = '尊敬的领导：ＡＢＣ小区１２３号楼　电梯坏了！！？… “没人管”\t\n'.repeat(200);
    expect(text.length).toBeGreaterThan(1024);
    expect(folder(text)).toBe(fold(text));
    expect(folder('')).toBe('');
  });

  it('calls the fold only for texts outside the fast blocks once its table is built', () => {
    let calls = 0;
    const counted = (text: string) => {
      calls += 1;
      return fold(text);
    };
    const folder = codeUnitFolder(counted);
    folder('起');
    const built = calls;
    expect(folder('小区门口路灯坏了，ＡＢ栋　３号！')).toBe(fold('小区门口路灯坏了，ＡＢ栋　３号！'));
    expect(calls).toBe(built);
    folder('café');
    expect(calls).toBe(built + 1);
    const long = '路灯坏了'.repeat(20_000);
    expect(folder(long)).toBe(fold(long));
    expect(calls).toBe(built + 2);
  });
});
