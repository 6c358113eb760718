import { Client } from 'pg';
import { loadHubConfig } from '../../libs/config/src';
import { prepareDatabase } from '../../libs/database/src';
import { ADMIN_URL, TEMPLATE_DATABASE, hubTestEnv } from './test-env';

/** Builds the migrated template database (demo city loaded) that each test file copies. */
export default async function globalSetup(): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  await prepareDatabase(loadHubConfig(hubTestEnv(TEMPLATE_DATABASE, 'unused')));
}
