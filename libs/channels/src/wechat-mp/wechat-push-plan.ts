import type { ChannelAccountSettings } from '../accounts/channel-account.types';
import { ChatTextPlan, planChatText } from '../chat/chat-plan';
import { helpText, unsupportedText } from '../chat/chat-texts';
import type { WechatInbound } from './wechat-xml';

/** A push that is not a 诉求, kept in channel_events. */
export interface PushRecord {
  kind: string;
  payload: Record<string, unknown>;
}

/** What the hub does with one push; `answer` texts go back as the passive reply. */
export type WechatPushPlan = (ChatTextPlan & { record?: PushRecord }) | { do: 'record'; record: PushRecord };

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
      if (push.event === 'subscribe') return { do: 'answer', text: settings.welcomeText ?? `欢迎关注！\n${helpText()}`, record };
      if (push.event === 'CLICK') {
        const action = push.eventKey ? settings.menu?.[push.eventKey] : undefined;
        if (action === 'how-to-write') return { do: 'answer', text: helpText(), record };
        if (action === 'query') return { do: 'own-tickets', trackingNo: null, queryCode: null, record };
      }
      return { do: 'record', record };
    }
  }
}
