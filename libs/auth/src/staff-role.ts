/** What a staff member may do; a user holds one or more. */
export const STAFF_ROLES = ['handler', 'reviewer', 'dispatcher', 'monitor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** 承办人, 审核人, 派单员, 网信办, 管理员: shown in the console. */
export const STAFF_ROLE_TEXT: { readonly [R in StaffRole]: string } = {
  handler: '承办人',
  reviewer: '审核人',
  dispatcher: '派单员',
  monitor: '网信办',
  admin: '管理员',
};

/** Dispatchers and monitors work across units; handlers and reviewers only on their own unit's tickets. */
export function seesAllTickets(roles: readonly StaffRole[]): boolean {
  return roles.includes('dispatcher') || roles.includes('monitor');
}

export function worksOnTickets(roles: readonly StaffRole[]): boolean {
  return roles.some((role) => role !== 'admin');
}
