import { classifyWeiboError, rateLimitPauseMs, WEIBO_HTTP_FAILURE } from './weibo-errors';

describe('classifyWeiboError', () => {
  it.each([
    [21332, 'tokenInvalid'],
    [21327, 'tokenInvalid'],
    [21315, 'tokenInvalid'],
    [10022, 'rateLimited'],
    [10023, 'rateLimited'],
    [10024, 'rateLimited'],
    [10001, 'retryable'],
    [10002, 'retryable'],
    [WEIBO_HTTP_FAILURE, 'retryable'],
    [29999, 'refused'],
    [20101, 'refused'],
    [20019, 'refused'],
    [10008, 'permanent'],
    [10014, 'permanent'],
    [42, 'permanent'],
  ])('%d → %s', (code, kind) => {
    expect(classifyWeiboError(code)).toBe(kind);
  });
});

describe('rateLimitPauseMs', () => {
  it.each([
    [0, 300_000, 600_000],
    [1, 300_000, 1_200_000],
    [2, 300_000, 2_400_000],
    [3, 300_000, 3_600_000],
    [10, 300_000, 3_600_000],
    [0, 10_000, 20_000],
    [-1, 10_000, 20_000],
  ])('strike %d at %d ms → %d ms', (strikes, interval, pause) => {
    expect(rateLimitPauseMs(strikes, interval)).toBe(pause);
  });
});
