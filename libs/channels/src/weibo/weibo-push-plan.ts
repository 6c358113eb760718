import type { ChannelAccountSettings } from '../accounts/channel-account.types';
import { ChatPushPlan, menuClickPlan, planChatText, welcomePlan } from '../chat/chat-push-plan';
import { unsupportedText } from '../chat/chat-texts';
import type { WeiboPush } from './weibo-push';

/** A public @mention or comment: recorded for the monitor, never a ticket; only mentions allow the one reply. */
export type WeiboPushPlan = ChatPushPlan | { do: 'public'; kind: 'mention' | 'comment'; acknowledge: boolean };

const WELCOME_EVENTS = new Set(['follow', 'subscribe', 'scan_follow']);

/**
 * The short answer to a public @mention or comment. It never carries personal data, a tracking number or a 查询码:
 * whoever reads the post could read it too, and a query code opens the ticket to anyone who has it.
 */
export const DEFAULT_PUBLIC_ACKNOWLEDGEMENT = '您好，您的意见我们已经看到。如需反映具体事项，请私信本账号或到问政平台留言，我们会回复受理编号并按期答复。';

export function publicAcknowledgementText(settings: ChannelAccountSettings): string {
  return settings.mentionReply ?? DEFAULT_PUBLIC_ACKNOWLEDGEMENT;
}

/** Decides, without I/O, what to do with a parsed fan-service push on an account with these settings. */
export function planWeiboPush(push: WeiboPush, settings: ChannelAccountSettings): WeiboPushPlan {
  switch (push.kind) {
    case 'text':
      return planChatText(push.text);
    case 'position':
      return { do: 'answer', text: unsupportedText(), record: { kind: 'position', payload: { longitude: push.longitude, latitude: push.latitude } } };
    case 'voice':
    case 'image':
      return { do: 'answer', text: unsupportedText(), record: { kind: push.kind, payload: push.data } };
    case 'event': {
      const record = { kind: `event:${push.subtype}`, payload: push.key ? { key: push.key } : {} };
      if (WELCOME_EVENTS.has(push.subtype)) return welcomePlan(settings, record);
      if (push.subtype === 'click') return menuClickPlan(push.key, settings, record);
      return { do: 'record', record };
    }
    case 'mention':
      return { do: 'public', kind: 'mention', acknowledge: true };
    case 'comment':
      return { do: 'public', kind: 'comment', acknowledge: false };
    case 'unknown':
      // The platform asks receivers to tolerate unknown types: kept for a look, nothing said.
      return { do: 'record', record: { kind: `unknown:${push.type}`, payload: push.data } };
  }
}
