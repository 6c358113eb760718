/** One approved reply on its way to one citizen, with what a channel needs to reach them. */
export interface ReplyToDeliver {
  ticketId: string;
  trackingNo: string;
  round: number;
  /** The channel the message came in on, and the channel's own id of it (e.g. a WeChat MsgId / OpenID later). */
  channel: string;
  externalId: string;
  body: string;
  unitName: string | null;
}

/** The delivery port: each channel sends replies its own way. Throwing means "not delivered, retry". */
export interface ReplyChannel {
  readonly channel: string;
  deliver(reply: ReplyToDeliver): Promise<void>;
}

export const REPLY_CHANNELS = Symbol('REPLY_CHANNELS');
