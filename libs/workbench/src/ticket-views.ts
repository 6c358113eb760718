import type { TicketAction } from '@wenzheng/tickets';

export interface UnitRef {
  id: string;
  code: string;
  name: string;
}

export interface TicketSummary {
  id: string;
  trackingNo: string;
  title: string;
  kind: string;
  status: string;
  statusText: string;
  receivedAt: string;
  /** The dispatch deadline while the ticket waits for dispatch, the reply deadline after. */
  dueAt: string;
  dueClock: 'dispatch' | 'reply';
  /** Working days from today to the due day: 0 = due today, negative = overdue. */
  workingDaysLeft: number;
  overdue: boolean;
  leadUnit: UnitRef | null;
  assistingUnits: UnitRef[];
  position: 'lead' | 'assisting' | null;
  claimedBy: { id: string; displayName: string } | null;
}

export interface TicketDetail extends TicketSummary {
  message: {
    title: string;
    body: string;
    channel: string;
    senderName: string | null;
    senderPhone: string | null;
    receivedAt: string;
    publicConsent: boolean;
  };
  keywords: { term: string; weight: number }[];
  round: number;
  reply: { round: number; body: string; state: string; authorName: string; updatedAt: string; reviewComment: string | null } | null;
  opinions: { id: string; unit: UnitRef; author: string; body: string; at: string }[];
  notes: { id: string; author: string; body: string; at: string }[];
  events: { at: string; actor: string; type: string; fromStatus: string | null; toStatus: string | null; reason: string | null; data: object }[];
  clocks: {
    id: string;
    purpose: string;
    state: string;
    dueAt: string | null;
    provisional: boolean;
    extensions: {
      id: string;
      length: number;
      reason: string;
      status: string;
      requestedBy: string;
      requestedAt: string;
      decidedBy: string | null;
      decisionNote: string | null;
    }[];
  }[];
  mergedInto: { id: string; trackingNo: string } | null;
  mergedTickets: { id: string; trackingNo: string }[];
  returnWindowEndsAt: string | null;
  /** The topic category the category model gave the message. */
  category: { label: string; probability: number | null } | null;
  /** How the router decided (its last decision), with the models' three most probable units for a dispatcher. */
  routing: RoutingSummary | null;
  actions: TicketAction[];
}

export interface RoutingSummary {
  outcome: 'assigned' | 'dispatching';
  /** rule / model for an assignment; for a dispatcher: no-match, tie, low-confidence. */
  basis: string;
  reason: string | null;
  suggestions: { unit: UnitRef; probability: number }[];
}

export interface TicketPage {
  items: TicketSummary[];
  total: number;
  page: number;
  pageSize: number;
}
