import { createRandom } from '@wenzheng/routing';
import { fingerprintText } from './fingerprint-text';
import { jaccard, minHashConfig, shingleHashes } from './minhash';
import { bestNearDuplicate, messageFingerprint, NearDuplicateIndex } from './near-duplicate-index';
import { MONITOR_MESSAGES } from './testing/monitor-messages';
import { HOUR_MS } from './time';

const T0 = Date.parse('2026-01-12T08:00:00+08:00');

const ORIGINAL =
  '我家在南村镇，2019年被列入棚户区改造范围，房子早就拆了，可至今补偿款还没有发放到位，安置房也迟迟不开工，请问什么时候能解决？';
const OTHER =
  '李园街道杭州路一带每天晚上都有十几家烧烤摊占道经营，油烟直接往居民楼里飘，噪音扰民到凌晨两三点，老人孩子根本没法休息。';

describe('NearDuplicateIndex.add', () => {
  it.each([
    ['an identical copy', ORIGINAL],
    ['a prefixed copy', `紧急！！${ORIGINAL}`],
    ['a copy with a bracketed prefix', `【再次反映】${ORIGINAL}`],
    ['a suffixed copy', `${ORIGINAL}请尽快处理！`],
    ['a prefixed and suffixed copy', `紧急紧急！${ORIGINAL}请相关部门尽快处理，给群众一个答复！`],
    ['a copy with a greeting and thanks added', `尊敬的领导您好！${ORIGINAL}谢谢！此致敬礼`],
    ['a copy with other punctuation and spaces', ORIGINAL.replace(/，/g, ' ').replace(/？/g, '??')],
    ['a copy with full-width digits', ORIGINAL.replace('2019', '２０１９')],
    ['a copy with the last sentence cut', ORIGINAL.slice(0, ORIGINAL.indexOf('，请问'))],
    ['a copy with a few characters changed', ORIGINAL.replace('南村镇', '南村').replace('房子', '房屋')],
  ])('links %s to the original', (_, copy) => {
    const index = new NearDuplicateIndex();
    expect(index.add('a', ORIGINAL, T0)).toBeNull();
    const match = index.add('b', copy, T0 + 60_000);
    expect(match).toEqual({ canonicalId: 'a', matchedId: 'a', similarity: expect.any(Number), resent: false });
    expect(match?.similarity).toBeGreaterThanOrEqual(0.5);
  });

  it('gives similarity 1 for an identical text', () => {
    const index = new NearDuplicateIndex();
    index.add('a', ORIGINAL, T0);
    expect(index.add('b', ORIGINAL, T0)?.similarity).toBe(1);
  });

  it.each([
    ['an unrelated message', OTHER],
    [
      'a message sharing only the petition template',
      '尊敬的领导您好！我是平度市的一名市民，现就以下问题向您反映：旧店镇到城区的公交线路一天只有四班车。恳请有关部门予以答复，谢谢！',
    ],
    ['a message on the same subject in other words', '南村镇棚改的补偿款拖了五年还没发，安置房的地块还是一片荒地，我们一家在外面租房住。'],
  ])('does not link %s', (_, text) => {
    const index = new NearDuplicateIndex();
    index.add(
      'a',
      text.startsWith('尊敬')
        ? '尊敬的领导您好！我是平度市的一名市民，现就以下问题向您反映：灵活就业人员的社保缴费基数是多少，能不能在网上缴纳？恳请有关部门予以答复，谢谢！'
        : ORIGINAL,
      T0,
    );
    expect(index.add('b', text, T0 + 1)).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['whitespace', ' \n\t'],
    ['punctuation only', '？？？！！！……'],
    ['emoji only', '😡😡😡'],
    ['a greeting only', '您好！谢谢！'],
  ])('neither matches nor indexes a message that is %s', (_, text) => {
    const index = new NearDuplicateIndex();
    expect(index.add('a', text, T0)).toBeNull();
    expect(index.add('b', text, T0)).toBeNull();
    expect(index.size).toBe(0);
  });

  it.each([
    ['a single character', '冷'],
    ['two characters', '好冷'],
    ['an emoji with a word', '😡暖气'],
  ])('links two identical messages of %s', (_, text) => {
    const index = new NearDuplicateIndex();
    index.add('a', text, T0);
    expect(index.add('b', text, T0)).toEqual({ canonicalId: 'a', matchedId: 'a', similarity: 1, resent: false });
  });

  it('does not link two different single characters', () => {
    const index = new NearDuplicateIndex();
    index.add('a', '冷', T0);
    expect(index.add('b', '热', T0)).toBeNull();
  });

  it('handles a very long message and its prefixed copy', () => {
    const long = Array.from({ length: 400 }, (_, i) => `第${i}条：${OTHER}`).join('');
    const index = new NearDuplicateIndex();
    index.add('a', long, T0);
    expect(index.add('b', `转发：${long}`, T0)?.canonicalId).toBe('a');
    expect(index.add('c', ORIGINAL, T0)).toBeNull();
  });

  it('follows copies of copies to the first message', () => {
    const index = new NearDuplicateIndex();
    index.add('a', ORIGINAL, T0);
    index.add('b', `紧急！${ORIGINAL}`, T0 + 1);
    const third = `紧急！${ORIGINAL}请尽快处理`;
    expect(index.add('c', third, T0 + 2)).toEqual({ canonicalId: 'a', matchedId: 'b', similarity: expect.any(Number), resent: false });
  });

  describe('tells a resend from a copy', () => {
    it("marks a copy of one of its sender's own earlier messages as resent, and one of another's as not", () => {
      const index = new NearDuplicateIndex();
      index.add('a', ORIGINAL, T0, 'resident-1');
      expect(index.add('b', `再次反映：${ORIGINAL}`, T0 + 1, 'resident-1')).toMatchObject({ canonicalId: 'a', resent: true });
      expect(index.add('c', ORIGINAL, T0 + 2, 'resident-2')).toMatchObject({ canonicalId: 'a', resent: false });
      // The sender's own earlier message need not be the most similar: resending counts all the same.
      expect(index.add('d', ORIGINAL, T0 + 3, 'resident-2')).toMatchObject({ matchedId: 'a', resent: true });
    });

    it('takes an unknown sender for someone else', () => {
      const index = new NearDuplicateIndex();
      index.add('a', ORIGINAL, T0);
      expect(index.add('b', ORIGINAL, T0 + 1)?.resent).toBe(false);
      expect(index.add('c', ORIGINAL, T0 + 2, null)?.resent).toBe(false);
      index.add('d', ORIGINAL, T0 + 3, 'resident-1');
      expect(index.add('e', ORIGINAL, T0 + 4)?.resent).toBe(false);
    });

    it('does not count a message of the same sender on another matter', () => {
      const index = new NearDuplicateIndex();
      index.add('a', ORIGINAL, T0, 'resident-1');
      index.add('b', OTHER, T0 + 1, 'resident-2');
      expect(index.add('c', OTHER, T0 + 2, 'resident-1')).toMatchObject({ canonicalId: 'b', resent: false });
    });
  });

  it('answers a repeated id with its first answer and changes nothing', () => {
    const index = new NearDuplicateIndex();
    index.add('a', ORIGINAL, T0);
    const first = index.add('b', `${ORIGINAL}！`, T0 + 1);
    expect(index.add('b', OTHER, T0 + 2)).toEqual(first);
    expect(index.add('a', OTHER, T0 + 3)).toBeNull();
    expect(index.size).toBe(2);
  });

  it('prefers the most similar candidate, then the earlier one, then the smaller id', () => {
    const index = new NearDuplicateIndex();
    index.add('z', ORIGINAL, T0 + 10);
    index.add('y', ORIGINAL, T0);
    expect(index.add('x', ORIGINAL, T0 + 20)?.matchedId).toBe('y');

    const tie = new NearDuplicateIndex({ threshold: 0.3 });
    tie.add('b', `${ORIGINAL}甲`, T0);
    tie.add('a', `${ORIGINAL}乙`, T0);
    expect(tie.add('c', `${ORIGINAL}丙`, T0)?.matchedId).toBe('a');
  });

  // abcdef → abc bcd cde def; abcdeg → abc bcd cde deg: Jaccard 3/5.
  it.each([
    [0.6, 'a'],
    [0.61, null],
  ])('with threshold %d links a copy at similarity 0.6 to %s (the threshold is inclusive)', (threshold, expected) => {
    const index = new NearDuplicateIndex({ threshold });
    index.add('a', 'abcdef', T0);
    const match = index.add('b', 'abcdeg', T0);
    expect(match?.canonicalId ?? null).toBe(expected);
    if (match !== null) expect(match.similarity).toBe(0.6);
  });

  it('honours a higher threshold', () => {
    const index = new NearDuplicateIndex({ threshold: 0.95 });
    index.add('a', ORIGINAL, T0);
    expect(index.add('b', `紧急紧急！${ORIGINAL}请相关部门尽快处理，给群众一个答复！`, T0)).toBeNull();
  });

  it.each([{ threshold: 0 }, { threshold: 1.5 }, { windowMs: 0 }, { bands: 64, rows: 3 }])('refuses %j', (options) => {
    expect(() => new NearDuplicateIndex(options)).toThrow(RangeError);
  });

  it('refuses an invalid time', () => {
    expect(() => new NearDuplicateIndex().add('a', ORIGINAL, new Date('nope'))).toThrow(/not a valid time/);
    expect(() => new NearDuplicateIndex().add('a', ORIGINAL, Number.NaN)).toThrow(/not a valid time/);
  });

  it('takes Date and epoch milliseconds alike', () => {
    const index = new NearDuplicateIndex();
    index.add('a', ORIGINAL, new Date(T0));
    expect(index.add('b', ORIGINAL, T0 + 1)?.canonicalId).toBe('a');
  });
});

describe('NearDuplicateIndex window', () => {
  const window = 72 * HOUR_MS;

  it.each([
    ['one millisecond inside the window', window - 1, 'a'],
    ['exactly one window later', window, null],
    ['after the window', window + 1, null],
  ])('a copy %s is linked to %s', (_, delay, expected) => {
    const index = new NearDuplicateIndex({ windowMs: window });
    index.add('a', ORIGINAL, T0);
    expect(index.add('b', ORIGINAL, T0 + delay)?.canonicalId ?? null).toBe(expected);
  });

  it('forgets messages on expire, and they stop being matched', () => {
    const index = new NearDuplicateIndex({ windowMs: HOUR_MS });
    index.add('a', ORIGINAL, T0);
    index.add('b', OTHER, T0 + 30 * 60_000);
    index.expire(T0 + HOUR_MS);
    expect([index.has('a'), index.has('b'), index.size]).toEqual([false, true, 1]);
    expect(index.add('c', ORIGINAL, T0 + HOUR_MS)).toBeNull();
    expect(index.add('d', OTHER, T0 + HOUR_MS)?.canonicalId).toBe('b');
  });

  it('does not match a message that arrived late and is already outside the window', () => {
    const index = new NearDuplicateIndex({ windowMs: HOUR_MS });
    index.add('new', OTHER, T0 + 2 * HOUR_MS);
    index.add('late', ORIGINAL, T0);
    expect(index.add('copy', ORIGINAL, T0 + 2 * HOUR_MS)).toBeNull();
  });

  it('measures the window from the latest time seen, not from a late message', () => {
    const index = new NearDuplicateIndex({ windowMs: HOUR_MS });
    index.add('a', ORIGINAL, T0);
    index.add('b', OTHER, T0 + HOUR_MS);
    expect(index.add('c', ORIGINAL, T0 + 10)).toBeNull();
  });

  it('keeps working after many expiries (its queue is compacted)', () => {
    const index = new NearDuplicateIndex({ windowMs: 10 });
    for (let i = 0; i < 5000; i += 1) index.add(`m${i}`, `${i}号楼${ORIGINAL}`, T0 + i);
    expect(index.size).toBe(10);
    expect(index.add('copy', `4999号楼${ORIGINAL}`, T0 + 4999)?.matchedId).toBe('m4999');
  });

  it('keeps each message findable through growth and the reuse of expired slots, and only while in the window', () => {
    // Distinct texts of 40 common characters, each only like its own copy.
    const textOf = (i: number): string => {
      const random = createRandom(i + 1);
      return Array.from({ length: 40 }, () => String.fromCodePoint(0x4e00 + Math.floor(random() * 3000))).join('');
    };
    const index = new NearDuplicateIndex({ windowMs: 3_000 });
    for (let i = 0; i < 3_000; i += 1) expect(index.add(`m${i}`, textOf(i), T0 + i)).toBeNull();
    // 500 more over the next 1,500 ms: the first 1,498 expire, and a third of their slots are taken again (the last
    // freed first: the slot of m700 stays empty).
    for (let i = 3_000; i < 3_500; i += 1) expect(index.add(`m${i}`, textOf(i), T0 + 3_000 + (i - 3_000) * 3)).toBeNull();
    const now = T0 + 4_497;
    expect(index.size).toBe(2_002);
    for (const i of [0, 700, 1_497]) expect(index.add(`copy${i}`, `紧急${textOf(i)}`, now)).toBeNull();
    for (const i of [1_498, 2_999, 3_000, 3_499]) expect(index.add(`copy${i}`, `紧急${textOf(i)}`, now)?.matchedId).toBe(`m${i}`);
  });
});

describe('the pieces a shared store reuses', () => {
  const config = minHashConfig();

  it('gives copies that differ only in formulas and punctuation the same fingerprint', () => {
    const a = messageFingerprint(ORIGINAL, config);
    const b = messageFingerprint(`您好：${ORIGINAL.replace(/，/g, ',')}谢谢`, config);
    expect(b.text).toBe(a.text);
    expect(b.bandKeys).toEqual(a.bandKeys);
    expect(Array.from(b.shingles)).toEqual(Array.from(a.shingles));
  });

  it('gives a message with no letters or digits no shingles and no keys', () => {
    expect(messageFingerprint('！？😀', config)).toEqual({ text: '', shingles: new Uint32Array(0), bandKeys: [] });
  });

  it('lets bestNearDuplicate decide among candidates fetched elsewhere', () => {
    const mine = shingleHashes(fingerprintText(ORIGINAL));
    const candidates = [
      { id: 'other', at: T0, shingles: shingleHashes(fingerprintText(OTHER)) },
      { id: 'copy', at: T0, shingles: shingleHashes(fingerprintText(`紧急！${ORIGINAL}`)) },
    ];
    expect(bestNearDuplicate(mine, candidates, 0.5)).toEqual({
      candidate: candidates[1],
      similarity: jaccard(mine, candidates[1].shingles),
    });
    expect(bestNearDuplicate(mine, candidates, 0.99)).toBeNull();
    expect(bestNearDuplicate(mine, [], 0.5)).toBeNull();
  });
});

describe('recall on copies of the fixture messages', () => {
  const prefixes = ['紧急！', '急！！！', '【再次反映】', '转发：', '第三次反映：', '求助！', '尊敬的市长：'];
  const suffixes = ['请尽快处理', '请尽快处理！谢谢！', '望回复', '希望领导重视！！', '（已多次反映）', '盼复。'];
  const originals = MONITOR_MESSAGES.filter((m) => m.copyOf === undefined);

  it('links every prefixed, suffixed and prefixed-and-suffixed copy, and nothing else', () => {
    const index = new NearDuplicateIndex();
    originals.forEach((m, i) => index.add(m.id, m.text, T0 + i));
    let copies = 0;
    let linked = 0;
    const wrong: string[] = [];
    const variants = (text: string): string[] => [
      ...prefixes.map((p) => p + text),
      ...suffixes.map((s) => text + s),
      ...prefixes.map((p, i) => p + text + suffixes[i % suffixes.length]),
    ];
    originals.forEach((m, i) => {
      variants(m.text).forEach((copy, j) => {
        copies += 1;
        const match = index.add(`${m.id}-copy-${j}`, copy, T0 + 1000 + i);
        if (match?.canonicalId === m.id) linked += 1;
        else wrong.push(`${m.id}-copy-${j} → ${match?.canonicalId ?? 'none'}`);
      });
    });
    expect(copies).toBe(originals.length * 20);
    expect(wrong).toEqual([]);
    expect(linked).toBe(copies);
  });

  it('links no two originals of the fixture to each other', () => {
    const index = new NearDuplicateIndex();
    const links = originals.map((m, i) => index.add(m.id, m.text, T0 + i)).filter((match) => match !== null);
    expect(links).toEqual([]);
  });
});
