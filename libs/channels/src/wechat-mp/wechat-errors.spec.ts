import { classifyWechatError, WechatEndpoint, WechatErrorKind, wechatRetryAfterSeconds } from './wechat-errors';

describe('classifyWechatError', () => {
  it.each<[number | undefined, WechatEndpoint, WechatErrorKind]>([
    [0, 'api', 'ok'],
    [undefined, 'api', 'ok'],
    [-1, 'api', 'retryable'],
    [-1, 'token', 'retryable'],
    [40001, 'api', 'tokenInvalid'],
    [40014, 'api', 'tokenInvalid'],
    [42001, 'api', 'tokenInvalid'],
    [40001, 'token', 'permanent'],
    [45015, 'api', 'windowClosed'],
    [45047, 'api', 'quotaUsed'],
    [45009, 'api', 'retryable'],
    [45011, 'api', 'retryable'],
    [40003, 'api', 'permanent'],
    [43004, 'api', 'permanent'],
    [48001, 'api', 'permanent'],
    [40164, 'token', 'permanent'],
    [40013, 'token', 'permanent'],
    [99999, 'api', 'permanent'],
  ])('%s on %s → %s', (errcode, endpoint, kind) => {
    expect(classifyWechatError(errcode, endpoint)).toBe(kind);
  });

  it('defaults to the API endpoint', () => {
    expect(classifyWechatError(40001)).toBe('tokenInvalid');
  });
});

describe('wechatRetryAfterSeconds', () => {
  it.each([
    [45011, 60],
    [45009, 3600],
    [-1, undefined],
    [45015, undefined],
  ])('%s → %s', (errcode, seconds) => {
    expect(wechatRetryAfterSeconds(errcode)).toBe(seconds);
  });
});
