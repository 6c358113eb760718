import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import type { HubConfig } from '@wenzheng/config';
import { bootstrapApi } from '../../apps/api/src/bootstrap';
import { bootstrapWorker } from '../../apps/worker/src/bootstrap';
import { deleteBenchQueueKeys } from './bench-environment';

export interface BenchHub {
  worker: INestApplicationContext;
  api: INestApplication;
  /** `http://127.0.0.1:<port>` of the API. */
  baseUrl: string;
  /** A plain client for the section's own reads (counted on the wire like the hub's). */
  db: Client;
}

/** The hub as `npm start` runs it (worker + API in this process) for `work`; closed, and its queue keys deleted, after. */
export async function withBenchHub<T>(config: HubConfig, work: (hub: BenchHub) => Promise<T>): Promise<T> {
  const worker = await bootstrapWorker(config);
  const api = await bootstrapApi(config);
  const db = new Client({ connectionString: config.database.url });
  await db.connect();
  try {
    return await work({ worker, api, db, baseUrl: `http://127.0.0.1:${api.getHttpServer().address().port}` });
  } finally {
    await db.end();
    await api.close();
    await worker.close();
    await deleteBenchQueueKeys();
  }
}
