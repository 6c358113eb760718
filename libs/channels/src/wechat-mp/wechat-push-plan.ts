import type { ChannelAccountSettings } from '../accounts/channel-account.types';
import { ChatPushPlan, menuClickPlan, planChatText, welcomePlan } from '../chat/chat-push-plan';
import { unsupportedText } from '../chat/chat-texts';
import type { WechatInbound } from './wechat-xml';

export type WechatPushPlan = ChatPushPlan;

/** Decides, without I/O, how to answer a parsed push on an account with these settings. */
export function planWechatPush(push: WechatInbound, settings: ChannelAccountSettings): WechatPushPlan {
  switch (push.kind) {
    case 'text':
      return planChatText(push.content);
    case 'voice':
      // With speech recognition on, the platform sends the words: they are a message like any text.
      if (push.recognition?.trim()) return planChatText(push.recognition);
      return { do: 'answer', text: unsupportedText(), record: { kind: 'voice', payload: { mediaId: push.mediaId, format: push.format } } };
    case 'image':
      return { do: 'answer', text: unsupportedText(), record: { kind: 'image', payload: { mediaId: push.mediaId, picUrl: push.picUrl } } };
    case 'video':
      return { do: 'answer', text: unsupportedText(), record: { kind: 'video', payload: { mediaId: push.mediaId } } };
    case 'location':
      return { do: 'answer', text: unsupportedText(), record: { kind: 'location', payload: { x: push.x, y: push.y, label: push.label } } };
    case 'link':
      return { do: 'answer', text: unsupportedText(), record: { kind: 'link', payload: { title: push.title, url: push.url } } };
    case 'unknown':
      return { do: 'answer', text: unsupportedText(), record: { kind: `unknown:${push.msgType}`, payload: {} } };
    case 'event': {
      const record = { kind: `event:${push.event === 'other' ? push.eventRaw : push.event}`, payload: push.eventKey ? { eventKey: push.eventKey } : {} };
      if (push.event === 'subscribe') return welcomePlan(settings, record);
      if (push.event === 'CLICK') return menuClickPlan(push.eventKey, settings, record);
      return { do: 'record', record };
    }
  }
}
