import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { bootstrapApi } from '../../apps/api/src/bootstrap';
import { bootstrapWorker } from '../../apps/worker/src/bootstrap';
import type { TimeSource } from '../../libs/calendar/src';
import { HubConfig, loadHubConfig } from '../../libs/config/src';
import { deleteKeysWithPrefix } from './redis-keys';
import { createTestDatabase } from './test-database';
import { hubTestEnv, uniqueName } from './test-env';

export interface InProcessHub {
  config: HubConfig;
  baseUrl: string;
  api: INestApplication;
  worker?: INestApplicationContext;
  dataSource: DataSource;
  close: () => Promise<void>;
}

/** API (+ worker unless `worker: false`) in this process, on a fresh copy of the template database and its own queue prefix. */
export async function startInProcessHub(options: { worker?: boolean; time?: TimeSource; env?: Record<string, string> } = {}): Promise<InProcessHub> {
  const database = await createTestDatabase();
  const prefix = `{${uniqueName('wzt')}}`;
  const config = loadHubConfig(hubTestEnv(database.name, prefix, options.env));
  const worker = options.worker === false ? undefined : await bootstrapWorker(config, options.time);
  const api = await bootstrapApi(config, options.time);
  const address = api.getHttpServer().address();
  const hub: InProcessHub = {
    config,
    baseUrl: `http://127.0.0.1:${address.port}`,
    api,
    worker,
    dataSource: api.get(DataSource),
    // Tests may replace `worker` (a restart); close whichever runs now.
    close: async () => {
      await api.close();
      await hub.worker?.close();
      await deleteKeysWithPrefix(prefix);
      await database.drop();
    },
  };
  return hub;
}

/** A fixed, settable clock for simulated time. */
export class FixedTime implements TimeSource {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date): void {
    this.current = at;
  }
}
