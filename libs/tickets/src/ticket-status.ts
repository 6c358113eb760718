/**
 * The ticket life (docs/architecture.md). A return (退回) goes back to `dispatching`, a re-opening (重办) back to
 * `assigned`: those are events, not states. `published` comes with the publishing issue.
 */
export const TICKET_STATUSES = [
  'received',
  'analyzed',
  'dispatching',
  'assigned',
  'accepted',
  'replied',
  'resolved',
  'published',
  'merged',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** What a citizen reads for each status (the internal pipeline steps read alike: still being sorted). */
export const TICKET_STATUS_TEXT: { readonly [S in TicketStatus]: string } = {
  received: '已受理，正在分拣',
  analyzed: '已受理，正在分拣',
  dispatching: '已受理，等待派单',
  assigned: '已派至承办单位',
  accepted: '承办单位办理中',
  replied: '承办单位办理中',
  resolved: '已答复办结',
  published: '已办结并公开',
  merged: '已并入同类诉求办理',
};
