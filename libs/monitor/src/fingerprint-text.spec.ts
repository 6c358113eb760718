import { createRandom } from '@wenzheng/routing';
import { DEFAULT_TEMPLATE_PATTERNS, fingerprintText } from './fingerprint-text';

describe('fingerprintText', () => {
  it.each([
    ['empty', '', ''],
    ['whitespace only', ' \t\n\u3000 ', ''],
    ['punctuation only', '，。！？……——【】《》“”', ''],
    ['emoji only', '😀👍🏻🔥', ''],
    ['a single character', '冷', '冷'],
    ['full-width digits and letters', '１２３４５ＡＢＣ', '12345abc'],
    ['spaces inside words', '棚户区 改造　补偿款', '棚户区改造补偿款'],
    ['a greeting', '尊敬的领导您好！暖气不热', '暖气不热'],
    ['a greeting naming the office', '尊敬的李园街道领导：你好，暖气不热', '暖气不热'],
    ['a short greeting', '领导好，暖气不热', '暖气不热'],
    ['hello alone', '您好，暖气不热。你好', '暖气不热'],
    ['a sign-off', '暖气不热，谢谢！此致\n敬礼', '暖气不热'],
    ['thanks to the leaders', '暖气不热。非常感谢领导的关注', '暖气不热'],
    ['a request for a reply', '暖气不热，盼复！望尽快回复', '暖气不热'],
    ['emoji between words', '暖气😡不热', '暖气不热'],
    ['mixed case', 'ABC小区', 'abc小区'],
  ])('%s', (_, text, expected) => {
    expect(fingerprintText(text)).toBe(expected);
  });

  it('keeps the words of the message that are not formulas', () => {
    expect(fingerprintText('尊敬的领导您好！我是东阁街道的居民，小区电梯经常坏。谢谢！')).toBe(
      '我是东阁街道的居民小区电梯经常坏',
    );
  });

  it('reads copies that differ only in punctuation, spacing and width alike', () => {
    const a = fingerprintText('室温只有12度，供暖费一分不少交！');
    expect(fingerprintText('室温只有１２度 供暖费一分不少交……')).toBe(a);
    expect(fingerprintText('室温只有12度;供暖费,一分不少交?!')).toBe(a);
  });

  it('skips a default pattern only where it could not have matched (the same text as running every pattern)', () => {
    const random = createRandom(31);
    // Pieces of greetings, addressees, thanks and requests for a reply, and ordinary words.
    const pieces = ['尊敬的', '市长', '领导', '您好', '你好', '好', '们', '各位', '亲爱的', '此致', '敬礼', '感谢', '谢谢', '非常', '的关注',
      '盼', '望', '请', '回复', '答复', '复', '佳音', '尽快', '小区', '暖气', '不热', '大家', '工作人员', '同志'];
    for (let round = 0; round < 3_000; round += 1) {
      const text = Array.from({ length: 1 + Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      expect(fingerprintText(text)).toBe(fingerprintText(text, { templatePatterns: DEFAULT_TEMPLATE_PATTERNS }));
    }
  });

  it('takes other template patterns when given', () => {
    expect(fingerprintText('【再次反映】暖气不热', { templatePatterns: [/再次反映/gu] })).toBe('暖气不热');
    expect(fingerprintText('您好暖气不热', { templatePatterns: [] })).toBe('您好暖气不热');
  });

  it('cuts a pathological text at maxLength code points without splitting a surrogate pair', () => {
    const text = '𠀀'.repeat(10) + '冷'.repeat(100_000);
    expect(Array.from(fingerprintText(text))).toHaveLength(20_000);
    expect(fingerprintText(text, { maxLength: 3 })).toBe('𠀀𠀀𠀀');
  });
});
