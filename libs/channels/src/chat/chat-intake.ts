import type { InboundMessageInput } from '@wenzheng/intake';
import { guessMessageKind, titleOfChatMessage } from './chat-command';

export interface ChatMessage {
  channel: string;
  accountId: string;
  senderId: string;
  externalId: string;
  text: string;
}

/** A chat line as the common intake takes it: titled, kind guessed, never published without the citizen's consent. */
export function chatIntakeInput(message: ChatMessage): InboundMessageInput {
  const body = message.text.trim();
  return {
    channel: message.channel,
    externalId: message.externalId,
    accountId: message.accountId,
    senderId: message.senderId,
    title: titleOfChatMessage(body),
    body,
    kind: guessMessageKind(body),
    senderName: null,
    senderPhone: null,
    publicConsent: false,
  };
}

/** How a chat channel sends a text outside a push answer (the receipt after a slow intake); returns the method. */
export interface ChatAcknowledger {
  readonly channel: string;
  acknowledge(accountId: string, senderId: string, text: string): Promise<string>;
}

export const CHAT_ACKNOWLEDGERS = Symbol('CHAT_ACKNOWLEDGERS');
