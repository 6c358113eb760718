import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarStore } from '@wenzheng/calendar';
import { JobHandler, JobName, JobOutcome, RetimeClocksData } from '@wenzheng/queue';
import { ClockService } from '../clock.service';

const BATCH = 200;

/**
 * After a calendar year is loaded or replaced: every open clock that was provisional or whose span touches
 * one of the years is re-derived; those whose due moment moved get new timers and an event (old and new due).
 * Idempotent: a second run finds nothing to change.
 */
@Injectable()
export class RetimeClocksJob implements JobHandler<JobName.RetimeClocks> {
  readonly jobName = JobName.RetimeClocks;
  private readonly logger = new Logger('RetimeClocks');

  constructor(
    private readonly dataSource: DataSource,
    private readonly calendars: CalendarStore,
    private readonly clocks: ClockService,
  ) {}

  async handle({ years }: RetimeClocksData): Promise<JobOutcome> {
    // This process may not have heard of the new year yet.
    await this.calendars.reload();
    const first = `${Math.min(...years)}-01-01T00:00:00+08:00`;
    const last = `${Math.max(...years) + 1}-01-01T00:00:00+08:00`;
    let changed = 0;
    let afterId = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: { id: string }[] = await this.dataSource.query(
        `SELECT id FROM clocks
          WHERE state <> 'stopped' AND id > $1
            AND (provisional OR (started_at < $3 AND (due_at IS NULL OR due_at >= $2)))
          ORDER BY id LIMIT $4`,
        [afterId, first, last, BATCH],
      );
      for (const { id } of rows) {
        const result = await this.dataSource.transaction((manager) =>
          this.clocks.retime(manager, id, { actor: 'system:calendar', reason: `calendar ${years.join(', ')} loaded` }),
        );
        if (result.changed) changed++;
      }
      if (rows.length < BATCH) break;
      afterId = rows[rows.length - 1].id;
    }
    this.logger.log(`calendar ${years.join(', ')}: ${changed} clock(s) re-timed`);
    return changed ? 'done' : 'skipped';
  }
}
