import type { DataSource } from 'typeorm';

/**
 * Sends a message's receipt at most once: the row is claimed before sending, so two runs (a retry, a duplicate event)
 * never both send, and released when sending fails so the next run tries again. False when it was sent already.
 * `send` answers how the receipt went out (recorded as `acknowledged_via`).
 */
export async function acknowledgeOnce(dataSource: DataSource, channel: string, externalId: string, send: () => Promise<string>): Promise<boolean> {
  // An UPDATE answers [rows, count] through TypeORM's query().
  const [claimed]: [unknown[], number] = await dataSource.query(
    `UPDATE inbound_messages SET acknowledged_via = 'sending' WHERE channel = $1 AND external_id = $2 AND acknowledged_via IS NULL RETURNING id`,
    [channel, externalId],
  );
  if (!claimed.length) return false;
  let method: string;
  try {
    method = await send();
  } catch (error) {
    await dataSource.query(`UPDATE inbound_messages SET acknowledged_via = NULL WHERE channel = $1 AND external_id = $2`, [channel, externalId]);
    throw error;
  }
  await dataSource.query(`UPDATE inbound_messages SET acknowledged_via = $3 WHERE channel = $1 AND external_id = $2`, [channel, externalId, method]);
  return true;
}
