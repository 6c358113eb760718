import { STAFF_ROLES, StaffRole } from '@wenzheng/auth';
import { TICKET_STATUSES, TicketStatus } from './ticket-status';
import { canTransition } from './ticket-transitions';
import {
  ACTION_RULES,
  TICKET_ACTIONS,
  TicketAction,
  UnitPosition,
  WorkflowFacts,
  allowedActions,
  canReopen,
  decideAction,
} from './ticket-workflow';

type PositionLabel = 'lead' | 'assisting' | 'none';
type Who = `${StaffRole}/${PositionLabel}`;
type Outcome = 'allowed' | 'forbidden' | 'conflict';
type Conditions = Pick<WorkflowFacts, 'claimedByCaller' | 'hasDraft' | 'replyByCaller' | 'returnWindowOpen' | 'extensionPending'>;

const POSITIONS: readonly PositionLabel[] = ['lead', 'assisting', 'none'];
const positionOf = (label: PositionLabel): UnitPosition => (label === 'none' ? null : label);
const anywhere = (role: StaffRole): Who[] => [`${role}/lead`, `${role}/assisting`, `${role}/none`];

/** The business rules, written out independently of ACTION_RULES. */
const EXPECTED: { readonly [A in TicketAction]: { who: readonly Who[]; from: readonly TicketStatus[] } } = {
  claim: { who: ['handler/lead'], from: ['assigned', 'accepted'] },
  draft: { who: ['handler/lead'], from: ['accepted'] },
  submit: { who: ['handler/lead'], from: ['accepted'] },
  approve: { who: ['reviewer/lead'], from: ['replied'] },
  reject: { who: ['reviewer/lead'], from: ['replied'] },
  return: { who: ['handler/lead', 'reviewer/lead'], from: ['assigned', 'accepted'] },
  assign: { who: anywhere('dispatcher'), from: ['dispatching', 'assigned', 'accepted'] },
  merge: { who: anywhere('dispatcher'), from: ['dispatching', 'assigned', 'accepted'] },
  opinion: { who: ['handler/assisting', 'reviewer/assisting'], from: ['assigned', 'accepted', 'replied'] },
  note: { who: [...anywhere('handler'), ...anywhere('reviewer'), ...anywhere('dispatcher')], from: TICKET_STATUSES },
  'request-extension': { who: ['handler/lead'], from: ['assigned', 'accepted', 'replied'] },
  'decide-extension': { who: ['reviewer/lead', ...anywhere('dispatcher')], from: ['assigned', 'accepted', 'replied'] },
};

const RESULT: { readonly [A in TicketAction]: { to: TicketStatus | null; event: string | null } } = {
  claim: { to: 'accepted', event: 'claimed' },
  draft: { to: null, event: null },
  submit: { to: 'replied', event: 'submitted' },
  approve: { to: 'resolved', event: 'resolved' },
  reject: { to: 'accepted', event: 'rejected' },
  return: { to: 'dispatching', event: 'returned' },
  assign: { to: 'assigned', event: 'assigned' },
  merge: { to: 'merged', event: 'merged' },
  opinion: { to: null, event: 'opinion.added' },
  note: { to: null, event: 'note.added' },
  'request-extension': { to: null, event: null },
  'decide-extension': { to: null, event: null },
};

const MET: { readonly [A in TicketAction]?: Conditions } = {
  'request-extension': { claimedByCaller: null, hasDraft: false, replyByCaller: false, returnWindowOpen: false, extensionPending: false },
  'decide-extension': { claimedByCaller: null, hasDraft: false, replyByCaller: false, returnWindowOpen: false, extensionPending: true },
  approve: { claimedByCaller: null, hasDraft: false, replyByCaller: false, returnWindowOpen: false, extensionPending: false },
  reject: { claimedByCaller: null, hasDraft: false, replyByCaller: false, returnWindowOpen: false, extensionPending: false },
  claim: { claimedByCaller: null, hasDraft: false, replyByCaller: false, returnWindowOpen: false, extensionPending: false },
  draft: { claimedByCaller: true, hasDraft: false, replyByCaller: false, returnWindowOpen: false, extensionPending: false },
  submit: { claimedByCaller: true, hasDraft: true, replyByCaller: false, returnWindowOpen: false, extensionPending: false },
  return: { claimedByCaller: null, hasDraft: false, replyByCaller: false, returnWindowOpen: true, extensionPending: false },
};
const UNMET: { readonly [A in TicketAction]?: Conditions } = {
  'request-extension': { claimedByCaller: true, hasDraft: true, replyByCaller: true, returnWindowOpen: true, extensionPending: true },
  'decide-extension': { claimedByCaller: true, hasDraft: true, replyByCaller: true, returnWindowOpen: true, extensionPending: false },
  approve: { claimedByCaller: true, hasDraft: true, replyByCaller: true, returnWindowOpen: true, extensionPending: false },
  reject: { claimedByCaller: true, hasDraft: true, replyByCaller: true, returnWindowOpen: true, extensionPending: false },
  claim: { claimedByCaller: true, hasDraft: true, replyByCaller: false, returnWindowOpen: true, extensionPending: false },
  draft: { claimedByCaller: null, hasDraft: true, replyByCaller: false, returnWindowOpen: true, extensionPending: false },
  submit: { claimedByCaller: false, hasDraft: false, replyByCaller: false, returnWindowOpen: true, extensionPending: false },
  return: { claimedByCaller: true, hasDraft: true, replyByCaller: false, returnWindowOpen: false, extensionPending: false },
};
const NEUTRAL: Conditions = { claimedByCaller: false, hasDraft: false, replyByCaller: false, returnWindowOpen: false, extensionPending: false };

const conditionsFail = (action: TicketAction, c: Conditions): boolean => {
  switch (action) {
    case 'claim':
      return c.claimedByCaller === true;
    case 'draft':
      return c.claimedByCaller !== true;
    case 'submit':
      return c.claimedByCaller !== true || !c.hasDraft;
    case 'approve':
    case 'reject':
      return c.replyByCaller;
    case 'return':
      return !c.returnWindowOpen;
    case 'request-extension':
      return c.extensionPending;
    case 'decide-extension':
      return !c.extensionPending;
    default:
      return false;
  }
};

const facts = (status: TicketStatus, roles: readonly StaffRole[], position: UnitPosition, c: Conditions = NEUTRAL): WorkflowFacts => ({
  status,
  roles,
  position,
  ...c,
});
const word = (w: string) => new RegExp(`(^|[^a-z-])${w}([^a-z-]|$)`);
const permits = (action: TicketAction, role: StaffRole, position: PositionLabel) => EXPECTED[action].who.includes(`${role}/${position}`);

describe('TICKET_ACTIONS', () => {
  it('lists the actions in console order', () => {
    expect([...TICKET_ACTIONS]).toEqual([
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
    ]);
  });
});

describe('decideAction: action × status × role × position', () => {
  const grid: [TicketAction, StaffRole, PositionLabel, TicketStatus, 'met' | 'unmet', Outcome][] = [];
  for (const action of TICKET_ACTIONS)
    for (const status of TICKET_STATUSES)
      for (const role of STAFF_ROLES)
        for (const position of POSITIONS)
          for (const mode of MET[action] ? (['met', 'unmet'] as const) : (['met'] as const)) {
            const c = (mode === 'met' ? MET : UNMET)[action] ?? NEUTRAL;
            const outcome: Outcome = !permits(action, role, position)
              ? 'forbidden'
              : !EXPECTED[action].from.includes(status) || conditionsFail(action, c)
                ? 'conflict'
                : 'allowed';
            grid.push([action, role, position, status, mode, outcome]);
          }

  it.each(grid)('%s by %s/%s on %s (conditions %s) → %s', (action, role, position, status, mode, outcome) => {
    const c = (mode === 'met' ? MET : UNMET)[action] ?? NEUTRAL;
    const decision = decideAction(action, facts(status, [role], positionOf(position), c));
    if (outcome === 'allowed') {
      expect(decision).toEqual({ allowed: true, ...RESULT[action] });
      return;
    }
    expect(decision).toMatchObject({ allowed: false, reason: outcome });
    if (decision.allowed) return;
    if (outcome === 'forbidden') {
      const neededRoles = [...new Set(EXPECTED[action].who.map((w) => w.split('/')[0]))];
      const needed = neededRoles.includes(role)
        ? EXPECTED[action].who.filter((w) => w.startsWith(`${role}/`)).map((w) => w.split('/')[1])
        : neededRoles;
      for (const n of needed) expect(decision.message).toMatch(word(n));
    } else if (!EXPECTED[action].from.includes(status)) {
      expect(decision.message).toMatch(word(status));
    }
  });

  it('covers every action × status × role × position', () => {
    const conditional = TICKET_ACTIONS.filter((a) => MET[a]).length;
    expect(conditional).toBe(8);
    expect(grid).toHaveLength((TICKET_ACTIONS.length + conditional) * TICKET_STATUSES.length * STAFF_ROLES.length * POSITIONS.length);
    expect(STAFF_ROLES).toEqual(['handler', 'reviewer', 'dispatcher', 'monitor', 'admin']);
  });
});

describe('decideAction: the actions’ own conditions', () => {
  const persona: { readonly [A in TicketAction]: [StaffRole, UnitPosition][] } = {
    claim: [['handler', 'lead']],
    draft: [['handler', 'lead']],
    submit: [['handler', 'lead']],
    approve: [['reviewer', 'lead']],
    reject: [['reviewer', 'lead']],
    return: [
      ['handler', 'lead'],
      ['reviewer', 'lead'],
    ],
    assign: [['dispatcher', null]],
    merge: [['dispatcher', 'lead']],
    opinion: [
      ['handler', 'assisting'],
      ['reviewer', 'assisting'],
    ],
    note: [
      ['handler', 'assisting'],
      ['reviewer', null],
      ['dispatcher', null],
    ],
    'request-extension': [['handler', 'lead']],
    'decide-extension': [
      ['reviewer', 'lead'],
      ['dispatcher', null],
    ],
  };
  const combos: Conditions[] = [];
  for (const claimedByCaller of [true, false, null])
    for (const hasDraft of [true, false])
      for (const replyByCaller of [true, false])
        for (const returnWindowOpen of [true, false]) combos.push({ claimedByCaller, hasDraft, replyByCaller, returnWindowOpen, extensionPending: false });

  const cases: [TicketAction, StaffRole, UnitPosition, TicketStatus, Conditions, boolean][] = [];
  for (const action of TICKET_ACTIONS)
    for (const [role, position] of persona[action])
      for (const status of EXPECTED[action].from)
        for (const c of combos) cases.push([action, role, position, status, c, !conditionsFail(action, c)]);

  it.each(cases)('%s by %s/%s on %s with %o → allowed %s', (action, role, position, status, c, allowed) => {
    const decision = decideAction(action, facts(status, [role], position, c));
    expect(decision.allowed ? 'allowed' : decision.reason).toBe(allowed ? 'allowed' : 'conflict');
  });

  it.each<[string, TicketAction, TicketStatus, Conditions, RegExp]>([
    ['approve own reply', 'approve', 'replied', { claimedByCaller: true, hasDraft: false, replyByCaller: true, returnWindowOpen: false, extensionPending: false }, /someone other than its author/],
    ['reject own reply', 'reject', 'replied', { claimedByCaller: true, hasDraft: false, replyByCaller: true, returnWindowOpen: false, extensionPending: false }, /someone other than its author/],
    ['claim already claimed by the caller', 'claim', 'accepted', { claimedByCaller: true, hasDraft: false, replyByCaller: false, returnWindowOpen: true, extensionPending: false }, /already claimed/],
    ['claim already claimed by the caller (assigned)', 'claim', 'assigned', { claimedByCaller: true, hasDraft: false, replyByCaller: false, returnWindowOpen: true, extensionPending: false }, /already claimed/],
    ['draft unclaimed', 'draft', 'accepted', { claimedByCaller: null, hasDraft: false, replyByCaller: false, returnWindowOpen: true, extensionPending: false }, /claim/],
    ['draft claimed by another', 'draft', 'accepted', { claimedByCaller: false, hasDraft: true, replyByCaller: false, returnWindowOpen: true, extensionPending: false }, /claim/],
    ['submit unclaimed', 'submit', 'accepted', { claimedByCaller: null, hasDraft: true, replyByCaller: false, returnWindowOpen: true, extensionPending: false }, /claim/],
    ['submit claimed by another', 'submit', 'accepted', { claimedByCaller: false, hasDraft: true, replyByCaller: false, returnWindowOpen: true, extensionPending: false }, /claim/],
    ['submit without draft', 'submit', 'accepted', { claimedByCaller: true, hasDraft: false, replyByCaller: false, returnWindowOpen: true, extensionPending: false }, /reply/],
    ['return after the window', 'return', 'assigned', { claimedByCaller: null, hasDraft: false, replyByCaller: false, returnWindowOpen: false, extensionPending: false }, /return window/],
    ['return after the window (accepted)', 'return', 'accepted', { claimedByCaller: true, hasDraft: false, replyByCaller: false, returnWindowOpen: false, extensionPending: false }, /return window/],
  ])('%s → 409 with a telling message', (_, action, status, c, message) => {
    const role: StaffRole = ['return', 'approve', 'reject'].includes(action) ? 'reviewer' : 'handler';
    const decision = decideAction(action, facts(status, [role], 'lead', c));
    expect(decision).toEqual({ allowed: false, reason: 'conflict', message: expect.stringMatching(message) });
  });

  it.each<[TicketAction, TicketStatus, Conditions]>([
    ['submit', 'assigned', { claimedByCaller: null, hasDraft: false, replyByCaller: false, returnWindowOpen: false, extensionPending: false }],
    ['draft', 'replied', { claimedByCaller: false, hasDraft: false, replyByCaller: false, returnWindowOpen: false, extensionPending: false }],
    ['claim', 'replied', { claimedByCaller: true, hasDraft: false, replyByCaller: false, returnWindowOpen: false, extensionPending: false }],
    ['return', 'replied', { claimedByCaller: null, hasDraft: false, replyByCaller: false, returnWindowOpen: false, extensionPending: false }],
  ])('%s on %s with failing conditions names the status first', (action, status, c) => {
    const decision = decideAction(action, facts(status, ['handler'], 'lead', c));
    expect(decision).toEqual({ allowed: false, reason: 'conflict', message: expect.stringMatching(word(status)) });
  });
});

describe('decideAction: to and event', () => {
  const cases: [TicketAction, TicketStatus, TicketStatus | null, string | null][] = [
    ['claim', 'assigned', 'accepted', 'claimed'],
    ['claim', 'accepted', 'accepted', 'claimed'],
    ['draft', 'accepted', null, null],
    ['submit', 'accepted', 'replied', 'submitted'],
    ['approve', 'replied', 'resolved', 'resolved'],
    ['reject', 'replied', 'accepted', 'rejected'],
    ['return', 'assigned', 'dispatching', 'returned'],
    ['return', 'accepted', 'dispatching', 'returned'],
    ['assign', 'dispatching', 'assigned', 'assigned'],
    ['assign', 'assigned', 'assigned', 'assigned'],
    ['assign', 'accepted', 'assigned', 'assigned'],
    ['merge', 'dispatching', 'merged', 'merged'],
    ['merge', 'assigned', 'merged', 'merged'],
    ['merge', 'accepted', 'merged', 'merged'],
    ['opinion', 'assigned', null, 'opinion.added'],
    ['opinion', 'replied', null, 'opinion.added'],
    ['note', 'received', null, 'note.added'],
    ['note', 'merged', null, 'note.added'],
    ['request-extension', 'accepted', null, null],
    ['decide-extension', 'replied', null, null],
  ];
  const personaFor = (action: TicketAction): [StaffRole, UnitPosition] =>
    action === 'assign' || action === 'merge' || action === 'decide-extension' || action === 'note'
      ? ['dispatcher', null]
      : action === 'opinion'
        ? ['handler', 'assisting']
        : action === 'approve' || action === 'reject'
          ? ['reviewer', 'lead']
          : ['handler', 'lead'];

  it.each(cases)('%s from %s → to %s, event %s', (action, status, to, event) => {
    const [role, position] = personaFor(action);
    expect(decideAction(action, facts(status, [role], position, MET[action] ?? NEUTRAL))).toEqual({ allowed: true, to, event });
  });

  const moves: [TicketAction, TicketStatus, TicketStatus][] = TICKET_ACTIONS.flatMap((action) => {
    const { from, to } = ACTION_RULES[action];
    return to === null ? [] : from.map((f): [TicketAction, TicketStatus, TicketStatus] => [action, f, to]);
  });

  it.each(moves)('ACTION_RULES.%s %s → %s is an allowed transition', (_, from, to) => expect(canTransition(from, to)).toBe(true));

  it('checks the moves of every ACTION_RULES entry with a target', () => {
    expect(new Set(moves.map(([a]) => a))).toEqual(new Set(TICKET_ACTIONS.filter((a) => ACTION_RULES[a].to !== null)));
  });
});

describe('decideAction: 403 messages', () => {
  it.each<[TicketAction, StaffRole[], UnitPosition, string[]]>([
    ['claim', ['monitor'], null, ['handler']],
    ['claim', ['reviewer'], 'lead', ['handler']],
    ['claim', ['handler'], 'assisting', ['lead']],
    ['claim', ['handler'], null, ['lead']],
    ['approve', ['handler'], 'lead', ['reviewer']],
    ['reject', ['reviewer'], 'assisting', ['lead']],
    ['return', ['dispatcher'], null, ['handler', 'reviewer']],
    ['return', ['reviewer'], 'assisting', ['lead']],
    ['assign', ['reviewer'], 'lead', ['dispatcher']],
    ['merge', ['admin'], null, ['dispatcher']],
    ['opinion', ['handler'], 'lead', ['assisting']],
    ['opinion', ['dispatcher'], 'assisting', ['handler', 'reviewer']],
    ['note', ['monitor'], null, ['handler', 'reviewer', 'dispatcher']],
    ['note', ['admin'], 'lead', ['handler', 'reviewer', 'dispatcher']],
    ['request-extension', ['reviewer'], 'lead', ['handler']],
    ['decide-extension', ['handler'], 'lead', ['reviewer', 'dispatcher']],
    ['decide-extension', ['reviewer'], 'assisting', ['lead']],
    ['draft', ['monitor', 'admin'], 'lead', ['handler']],
  ])('%s by %j/%s names %j', (action, roles, position, needed) => {
    const decision = decideAction(action, facts('received', roles, position));
    expect(decision).toMatchObject({ allowed: false, reason: 'forbidden' });
    if (!decision.allowed) for (const n of needed) expect(decision.message).toMatch(word(n));
  });

  it.each<[TicketAction, TicketStatus]>([
    ['claim', 'replied'],
    ['approve', 'accepted'],
    ['assign', 'resolved'],
    ['opinion', 'dispatching'],
  ])('a 409 for %s on %s names the status', (action, status) => {
    const who = EXPECTED[action].who[0].split('/') as [StaffRole, PositionLabel];
    const decision = decideAction(action, facts(status, [who[0]], positionOf(who[1])));
    expect(decision).toEqual({ allowed: false, reason: 'conflict', message: expect.stringMatching(word(status)) });
  });
});

describe('decideAction: several roles', () => {
  it.each<[TicketAction, StaffRole[], UnitPosition, TicketStatus, Outcome]>([
    ['claim', ['monitor', 'handler'], 'lead', 'assigned', 'allowed'],
    ['claim', ['admin', 'dispatcher'], null, 'assigned', 'forbidden'],
    ['assign', ['handler', 'dispatcher'], 'assisting', 'accepted', 'allowed'],
    ['approve', ['handler', 'reviewer'], 'lead', 'replied', 'allowed'],
    ['approve', ['handler', 'reviewer'], 'assisting', 'replied', 'forbidden'],
    ['opinion', ['handler', 'dispatcher'], 'lead', 'accepted', 'forbidden'],
    ['decide-extension', ['handler', 'dispatcher'], 'assisting', 'replied', 'allowed'],
    ['decide-extension', ['handler', 'reviewer'], 'assisting', 'replied', 'forbidden'],
    ['note', ['monitor', 'admin'], null, 'received', 'forbidden'],
    ['merge', ['reviewer', 'dispatcher'], 'lead', 'replied', 'conflict'],
  ])('%s by %j/%s on %s → %s', (action, roles, position, status, outcome) => {
    const decision = decideAction(action, facts(status, roles, position, MET[action] ?? NEUTRAL));
    expect(decision.allowed ? 'allowed' : decision.reason).toBe(outcome);
  });

  it('no roles at all may do nothing', () => {
    for (const status of TICKET_STATUSES) expect(allowedActions(facts(status, [], 'lead'))).toEqual([]);
  });
});

describe('allowedActions', () => {
  const f = (
    status: TicketStatus,
    roles: StaffRole[],
    position: UnitPosition,
    claimedByCaller: boolean | null,
    hasDraft: boolean,
    returnWindowOpen: boolean,
    extensionPending = false,
  ) => facts(status, roles, position, { claimedByCaller, hasDraft, replyByCaller: false, returnWindowOpen, extensionPending });

  it.each<[string, WorkflowFacts, TicketAction[]]>([
    ['lead handler, assigned, unclaimed', f('assigned', ['handler'], 'lead', null, false, true), ['claim', 'return', 'note', 'request-extension']],
    ['lead handler, assigned, unclaimed, window closed', f('assigned', ['handler'], 'lead', null, false, false), ['claim', 'note', 'request-extension']],
    ['lead handler, accepted, claimed by a colleague', f('accepted', ['handler'], 'lead', false, true, true), ['claim', 'return', 'note', 'request-extension']],
    ['lead handler, accepted, claimed, no draft', f('accepted', ['handler'], 'lead', true, false, true), ['draft', 'return', 'note', 'request-extension']],
    ['lead handler, accepted, claimed, drafted, window closed', f('accepted', ['handler'], 'lead', true, true, false), ['draft', 'submit', 'note', 'request-extension']],
    ['lead handler, replied', f('replied', ['handler'], 'lead', true, true, true), ['note', 'request-extension']],
    ['lead handler, resolved', f('resolved', ['handler'], 'lead', true, true, true), ['note']],
    ['lead reviewer, replied, extension pending', f('replied', ['reviewer'], 'lead', null, true, false, true), ['approve', 'reject', 'note', 'decide-extension']],
    ['lead reviewer, replied, nothing to decide', f('replied', ['reviewer'], 'lead', null, true, false), ['approve', 'reject', 'note']],
    ['lead reviewer, assigned, window open, extension pending', f('assigned', ['reviewer'], 'lead', null, false, true, true), ['return', 'note', 'decide-extension']],
    ['lead reviewer, accepted, window closed, extension pending', f('accepted', ['reviewer'], 'lead', null, false, false, true), ['note', 'decide-extension']],
    ['lead handler+reviewer, replied, extension pending', f('replied', ['handler', 'reviewer'], 'lead', true, true, true, true), ['approve', 'reject', 'note', 'decide-extension']],
    ['lead handler, assigned, extension pending', f('assigned', ['handler'], 'lead', null, false, true, true), ['claim', 'return', 'note']],
    ['assisting handler, accepted', f('accepted', ['handler'], 'assisting', null, false, true), ['opinion', 'note']],
    ['assisting reviewer, replied', f('replied', ['reviewer'], 'assisting', null, true, true), ['opinion', 'note']],
    ['assisting handler, resolved', f('resolved', ['handler'], 'assisting', null, true, true), ['note']],
    ['dispatcher, dispatching', f('dispatching', ['dispatcher'], null, null, false, false), ['assign', 'merge', 'note']],
    ['dispatcher, accepted, extension pending', f('accepted', ['dispatcher'], null, null, false, true, true), ['assign', 'merge', 'note', 'decide-extension']],
    ['dispatcher, accepted, nothing to decide', f('accepted', ['dispatcher'], null, null, false, true), ['assign', 'merge', 'note']],
    ['dispatcher, replied, extension pending', f('replied', ['dispatcher'], null, null, true, true, true), ['note', 'decide-extension']],
    ['dispatcher, merged', f('merged', ['dispatcher'], null, null, false, false), ['note']],
    ['monitor, assigned', f('assigned', ['monitor'], null, null, false, true), []],
    ['monitor with a lead position, replied', f('replied', ['monitor'], 'lead', true, true, true), []],
    ['admin, accepted', f('accepted', ['admin'], 'lead', true, true, true), []],
    ['handler of no unit on the ticket, accepted', f('accepted', ['handler'], null, null, false, true), ['note']],
  ])('%s', (_, persona, expected) => {
    expect(allowedActions(persona)).toEqual(expected);
  });

  it('equals TICKET_ACTIONS filtered by decideAction, for every persona', () => {
    for (const status of TICKET_STATUSES)
      for (const role of STAFF_ROLES)
        for (const position of POSITIONS)
          for (const claimedByCaller of [true, false, null])
            for (const hasDraft of [true, false])
              for (const replyByCaller of [true, false])
                for (const returnWindowOpen of [true, false]) {
                  const persona = facts(status, [role], positionOf(position), { claimedByCaller, hasDraft, replyByCaller, returnWindowOpen, extensionPending: false });
                  expect(allowedActions(persona)).toEqual(TICKET_ACTIONS.filter((a) => decideAction(a, persona).allowed));
                }
  });
});

describe('canReopen', () => {
  const cases: [TicketStatus, number, boolean][] = TICKET_STATUSES.flatMap((status) =>
    [0, 1, 2].map((count): [TicketStatus, number, boolean] => [status, count, status === 'resolved' && count === 0]),
  );
  it.each(cases)('%s with reopenCount %d → %s', (status, count, expected) => expect(canReopen(status, count)).toBe(expected));

  it('only a resolved, never re-opened ticket', () => {
    expect(cases.filter(([, , ok]) => ok)).toEqual([['resolved', 0, true]]);
  });
});
