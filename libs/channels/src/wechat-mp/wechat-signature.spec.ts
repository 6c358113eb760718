import { createHash } from 'node:crypto';
import { messageSignature, signaturesMatch, sortedSha1, urlSignature } from './wechat-signature';

const sha1 = (s: string) => createHash('sha1').update(s, 'utf8').digest('hex');

describe('urlSignature', () => {
  it.each([
    // The plain-mode example of https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.md (接入指引).
    { token: 'AAAAA', timestamp: '1714037059', nonce: '486452656', expected: '899cf89e464efb63f54ddac96b0a0a235f53aa78' },
    { token: 'token', timestamp: '1', nonce: '2', expected: sha1('12token') },
    { token: 'b', timestamp: 'a', nonce: 'c', expected: sha1('abc') },
    { token: '', timestamp: '', nonce: '', expected: sha1('') },
  ])('signs token=$token timestamp=$timestamp nonce=$nonce', ({ token, timestamp, nonce, expected }) => {
    expect(urlSignature(token, timestamp, nonce)).toBe(expected);
  });

  it('does not depend on the order of its inputs', () => {
    expect(sortedSha1(['x', 'y', 'z'])).toBe(sortedSha1(['z', 'x', 'y']));
  });
});

describe('messageSignature', () => {
  it('signs the official sample (token spamtest)', () => {
    const encrypt = 'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=';
    expect(messageSignature('spamtest', '1409735669', '1320562132', encrypt)).toBe('5d197aaffba7e9b25a30732f161a50dee96bd5fa');
  });

  it('changes when the Encrypt value changes', () => {
    expect(messageSignature('t', '1', '2', 'AAAA')).not.toBe(messageSignature('t', '1', '2', 'AAAB'));
  });
});

describe('sortedSha1', () => {
  it('sorts by code point (as the platform samples do), not by UTF-16 unit', () => {
    // U+FF21 sorts before U+1F600 by code point, after it by UTF-16 unit (0xD83D < 0xFF21).
    expect(sortedSha1(['\u{1F600}', '\uFF21'])).toBe(sha1('\uFF21\u{1F600}'));
  });
});

describe('signaturesMatch', () => {
  const good = sha1('x');
  it.each<[string, unknown, boolean]>([
    ['the same signature', good, true],
    ['upper-case hex', good.toUpperCase(), true],
    ['one digit different', good.slice(0, -1) + (good.endsWith('0') ? '1' : '0'), false],
    ['a prefix', good.slice(0, 39), false],
    ['an extra character', `${good}0`, false],
    ['40 characters that are not hex', 'z'.repeat(40), false],
    ['empty', '', false],
    ['missing', undefined, false],
    ['an array (repeated query parameter)', [good, good], false],
  ])('%s → %s', (_what, received, expected) => {
    expect(signaturesMatch(good, received)).toBe(expected);
  });
});
