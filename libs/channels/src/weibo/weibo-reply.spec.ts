import { fitWeiboText, readWeiboError, readWeiboReplyForm, weiboCommentBody, weiboPassiveTextReply, weiboTextReplyBody, WEIBO_REPLY_TEXT_LIMIT } from './weibo-reply';

describe('weiboTextReplyBody', () => {
  it('encodes data as in the documented curl example', () => {
    // https://open.weibo.com/wiki/Send_Customer_Service_Message: data=%7B%22text%22%3A%22%E7%BA%AF%E6%96%87%E6%9C%AC%E5%9B%9E%E5%A4%8D%22%7D
    expect(weiboTextReplyBody({ accessToken: 'ACCESS_TOKEN', receiverId: '2489518277', text: '纯文本回复' })).toBe(
      'access_token=ACCESS_TOKEN&type=text&data=%7B%22text%22%3A%22%E7%BA%AF%E6%96%87%E6%9C%AC%E5%9B%9E%E5%A4%8D%22%7D' +
        '&receiver_id=2489518277&save_sender_box=1',
    );
  });

  it.each([
    ['spaces, quotes and ampersands', 'a b "c" & d=e+f'],
    ['line breaks', '您好：\n已转交承办单位。'],
    ['an emoji', '收到👍'],
    ['exactly the limit', '字'.repeat(WEIBO_REPLY_TEXT_LIMIT)],
  ])('survives form decoding: %s', (_what, text) => {
    const body = weiboTextReplyBody({ accessToken: 'T', receiverId: '1', text, saveSenderBox: false });
    expect(body).not.toContain(' ');
    expect(readWeiboReplyForm(body)).toEqual({ accessToken: 'T', type: 'text', data: { text }, receiverId: '1', saveSenderBox: '0' });
  });

  it.each([
    ['an empty text', { text: '' }],
    ['a text over the limit', { text: '字'.repeat(WEIBO_REPLY_TEXT_LIMIT + 1) }],
    ['a receiver that is not a uid', { receiverId: '1&x=2' }],
    ['an empty token', { accessToken: '' }],
  ])('refuses %s', (_what, override) => {
    expect(() => weiboTextReplyBody({ accessToken: 'T', receiverId: '1', text: 'x', ...override })).toThrow(RangeError);
  });
});

describe('readWeiboReplyForm', () => {
  it('takes access_token from the query as the platform curl example sends it', () => {
    expect(readWeiboReplyForm('type=text&data=%7B%7D&receiver_id=5', new URLSearchParams('access_token=Q'))).toEqual({
      accessToken: 'Q',
      type: 'text',
      data: {},
      receiverId: '5',
    });
  });
  it('keeps data that is not JSON as text', () => {
    expect(readWeiboReplyForm('data=hello').data).toBe('hello');
  });
});

describe('readWeiboError', () => {
  it.each<[string, unknown, ReturnType<typeof readWeiboError>]>([
    ['a string code', { request: '/2/messages/reply.json', error_code: '21332', error: 'invalid_access_token' }, { errorCode: 21332, error: 'invalid_access_token' }],
    ['a number code', { error_code: 10023, error: 'User requests out of rate limit!' }, { errorCode: 10023, error: 'User requests out of rate limit!' }],
    ['a sent message', { id: 1, text: 'x' }, undefined],
    ['null', null, undefined],
  ])('%s', (_what, body, expected) => {
    expect(readWeiboError(body)).toEqual(expected);
  });
});

describe('passive replies and public comments', () => {
  it('answers a push with the documented JSON, data URL-encoded, cut to 300 characters', () => {
    const reply = JSON.parse(weiboPassiveTextReply({ accountId: '1902538057', citizenId: '98765432109876543210', text: '中文消息' }));
    expect(reply).toEqual({ result: true, sender_id: '1902538057', receiver_id: '98765432109876543210', type: 'text', data: '%7B%22text%22%3A%22%E4%B8%AD%E6%96%87%E6%B6%88%E6%81%AF%22%7D' });
    const long = JSON.parse(weiboPassiveTextReply({ accountId: '1', citizenId: '2', text: '长'.repeat(400) }));
    expect([...JSON.parse(decodeURIComponent(long.data)).text]).toHaveLength(300);
  });

  it('fits texts to a limit', () => {
    expect(fitWeiboText('好'.repeat(300))).toBe('好'.repeat(300));
    expect(fitWeiboText('好'.repeat(301))).toBe(`${'好'.repeat(299)}…`);
  });

  it('writes comment forms for a post and for a comment', () => {
    expect(weiboCommentBody({ accessToken: 't k', statusId: '49', text: '已看到' })).toBe('access_token=t%20k&id=49&comment=%E5%B7%B2%E7%9C%8B%E5%88%B0');
    expect(new URLSearchParams(weiboCommentBody({ accessToken: 't', statusId: '49', commentId: '50', text: '已看到' })).get('cid')).toBe('50');
    expect(() => weiboCommentBody({ accessToken: 't', statusId: '49', text: '长'.repeat(141) })).toThrow(RangeError);
  });
});
