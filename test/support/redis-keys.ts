import Redis from 'ioredis';
import { REDIS_URL } from './test-env';

/** Deletes every key under a queue prefix: what a Redis loss looks like to one hub, without touching other tests. */
export async function deleteKeysWithPrefix(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_URL);
  try {
    let deleted = 0;
    let cursor = '0';
    const pattern = `${prefix.replace(/([*?[\]])/g, '\\$1')}:*`;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}
