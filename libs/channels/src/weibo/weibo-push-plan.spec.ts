import type { ChannelAccountSettings } from '../accounts/channel-account.types';
import { helpText, unsupportedText } from '../chat/chat-texts';
import { readWeiboPush } from './weibo-push';
import { DEFAULT_PUBLIC_ACKNOWLEDGEMENT, planWeiboPush, publicAcknowledgementText, WeiboPushPlan } from './weibo-push-plan';

const settings: ChannelAccountSettings = { menu: { WRITE: 'how-to-write', QUERY: 'query' }, welcomeText: '欢迎关注平度发布' };
const push = (type: string, extra: { text?: string; data?: Record<string, unknown> } = {}) =>
  readWeiboPush({ type, sender_id: 2489518277, receiver_id: 1902538057, created_at: 'Mon Jan 05 10:00:00 +0800 2026', text: extra.text ?? '', data: extra.data ?? {} });

describe('planWeiboPush', () => {
  it.each<[string, ReturnType<typeof push>, WeiboPushPlan]>([
    ['a message', push('text', { text: '小区门口路灯坏了三天了' }), { do: 'intake', text: '小区门口路灯坏了三天了' }],
    ['查询', push('text', { text: '查询 261123000042' }), { do: 'own-tickets', trackingNo: '261123000042', queryCode: null }],
    ['帮助', push('text', { text: '帮助' }), { do: 'answer', text: helpText() }],
    ['a position', push('position', { data: { longitude: '120.1', latitude: '36.7' } }), { do: 'answer', text: unsupportedText(), record: { kind: 'position', payload: { longitude: '120.1', latitude: '36.7' } } }],
    ['an image', push('image', { data: { vfid: 'v1', tovfid: 'v2' } }), { do: 'answer', text: unsupportedText(), record: { kind: 'image', payload: { vfid: 'v1', tovfid: 'v2' } } }],
    ['a follow', push('event', { data: { subtype: 'follow' } }), { do: 'answer', text: '欢迎关注平度发布', record: { kind: 'event:follow', payload: {} } }],
    ['an unfollow', push('event', { data: { subtype: 'unfollow' } }), { do: 'record', record: { kind: 'event:unfollow', payload: {} } }],
    ['a menu click', push('event', { data: { subtype: 'click', key: 'QUERY' } }), { do: 'own-tickets', trackingNo: null, queryCode: null, record: { kind: 'event:click', payload: { key: 'QUERY' } } }],
    ['an unknown key', push('event', { data: { subtype: 'click', key: 'X' } }), { do: 'record', record: { kind: 'event:click', payload: { key: 'X' } } }],
    ['a mention', push('mention', { text: '@平度发布 路灯坏了' }), { do: 'public', kind: 'mention', acknowledge: true }],
    ['a mention event', push('event', { data: { subtype: 'mention' } }), { do: 'public', kind: 'mention', acknowledge: true }],
    ['a comment', push('comment', { text: '同问' }), { do: 'public', kind: 'comment', acknowledge: false }],
    ['an unknown type', push('hologram', { data: { a: 1 } }), { do: 'record', record: { kind: 'unknown:hologram', payload: { a: 1 } } }],
  ])('%s', (_, parsed, plan) => {
    expect(planWeiboPush(parsed, settings)).toEqual(plan);
  });

  it('welcomes with the hub’s text when the account has none', () => {
    expect(planWeiboPush(push('event', { data: { subtype: 'subscribe' } }), {})).toMatchObject({ do: 'answer', text: expect.stringContaining('欢迎关注') });
  });
});

describe('publicAcknowledgementText', () => {
  it('is the account’s text or the hub’s, and the hub’s tells no number or code', () => {
    expect(publicAcknowledgementText({ mentionReply: '收到，谢谢关注。' })).toBe('收到，谢谢关注。');
    expect(publicAcknowledgementText({})).toBe(DEFAULT_PUBLIC_ACKNOWLEDGEMENT);
    expect(DEFAULT_PUBLIC_ACKNOWLEDGEMENT).not.toMatch(/\d|查询码/);
    expect([...DEFAULT_PUBLIC_ACKNOWLEDGEMENT].length).toBeLessThanOrEqual(140);
  });
});
