import { Client } from 'pg';

/** One short-lived connection for `work` (administration outside the pool: create/drop databases, probes). */
export async function withPgClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
