import Redis from 'ioredis';
import { Client } from 'pg';

/**
 * Counts the statements sent to PostgreSQL and the commands sent to Redis by everything in this process (TypeORM and
 * BullMQ use these same `pg` and `ioredis` modules), so each intake row can say how many round trips a message costs.
 */
let installed = false;
const counts = { pg: 0, redis: 0 };

export function installWireCounter(): void {
  if (installed) return;
  installed = true;
  const query = Client.prototype.query as (...args: unknown[]) => unknown;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    counts.pg += 1;
    return query.apply(this, args);
  } as typeof Client.prototype.query;
  const sendCommand = Redis.prototype.sendCommand as (...args: unknown[]) => unknown;
  Redis.prototype.sendCommand = function (this: Redis, ...args: unknown[]) {
    counts.redis += 1;
    return sendCommand.apply(this, args);
  } as typeof Redis.prototype.sendCommand;
}

export function wireCounts(): { pg: number; redis: number } {
  return { ...counts };
}
