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
  Monitor = 'monitor',
}

export enum JobName {
  AnalyzeMessage = 'analyze-message',
  RouteTicket = 'route-ticket',
  FireClockTimer = 'fire-clock-timer',
  RetimeClocks = 'retime-clocks',
  SweepUnanswered = 'sweep-unanswered',
  DeliverReply = 'deliver-reply',
  PreparePublication = 'prepare-publication',
  ReceiveChatMessage = 'receive-chat-message',
  MonitorMessage = 'monitor-message',
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

/** An analyzed message for the hot-topic monitor: near-duplicates, its topic cluster, sentiment, bursts and alerts. */
export interface MonitorMessageData {
  messageId: string;
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
  [JobName.MonitorMessage]: MonitorMessageData;
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
  [JobName.MonitorMessage]: QueueName.Monitor,
};

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
      return `${request.name}-${request.data.ticketId}-${request.data.round}`;
    case JobName.ReceiveChatMessage:
      return `${request.name}-${request.data.channel}-${request.data.externalId}`.replace(/[^A-Za-z0-9_.-]/g, '_');
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
    default:
      return undefined;
  }
}

export function isJobName(value: string): value is JobName {
  return (Object.values(JobName) as string[]).includes(value);
}
