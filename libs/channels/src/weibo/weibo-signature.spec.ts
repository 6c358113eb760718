import { weiboSignature, weiboSignatureValid } from './weibo-signature';

// The worked example of the fan-service developer guide (粉丝服务平台开发接口接入指南, "第二步:验证URL有效性").
const guide = { appSecret: 'xyz123xyz', timestamp: '1397022061823', nonce: '57155157', signature: '90e4c22c90a58f26526c2dd5b6c56c8822edeaa1' };

describe('weiboSignature', () => {
  it('matches the developer guide example', () => {
    expect(weiboSignature(guide.appSecret, guide.timestamp, guide.nonce)).toBe(guide.signature);
  });
});

describe('weiboSignatureValid', () => {
  const { appSecret, timestamp, nonce, signature } = guide;
  it.each<[string, string, Record<string, unknown>, boolean]>([
    ['the guide request', appSecret, { signature, timestamp, nonce, echostr: 'dnPdpTZz85' }, true],
    ['another secret', 'other', { signature, timestamp, nonce }, false],
    ['an empty secret', '', { signature, timestamp, nonce }, false],
    ['a changed nonce', appSecret, { signature, timestamp, nonce: '57155158' }, false],
    ['no signature', appSecret, { timestamp, nonce }, false],
    ['no timestamp', appSecret, { signature, nonce }, false],
    ['a repeated nonce', appSecret, { signature, timestamp, nonce: [nonce, nonce] }, false],
  ])('%s → %s', (_what, secret, query, expected) => {
    expect(weiboSignatureValid(secret, query)).toBe(expected);
  });
});
