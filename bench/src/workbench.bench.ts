import { verify } from '@node-rs/argon2';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AuthService, StaffPrincipal } from '@wenzheng/auth';
import {
  TicketListQuery,
  TicketScope,
  WorkbenchService,
  WorkbenchTicketRepository,
  scopeOf,
  ticketListQuerySchema,
} from '@wenzheng/workbench';
import { bootstrapApi } from '../../apps/api/src/bootstrap';
import { deleteBenchQueueKeys, loadAverage, prepareBenchSection } from './bench-environment';
import { LatencySummary, summarize } from './load-harness';
import { LoadSource, measureClosedLoop } from './measured-load';
import { WorkbenchSeed, seedWorkbench } from './workbench-seed';

export const WORKBENCH_TICKETS = 100_000;
const DETAIL_TICKETS = 200;
const DEMO_PASSWORD = 'wenzheng-demo';
const DISPATCHER = 'pingdu-big-data.dispatcher';
/** Frequent in citizens' messages (and in the generated fallback ones). */
export const SEARCH_WORD = '小区';

export type WorkbenchEndpoint = 'inbox' | 'dispatching' | 'search' | 'detail' | 'login';
export type WorkbenchTarget = 'hub-http' | 'hub-service' | 'bare-sql' | 'bare-verify';

interface EndpointPlan {
  warmup: number;
  requests: number;
  concurrencies: number[];
  targets: WorkbenchTarget[];
}

const LIST_TARGETS: WorkbenchTarget[] = ['hub-http', 'hub-service', 'bare-sql'];

// Sized for about 2 s a row on a 2-core machine (the whole section near two minutes): a list costs tens of
// milliseconds of SQL, a text search a few hundred, a login one argon2id verify.
export const WORKBENCH_PLANS: Record<WorkbenchEndpoint, EndpointPlan> = {
  inbox: { warmup: 5, requests: 40, concurrencies: [1, 8], targets: LIST_TARGETS },
  dispatching: { warmup: 5, requests: 80, concurrencies: [1, 8], targets: LIST_TARGETS },
  search: { warmup: 3, requests: 20, concurrencies: [1, 8], targets: LIST_TARGETS },
  detail: { warmup: 20, requests: 200, concurrencies: [1, 8], targets: ['hub-http', 'hub-service'] },
  login: { warmup: 5, requests: 60, concurrencies: [1, 2], targets: ['hub-http', 'bare-verify'] },
};

export interface WorkbenchRow {
  endpoint: WorkbenchEndpoint;
  target: WorkbenchTarget;
  concurrency: number;
  summary: LatencySummary;
  mainThreadBusy: number;
  pgPerRequest: number;
  redisPerRequest: number;
  firstError?: string;
}

/** An EXPLAIN (ANALYZE, BUFFERS) plan condensed: a line per node, indented by depth. */
export interface PlanSummary {
  label: string;
  lines: string[];
  executionMs: number;
}

export interface WorkbenchFigures {
  seed: WorkbenchSeed;
  handler: string;
  dispatcher: string;
  /** Tickets each list query matches (its `total`). */
  matched: Record<'inbox' | 'dispatching' | 'search', number>;
  rows: WorkbenchRow[];
  plans: PlanSummary[];
  poolSize: number;
  loadBefore: number;
  loadAfter: number;
}

export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * The statements WorkbenchTicketRepository.list sends for a query, captured by running it against a recorder in
 * place of its DataSource: the baseline replays exactly the hub's SQL without a copy of it here.
 */
async function listStatements(scope: TicketScope, query: TicketListQuery): Promise<Statement[]> {
  const statements: Statement[] = [];
  const recorder = {
    query: async (sql: string, params: unknown[]) => {
      // A copy: the repository goes on pushing the page's parameters into the same array.
      statements.push({ sql, params: [...params] });
      return [{ total: 0 }];
    },
  };
  await new WorkbenchTicketRepository(recorder as unknown as DataSource).list(scope, query, new Date());
  return statements;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Sort Method'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Actual Total Time': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Join Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  'Exact Heap Blocks'?: number;
  'Lossy Heap Blocks'?: number;
  'Workers Launched'?: number;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: PlanNode[];
}

export async function explain(pool: Pool, label: string, statement: Statement): Promise<PlanSummary> {
  const { rows } = await pool.query<{
    'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number; JIT?: { Timing: { Total: number } } }];
  }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.sql}`, statement.params);
  const [{ Plan: root, 'Execution Time': executionMs, JIT: jit }] = rows[0]['QUERY PLAN'];
  const lines: string[] = [];
  const walk = (node: PlanNode, depth: number) => {
    const on = node['Relation Name'] ? ` on ${node['Relation Name']}` : '';
    const using = node['Index Name'] ? ` using ${node['Index Name']}` : '';
    const method = node['Sort Method'] ? ` (${node['Sort Method']})` : '';
    const loops = node['Actual Loops'] > 1 ? ` × ${node['Actual Loops']} loops` : '';
    const removedRows = (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Join Filter'] ?? 0);
    const removed = removedRows ? `, ${removedRows} removed by filter` : '';
    const rechecked = node['Rows Removed by Index Recheck'] ? `, ${node['Rows Removed by Index Recheck']} removed by recheck` : '';
    const heap =
      node['Exact Heap Blocks'] !== undefined
        ? `, heap blocks exact ${node['Exact Heap Blocks']} lossy ${node['Lossy Heap Blocks'] ?? 0}`
        : '';
    const workers = node['Workers Launched'] !== undefined ? ` (${node['Workers Launched']} workers)` : '';
    lines.push(
      `${'  '.repeat(depth)}${node['Node Type']}${on}${using}${method}${workers}: ${node['Actual Rows']} rows${loops}${removed}${rechecked}${heap}, ` +
        `${node['Actual Total Time'].toFixed(1)} ms, buffers hit ${node['Shared Hit Blocks']} read ${node['Shared Read Blocks']}`,
    );
    for (const child of node.Plans ?? []) walk(child, depth + 1);
  };
  walk(root, 0);
  if (jit) lines.push(`(JIT ${jit.Timing.Total.toFixed(1)} ms of it)`);
  return { label, lines, executionMs };
}

/**
 * Section 4: the staff workbench API on a database of WORKBENCH_TICKETS seeded tickets. Each list query is measured
 * over HTTP, through the service in-process, and as the repository's own two statements on a bare pg Pool; the
 * detail over HTTP and in-process; the login beside the argon2id verify that dominates it.
 */
export async function benchWorkbench(
  texts: readonly string[],
  progress: (line: string) => void,
): Promise<WorkbenchFigures> {
  const config = await prepareBenchSection({ HUB_ROLES: 'api' });
  const pool = new Pool({ connectionString: config.database.url, max: config.database.poolSize });
  try {
    progress(`workbench: seeding ${WORKBENCH_TICKETS} tickets`);
    const seed = await seedWorkbench(pool, texts, WORKBENCH_TICKETS, DETAIL_TICKETS);
    const loadBefore = loadAverage();
    const api = await bootstrapApi(config);
    try {
      const origin = `http://127.0.0.1:${api.getHttpServer().address().port}`;
      const auth = api.get(AuthService);
      const workbench = api.get(WorkbenchService);
      const handler = `${seed.biggestUnit.code}.handler`;
      const sessions = new Map<string, { token: string; user: StaffPrincipal }>();
      for (const username of [handler, DISPATCHER]) {
        const { token, user } = await auth.login(username, DEMO_PASSWORD, 'bench');
        sessions.set(username, { token, user });
      }
      const session = (username: string) => sessions.get(username)!;

      const lists: Record<'inbox' | 'dispatching' | 'search', { username: string; query: Record<string, string> }> = {
        inbox: { username: handler, query: {} },
        dispatching: { username: DISPATCHER, query: { status: 'dispatching' } },
        search: { username: handler, query: { q: SEARCH_WORD } },
      };
      const statements = {} as Record<keyof typeof lists, Statement[]>;
      const matched = {} as WorkbenchFigures['matched'];
      for (const [name, list] of Object.entries(lists) as [keyof typeof lists, (typeof lists)['inbox']][]) {
        const scope = scopeOf(session(list.username).user);
        statements[name] = await listStatements(scope, ticketListQuerySchema.parse(list.query));
        const [count] = statements[name];
        matched[name] = (await pool.query<{ total: number }>(count.sql, count.params)).rows[0].total;
      }
      const plans = [
        await explain(pool, 'unit inbox: count', statements.inbox[0]),
        await explain(pool, 'unit inbox: first page', statements.inbox[1]),
        await explain(pool, `text search "${SEARCH_WORD}": count`, statements.search[0]),
      ];
      const [{ password_hash: handlerHash }] = (
        await pool.query<{ password_hash: string }>(`SELECT password_hash FROM staff_users WHERE username = $1`, [handler])
      ).rows;

      const source = (endpoint: WorkbenchEndpoint, target: WorkbenchTarget, total: number): LoadSource => {
        if (endpoint === 'login') {
          if (target === 'bare-verify') return { call: () => verify(handlerHash, DEMO_PASSWORD) };
          const body = JSON.stringify({ username: handler, password: DEMO_PASSWORD });
          return { http: { url: `${origin}/api/v1/staff/login`, bodies: Array.from({ length: total }, () => body) } };
        }
        const { token, user } = session(endpoint === 'dispatching' ? DISPATCHER : handler);
        if (endpoint === 'detail') {
          const id = (i: number) => seed.detailTicketIds[i % seed.detailTicketIds.length];
          if (target === 'hub-service') return { call: (i) => workbench.detail(user, id(i)) };
          const gets = Array.from({ length: total }, (_, i) => `/api/v1/staff/tickets/${id(i)}`);
          return { http: { url: origin, headers: { authorization: `Bearer ${token}` }, gets } };
        }
        const list = lists[endpoint];
        if (target === 'hub-http') {
          const search = new URLSearchParams(list.query).toString();
          const path = `/api/v1/staff/tickets${search ? `?${search}` : ''}`;
          const gets = Array.from({ length: total }, () => path);
          return { http: { url: origin, headers: { authorization: `Bearer ${token}` }, gets } };
        }
        if (target === 'hub-service') return { call: () => workbench.list(user, list.query) };
        const [count, page] = statements[endpoint];
        return {
          call: async () => {
            await pool.query(count.sql, count.params);
            return pool.query(page.sql, page.params);
          },
        };
      };

      const rows: WorkbenchRow[] = [];
      for (const [endpoint, plan] of Object.entries(WORKBENCH_PLANS) as [WorkbenchEndpoint, EndpointPlan][]) {
        for (const concurrency of plan.concurrencies) {
          for (const target of plan.targets) {
            progress(
              `workbench: ${endpoint} ${target}, ${concurrency} in flight, ${plan.warmup} warm-up + ${plan.requests} measured`,
            );
            const measured = await measureClosedLoop(
              source(endpoint, target, plan.warmup + plan.requests),
              plan.warmup,
              plan.requests,
              concurrency,
            );
            const ok = measured.run.latenciesMs.length;
            rows.push({
              endpoint,
              target,
              concurrency,
              summary: summarize(measured.run),
              mainThreadBusy: measured.mainThreadBusy,
              pgPerRequest: measured.pgStatements / ok,
              redisPerRequest: measured.redisCommands / ok,
              firstError: measured.run.firstError,
            });
          }
        }
      }
      return {
        seed,
        handler,
        dispatcher: DISPATCHER,
        matched,
        rows,
        plans,
        poolSize: config.database.poolSize,
        loadBefore,
        loadAfter: loadAverage(),
      };
    } finally {
      await api.close();
    }
  } finally {
    await pool.end();
    await deleteBenchQueueKeys();
  }
}
