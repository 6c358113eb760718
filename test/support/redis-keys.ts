import { deleteQueueKeys } from '../../libs/queue/src/queue-keys';
import { REDIS_URL } from './test-env';

/** Deletes every key under a queue prefix: what a Redis loss looks like to one hub, without touching other tests. */
export function deleteKeysWithPrefix(prefix: string): Promise<number> {
  return deleteQueueKeys(REDIS_URL, prefix);
}
