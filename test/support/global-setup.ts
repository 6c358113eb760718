import Module from 'node:module';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { ADMIN_URL, TEMPLATE_DATABASE, hubTestEnv } from './test-env';

/**
 * Jest's globalSetup runs outside the test runtime, so jest's moduleNameMapper does not apply here:
 * resolve the `@wenzheng/<lib>` alias the same way (libs/<lib>/src) before loading the libs.
 */
function resolveLibAlias(): void {
  const libs = resolve(__dirname, '../../libs');
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = loader._resolveFilename;
  loader._resolveFilename = function (request: string, ...rest: unknown[]) {
    const alias = /^@wenzheng\/([^/]+)$/.exec(request);
    return original.call(this, alias ? join(libs, alias[1], 'src') : request, ...rest);
  };
}

/** Builds the migrated template database (demo city loaded) that each test file copies. */
export default async function globalSetup(): Promise<void> {
  resolveLibAlias();
  const { loadHubConfig } = await import('../../libs/config/src');
  const { prepareDatabase } = await import('../../libs/database/src');
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  await prepareDatabase(loadHubConfig(hubTestEnv(TEMPLATE_DATABASE, 'unused')));
}
