import { Workbench1764100000000 } from '../libs/database/src/migrations/1764100000000-Workbench';
import { requireBuiltCli, runCli } from './support/cli';
import { InProcessHub, startInProcessHub } from './support/in-process-hub';
import { downAndUp, withMigrationRunner } from './support/migration-runner';
import { call, login } from './support/staff-client';
import { hubTestEnv } from './support/test-env';

describe('staff accounts from the CLI', () => {
  let hub: InProcessHub;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    requireBuiltCli();
    hub = await startInProcessHub({ worker: false });
    env = hubTestEnv(new URL(hub.config.database.url).pathname.slice(1), hub.config.redis.queuePrefix);
  });
  afterAll(() => hub.close());

  it('creates the first admin with a password read from stdin, who can then log in and list users', async () => {
    const created = await runCli(
      ['user:create', '--username', 'Ops.Admin', '--name', '运维管理员', '--unit', 'pingdu-big-data', '--roles', 'admin', '--password-stdin'],
      env,
      'a-long-admin-password\n',
    );
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toMatch(/^created ops\.admin \(admin\) in unit pingdu-big-data$/m);
    expect(created.stdout).not.toMatch(/password:/);
    const token = await login(hub.baseUrl, 'ops.admin', 'a-long-admin-password');
    const users = await call(hub.baseUrl, 'GET', '/api/v1/admin/users', { token });
    expect(users.status).toBe(200);
    expect(users.body.find((u: { username: string }) => u.username === 'ops.admin')).toMatchObject({ roles: ['admin'], disabled: false });
  });

  it('generates and prints a password when none is piped', async () => {
    const created = await runCli(['user:create', '--username', 'duty', '--name', '值班员', '--unit', 'pingdu-office', '--roles', 'dispatcher'], env);
    expect(created.code).toBe(0);
    const password = /^password: (\S+)$/m.exec(created.stdout)?.[1];
    expect(password).toHaveLength(16);
    expect((await call(hub.baseUrl, 'POST', '/api/v1/staff/login', { body: { username: 'duty', password } })).status).toBe(200);
  });

  it('lists accounts, the demo ones included', async () => {
    const listed = await runCli(['user:list'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^pingdu-construction\.handler\s+handler\s+pingdu-construction\s+市城乡建设局承办人$/m);
  });

  it.each<[string, string[], string, RegExp]>([
    ['an unknown unit', ['--unit', 'nowhere', '--roles', 'handler'], 'a-long-password-1\n', /unit: no unit with code nowhere/],
    ['an unknown role', ['--unit', 'pingdu-office', '--roles', 'boss'], 'a-long-password-1\n', /roles\.0: a role is one of handler, reviewer, dispatcher, monitor, admin/],
    ['a short password', ['--unit', 'pingdu-office', '--roles', 'handler'], 'short\n', /password: a password has 10 to 200 characters/],
  ])('refuses %s (exit 1, nothing written)', async (_case, args, stdin, message) => {
    const run = await runCli(['user:create', '--username', 'refused', '--name', 'x', ...args, '--password-stdin'], env, stdin);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(await hub.dataSource.query(`SELECT 1 FROM staff_users WHERE username = 'refused'`)).toEqual([]);
  });

  it('refuses a taken username', async () => {
    const run = await runCli(
      ['user:create', '--username', 'pingdu-office.handler', '--name', 'x', '--unit', 'pingdu-office', '--roles', 'handler', '--password-stdin'],
      env,
      'a-long-password-1\n',
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/the username pingdu-office\.handler is taken/);
  });
});

describe('migration 1764100000000-Workbench', () => {
  it('goes down and up again', () =>
    withMigrationRunner(async (runner) => {
      const tables = async () =>
        (await runner.query(`SELECT to_regclass('public.staff_users') AS users, to_regclass('public.ticket_replies') AS replies`))[0];
      expect(await tables()).toEqual({ users: 'staff_users', replies: 'ticket_replies' });
      await downAndUp(runner, Workbench1764100000000, async () => expect(await tables()).toEqual({ users: null, replies: null }));
      expect(await tables()).toEqual({ users: 'staff_users', replies: 'ticket_replies' });
    }));
});
