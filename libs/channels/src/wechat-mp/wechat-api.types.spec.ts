import { customTextMessage, readErrorResponse, readTokenResponse } from './wechat-api.types';

describe('readTokenResponse', () => {
  it.each<[string, unknown, ReturnType<typeof readTokenResponse>]>([
    ['a token', { access_token: 'T1', expires_in: 7200 }, { ok: true, accessToken: 'T1', expiresIn: 7200 }],
    ['a token with errcode 0', { errcode: 0, access_token: 'T1', expires_in: 300 }, { ok: true, accessToken: 'T1', expiresIn: 300 }],
    ['an error', { errcode: 40013, errmsg: 'invalid appid' }, { ok: false, errcode: 40013, errmsg: 'invalid appid' }],
    ['an error without errmsg', { errcode: 40164 }, { ok: false, errcode: 40164, errmsg: '' }],
    ['an empty token', { access_token: '', expires_in: 7200 }, { ok: false, errcode: -1, errmsg: 'unreadable token response' }],
    ['expires_in as a string', { access_token: 'T', expires_in: '7200' }, { ok: false, errcode: -1, errmsg: 'unreadable token response' }],
    ['null', null, { ok: false, errcode: -1, errmsg: 'unreadable token response' }],
    ['an HTML error page', '<html>502</html>', { ok: false, errcode: -1, errmsg: 'unreadable token response' }],
  ])('%s', (_what, body, expected) => {
    expect(readTokenResponse(body)).toEqual(expected);
  });
});

describe('readErrorResponse', () => {
  it.each<[string, unknown, ReturnType<typeof readErrorResponse>]>([
    ['success', { errcode: 0, errmsg: 'ok' }, { errcode: 0, errmsg: 'ok' }],
    ['window closed', { errcode: 45015, errmsg: 'response out of time limit' }, { errcode: 45015, errmsg: 'response out of time limit' }],
    ['an empty object', {}, { errcode: -1, errmsg: 'unreadable response' }],
    ['errcode as a string', { errcode: '0' }, { errcode: -1, errmsg: 'unreadable response' }],
  ])('%s', (_what, body, expected) => {
    expect(readErrorResponse(body)).toEqual(expected);
  });
});

describe('customTextMessage', () => {
  it('builds the documented body', () => {
    expect(customTextMessage('o1', '您好')).toEqual({ touser: 'o1', msgtype: 'text', text: { content: '您好' } });
  });
  it('refuses an empty OpenID', () => {
    expect(() => customTextMessage('', 'x')).toThrow(RangeError);
  });
});
