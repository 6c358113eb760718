import { ClockSpec, Deadline, WorkingDayCalendar, computeDue } from '@wenzheng/calendar';

export interface TicketDeadlines {
  dispatch: Deadline;
  reply: Deadline;
  provisional: boolean;
}

/** The clocks a new ticket starts with: dispatch (派单) and reply by message kind, both from the receipt moment. */
export function ticketDeadlines(
  calendar: WorkingDayCalendar,
  policies: Readonly<Record<string, ClockSpec>>,
  kind: string,
  receivedAt: Date,
): TicketDeadlines {
  const replyPolicy = policies[`reply.${kind}`];
  const dispatchPolicy = policies.dispatch;
  if (!replyPolicy || !dispatchPolicy) throw new Error(`no clock policy for reply.${kind} or dispatch`);
  const dispatch = computeDue(calendar, receivedAt, dispatchPolicy);
  const reply = computeDue(calendar, receivedAt, replyPolicy);
  return { dispatch, reply, provisional: dispatch.provisional || reply.provisional };
}
