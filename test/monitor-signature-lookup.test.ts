import { Client } from 'pg';
import { messageFingerprint, minHashConfig, nearDuplicateCandidateParams, nearDuplicateCandidatesSql, SIGNATURE_TABLES } from '../libs/monitor/src';
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
 * signatures (a few hours of a busy city): with far fewer the planner rightly reads the small table whole. The same
 * for the messages' signatures and the public posts' (tables of their own, the same lookup).
 */
describe.each(['message', 'post'] as const)('stored near-duplicate lookup (%s signatures)', (kind) => {
  const { signatures, bands, id: idColumn } = SIGNATURE_TABLES[kind];
  const sql = nearDuplicateCandidatesSql(kind);
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
      `INSERT INTO ${signatures} (${idColumn}, at, canonical_id, shingles)
       SELECT id, at, id, decode(repeat(md5(id::text), 66), 'hex') FROM unnest($1::uuid[], $2::timestamptz[]) AS s(id, at)`,
      [ids, ids.map((_, i) => new Date(start + i * 60_000))],
    );
    await client.query(
      `INSERT INTO ${bands} (band_key, ${idColumn})
       SELECT DISTINCT k, s.id FROM unnest($1::uuid[], $2::text[]) AS s(id, keys), unnest(string_to_array(s.keys, ',')) AS k`,
      [ids, ids.map((_, i) => keysOf(i).join(','))],
    );
    await client.query(`SET session_replication_role = origin`);
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  const AFTER = new Date('2026-11-01T00:00:00Z');
  /** The lookup's parameters for the messages numbered `from`…`from + count − 1`. */
  const paramsFor = (from: number, count: number) =>
    nearDuplicateCandidateParams(Array.from({ length: count }, (_, i) => ({ bandKeys: keysOf(from + i), after: AFTER })));

  /** Asserts the plan reads the band keys through their index and the signatures by key, for one message and a batch. */
  const expectIndexLookups = async () => {
    for (const params of [paramsFor(5, 1), paramsFor(SIGNATURES, 64)]) {
      const [{ 'QUERY PLAN': [{ Plan: plan }] }] = (await client.query(`EXPLAIN (FORMAT JSON) ${sql}`, params)).rows;
      const all = nodes(plan as PlanNode);
      expect(all.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name'])).toEqual([]);
      expect(all.some((n) => n['Index Name'] === `pk_${bands}`)).toBe(true);
    }
  };

  // In this order: statistics are gathered between the two.
  it('looks the band keys up in their index and the signatures by key, before the tables have statistics', async () => {
    const [{ n }] = (
      await client.query(`SELECT count(*)::int AS n FROM pg_stats WHERE tablename IN ($1, $2)`, [signatures, bands])
    ).rows;
    expect(n).toBe(0);
    await expectIndexLookups();
  });

  it('does so once they have statistics', async () => {
    await client.query(`ANALYZE ${signatures}`);
    await client.query(`ANALYZE ${bands}`);
    await expectIndexLookups();
  });

  it('finds for each message the messages sharing a band key with it', async () => {
    const { rows } = await client.query(sql, nearDuplicateCandidateParams([
      { bandKeys: keysOf(5), after: AFTER },
      { bandKeys: keysOf(SIGNATURES + 1), after: AFTER },
      { bandKeys: keysOf(7), after: AFTER },
      { bandKeys: keysOf(7), after: new Date(Date.parse('2026-11-02T00:00:00+08:00') + 7 * 60_000) },
    ]));
    const ids = (await client.query(`SELECT ${idColumn} AS id FROM ${signatures} ORDER BY at`)).rows.map((r) => r.id);
    const found = (arm: number) => rows.filter((r) => r.arm === arm).map((r) => r.id);
    expect(found(1)).toContain(ids[5]);
    expect(found(2)).toEqual([]);
    expect(found(3)).toContain(ids[7]);
    // Its own signature is at the window's start: not after it.
    expect(found(4)).not.toContain(ids[7]);
  });
});
