import type { ChannelAccountSettings } from '../accounts/channel-account.types';
import { parseChatCommand } from './chat-command';
import { greetingText, helpText } from './chat-texts';

/** A push that is not a 诉求, kept in channel_events. */
export interface PushRecord {
  kind: string;
  payload: Record<string, unknown>;
}

/** What the hub does with one chat push (WeChat, Weibo private message); `answer` texts go back in the push answer. */
export type ChatPushPlan =
  | { do: 'intake'; text: string }
  | { do: 'own-tickets'; trackingNo: string | null; queryCode: string | null; record?: PushRecord }
  | { do: 'answer'; text: string; record?: PushRecord }
  | { do: 'record'; record: PushRecord };

/** A chat line: 查询, 帮助, a greeting, or a message for the intake. */
export function planChatText(text: string): ChatPushPlan {
  const command = parseChatCommand(text);
  switch (command.kind) {
    case 'query':
      return { do: 'own-tickets', trackingNo: command.trackingNo, queryCode: command.queryCode };
    case 'help':
      return { do: 'answer', text: helpText() };
    case 'greeting':
      return { do: 'answer', text: greetingText() };
    case 'message':
      return { do: 'intake', text: command.text };
  }
}

/** 关注: the account's welcome, or the hub's own with how to write and query. */
export function welcomePlan(settings: ChannelAccountSettings, record: PushRecord): ChatPushPlan {
  return { do: 'answer', text: settings.welcomeText ?? `欢迎关注！\n${helpText()}`, record };
}

/** A menu button: what `settings.menu` says its key does; an unlisted key is only recorded. */
export function menuClickPlan(key: string | undefined, settings: ChannelAccountSettings, record: PushRecord): ChatPushPlan {
  const action = key ? settings.menu?.[key] : undefined;
  if (action === 'how-to-write') return { do: 'answer', text: helpText(), record };
  if (action === 'query') return { do: 'own-tickets', trackingNo: null, queryCode: null, record };
  return { do: 'record', record };
}
