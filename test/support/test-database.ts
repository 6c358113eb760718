import { Client } from 'pg';
import { withPgClient } from '../../libs/database/src/with-client';
import { ADMIN_URL, TEMPLATE_DATABASE, databaseUrl, uniqueName } from './test-env';

const admin = <T>(work: (client: Client) => Promise<T>) => withPgClient(ADMIN_URL, work);

/** A fresh copy of the migrated template (demo city included), for one test file. */
export async function createTestDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = uniqueName('wz_test');
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** An empty database (no migrations), for tests of the boot steps themselves. */
export async function createEmptyDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = uniqueName('wz_empty');
  return {
    name,
    url: databaseUrl(name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** A plain client on a test database, for assertions on rows. */
export async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}
