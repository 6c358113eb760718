import { receiptText } from '../chat/chat-texts';
import { BotInbound, isHubBotText, planBotMessage } from './bot-message-plan';

const GROUPS = new Set(['幸福小区居民群']);
const base: BotInbound = { id: 'm-1', self: false, talkerId: 'c-1', talkerIsOfficial: false, type: 'text', text: '小区门口的路灯坏了三天了', room: null, mentionsSelf: false };
const inGroup = (topic: string, mentionsSelf: boolean, text = base.text): BotInbound => ({ ...base, text, room: { id: 'r-1@chatroom', topic }, mentionsSelf });

describe('planBotMessage: who is answered', () => {
  it.each<[string, BotInbound, string]>([
    ['a private text', base, 'intake'],
    ['its own message', { ...base, self: true }, 'ignore:self'],
    ['an official account', { ...base, talkerIsOfficial: true }, 'ignore:official'],
    ['a mention in a configured group', inGroup('幸福小区居民群', true), 'intake'],
    ['an unmentioned message in a configured group', inGroup('幸福小区居民群', false), 'ignore:not-mentioned'],
    ['a mention in another group', inGroup('业主维权群', true), 'ignore:group-not-configured'],
    ['a group whose topic only resembles a configured one', inGroup('幸福小区居民群2', true), 'ignore:group-not-configured'],
    ['another hub bot echoing a receipt', { ...base, text: receiptText({ trackingNo: '1', queryCode: 'X', replyDueAt: new Date(0), provisional: false }) }, 'ignore:echo'],
    ['an echoed reply', { ...base, text: '【答复】您的留言（受理编号 1）已答复：…' }, 'ignore:echo'],
    ['an image in an unconfigured group', { ...inGroup('业主维权群', true), type: 'image' }, 'ignore:group-not-configured'],
  ])('%s → %s', (_, message, expected) => {
    const plan = planBotMessage(message, GROUPS);
    expect(plan.do === 'ignore' ? `ignore:${plan.why}` : plan.do).toBe(expected);
  });
});

describe('planBotMessage: what is done', () => {
  it('takes in a message with its text', () => {
    expect(planBotMessage(base, GROUPS)).toEqual({ do: 'intake', text: '小区门口的路灯坏了三天了' });
  });

  it('answers 查询 privately with the own tickets, and in a group with a pointer to the private chat', () => {
    expect(planBotMessage({ ...base, text: '查询 261123000042 K7M2PQ9X' }, GROUPS)).toEqual({ do: 'own-tickets', trackingNo: '261123000042', queryCode: 'K7M2PQ9X' });
    const group = planBotMessage(inGroup('幸福小区居民群', true, '查进度 261123000042'), GROUPS);
    expect(group).toMatchObject({ do: 'answer', text: expect.stringContaining('私聊') });
  });

  it('answers 帮助 and greetings without a ticket', () => {
    expect(planBotMessage({ ...base, text: '帮助' }, GROUPS)).toMatchObject({ do: 'answer', text: expect.stringContaining('【问政留言】') });
    expect(planBotMessage({ ...base, text: '在吗' }, GROUPS)).toMatchObject({ do: 'answer', text: expect.stringContaining('请用一段文字') });
  });

  it.each(['image', 'audio', 'video', 'file', 'other'] as const)('records a %s and says only text is handled', (type) => {
    expect(planBotMessage({ ...base, type, text: '' }, GROUPS)).toEqual({
      do: 'answer',
      text: expect.stringContaining('目前只受理文字留言'),
      record: { kind: type, payload: { roomId: null } },
    });
  });
});

describe('isHubBotText', () => {
  it.each([
    ['您的留言已受理。\n受理编号：1', true],
    ['  【值班提醒】3 条新通知', true],
    ['我想问一下您的留言已受理是什么意思', false],
    ['路灯坏了', false],
  ])('%j → %s', (text, expected) => {
    expect(isHubBotText(text)).toBe(expected);
  });
});
