import type { DataSource } from 'typeorm';

/**
 * Makes every new inbound message take PostgreSQL `seconds` (a trigger with pg_sleep): the way to show a push answered
 * within the platform's budget although the database is slow.
 */
export async function slowDownIntake(dataSource: DataSource, seconds: number): Promise<void> {
  await dataSource.query(`
    CREATE FUNCTION slow_intake() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(${Number(seconds)}); RETURN NEW; END $$;
    CREATE TRIGGER slow_intake BEFORE INSERT ON inbound_messages FOR EACH ROW EXECUTE FUNCTION slow_intake();`);
}

/** Resolves once no insert into inbound_messages is running (both a push's intake and its queued job's are done). */
export async function noIntakeRunning(dataSource: DataSource): Promise<boolean> {
  const [{ n }] = await dataSource.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%INSERT INTO inbound_messages%' AND pid <> pg_backend_pid()`,
  );
  return n === 0;
}
