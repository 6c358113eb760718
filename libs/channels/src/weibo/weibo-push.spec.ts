import {
  formatWeiboTime,
  parseWeiboPush,
  parseWeiboTime,
  readWeiboPush,
  WeiboPush,
  WeiboPushError,
  WeiboPushFailure,
  weiboDedupeKey,
  weiboReplyAllowance,
  WeiboReplyAllowance,
} from './weibo-push';

// Shapes as in the fan-service docs (接收普通消息 / 接收事件推送, open.weibo.com/wiki).
const when = 'Mon Jul 16 18:09:20 +0800 2012';
const whenMs = Date.UTC(2012, 6, 16, 10, 9, 20);
const push = (type: string, text: string, data: unknown) =>
  `{"type":"${type}","receiver_id":1902538057,"sender_id":2489518277,"created_at":"${when}","text":${JSON.stringify(text)},"data":${JSON.stringify(data)}}`;
const common = { receiverId: '1902538057', senderId: '2489518277', createdAt: when, createdAtMs: whenMs };

describe('parseWeiboPush: kinds', () => {
  it.each<[string, string, WeiboPush]>([
    ['text', push('text', '小区门口积水', {}), { ...common, type: 'text', kind: 'text', text: '小区门口积水', data: {} }],
    [
      'position',
      push('position', '我在这里: http://t.cn/zQgLLYO', { longitude: '116.308586', latitude: '39.982525' }),
      {
        ...common,
        type: 'position',
        kind: 'position',
        text: '我在这里: http://t.cn/zQgLLYO',
        data: { longitude: '116.308586', latitude: '39.982525' },
        longitude: '116.308586',
        latitude: '39.982525',
      },
    ],
    [
      'voice',
      push('voice', '发了一个语音消息', { vfid: 821804459, tovfid: 821804469 }),
      { ...common, type: 'voice', kind: 'voice', text: '发了一个语音消息', data: { vfid: 821804459, tovfid: 821804469 } },
    ],
    ['image', push('image', '发了一张图片', { vfid: 1, tovfid: 2 }), { ...common, type: 'image', kind: 'image', text: '发了一张图片', data: { vfid: 1, tovfid: 2 } }],
    [
      'follow event',
      push('event', '关注事件消息', { subtype: 'follow' }),
      { ...common, type: 'event', kind: 'event', subtype: 'follow', text: '关注事件消息', data: { subtype: 'follow' } },
    ],
    [
      'QR scan event',
      push('event', '扫描二维码', { subtype: 'scan_follow', key: 'qrscene_12', ticket: 'T' }),
      {
        ...common,
        type: 'event',
        kind: 'event',
        subtype: 'scan_follow',
        key: 'qrscene_12',
        ticket: 'T',
        text: '扫描二维码',
        data: { subtype: 'scan_follow', key: 'qrscene_12', ticket: 'T' },
      },
    ],
    ['mention type', push('mention', '@某市发布 路灯坏了', { status_id: 1 }), { ...common, type: 'mention', kind: 'mention', text: '@某市发布 路灯坏了', data: { status_id: 1 } }],
    [
      'mention as an event subtype',
      push('event', '@某市发布', { subtype: 'mention' }),
      { ...common, type: 'event', kind: 'mention', text: '@某市发布', data: { subtype: 'mention' } },
    ],
    ['comment', push('comment', '请回复', {}), { ...common, type: 'comment', kind: 'comment', text: '请回复', data: {} }],
    ['an unknown type', push('card', '', { a: 1 }), { ...common, type: 'card', kind: 'unknown', text: '', data: { a: 1 } }],
  ])('%s', (_what, body, expected) => {
    expect(parseWeiboPush(body)).toEqual(expected);
  });

  it('keeps uids beyond 2^53 exact', () => {
    const body = `{"type":"text","receiver_id":1902538057,"sender_id":12345678901234567890,"created_at":"${when}","text":"x","data":{}}`;
    expect(parseWeiboPush(body).senderId).toBe('12345678901234567890');
  });

  it('does not touch id-like text inside strings', () => {
    const text = '"sender_id": 99999999999999999999';
    expect(parseWeiboPush(push('text', text, {})).text).toBe(text);
  });

  it('accepts uids sent as strings, a missing data and a missing text on events', () => {
    const body = `{"type":"event","receiver_id":"1902538057","sender_id":"2489518277","created_at":"${when}","data":{"subtype":"unfollow"}}`;
    expect(parseWeiboPush(body)).toMatchObject({ kind: 'event', subtype: 'unfollow', senderId: '2489518277', text: '' });
    const noData = `{"type":"text","receiver_id":1,"sender_id":2,"created_at":"${when}","text":"x"}`;
    expect(parseWeiboPush(noData).data).toEqual({});
  });
});

describe('parseWeiboPush: errors', () => {
  const valid = { type: 'text', receiver_id: 1902538057, sender_id: 2489518277, created_at: when, text: 'x', data: {} };
  const without = (name: string) => JSON.stringify({ ...valid, [name]: undefined });
  const withValue = (name: string, value: unknown) => JSON.stringify({ ...valid, [name]: value });

  it.each<[string, string, WeiboPushFailure, string | undefined]>([
    ['an empty body', '', 'malformed', undefined],
    ['XML', '<xml><MsgType>text</MsgType></xml>', 'malformed', undefined],
    ['truncated JSON', '{"type":"text",', 'malformed', undefined],
    ['an array', '[1]', 'malformed', undefined],
    ['no type', without('type'), 'missingField', 'type'],
    ['no sender', without('sender_id'), 'missingField', 'sender_id'],
    ['no receiver', without('receiver_id'), 'missingField', 'receiver_id'],
    ['no created_at', without('created_at'), 'missingField', 'created_at'],
    ['text message without text', without('text'), 'missingField', 'text'],
    ['event without subtype', JSON.stringify({ ...valid, type: 'event', data: {} }), 'missingField', 'data.subtype'],
    ['a negative uid', withValue('sender_id', -5), 'invalidField', 'sender_id'],
    ['a fractional uid', withValue('sender_id', 1.5), 'invalidField', 'sender_id'],
    ['a uid with letters', withValue('sender_id', '12ab'), 'invalidField', 'sender_id'],
    ['type as a number', withValue('type', 1), 'invalidField', 'type'],
    ['data as a list', withValue('data', [1]), 'invalidField', 'data'],
    ['text as an object', withValue('text', { a: 1 }), 'invalidField', 'text'],
  ])('%s → %s', (_what, body, reason, field) => {
    let caught: unknown;
    try {
      parseWeiboPush(body);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(WeiboPushError);
    expect((caught as WeiboPushError).reason).toBe(reason);
    expect((caught as WeiboPushError).field).toBe(field);
  });

  it('refuses an already-parsed uid that lost precision', () => {
    expect(() => readWeiboPush({ ...valid, sender_id: 2 ** 60 })).toThrow(/survived JSON parsing exactly/);
  });
});

describe('weiboDedupeKey', () => {
  it('joins sender and created_at as sent', () => {
    expect(weiboDedupeKey(parseWeiboPush(push('text', 'x', {})))).toBe(`weibo:2489518277:${when}`);
  });

  it('is the same for a retried push and differs for another second', () => {
    const again = parseWeiboPush(push('text', 'x', {}));
    const later = parseWeiboPush(push('text', 'x', {}).replace('18:09:20', '18:09:21'));
    expect(weiboDedupeKey(again)).toBe(weiboDedupeKey(parseWeiboPush(push('text', 'x', {}))));
    expect(weiboDedupeKey(later)).not.toBe(weiboDedupeKey(again));
  });
});

describe('weiboReplyAllowance', () => {
  it.each<[string, string, WeiboReplyAllowance]>([
    ['a private message', push('text', 'x', {}), 'window48h'],
    ['a position', push('position', 'x', { longitude: '1', latitude: '2' }), 'window48h'],
    ['a follow', push('event', 'x', { subtype: 'follow' }), 'window48h'],
    ['a menu click', push('event', 'x', { subtype: 'click', key: 'K' }), 'window48h'],
    ['an unfollow', push('event', 'x', { subtype: 'unfollow' }), 'none'],
    ['an @mention', push('mention', 'x', {}), 'singleReply'],
    ['a comment', push('comment', 'x', {}), 'none'],
    ['an unknown type', push('card', 'x', {}), 'none'],
  ])('%s → %s', (_what, body, allowance) => {
    expect(weiboReplyAllowance(parseWeiboPush(body))).toBe(allowance);
  });
});

describe('parseWeiboTime', () => {
  it.each<[string, number | undefined]>([
    [when, whenMs],
    ['Thu Jan 01 08:00:00 +0800 1970', 0],
    ['Sun Dec 31 23:59:59 -0130 2023', Date.UTC(2024, 0, 1, 1, 29, 59)],
    ['Mon Feb 30 10:00:00 +0800 2012', undefined],
    ['Mon Jul 16 25:00:00 +0800 2012', undefined],
    ['2012-07-16T10:09:20Z', undefined],
    ['', undefined],
  ])('%s → %s', (text, ms) => {
    expect(parseWeiboTime(text)).toBe(ms);
  });

  it('round-trips with formatWeiboTime in Beijing time', () => {
    expect(formatWeiboTime(whenMs)).toBe(when);
    const ms = Date.UTC(2026, 9, 1, 16, 5, 9);
    expect(parseWeiboTime(formatWeiboTime(ms))).toBe(ms);
  });
});
