/**
 * The one catalogue of queues and jobs. Values are frozen: they are stored in Redis, renaming one strands jobs.
 * Payloads carry ids only; PostgreSQL is the truth and handlers reload by id. The one exception is
 * `receive-chat-message`: it holds a chat message PostgreSQL did not take in time, so the job is its only copy.
 */
export enum QueueName {
  Analyze = 'analyze',
  Route = 'route',
  Deadline = 'deadline',
  Deliver = 'deliver',
  Publish = 'publish',
  Intake = 'intake',
  Learn = 'learn',
  /** Consumed by the bot process alone: it holds the Wechaty session, so only it can send on it. */
  Bot = 'bot',
  Monitor = 'monitor',
}

/** The queues each kind of process consumes: the worker all but the bot's, the bot only its own. */
export const WORKER_QUEUES: readonly QueueName[] = Object.values(QueueName).filter((q) => q !== QueueName.Bot);
export const BOT_QUEUES: readonly QueueName[] = [QueueName.Bot];

export enum JobName {
  AnalyzeMessage = 'analyze-message',
  RouteTicket = 'route-ticket',
  FireClockTimer = 'fire-clock-timer',
  RetimeClocks = 'retime-clocks',
  SweepUnanswered = 'sweep-unanswered',
  DeliverReply = 'deliver-reply',
  PreparePublication = 'prepare-publication',
  ReceiveChatMessage = 'receive-chat-message',
  RetrainRoutingModel = 'retrain-routing-model',
  AcknowledgePublicPost = 'acknowledge-public-post',
  SendBotReply = 'send-bot-reply',
  MonitorMessage = 'monitor-message',
  MonitorPublicPost = 'monitor-public-post',
}

export interface AnalyzeMessageData {
  messageId: string;
  ticketId: string;
}

export interface RouteTicketData {
  ticketId: string;
}

export interface FireClockTimerData {
  timerId: string;
}

/** A calendar year was loaded or replaced: re-derive open deadlines. `stamp` identifies that load. */
export interface RetimeClocksData {
  years: number[];
  stamp: string;
}

/** The daily look for tickets unanswered for 2 / 3 months; `day` is the Shanghai date it runs for. */
export interface SweepUnansweredData {
  day: string;
}

/** The approved reply of `round` to the citizen of `ticketId` (a merged ticket gets its main ticket's reply). */
export interface DeliverReplyData {
  ticketId: string;
  round: number;
}

/** Mask an approved reply of `round` and draft (or, with auto-release, publish) its archive entry. */
export interface PreparePublicationData {
  ticketId: string;
  round: number;
}

/**
 * A chat message (WeChat, Weibo private message, bot) whose intake did not finish within the platform's answer
 * budget: the push was answered "received" and the job takes the message in (idempotent on `externalId`) and
 * sends the receipt through the platform's API.
 */
export interface ReceiveChatMessageData {
  channel: string;
  accountId: string;
  senderId: string;
  externalId: string;
  text: string;
}

/**
 * Train a new unit model on the labelled tickets and promote it if it is not worse than the current one on the
 * newest examples. `runKey` names the run (`nightly-2026-12-02`, `admin-…`): one run per key, ever.
 */
export interface RetrainRoutingModelData {
  runKey: string;
  trigger: 'schedule' | 'admin';
  requestedBy: string;
}

/** The short public answer to a polled @mention (a comment under it); `postId` is the channel_public_posts row. */
export interface AcknowledgePublicPostData {
  postId: string;
}

/** The bot sends the approved reply of `round` to the contact or group of `ticketId`'s message (asked by deliver-reply). */
export type SendBotReplyData = DeliverReplyData;

/** An analyzed message for the hot-topic monitor: near-duplicates, its topic cluster, sentiment, bursts and alerts. */
export interface MonitorMessageData {
  messageId: string;
}

/** A public @mention or comment (a channel_public_posts row) for the hot-topic monitor: its topic cluster, sentiment, bursts and alerts. */
export interface MonitorPublicPostData {
  postId: string;
}

export interface JobDataMap {
  [JobName.AnalyzeMessage]: AnalyzeMessageData;
  [JobName.RouteTicket]: RouteTicketData;
  [JobName.FireClockTimer]: FireClockTimerData;
  [JobName.RetimeClocks]: RetimeClocksData;
  [JobName.SweepUnanswered]: SweepUnansweredData;
  [JobName.DeliverReply]: DeliverReplyData;
  [JobName.PreparePublication]: PreparePublicationData;
  [JobName.ReceiveChatMessage]: ReceiveChatMessageData;
  [JobName.RetrainRoutingModel]: RetrainRoutingModelData;
  [JobName.AcknowledgePublicPost]: AcknowledgePublicPostData;
  [JobName.SendBotReply]: SendBotReplyData;
  [JobName.MonitorMessage]: MonitorMessageData;
  [JobName.MonitorPublicPost]: MonitorPublicPostData;
}

export const JOB_QUEUE: { readonly [N in JobName]: QueueName } = {
  [JobName.AnalyzeMessage]: QueueName.Analyze,
  [JobName.RouteTicket]: QueueName.Route,
  [JobName.FireClockTimer]: QueueName.Deadline,
  [JobName.RetimeClocks]: QueueName.Deadline,
  [JobName.SweepUnanswered]: QueueName.Deadline,
  [JobName.DeliverReply]: QueueName.Deliver,
  [JobName.PreparePublication]: QueueName.Publish,
  [JobName.ReceiveChatMessage]: QueueName.Intake,
  [JobName.RetrainRoutingModel]: QueueName.Learn,
  [JobName.AcknowledgePublicPost]: QueueName.Deliver,
  [JobName.SendBotReply]: QueueName.Bot,
  [JobName.MonitorMessage]: QueueName.Monitor,
  [JobName.MonitorPublicPost]: QueueName.Monitor,
};

/** The job names whose queues are among `queues`: what a process consuming them must have handlers for. */
export function jobNamesOf(queues: readonly QueueName[]): JobName[] {
  return (Object.keys(JOB_QUEUE) as JobName[]).filter((name) => queues.includes(JOB_QUEUE[name]));
}

/** A job as it is asked for: the discriminated union every producer uses. */
export type JobRequest = { [N in JobName]: { name: N; data: JobDataMap[N] } }[JobName];

/** Deterministic ids make enqueueing idempotent (BullMQ ignores a second add with the same id). No ':' allowed. */
export function jobIdOf(request: JobRequest): string {
  switch (request.name) {
    case JobName.AnalyzeMessage:
    case JobName.MonitorMessage:
      return `${request.name}-${request.data.messageId}`;
    case JobName.RouteTicket:
      return `${request.name}-${request.data.ticketId}`;
    case JobName.FireClockTimer:
      return `${request.name}-${request.data.timerId}`;
    case JobName.RetimeClocks:
      return `${request.name}-${request.data.years.join('_')}-${request.data.stamp.replace(/[^A-Za-z0-9_-]/g, '')}`;
    case JobName.SweepUnanswered:
      return `${request.name}-${request.data.day}`;
    case JobName.DeliverReply:
    case JobName.PreparePublication:
    case JobName.SendBotReply:
      return `${request.name}-${request.data.ticketId}-${request.data.round}`;
    case JobName.ReceiveChatMessage:
      return `${request.name}-${request.data.channel}-${request.data.externalId}`.replace(/[^A-Za-z0-9_.-]/g, '_');
    case JobName.RetrainRoutingModel:
      return `${request.name}-${request.data.runKey}`.replace(/[^A-Za-z0-9_.-]/g, '_');
    case JobName.AcknowledgePublicPost:
    case JobName.MonitorPublicPost:
      return `${request.name}-${request.data.postId}`;
  }
}

const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** A job read back from storage (the outbox): typed again, or undefined when its name or payload does not fit. */
export function parseJobRequest(name: string, data: unknown): JobRequest | undefined {
  const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  switch (name) {
    case JobName.AnalyzeMessage:
      return isId(d.messageId) && isId(d.ticketId)
        ? { name, data: { messageId: d.messageId, ticketId: d.ticketId } }
        : undefined;
    case JobName.RouteTicket:
      return isId(d.ticketId) ? { name, data: { ticketId: d.ticketId } } : undefined;
    case JobName.MonitorMessage:
      return isId(d.messageId) ? { name, data: { messageId: d.messageId } } : undefined;
    case JobName.FireClockTimer:
      return isId(d.timerId) ? { name, data: { timerId: d.timerId } } : undefined;
    case JobName.RetimeClocks:
      return Array.isArray(d.years) && d.years.every((y) => Number.isInteger(y)) && isId(d.stamp)
        ? { name, data: { years: d.years as number[], stamp: d.stamp } }
        : undefined;
    case JobName.SweepUnanswered:
      return isId(d.day) ? { name, data: { day: d.day } } : undefined;
    case JobName.DeliverReply:
    case JobName.PreparePublication:
    case JobName.SendBotReply:
      return isId(d.ticketId) && Number.isInteger(d.round) ? { name, data: { ticketId: d.ticketId, round: d.round as number } } : undefined;
    case JobName.ReceiveChatMessage:
      return [d.channel, d.accountId, d.senderId, d.externalId, d.text].every(isId)
        ? {
            name,
            data: {
              channel: d.channel as string,
              accountId: d.accountId as string,
              senderId: d.senderId as string,
              externalId: d.externalId as string,
              text: d.text as string,
            },
          }
        : undefined;
    case JobName.RetrainRoutingModel:
      return isId(d.runKey) && (d.trigger === 'schedule' || d.trigger === 'admin') && isId(d.requestedBy)
        ? { name, data: { runKey: d.runKey, trigger: d.trigger, requestedBy: d.requestedBy } }
        : undefined;
    case JobName.AcknowledgePublicPost:
    case JobName.MonitorPublicPost:
      return isId(d.postId) ? { name, data: { postId: d.postId } } : undefined;
    default:
      return undefined;
  }
}

export function isJobName(value: string): value is JobName {
  return (Object.values(JobName) as string[]).includes(value);
}
