import { createCipheriv } from 'node:crypto';
import { WechatCryptoError, WechatCryptoFailure, WechatMessageCrypto } from './wechat-crypto';
import { messageSignature } from './wechat-signature';

/**
 * Tencent's published sample for official-account message encryption (the 5-language "WXBizMsgCrypt" demo linked from
 * https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.md — Python Sample.py, 2014).
 */
const officialSample = {
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wx2c2769f8efd9abc2',
  token: 'spamtest',
  timestamp: '1409735669',
  nonce: '1320562132',
  msgSignature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa',
  encrypt:
    'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=',
  xml:
    '<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>\n' +
    '<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>\n' +
    '<CreateTime>1409735668</CreateTime>\n' +
    '<MsgType><![CDATA[text]]></MsgType>\n' +
    '<Content><![CDATA[abcdteT]]></Content>\n' +
    '<MsgId>6054768590064713728</MsgId>\n' +
    '</xml>',
};

/**
 * Deterministic encryption vectors from the unit test of the same official demo's Java package (WXBizMsgCryptTest:
 * fixed random "aaaabbbbccccdddd"), as mirrored in public repositories.
 */
const officialJavaTest = {
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wxb11529c136998cb6',
  random: Buffer.from('aaaabbbbccccdddd', 'ascii'),
  vectors: [
    {
      xml: '我是中文abcd123',
      encrypt: 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==',
    },
    {
      xml: '<xml><ToUserName><![CDATA[oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw]]></ToUserName><FromUserName><![CDATA[gh_7f083739789a]]></FromUserName><CreateTime>1407743423</CreateTime><MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[eYJ1MbwPRJtOvIEabaxHs7TX2D-HV71s79GUxqdUkjm6Gs2Ed1KF3ulAOA9H1xG0]]></MediaId><Title><![CDATA[testCallBackReplyVideo]]></Title><Description><![CDATA[testCallBackReplyVideo]]></Description></Video></xml>',
      encrypt:
        'jn1L23DB+6ELqJ+6bruv23M2GmYfkv0xBh2h+XTBOKVKcgDFHle6gqcZ1cZrk3e1qjPQ1F4RsLWzQRG9udbKWesxlkupqcEcW7ZQweImX9+wLMa0GaUzpkycA8+IamDBxn5loLgZpnS7fVAbExOkK5DYHBmv5tptA9tklE/fTIILHR8HLXa5nQvFb3tYPKAlHF3rtTeayNf0QuM+UW/wM9enGIDIJHF7CLHiDNAYxr+r+OrJCmPQyTy8cVWlu9iSvOHPT/77bZqJucQHQ04sq7KZI27OcqpQNSto2OdHCoTccjggX5Z9Mma0nMJBU+jLKJ38YB1fBIz+vBzsYjrTmFQ44YfeEuZ+xRTQwr92vhA9OxchWVINGC50qE/6lmkwWTwGX9wtQpsJKhP+oS7rvTY8+VdzETdfakjkwQ5/Xka042OlUb1/slTwo4RscuQ+RdxSGvDahxAJ6+EAjLt9d8igHngxIbf6YyqqROxuxqIeIch3CssH/LqRs+iAcILvApYZckqmA7FNERspKA5f8GoJ9sv8xmGvZ9Yrf57cExWtnX8aCMMaBropU/1k+hKP5LVdzbWCG0hGwx/dQudYR/eXp3P0XxjlFiy+9DMlaFExWUZQDajPkdPrEeOwofJb',
    },
  ],
};

const key = officialSample.encodingAesKey;
const appId = 'wx0123456789abcdef';
const crypto = new WechatMessageCrypto({ encodingAesKey: key, appId });

/** Encrypts arbitrary plaintext bytes with the account key, to build malformed messages. */
function rawEncrypt(plain: Buffer): string {
  const k = Buffer.from(`${key}=`, 'base64');
  const cipher = createCipheriv('aes-256-cbc', k, k.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

function framed(body: Buffer, declaredLength: number, tail: string, pad: (n: number) => Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(declaredLength);
  const unpadded = Buffer.concat([Buffer.alloc(16, 7), length, body, Buffer.from(tail)]);
  return Buffer.concat([unpadded, pad(32 - (unpadded.length % 32))]);
}
const goodPad = (n: number) => Buffer.alloc(n, n);

function failureOf(run: () => unknown): WechatCryptoFailure | 'none' | 'other' {
  try {
    run();
    return 'none';
  } catch (error) {
    return error instanceof WechatCryptoError ? error.reason : 'other';
  }
}

describe('WechatMessageCrypto: the official sample', () => {
  it('decrypts the published Encrypt value to the published message for its app id', () => {
    const official = new WechatMessageCrypto(officialSample);
    expect(official.decrypt(officialSample.encrypt)).toBe(officialSample.xml);
  });

  it('computes the published msg_signature over that Encrypt value', () => {
    const { token, timestamp, nonce, encrypt, msgSignature } = officialSample;
    expect(messageSignature(token, timestamp, nonce, encrypt)).toBe(msgSignature);
  });

  it('refuses the published message for another app id', () => {
    expect(failureOf(() => crypto.decrypt(officialSample.encrypt))).toBe('appIdMismatch');
  });

  it.each(officialJavaTest.vectors)('encrypts $xml with the fixed random exactly as the Java demo', ({ xml, encrypt }) => {
    const official = new WechatMessageCrypto(officialJavaTest);
    expect(official.encrypt(xml, officialJavaTest.random)).toBe(encrypt);
    expect(official.decrypt(encrypt)).toBe(xml);
  });
});

describe('WechatMessageCrypto: construction', () => {
  it.each([
    ['42 characters', key.slice(0, 42)],
    ['44 characters', `${key}A`],
    ['a character outside base64', `${key.slice(0, 42)}-`],
    ['trailing "="', `${key.slice(0, 42)}=`],
    ['empty', ''],
  ])('rejects an EncodingAESKey of %s', (_what, encodingAesKey) => {
    expect(failureOf(() => new WechatMessageCrypto({ encodingAesKey, appId }))).toBe('invalidKey');
  });

  it('names the problem in the message', () => {
    expect(() => new WechatMessageCrypto({ encodingAesKey: 'short', appId })).toThrow(/43 base64 characters \(got 5/);
  });

  it('rejects an empty app id', () => {
    expect(failureOf(() => new WechatMessageCrypto({ encodingAesKey: key, appId: '' }))).toBe('invalidKey');
  });

  it('accepts a key whose last character has the unused bits set (the platform generates such keys)', () => {
    expect(failureOf(() => new WechatMessageCrypto({ encodingAesKey: `${key.slice(0, 42)}H`, appId }))).toBe('none');
  });
});

describe('WechatMessageCrypto: round trips', () => {
  const lengths = Array.from({ length: 65 }, (_, n) => n);

  it.each(lengths)('round-trips a %i-byte message and pads to 32-byte blocks', (n) => {
    const xml = 'x'.repeat(n);
    const encrypted = crypto.encrypt(xml);
    const bytes = Buffer.from(encrypted, 'base64');
    expect(bytes.length % 32).toBe(0);
    const unpadded = 16 + 4 + n + appId.length;
    expect(bytes.length).toBe(unpadded + (32 - (unpadded % 32)));
    expect(crypto.decrypt(encrypted)).toBe(xml);
  });

  it.each([
    ['empty', ''],
    ['Chinese', '<xml><Content><![CDATA[您好，我家楼下的路灯坏了三天了，请尽快维修。]]></Content></xml>'],
    ['emoji and mixed scripts', '路灯🔦 broken — ½ 😀'],
    ['newlines and CDATA end', 'a]]>b\r\nc'],
  ])('round-trips %s', (_what, xml) => {
    expect(crypto.decrypt(crypto.encrypt(xml))).toBe(xml);
  });

  it('round-trips a 2 MB message', () => {
    const xml = `<xml><Content><![CDATA[${'问政'.repeat(350_000)}]]></Content></xml>`;
    expect(Buffer.byteLength(xml)).toBeGreaterThan(2_000_000);
    expect(crypto.decrypt(crypto.encrypt(xml))).toBe(xml);
  });

  it('is deterministic for a fixed random and differs for another', () => {
    const a = crypto.encrypt('same', Buffer.alloc(16, 1));
    expect(crypto.encrypt('same', Buffer.alloc(16, 1))).toBe(a);
    expect(crypto.encrypt('same', Buffer.alloc(16, 2))).not.toBe(a);
    expect(crypto.encrypt('same')).not.toBe(crypto.encrypt('same'));
  });

  it('refuses a random prefix that is not 16 bytes', () => {
    expect(() => crypto.encrypt('x', Buffer.alloc(15))).toThrow(RangeError);
  });
});

describe('WechatMessageCrypto: malformed input', () => {
  const body = Buffer.from('<xml/>');
  const valid = rawEncrypt(framed(body, body.length, appId, goodPad));

  it('accepts the hand-framed control message', () => {
    expect(crypto.decrypt(valid)).toBe('<xml/>');
  });

  it.each<[string, string, WechatCryptoFailure]>([
    ['empty', '', 'badBase64'],
    ['characters outside base64', valid.replace(/.$/, '!'), 'badBase64'],
    ['whitespace inside', `${valid.slice(0, 8)} ${valid.slice(8)}`, 'badBase64'],
    ['missing padding characters', valid.replace(/=+$/, '').slice(0, -1), 'badBase64'],
    ['URL-safe alphabet', 'ab-_'.repeat(11), 'badBase64'],
    ['16 bytes', Buffer.alloc(16).toString('base64'), 'badLength'],
    ['not a block multiple', Buffer.alloc(40).toString('base64'), 'badLength'],
    ['pad value 0', rawEncrypt(framed(body, body.length, appId, (n) => Buffer.alloc(n, 0))), 'badPadding'],
    ['pad value 33', rawEncrypt(Buffer.concat([Buffer.alloc(31, 1), Buffer.from([33])])), 'badPadding'],
    ['pad bytes that disagree', rawEncrypt(framed(body, body.length, appId, (n) => Buffer.concat([Buffer.alloc(n - 1, 9), Buffer.from([n])]))), 'badPadding'],
    ['declared length too large', rawEncrypt(framed(body, body.length + appId.length + 1, appId, goodPad)), 'badMessageLength'],
    ['declared length 2^32-1', rawEncrypt(framed(body, 0xffffffff, appId, goodPad)), 'badMessageLength'],
    ['no room for the length', rawEncrypt(Buffer.concat([Buffer.alloc(16, 1), Buffer.alloc(16, 16)])), 'badMessageLength'],
    ['declared length too small (app id takes the rest)', rawEncrypt(framed(body, body.length - 1, appId, goodPad)), 'appIdMismatch'],
    ['another app id', rawEncrypt(framed(body, body.length, 'wxffffffffffffffff', goodPad)), 'appIdMismatch'],
    ['no app id', rawEncrypt(framed(body, body.length, '', goodPad)), 'appIdMismatch'],
    ['invalid UTF-8', rawEncrypt(framed(Buffer.from([0xe9, 0x97]), 2, appId, goodPad)), 'badUtf8'],
    // Fixed random: with a random one, a wrong key yields a plausible last byte about once in 256 runs.
    ['a wrong key', new WechatMessageCrypto({ encodingAesKey: 'B'.repeat(43), appId }).encrypt('<xml/>', Buffer.alloc(16, 3)), 'badPadding'],
  ])('reports %s', (_what, encrypt, reason) => {
    expect(failureOf(() => crypto.decrypt(encrypt))).toBe(reason);
  });
});
