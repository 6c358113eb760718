export const WECHATY_CHANNEL = 'wechaty';

/** Where a bot message goes: a contact in the private chat, or a group with an @mention of the contact. */
export interface BotAddress {
  talkerId: string;
  roomId: string | null;
}

/** Sending on the bot's Wechaty session; throws when it cannot (not logged in, contact or group not found). */
export interface BotSender {
  /** Answers how it went out: `wechaty-private` or `wechaty-group`. */
  send(address: BotAddress, text: string): Promise<string>;
  /** To a group by its topic (duty groups). */
  sendToGroup(topic: string, text: string): Promise<void>;
}

export const BOT_SENDER = Symbol('BOT_SENDER');
