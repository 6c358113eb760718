import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TIME_SOURCE, TimeSource, startOfShanghaiDay, addDays, LocalDate } from '@wenzheng/calendar';
import { JobName, JobQueue } from '@wenzheng/queue';
import { RoutingModelEntity, RoutingRetrainRunEntity } from './learning/routing-learning.entities';
import { RoutingFact, RoutingFigures, UnitRoutingCounts, routingFigures } from './routing-figures';

export type RoutingModelView = Omit<RoutingModelEntity, 'artifact'>;

/** What admins and dispatchers see of the learning router: the models, the retraining runs, the figures. */
@Injectable()
export class RoutingAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {}

  models(): Promise<RoutingModelView[]> {
    return this.dataSource.getRepository(RoutingModelEntity).find({ order: { target: 'ASC', version: 'DESC' } });
  }

  runs(limit = 50): Promise<RoutingRetrainRunEntity[]> {
    return this.dataSource.getRepository(RoutingRetrainRunEntity).find({ order: { startedAt: 'DESC', id: 'DESC' }, take: limit });
  }

  /** An admin's retraining, now; the answer names the run to look for in `runs`. */
  async requestRetrain(requestedBy: string): Promise<{ runKey: string }> {
    // The time says when it was asked for; the random part keeps two requests in the same millisecond apart.
    const runKey = `admin-${this.time.now().toISOString()}-${randomBytes(3).toString('hex')}`;
    await this.jobs.enqueue({ name: JobName.RetrainRoutingModel, data: { runKey, trigger: 'admin', requestedBy } });
    return { runKey };
  }

  /** Shanghai dates `from`..`to` inclusive. */
  async figures(from: LocalDate, to: LocalDate): Promise<RoutingFigures> {
    const range = [startOfShanghaiDay(from), startOfShanghaiDay(addDays(to, 1))];
    const facts: { day: string; outcome: RoutingFact['outcome']; by: RoutingFact['by'] }[] = await this.dataSource.query(
      `SELECT to_char(e.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, e.type AS outcome, e.data->'decision'->>'by' AS by
         FROM ticket_events e
        WHERE e.actor = 'system:route' AND e.type IN ('assigned', 'dispatching') AND e.at >= $1 AND e.at < $2`,
      range,
    );
    const units: { unit_code: string; unit_name: string; assignments: number; returns: number; reassigned_away: number }[] =
      await this.dataSource.query(
        `WITH assignments AS (
           SELECT coalesce(e.data->'decision'->>'leadUnit', e.data->>'leadUnit') AS code, count(*)::int AS n
             FROM ticket_events e
            WHERE e.type = 'assigned' AND e.at >= $1 AND e.at < $2
            GROUP BY 1),
         misroutes AS (
           SELECT x.wrong_unit_id, count(*) FILTER (WHERE x.kind = 'returned')::int AS returns,
                  count(*) FILTER (WHERE x.kind = 'reassigned')::int AS reassigned_away
             FROM routing_examples x
            WHERE x.kind IN ('returned', 'reassigned') AND x.created_at >= $1 AND x.created_at < $2
            GROUP BY 1)
         SELECT u.code AS unit_code, u.name AS unit_name, coalesce(a.n, 0) AS assignments,
                coalesce(m.returns, 0) AS returns, coalesce(m.reassigned_away, 0) AS reassigned_away
           FROM units u
           LEFT JOIN assignments a ON a.code = u.code
           LEFT JOIN misroutes m ON m.wrong_unit_id = u.id
          WHERE a.n IS NOT NULL OR m.wrong_unit_id IS NOT NULL`,
        range,
      );
    return routingFigures(
      facts.map((f) => ({ day: f.day, outcome: f.outcome, by: f.by })),
      units.map(
        (u): UnitRoutingCounts => ({ unitCode: u.unit_code, unitName: u.unit_name, assignments: u.assignments, returns: u.returns, reassignedAway: u.reassigned_away }),
      ),
    );
  }
}
