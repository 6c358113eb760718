import { MigrationInterface, QueryRunner } from 'typeorm';

const OPEN = `status IN ('received', 'analyzed', 'dispatching', 'assigned', 'accepted', 'replied')`;

/**
 * A unit's inbox reads its open tickets. Most tickets are resolved, so indexes over the open ones only let a big unit's
 * inbox skip the city's other open tickets (measured: docs/benchmarks.md, workbench section).
 */
export class OpenTicketIndexes1764100100000 implements MigrationInterface {
  name = 'OpenTicketIndexes1764100100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX ix_tickets_open_lead_unit_id ON tickets (lead_unit_id) WHERE ${OPEN}`);
    await db.query(`CREATE INDEX ix_tickets_open_assisting_unit_ids ON tickets USING gin (assisting_unit_ids) WHERE ${OPEN}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX ix_tickets_open_assisting_unit_ids`);
    await db.query(`DROP INDEX ix_tickets_open_lead_unit_id`);
  }
}
