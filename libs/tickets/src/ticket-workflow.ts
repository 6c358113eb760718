import type { StaffRole } from '@wenzheng/auth';
import type { TicketStatus } from './ticket-status';

/** What staff do to a ticket in the workbench. */
export const TICKET_ACTIONS = [
  'claim',
  'draft',
  'submit',
  'approve',
  'reject',
  'return',
  'assign',
  'merge',
  'opinion',
  'note',
  'request-extension',
  'decide-extension',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/** Where the caller's unit stands on the ticket: 主办, 协办, or neither (dispatchers, monitors). */
export type UnitPosition = 'lead' | 'assisting' | null;

/** Who may: a role, and for unit roles the position their unit must hold ('any' = whatever the scope lets them see). */
type Permit = { role: StaffRole; position: 'lead' | 'assisting' | 'any' };

interface ActionRule {
  who: readonly Permit[];
  from: readonly TicketStatus[];
  /** The status after the action; null = the action does not move the ticket. */
  to: TicketStatus | null;
  /** The event the workbench writes to the history; null where there is none (a draft) or another module writes it (clocks). */
  event: string | null;
}

const OPEN: readonly TicketStatus[] = ['assigned', 'accepted', 'replied'];
const ROUTABLE: readonly TicketStatus[] = ['dispatching', 'assigned', 'accepted'];
const lead = (role: StaffRole): Permit => ({ role, position: 'lead' });
const any = (role: StaffRole): Permit => ({ role, position: 'any' });

/** The workbench's rules, one line per action. */
export const ACTION_RULES: { readonly [A in TicketAction]: ActionRule } = {
  claim: { who: [lead('handler')], from: ['assigned', 'accepted'], to: 'accepted', event: 'claimed' },
  draft: { who: [lead('handler')], from: ['accepted'], to: null, event: null },
  submit: { who: [lead('handler')], from: ['accepted'], to: 'replied', event: 'submitted' },
  approve: { who: [lead('reviewer')], from: ['replied'], to: 'resolved', event: 'resolved' },
  reject: { who: [lead('reviewer')], from: ['replied'], to: 'accepted', event: 'rejected' },
  return: { who: [lead('handler'), lead('reviewer')], from: ['assigned', 'accepted'], to: 'dispatching', event: 'returned' },
  assign: { who: [any('dispatcher')], from: ROUTABLE, to: 'assigned', event: 'assigned' },
  merge: { who: [any('dispatcher')], from: ROUTABLE, to: 'merged', event: 'merged' },
  opinion: {
    who: [
      { role: 'handler', position: 'assisting' },
      { role: 'reviewer', position: 'assisting' },
    ],
    from: OPEN,
    to: null,
    event: 'opinion.added',
  },
  note: {
    who: [any('handler'), any('reviewer'), any('dispatcher')],
    from: ['received', 'analyzed', 'dispatching', 'assigned', 'accepted', 'replied', 'resolved', 'published', 'merged'],
    to: null,
    event: 'note.added',
  },
  'request-extension': { who: [lead('handler')], from: OPEN, to: null, event: null },
  'decide-extension': { who: [lead('reviewer'), any('dispatcher')], from: OPEN, to: null, event: null },
};

/** The facts a decision needs, gathered by the caller from the ticket and the session. */
export interface WorkflowFacts {
  status: TicketStatus;
  roles: readonly StaffRole[];
  position: UnitPosition;
  /** null = nobody has claimed it. */
  claimedByCaller: boolean | null;
  hasDraft: boolean;
  /** The reply under review was written by the caller: nobody approves their own reply (四眼原则). */
  replyByCaller: boolean;
  returnWindowOpen: boolean;
  /** An extension request on the ticket waits for a decision (only one may). */
  extensionPending: boolean;
}

export type WorkflowDecision =
  | { allowed: true; to: TicketStatus | null; event: string | null }
  | { allowed: false; reason: 'forbidden' | 'conflict'; message: string };

/**
 * May this caller do this action now? Role and unit position first (403: asking again will not help), then the
 * ticket's status and the action's own conditions (409: the ticket is not ready for it).
 */
export function decideAction(action: TicketAction, facts: WorkflowFacts): WorkflowDecision {
  const rule = ACTION_RULES[action];
  const permitted = rule.who.some(
    (p) => facts.roles.includes(p.role) && (p.position === 'any' || p.position === facts.position),
  );
  if (!permitted) return { allowed: false, reason: 'forbidden', message: forbiddenMessage(action, rule, facts) };
  if (!rule.from.includes(facts.status)) {
    return { allowed: false, reason: 'conflict', message: `the ticket is ${facts.status}; ${action} needs ${rule.from.join(' or ')}` };
  }
  const conflict = conditionConflict(action, facts);
  if (conflict) return { allowed: false, reason: 'conflict', message: conflict };
  return { allowed: true, to: rule.to, event: rule.event };
}

/** Every action the caller may take now: the console shows these buttons and no others. */
export function allowedActions(facts: WorkflowFacts): TicketAction[] {
  return TICKET_ACTIONS.filter((action) => decideAction(action, facts).allowed);
}

function forbiddenMessage(action: TicketAction, rule: ActionRule, facts: WorkflowFacts): string {
  const roleFits = rule.who.some((p) => facts.roles.includes(p.role));
  if (!roleFits) return `${action} needs the role ${[...new Set(rule.who.map((p) => p.role))].join(' or ')}`;
  const positions = [...new Set(rule.who.filter((p) => facts.roles.includes(p.role)).map((p) => p.position))];
  return `${action} is for the ${positions.join(' or ')} unit of the ticket`;
}

function conditionConflict(action: TicketAction, facts: WorkflowFacts): string | undefined {
  switch (action) {
    case 'claim':
      return facts.claimedByCaller === true ? 'you have already claimed this ticket' : undefined;
    case 'draft':
    case 'submit':
      if (facts.claimedByCaller !== true) return 'claim the ticket first: the reply is written by the handler who claimed it';
      return action === 'submit' && !facts.hasDraft ? 'write a reply before submitting it' : undefined;
    case 'approve':
    case 'reject':
      return facts.replyByCaller ? 'a reply is reviewed by someone other than its author' : undefined;
    case 'return':
      return facts.returnWindowOpen ? undefined : 'the return window has ended; ask the dispatcher to re-assign it';
    case 'request-extension':
      return facts.extensionPending ? 'an extension request is already waiting for a decision' : undefined;
    case 'decide-extension':
      return facts.extensionPending ? undefined : 'no extension request is waiting for a decision';
    default:
      return undefined;
  }
}

/** 重办: a citizen's "not resolved" re-opens a resolved ticket, once. */
export function canReopen(status: TicketStatus, reopenCount: number): boolean {
  return status === 'resolved' && reopenCount === 0;
}
