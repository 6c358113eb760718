import { parseChatCommand } from './chat-command';
import { greetingText, helpText } from './chat-texts';

/** What every chat channel does with a text line: take it in, answer the sender's own tickets, or answer a text. */
export type ChatTextPlan =
  | { do: 'intake'; text: string }
  | { do: 'own-tickets'; trackingNo: string | null; queryCode: string | null }
  | { do: 'answer'; text: string };

export function planChatText(text: string): ChatTextPlan {
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
