import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { requireBuiltCli, runCli } from './support/cli';
import { connect, createTestDatabase } from './support/test-database';
import { hubTestEnv, uniqueName } from './support/test-env';

const ROOT = resolve(__dirname, '..');
const FIXTURES = join(__dirname, 'fixtures', 'routing-eval');

function evalRouting(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/cli/src/eval-routing.main.js'), ...args], { cwd: ROOT, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((done) => child.once('exit', (code) => done({ code, stdout, stderr })));
}

/**
 * test/fixtures/routing-eval: three labels the shipped models never saw (供水, 教育, 医疗), each with its own words;
 * the test file has three clear messages per label and one about a school filed under 医疗. So every sound model
 * scores 9 of 10: 医疗 precision 1, recall 3/4; 教育 precision 3/4, recall 1; macro-F1 (1 + 6/7 + 6/7) / 3.
 */
describe('npm run eval:routing on a small fixed labelled file', () => {
  beforeAll(requireBuiltCli);

  it.each(['linear', 'nb'])('gives the expected figures with --algorithm %s', async (algorithm) => {
    const { code, stdout, stderr } = await evalRouting([
      '--train',
      join(FIXTURES, 'train.jsonl'),
      '--test',
      join(FIXTURES, 'test.jsonl'),
      '--algorithm',
      algorithm,
    ]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^Training: 24 messages, 3 labels, /m);
    expect(stdout).toMatch(/^Test: 10 messages$/m);
    expect(stdout).toMatch(/^Accuracy {2}0\.9000$/m);
    expect(stdout).toMatch(/^Macro-F1 {2}0\.9048$/m);
    expect(stdout).toMatch(/^供水 +1\.0000 +1\.0000 +1\.0000 +3$/m);
    expect(stdout).toMatch(/^医疗 +1\.0000 +0\.7500 +0\.8571 +4$/m);
    expect(stdout).toMatch(/^教育 +0\.7500 +1\.0000 +0\.8571 +3$/m);
    expect(stdout).toMatch(/^2 医疗 +0 +3 +1$/m);
    expect(stdout).toMatch(/prediction [\d,]+ messages\/s/);
  });

  it('cross-validates the training file alone', async () => {
    const { code, stdout } = await evalRouting(['--train', join(FIXTURES, 'train.jsonl'), '--folds', '4']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^4-fold stratified cross-validation \(seed \d+\) on 24 messages$/m);
    expect(stdout.match(/^[1-4] +18 +6 +1\.0000 +1\.0000/gm)).toHaveLength(4);
    expect(stdout).toMatch(/^Mean +1\.0000 +1\.0000 ± 0\.0000/m);
  });

  it('refuses an unusable file naming the line, with exit status 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wz-eval-'));
    writeFileSync(join(dir, 'bad.jsonl'), '{"text":"停水","label":"供水"}\n{"text":"没有标签"}\n');
    const { code, stderr } = await evalRouting(['--train', join(dir, 'bad.jsonl'), '--folds', '2']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/bad\.jsonl line 2/);
  });
});

describe('npm run cli -- routing:import', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let env: NodeJS.ProcessEnv;
  let db: Client;
  const dir = mkdtempSync(join(tmpdir(), 'wz-history-'));

  beforeAll(async () => {
    requireBuiltCli();
    database = await createTestDatabase();
    env = hubTestEnv(database.name, `{${uniqueName('wzt')}}`);
    db = await connect(database.url);
  });
  afterAll(async () => {
    await db.end();
    await database.drop();
  });

  it('imports a CSV of handled tickets once, by unit code or name', async () => {
    const file = join(dir, 'history-2025.csv');
    writeFileSync(file, 'title,body,unit,date\n停水,"小区停水三天,没人管",市城乡建设局,2025-03-01\n挂号难,医院挂号排队太久,pingdu-health,2025-03-02\n');
    const first = await runCli(['routing:import', file], env);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^read 2 handled ticket\(s\) from .*history-2025\.csv: 2 added, 0 already imported$/m);
    const again = await runCli(['routing:import', file], env);
    expect(again.stdout).toMatch(/: 0 added, 2 already imported$/m);
    const { rows } = await db.query(
      `SELECT h.text, u.code, h.source FROM routing_history_examples h JOIN units u ON u.id = h.unit_id ORDER BY h.occurred_at`,
    );
    expect(rows).toEqual([
      { text: '停水\n小区停水三天,没人管', code: 'pingdu-construction', source: 'history-2025.csv' },
      { text: '挂号难\n医院挂号排队太久', code: 'pingdu-health', source: 'history-2025.csv' },
    ]);
  });

  it('refuses a file with an unknown unit, naming the line, and imports nothing of it', async () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"text":"路灯坏了","unit":"pingdu-nancun","date":"2025-04-01"}\n{"text":"x","unit":"火星局","date":"2025-04-02"}\n');
    const { code, stderr } = await runCli(['routing:import', file], env);
    expect(code).toBe(1);
    expect(stderr).toMatch(/bad\.jsonl: line 2: no unit with the code or name "火星局"/);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM routing_history_examples WHERE source = 'bad.jsonl'`);
    expect(rows[0].n).toBe(0);
  });

  it('refuses a file of another kind', async () => {
    const { code, stderr } = await runCli(['routing:import', join(dir, 'history.xlsx')], env);
    expect(code).toBe(1);
    expect(stderr).toMatch(/routing:import reads \.csv or \.jsonl files/);
  });
});
