import type { JobDataMap, JobName } from './job-catalogue';

/**
 * `skipped`: the work was already done (a retry or a re-enqueue by the sweeper); never an error.
 * `{ notBefore }`: too early (the job woke before its moment): the worker puts it back until then.
 */
export type JobOutcome = 'done' | 'skipped' | { notBefore: Date };

export interface JobHandler<N extends JobName = JobName> {
  readonly jobName: N;
  handle(data: JobDataMap[N]): Promise<JobOutcome>;
}

/** Multi-provider token: the worker app lists its handlers under it. */
export const JOB_HANDLERS = Symbol('JOB_HANDLERS');

/** The worker refuses to start unless every job name has exactly one handler. */
export function checkHandlerCoverage(handlers: readonly JobHandler[], names: readonly JobName[]): void {
  const problems: string[] = [];
  for (const name of names) {
    const count = handlers.filter((h) => h.jobName === name).length;
    if (count !== 1) problems.push(`${name}: ${count === 0 ? 'no handler' : `${count} handlers`}`);
  }
  const unknown = handlers.filter((h) => !names.includes(h.jobName));
  for (const h of unknown) problems.push(`${String(h.jobName)}: handler for an unknown job`);
  if (problems.length) throw new Error(`job handlers do not match the catalogue: ${problems.join('; ')}`);
}
