/** One approved reply on its way to one citizen, with what a channel needs to reach them. */
export interface ReplyToDeliver {
  ticketId: string;
  trackingNo: string;
  round: number;
  /** The channel the message came in on, and the channel's own id of it. */
  channel: string;
  externalId: string;
  /** Platform channels: the account written to and the writer's platform id (OpenID, Weibo uid). */
  accountId: string | null;
  senderId: string | null;
  body: string;
  unitName: string | null;
}

/**
 * The delivery port: each channel sends replies its own way and says how (recorded on the delivery, e.g.
 * `customer-service`, `template`, `status-page`). Throwing means "not delivered": retried with backoff, unless the
 * error is BullMQ's UnrecoverableError (retrying cannot help; the delivery stays failed with the reason).
 */
export interface ReplyChannel {
  readonly channel: string;
  deliver(reply: ReplyToDeliver): Promise<string>;
}

export const REPLY_CHANNELS = Symbol('REPLY_CHANNELS');
