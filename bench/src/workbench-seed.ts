import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { MESSAGE_KINDS } from '@wenzheng/routing';

/** The ticket mix: most resolved, a sixth open in a unit, a few waiting for dispatch. Shares of all tickets. */
const SEED_STATUS_SHARES: [status: string, share: number][] = [
  ['resolved', 0.8],
  ['assigned', 0.07],
  ['accepted', 0.07],
  ['replied', 0.04],
  ['dispatching', 0.02],
];

/** The units that handle tickets; the others dispatch, monitor or govern. */
const LEAD_UNIT_KINDS = ['department', 'town'];

export interface WorkbenchSeed {
  tickets: number;
  seconds: number;
  byStatus: Record<string, number>;
  /** The unit with the most tickets (lead or assisting), whose handler the bench logs in as. */
  biggestUnit: { code: string; name: string; tickets: number };
  assisted: number;
  /** Open tickets of the biggest unit as lead, with events and clocks, for the detail rows. */
  detailTicketIds: string[];
  tableMiB: { tickets: number; messages: number };
}

/**
 * `count` tickets with their messages, set-based in a few statements. Lead units are skewed (unit k of n by code gets
 * the share of draws in [k/n, (k+1)/n) after cubing a uniform draw: the first about 40 %); a third of the assigned
 * tickets have one assisting unit; open tickets were received in the last 20 days, so their deadlines straddle now.
 * The generator is seeded, so every run seeds the same tickets.
 */
export async function seedWorkbench(
  pool: Pool,
  texts: readonly string[],
  count: number,
  detailTickets: number,
): Promise<WorkbenchSeed> {
  const started = performance.now();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT setseed(0.2025)');
    const thresholds: string[] = [];
    let upTo = 0;
    for (const [status, share] of SEED_STATUS_SHARES) {
      upTo += share;
      thresholds.push(`WHEN d.status_draw < ${upTo.toFixed(4)} THEN '${status}'`);
    }
    // random() is parallel-restricted and subqueries with volatile outputs are not flattened: each draw is made once,
    // in one process, so the seeded sequence is reproducible.
    await client.query(
      `CREATE TEMP TABLE bench_seed ON COMMIT DROP AS
       SELECT s.*, now() - CASE WHEN s.status = 'resolved' THEN interval '20 days' + s.age_draw * interval '345 days'
                                ELSE s.age_draw * interval '20 days' END AS received_at
         FROM (SELECT d.i, gen_random_uuid() AS message_id, gen_random_uuid() AS ticket_id,
                      CASE ${thresholds.join(' ')} ELSE 'resolved' END AS status,
                      ($2::text[])[1 + d.i % cardinality($2::text[])] AS kind,
                      u.ids[1 + d.lead] AS lead,
                      u.ids[1 + (d.lead + 1 + floor((u.n - 1) * d.assist_pick)::int) % u.n] AS assisting,
                      d.assist_draw < 1.0 / 3 AS assisted,
                      d.age_draw
                 FROM (SELECT i, random() AS status_draw, random() AS assist_draw, random() AS assist_pick,
                              random() AS age_draw, floor(c.n * power(random(), 3))::int AS lead
                         FROM generate_series(1, $1) i, (SELECT count(*)::int AS n FROM units WHERE kind = ANY($3)) c) d,
                      (SELECT array_agg(id ORDER BY code) AS ids, count(*)::int AS n FROM units WHERE kind = ANY($3)) u) s`,
      [count, MESSAGE_KINDS, LEAD_UNIT_KINDS],
    );
    await client.query(
      `INSERT INTO inbound_messages (id, channel, external_id, title, body, kind, public_consent, received_at)
       SELECT s.message_id, 'portal', 'bench-workbench-' || s.i, left(t.body, 8 + s.i % 17), t.body, s.kind, s.i % 2 = 0, s.received_at
         FROM bench_seed s, LATERAL (SELECT ($1::text[])[1 + s.i % cardinality($1::text[])] AS body) t`,
      [texts],
    );
    await client.query(
      `INSERT INTO tickets (id, tracking_no, message_id, kind, status, lead_unit_id, assisting_unit_ids, received_at,
                            dispatch_due_at, reply_due_at, deadline_provisional, claimed_by, assigned_at, created_at, updated_at)
       SELECT s.ticket_id, to_char(s.received_at AT TIME ZONE 'Asia/Shanghai', 'YYMMDD') || lpad(s.i::text, 6, '0'),
              s.message_id, s.kind, s.status,
              CASE WHEN s.status <> 'dispatching' THEN s.lead END,
              CASE WHEN s.status <> 'dispatching' AND s.assisted THEN ARRAY[s.assisting] ELSE '{}' END,
              s.received_at, s.received_at + interval '1 day', s.received_at + (5 + s.i % 11) * interval '1 day', false,
              CASE WHEN s.status IN ('accepted', 'replied', 'resolved') THEN h.id END,
              CASE WHEN s.status <> 'dispatching' THEN s.received_at + interval '2 hours' END,
              s.received_at, least(now(), s.received_at + interval '3 days')
         FROM bench_seed s
         JOIN units u ON u.id = s.lead
         LEFT JOIN staff_users h ON h.username = u.code || '.handler'`,
    );
    await client.query(`SELECT setval('tracking_no_seq', $1)`, [count]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }

  const [biggest] = (
    await pool.query<{ code: string; name: string; tickets: number }>(
      `SELECT u.code, u.name, count(*)::int AS tickets
         FROM units u JOIN tickets t ON t.lead_unit_id = u.id OR u.id = ANY(t.assisting_unit_ids)
        GROUP BY u.id ORDER BY tickets DESC LIMIT 1`,
    )
  ).rows;
  const detailTicketIds = (
    await pool.query<{ id: string }>(
      `SELECT t.id FROM tickets t JOIN units u ON u.id = t.lead_unit_id
        WHERE u.code = $1 AND t.status IN ('assigned', 'accepted', 'replied') ORDER BY t.tracking_no LIMIT $2`,
      [biggest.code, detailTickets],
    )
  ).rows.map((r) => r.id);
  // What the pipeline and the workbench would have written for these tickets: their history and their two clocks.
  await pool.query(
    `INSERT INTO ticket_events (ticket_id, at, actor, type, from_status, to_status, data)
     SELECT t.id, t.received_at + e.after, e.actor, e.type, e.from_status, e.to_status, '{}'
       FROM tickets t,
            (VALUES (interval '0', 'channel:portal', 'received', NULL, 'received'),
                    (interval '1 second', 'worker:analyze', 'analyzed', 'received', 'analyzed'),
                    (interval '2 seconds', 'worker:route', 'assigned', 'analyzed', 'assigned'),
                    (interval '3 hours', 'staff:bench', 'claimed', 'assigned', 'accepted')) e(after, actor, type, from_status, to_status)
      WHERE t.id = ANY($1) AND (e.type <> 'claimed' OR t.status <> 'assigned')`,
    [detailTicketIds],
  );
  await pool.query(
    `INSERT INTO clocks (subject_type, subject_id, purpose, policy, unit, length, started_at, state, due_at, provisional,
                         stopped_at, stop_reason)
     SELECT 'ticket', t.id, c.purpose, CASE c.purpose WHEN 'reply' THEN 'reply.' || t.kind ELSE 'dispatch' END,
            'workingDays', c.length, t.received_at, c.state,
            CASE c.purpose WHEN 'reply' THEN t.reply_due_at ELSE t.dispatch_due_at END, false,
            CASE c.state WHEN 'stopped' THEN t.assigned_at END, CASE c.state WHEN 'stopped' THEN 'assigned' END
       FROM tickets t, (VALUES ('dispatch', 1, 'stopped'), ('reply', 10, 'running')) c(purpose, length, state)
      WHERE t.id = ANY($1)`,
    [detailTicketIds],
  );
  // A production table is vacuumed: visibility map and hint bits set, statistics current.
  await pool.query('VACUUM (ANALYZE) tickets, inbound_messages, ticket_events, clocks, staff_users, units');

  const byStatus = Object.fromEntries(
    (await pool.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM tickets GROUP BY status`)).rows.map(
      (r) => [r.status, r.n],
    ),
  );
  const [sizes] = (
    await pool.query<{ tickets: string; messages: string; assisted: number }>(
      `SELECT pg_total_relation_size('tickets') AS tickets, pg_total_relation_size('inbound_messages') AS messages,
              (SELECT count(*)::int FROM tickets WHERE cardinality(assisting_unit_ids) > 0) AS assisted`,
    )
  ).rows;
  return {
    tickets: count,
    seconds: (performance.now() - started) / 1000,
    byStatus,
    biggestUnit: biggest,
    assisted: sizes.assisted,
    detailTicketIds,
    tableMiB: { tickets: Number(sizes.tickets) / 2 ** 20, messages: Number(sizes.messages) / 2 ** 20 },
  };
}
