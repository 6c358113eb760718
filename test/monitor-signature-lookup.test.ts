import { Client } from 'pg';
import { bandKeys, minHashConfig, minHashSignature, NEAR_DUPLICATE_CANDIDATES_SQL, shingleHashes } from '../libs/monitor/src';
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
  // Distinct messages, as a window mostly holds: 40 characters drawn from a few hundred, seeded by the number.
  const CHARACTERS = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严';
  const keysOf = (i: number): string[] => {
    let seed = (i + 1) * 2654435761;
    let text = '';
    for (let c = 0; c < 40; c += 1) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      text += CHARACTERS[seed % CHARACTERS.length];
    }
    return bandKeys(minHashSignature(shingleHashes(text), config), config);
  };
  let db: { url: string; drop: () => Promise<void> };
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = await connect(db.url);
    // The rows alone matter here, not the messages and tickets they would point to.
    await client.query(`SET session_replication_role = replica`);
    const ids = (await client.query<{ id: string }>(`SELECT gen_random_uuid() AS id FROM generate_series(1, $1)`, [SIGNATURES])).rows.map((r) => r.id);
    const start = Date.parse('2026-11-02T00:00:00+08:00');
    await client.query(
      `INSERT INTO monitor_signatures (message_id, at, canonical_id, shingles)
       SELECT id, at, id, '\\x00'::bytea FROM unnest($1::uuid[], $2::timestamptz[]) AS s(id, at)`,
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

  it('looks the band keys up in their index and reads only the signatures found', async () => {
    const [{ 'QUERY PLAN': [{ Plan: plan }] }] = (
      await client.query(`EXPLAIN (FORMAT JSON) ${NEAR_DUPLICATE_CANDIDATES_SQL}`, [keysOf(5), new Date('2026-11-01T00:00:00Z')])
    ).rows;
    const all = nodes(plan as PlanNode);
    expect(all.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name'])).toEqual([]);
    expect(all.some((n) => n['Index Name'] === 'pk_monitor_signature_bands')).toBe(true);
  });

  it('finds the messages sharing a band key', async () => {
    const { rows } = await client.query(NEAR_DUPLICATE_CANDIDATES_SQL, [keysOf(5), new Date('2026-11-01T00:00:00Z')]);
    expect(rows.length).toBeGreaterThanOrEqual(1);
  });
});
