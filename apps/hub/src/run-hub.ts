import { Logger } from '@nestjs/common';
import { ConfigError, HubConfig, HubRole, loadHubConfig } from '@wenzheng/config';
import { prepareDatabase } from '@wenzheng/database';
import { bootstrapApi } from '../../api/src/bootstrap';
import { bootstrapBot } from '../../bot/src/bootstrap';
import { bootstrapWorker } from '../../worker/src/bootstrap';

interface Closable {
  close(): Promise<void>;
}

/**
 * Starts the roles of this process (HUB_ROLES, or `roles` from an entry point): validated config, migrations
 * under the advisory lock, demo city if the database is empty, then the worker and/or the API.
 * SIGTERM/SIGINT close the API first (no new intake), then the worker (active jobs finish or are left to the stalled check).
 */
export async function runHub(options: { roles?: HubRole[] } = {}): Promise<void> {
  const logger = new Logger('Hub');
  let config: HubConfig;
  try {
    config = loadHubConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Wenzheng cannot start: ${error.message}`);
    process.exit(1);
  }
  if (options.roles) config = { ...config, roles: new Set(options.roles) };

  const prepared = await prepareDatabase(config);
  logger.log(
    `database ready (${prepared.migrationsApplied.length} migration(s) applied${prepared.demoLoaded ? ', demo city loaded' : ''})`,
  );

  const running: Closable[] = [];
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.log(`${signal}: shutting down`);
    for (const part of running.reverse()) await part.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  const parts: string[] = [];
  if (config.roles.has('worker')) {
    running.push(await bootstrapWorker(config));
    parts.push('worker');
  }
  if (config.roles.has('bot')) {
    running.push(await bootstrapBot(config));
    parts.push('bot');
  }
  if (config.roles.has('api')) {
    const app = await bootstrapApi(config);
    running.push(app);
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : config.http.port;
    parts.push(`api on http://127.0.0.1:${port}`);
  }
  // Tests and scripts wait for this exact line.
  console.log(`Wenzheng hub ready: ${parts.join(', ')}`);
}

/** Entry-point form: a start-up failure is printed and ends the process with status 1. */
export function startHub(options: { roles?: HubRole[] } = {}): void {
  runHub(options).catch((error) => {
    console.error('Wenzheng failed to start:', error);
    process.exit(1);
  });
}
