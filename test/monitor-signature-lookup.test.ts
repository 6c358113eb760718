import { Client } from 'pg';
import { messageFingerprint, minHashConfig, NEAR_DUPLICATE_CANDIDATES_SQL } from '../libs/monitor/src';
import { createRandom } from '../libs/routing/src';
import { connect, createTestDatabase } from './support/test-database';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * The worker's near-duplicate lookup over stored signatures, planned by PostgreSQL on a window of a few thousand
 * messages. Its first form (`band_keys && $1` on a text[] column under GIN) was planned as a scan of the whole
 * window, 50 ms per message at 3,000 signatures: this pins the plan, which no functional test would notice. 20,000
 * signatures (a few hours of a busy city): with far fewer the planner rightly reads the small table whole.
 */
describe('stored near-duplicate lookup', () => {
  const SIGNATURES = 20_000;
  const config = minHashConfig();
  // Distinct messages, as a window mostly holds: 40 common Chinese characters, drawn by a generator seeded with the number.
  const keysOf = (i: number): string[] => {
    const random = createRandom(i + 1);
    const text = Array.from({ length: 40 }, () => String.fromCodePoint(0x4e00 + Math.floor(random() * 3000))).join('');
    return messageFingerprint(text, config).bandKeys;
  };
  let db: { url: string; drop: () => Promise<void> };
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = await connect(db.url);
    // The rows alone matter here, not the messages and tickets they would point to. Shingle sets of a message's size
    // (about 260 hashes): on a table of tiny rows a scan is rightly cheaper than lookups.
    await client.query(`SET session_replication_role = replica`);
    const ids = (await client.query<{ id: string }>(`SELECT gen_random_uuid() AS id FROM generate_series(1, $1)`, [SIGNATURES])).rows.map((r) => r.id);
    const start = Date.parse('2026-11-02T00:00:00+08:00');
    await client.query(
      `INSERT INTO monitor_signatures (message_id, at, canonical_id, shingles)
       SELECT id, at, id, decode(repeat(md5(id::text), 66), 'hex') FROM unnest($1::uuid[], $2::timestamptz[]) AS s(id, at)`,
      [ids, ids.map((_, i) => new Date(start + i * 60_000))],
    );
    await client.query(
      `INSERT INTO monitor_signature_bands (band_key, message_id)
       SELECT DISTINCT k, s.id FROM unnest($1::uuid[], $2::text[]) AS s(id, keys), unnest(string_to_array(s.keys, ',')) AS k`,
      [ids, ids.map((_, i) => keysOf(i).join(','))],
    );
    await client.query(`SET session_replication_role = origin`);
    await client.query(`ANALYZE monitor_signatures`);
    await client.query(`ANALYZE monitor_signature_bands`);
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  const planOf = async (keys: string[]) => {
    const [{ 'QUERY PLAN': [{ Plan: plan }] }] = (
      await client.query(`EXPLAIN (FORMAT JSON) ${NEAR_DUPLICATE_CANDIDATES_SQL}`, [keys, new Date('2026-11-01T00:00:00Z')])
    ).rows;
    return nodes(plan as PlanNode);
  };

  it('looks the band keys up in their index and reads only the signatures found', async () => {
    const all = await planOf(keysOf(5));
    expect(all.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name'])).toEqual([]);
    expect(all.some((n) => n['Index Name'] === 'pk_monitor_signature_bands')).toBe(true);
  });

  it('does so for the band keys of a whole batch (64 messages) too', async () => {
    const all = await planOf(Array.from({ length: 64 }, (_, i) => keysOf(SIGNATURES + i)).flat());
    expect(all.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name'])).toEqual([]);
    expect(all.some((n) => n['Index Name'] === 'pk_monitor_signature_bands')).toBe(true);
  });

  it('finds the messages sharing a band key, with the keys they share', async () => {
    const keys = keysOf(5);
    const { rows } = await client.query(NEAR_DUPLICATE_CANDIDATES_SQL, [keys, new Date('2026-11-01T00:00:00Z')]);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const row of rows) {
      expect(row.band_keys.length).toBeGreaterThanOrEqual(1);
      for (const key of row.band_keys) expect(keys).toContain(key);
    }
  });
});
