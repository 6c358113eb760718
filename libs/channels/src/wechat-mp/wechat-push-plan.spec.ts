import type { ChannelAccountSettings } from '../accounts/channel-account.types';
import { greetingText, helpText, unsupportedText } from '../chat/chat-texts';
import { WechatPushPlan, planWechatPush } from './wechat-push-plan';
import { WechatInbound } from './wechat-xml';

const common = { toUserName: 'gh_1', fromUserName: 'o-citizen', createTime: 1_763_884_800 };
const text = (content: string): WechatInbound => ({ ...common, msgType: 'text', kind: 'text', content, msgId: '1' });
const event = (name: 'subscribe' | 'unsubscribe' | 'CLICK' | 'VIEW' | 'other', eventKey?: string): WechatInbound => ({
  ...common,
  msgType: 'event',
  kind: 'event',
  event: name,
  eventRaw: name === 'other' ? 'TEMPLATESENDJOBFINISH' : name,
  eventKey,
});
const settings: ChannelAccountSettings = { menu: { WRITE: 'how-to-write', QUERY: 'query' } };

describe('planWechatPush', () => {
  it.each<[string, WechatInbound, ChannelAccountSettings, WechatPushPlan]>([
    ['a matter', text('小区门口的路灯坏了三天了'), {}, { do: 'intake', text: '小区门口的路灯坏了三天了' }],
    ['查询 with a number', text('查询 261123000042'), {}, { do: 'own-tickets', trackingNo: '261123000042', queryCode: null }],
    ['查询 with a number and code', text('查询 261123000042 K7M2PQ9X'), {}, { do: 'own-tickets', trackingNo: '261123000042', queryCode: 'K7M2PQ9X' }],
    ['查询 alone', text('查询'), {}, { do: 'own-tickets', trackingNo: null, queryCode: null }],
    ['帮助', text('帮助'), {}, { do: 'answer', text: helpText() }],
    ['a greeting', text('你好'), {}, { do: 'answer', text: greetingText() }],
    [
      'recognised speech',
      { ...common, msgType: 'voice', kind: 'voice', mediaId: 'm', format: 'amr', recognition: '我家楼下的下水道堵了好几天了', msgId: '2' },
      {},
      { do: 'intake', text: '我家楼下的下水道堵了好几天了' },
    ],
    [
      'speech without recognition',
      { ...common, msgType: 'voice', kind: 'voice', mediaId: 'm', format: 'amr', msgId: '2' },
      {},
      { do: 'answer', text: unsupportedText(), record: { kind: 'voice', payload: { mediaId: 'm', format: 'amr' } } },
    ],
    [
      'an image',
      { ...common, msgType: 'image', kind: 'image', mediaId: 'm', picUrl: 'http://p', msgId: '3' },
      {},
      { do: 'answer', text: unsupportedText(), record: { kind: 'image', payload: { mediaId: 'm', picUrl: 'http://p' } } },
    ],
    [
      'a location',
      { ...common, msgType: 'location', kind: 'location', x: '36.7', y: '119.9', scale: '15', label: '平度市', msgId: '4' },
      {},
      { do: 'answer', text: unsupportedText(), record: { kind: 'location', payload: { x: '36.7', y: '119.9', label: '平度市' } } },
    ],
    [
      'an unknown type',
      { ...common, msgType: 'miniprogrampage', kind: 'unknown', fields: {} },
      {},
      { do: 'answer', text: unsupportedText(), record: { kind: 'unknown:miniprogrampage', payload: {} } },
    ],
    ['subscribe (default welcome)', event('subscribe'), {}, { do: 'answer', text: `欢迎关注！\n${helpText()}`, record: { kind: 'event:subscribe', payload: {} } }],
    ['subscribe (own welcome)', event('subscribe'), { welcomeText: '欢迎！' }, { do: 'answer', text: '欢迎！', record: { kind: 'event:subscribe', payload: {} } }],
    ['unsubscribe', event('unsubscribe'), {}, { do: 'record', record: { kind: 'event:unsubscribe', payload: {} } }],
    ['menu: how to write', event('CLICK', 'WRITE'), settings, { do: 'answer', text: helpText(), record: { kind: 'event:CLICK', payload: { eventKey: 'WRITE' } } }],
    [
      'menu: query',
      event('CLICK', 'QUERY'),
      settings,
      { do: 'own-tickets', trackingNo: null, queryCode: null, record: { kind: 'event:CLICK', payload: { eventKey: 'QUERY' } } },
    ],
    ['menu: a key not configured', event('CLICK', 'NEWS'), settings, { do: 'record', record: { kind: 'event:CLICK', payload: { eventKey: 'NEWS' } } }],
    ['a link opened from the menu', event('VIEW', 'https://x'), settings, { do: 'record', record: { kind: 'event:VIEW', payload: { eventKey: 'https://x' } } }],
    ['an event the hub does not know', event('other'), {}, { do: 'record', record: { kind: 'event:TEMPLATESENDJOBFINISH', payload: {} } }],
  ])('%s', (_, push, accountSettings, plan) => {
    expect(planWechatPush(push, accountSettings)).toEqual(plan);
  });
});
