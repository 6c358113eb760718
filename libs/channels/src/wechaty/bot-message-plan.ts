import { ChatPushPlan, planChatText } from '../chat/chat-push-plan';
import { groupQueryText, unsupportedText } from '../chat/chat-texts';

/** What the bot needs to know of one Wechaty message (read by the session; no Wechaty types here). */
export interface BotInbound {
  id: string;
  /** Sent by the bot's own account (its own answers, or a person typing on the bot's phone). */
  self: boolean;
  talkerId: string;
  /** Official accounts and other bots' echoes are never answered. */
  talkerIsOfficial: boolean;
  type: 'text' | 'image' | 'audio' | 'video' | 'file' | 'other';
  /** The text without the @mentions (Wechaty's mentionText). */
  text: string;
  room: { id: string; topic: string } | null;
  mentionsSelf: boolean;
}

/** Ignored, or carried out like any chat push (ChatConversationService), except that the bot takes text in itself. */
export type BotPlan = { do: 'ignore'; why: 'self' | 'official' | 'echo' | 'group-not-configured' | 'not-mentioned' } | ChatPushPlan;

/** The start of every text the hub's bots send: another hub bot in the same group must not be answered. */
const HUB_BOT_TEXT = /^(您的留言已受理|【答复】|【问政留言】|【值班提醒】|您好！请用一段文字|已收到。目前只受理文字|为保护您的隐私|没有找到您提交的|您还没有通过本账号)/u;

export function isHubBotText(text: string): boolean {
  return HUB_BOT_TEXT.test(text.trim());
}

/**
 * Decides, without I/O, what the bot does with a message: private chats are always handled; in a group only when the
 * group is one of `citizenGroups` and the message @mentions the bot. A status query in a group is answered with a
 * pointer to the private chat, so nobody's tickets are listed in front of the group.
 */
export function planBotMessage(message: BotInbound, citizenGroups: ReadonlySet<string>): BotPlan {
  if (message.self) return { do: 'ignore', why: 'self' };
  if (message.talkerIsOfficial) return { do: 'ignore', why: 'official' };
  if (message.room) {
    if (!citizenGroups.has(message.room.topic)) return { do: 'ignore', why: 'group-not-configured' };
    if (!message.mentionsSelf) return { do: 'ignore', why: 'not-mentioned' };
  }
  if (message.type !== 'text') {
    return { do: 'answer', text: unsupportedText(), record: { kind: message.type, payload: { roomId: message.room?.id ?? null } } };
  }
  if (isHubBotText(message.text)) return { do: 'ignore', why: 'echo' };
  const plan = planChatText(message.text);
  if (plan.do === 'own-tickets' && message.room) return { do: 'answer', text: groupQueryText() };
  return plan;
}
