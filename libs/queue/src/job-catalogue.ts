/**
 * The one catalogue of queues and jobs. Values are frozen: they are stored in Redis, renaming one strands jobs.
 * Payloads carry ids only; PostgreSQL is the truth and handlers reload by id.
 */
export enum QueueName {
  Analyze = 'analyze',
  Route = 'route',
}

export enum JobName {
  AnalyzeMessage = 'analyze-message',
  RouteTicket = 'route-ticket',
}

export interface AnalyzeMessageData {
  messageId: string;
  ticketId: string;
}

export interface RouteTicketData {
  ticketId: string;
}

export interface JobDataMap {
  [JobName.AnalyzeMessage]: AnalyzeMessageData;
  [JobName.RouteTicket]: RouteTicketData;
}

export const JOB_QUEUE: { readonly [N in JobName]: QueueName } = {
  [JobName.AnalyzeMessage]: QueueName.Analyze,
  [JobName.RouteTicket]: QueueName.Route,
};

/** A job as it is asked for: the discriminated union every producer uses. */
export type JobRequest = { [N in JobName]: { name: N; data: JobDataMap[N] } }[JobName];

/** Deterministic ids make enqueueing idempotent (BullMQ ignores a second add with the same id). No ':' allowed. */
export function jobIdOf(request: JobRequest): string {
  switch (request.name) {
    case JobName.AnalyzeMessage:
      return `${request.name}-${request.data.messageId}`;
    case JobName.RouteTicket:
      return `${request.name}-${request.data.ticketId}`;
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
    default:
      return undefined;
  }
}

export function isJobName(value: string): value is JobName {
  return (Object.values(JobName) as string[]).includes(value);
}
