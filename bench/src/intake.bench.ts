import { DataSource } from 'typeorm';
import { PortalService } from '@wenzheng/channels';
import { JobQueue, QueueName } from '@wenzheng/queue';
import { bootstrapApi } from '../../apps/api/src/bootstrap';
import { BareIntake, startBareHttpServer } from './bare-intake';
import { deleteBenchQueueKeys, loadAverage, prepareBenchSection } from './bench-environment';
import { portalSubmission } from './corpus';
import { LatencySummary, summarize } from './load-harness';
import { LoadSource, measureClosedLoop } from './measured-load';

export const INTAKE_CONCURRENCIES = [16, 64];
export const INTAKE_REQUESTS = 3000;
export const INTAKE_WARMUP = 300;

export type IntakeTarget = 'hub-http' | 'hub-service' | 'bare-http' | 'bare-direct';

export const INTAKE_TARGETS: Record<IntakeTarget, string> = {
  'hub-http': 'hub: POST /api/v1/portal/messages (Nest, HTTP)',
  'hub-service': 'hub: PortalService.submit in-process (no HTTP)',
  'bare-http': 'baseline: node:http + INSERT + queue.add',
  'bare-direct': 'baseline: INSERT + queue.add in-process',
};

export interface IntakeRow {
  target: IntakeTarget;
  concurrency: number;
  summary: LatencySummary;
  /** Share of the measured run during which the main thread (the server side) was busy, 0..1. */
  mainThreadBusy: number;
  /** PostgreSQL statements and Redis commands per accepted message during the measured run. */
  pgPerMessage: number;
  redisPerMessage: number;
  firstError?: string;
}

export interface IntakeFigures {
  rows: IntakeRow[];
  requests: number;
  warmup: number;
  poolSize: number;
  /** Hub messages accepted (2xx) during the section, warm-up included, and what PostgreSQL and Redis hold for them. */
  hubAccepted: number;
  ticketsWritten: number;
  outboxUndispatched: number;
  analyzeJobsWaiting: number;
  loadBefore: number;
  loadAfter: number;
}

/** Section 1: the portal intake against the bare INSERT + add baseline, closed loop at fixed concurrencies. */
export async function benchIntake(texts: readonly string[], progress: (line: string) => void): Promise<IntakeFigures> {
  const config = await prepareBenchSection({ HUB_ROLES: 'api' });
  const loadBefore = loadAverage();

  // The worker is not started: the pipeline must not compete with intake for the two cores.
  const api = await bootstrapApi(config);
  const address = api.getHttpServer().address();
  const hubUrl = `http://127.0.0.1:${address.port}/api/v1/portal/messages`;
  const portal = api.get(PortalService);
  const bare = await BareIntake.open(config);
  const bareServer = await startBareHttpServer(bare);

  const rows: IntakeRow[] = [];
  let hubAccepted = 0;
  let runNo = 0;
  try {
    for (const concurrency of INTAKE_CONCURRENCIES) {
      for (const target of Object.keys(INTAKE_TARGETS) as IntakeTarget[]) {
        const tag = `r${++runNo}`;
        progress(`intake: ${target}, ${concurrency} in flight, ${INTAKE_WARMUP} warm-up + ${INTAKE_REQUESTS} measured`);
        // Messages are built before the run, so no row pays for making its input.
        const submissions = Array.from({ length: INTAKE_WARMUP + INTAKE_REQUESTS }, (_, i) =>
          portalSubmission(texts, i, tag),
        );
        const source: LoadSource =
          target === 'hub-http' || target === 'bare-http'
            ? {
                http: {
                  url: target === 'hub-http' ? hubUrl : bareServer.url,
                  bodies: submissions.map((submission) => JSON.stringify(submission)),
                },
              }
            : {
                call:
                  target === 'hub-service'
                    ? (i: number) => portal.submit(submissions[i])
                    : (i: number) => bare.store(submissions[i]),
              };
        const { run, warmupOk, mainThreadBusy, pgStatements, redisCommands } = await measureClosedLoop(
          source,
          INTAKE_WARMUP,
          INTAKE_REQUESTS,
          concurrency,
        );
        const accepted = run.latenciesMs.length;
        if (target.startsWith('hub')) hubAccepted += warmupOk + run.latenciesMs.length;
        rows.push({
          target,
          concurrency,
          summary: summarize(run),
          mainThreadBusy,
          pgPerMessage: pgStatements / accepted,
          redisPerMessage: redisCommands / accepted,
          firstError: run.firstError,
        });
      }
    }

    const dataSource = api.get(DataSource);
    const [{ tickets }] = await dataSource.query(`SELECT count(*)::int AS tickets FROM tickets`);
    const [{ pending }] = await dataSource.query(
      `SELECT count(*)::int AS pending FROM outbox WHERE dispatched_at IS NULL`,
    );
    const waiting = await api.get(JobQueue).queue(QueueName.Analyze).getJobCounts('wait');
    return {
      rows,
      requests: INTAKE_REQUESTS,
      warmup: INTAKE_WARMUP,
      poolSize: config.database.poolSize,
      hubAccepted,
      ticketsWritten: tickets,
      outboxUndispatched: pending,
      analyzeJobsWaiting: waiting.wait ?? 0,
      loadBefore,
      loadAfter: loadAverage(),
    };
  } finally {
    await bareServer.close();
    await bare.close();
    await api.close();
    await deleteBenchQueueKeys();
  }
}
