import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { createStaffUser, listStaffUsers } from '@wenzheng/auth';
import { CalendarDataError, CalendarStore } from '@wenzheng/calendar';
import { ConfigError, HubConfig, loadHubConfig } from '@wenzheng/config';
import { prepareDatabase } from '@wenzheng/database';
import { DomainError, InputError } from '@wenzheng/errors';
import { HistoryFileError, importRoutingHistory } from '@wenzheng/routing';
import { CliCommand, USAGE, parseCliArgs } from './cli-args';
import { CliModule } from './cli.module';
import { operatorPath } from './operator-files';
import { replayMonitorDemo } from './monitor-demo';

const ACTOR = 'cli';

/** A mistake in the operator's input: printed as is, exit status 1. */
class CliInputError extends Error {}

function fail(message: string): never {
  throw new CliInputError(message);
}

type LoadCommand = Extract<CliCommand, { command: 'calendar:load' }>;

async function load(store: CalendarStore, args: LoadCommand, bytes: Buffer): Promise<void> {
  const kind = extname(args.file).toLowerCase();
  let line: string;
  if (kind === '.json') {
    if (args.source !== undefined || args.notice !== undefined) fail('--source and --notice are for .ics files; a JSON file holds its own');
    let data: unknown;
    try {
      data = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      return fail(`${args.file}: is not valid JSON: ${(error as Error).message}`);
    }
    const result = args.year === undefined ? await store.load(data, ACTOR) : await store.loadYear(args.year, data, ACTOR);
    const summary = store.years().find((y) => y.year === result.year);
    line = `${result.replaced ? 'replaced' : 'loaded'} ${result.year} from ${args.file}: ${summary?.holidays} holiday(s), ${summary?.workdays} make-up workday(s), source ${summary?.source}`;
  } else {
    const result = await store.loadIcs(bytes, ACTOR, { year: args.year, source: args.source, notice: args.notice, origin: args.file });
    const summary = store.years().find((y) => y.year === result.year);
    line =
      `${result.replaced ? 'replaced' : 'loaded'} ${result.year} from ${args.file}: ${result.holidays} holiday(s), ${result.workdays} make-up workday(s) ` +
      `from ${result.usedEvents} event(s) (${result.skippedEvents} skipped), source ${summary?.source}`;
  }
  console.log(line);
  console.log('open deadlines that touch the year or were provisional are being re-timed by the workers');
}

function list(store: CalendarStore): void {
  const years = store.years();
  if (years.length === 0) console.log('no calendar year loaded');
  for (const y of years) {
    console.log(
      `${y.year}  ${String(y.holidays).padStart(2)} holidays  ${String(y.workdays).padStart(2)} make-up workdays  ` +
        `loaded ${y.loadedAt.toISOString()} by ${y.loadedBy}  ${y.source}${y.notice ? `  ${y.notice}` : ''}`,
    );
  }
}

type CreateUserCommand = Extract<CliCommand, { command: 'user:create' }>;

async function readFirstLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

async function createUser(dataSource: DataSource, args: CreateUserCommand): Promise<void> {
  const generated = !args.passwordFromStdin;
  const password = generated ? randomBytes(12).toString('base64url') : await readFirstLine();
  const user = await dataSource.transaction((manager) =>
    createStaffUser(manager, { username: args.username, displayName: args.displayName, unit: args.unit, roles: args.roles, password }),
  );
  console.log(`created ${user.username} (${user.roles.join(', ')}) in unit ${args.unit}`);
  if (generated) console.log(`password: ${password}\n(shown once; change it after the first login through PATCH /api/v1/admin/users/${user.id})`);
}

async function listUsers(dataSource: DataSource): Promise<void> {
  const users = await listStaffUsers(dataSource.manager);
  if (users.length === 0) console.log('no staff account');
  for (const u of users) {
    console.log(`${u.username.padEnd(36)} ${u.roles.join(',').padEnd(20)} ${u.unit.code.padEnd(26)} ${u.displayName}${u.disabled ? '  (disabled)' : ''}`);
  }
}

type ImportCommand = Extract<CliCommand, { command: 'routing:import' }>;

async function importHistory(dataSource: DataSource, args: ImportCommand, bytes: Buffer): Promise<void> {
  const format = extname(args.file).toLowerCase() === '.csv' ? 'csv' : 'jsonl';
  try {
    const result = await importRoutingHistory(dataSource.manager, bytes.toString('utf8'), format, args.source ?? basename(args.file));
    console.log(`read ${result.read} handled ticket(s) from ${args.file}: ${result.added} added, ${result.known} already imported`);
    console.log('the next retraining (nightly, or POST /api/v1/admin/routing/retrain) learns from them');
  } catch (error) {
    if (error instanceof HistoryFileError) fail(`${args.file}: ${error.message}`);
    throw error;
  }
}

const FILE_KINDS: Partial<Record<CliCommand['command'], readonly string[]>> = {
  'calendar:load': ['.json', '.ics'],
  'routing:import': ['.csv', '.jsonl'],
};

async function run(config: HubConfig, command: Exclude<CliCommand, { command: 'help' }>): Promise<void> {
  let bytes: Buffer | undefined;
  const kinds = FILE_KINDS[command.command];
  const file = 'file' in command ? command.file : undefined;
  if (kinds && file !== undefined) {
    if (!kinds.includes(extname(file).toLowerCase())) fail(`${file}: ${command.command} reads ${kinds.join(' or ')} files`);
    try {
      bytes = readFileSync(operatorPath(file));
    } catch (error) {
      fail(`${file}: cannot be read: ${(error as Error).message}`);
    }
  }
  if (command.command === 'monitor:demo') {
    const file = command.file === undefined ? join(config.demo.directory, 'monitor-stream.jsonl') : operatorPath(command.file);
    const { total, added } = await replayMonitorDemo(config, file);
    console.log(`replayed ${total} message(s) ending now, ${added} new; the workers analyze and monitor them`);
    console.log('see them at /console/#/monitor as pingdu-cyberspace.monitor');
    return;
  }
  await prepareDatabase(config);
  const app = await NestFactory.createApplicationContext(CliModule.create(config), { logger: ['error', 'warn'] });
  try {
    const store = app.get(CalendarStore);
    if (command.command === 'calendar:list') list(store);
    else if (command.command === 'calendar:load') await load(store, command, bytes as Buffer);
    else if (command.command === 'user:list') await listUsers(app.get(DataSource));
    else if (command.command === 'routing:import') await importHistory(app.get(DataSource), command, bytes as Buffer);
    else await createUser(app.get(DataSource), command);
  } finally {
    await app.close();
  }
}

/** Exit status: 0 done, 1 refused or failed, 2 usage. */
async function main(argv: readonly string[]): Promise<number> {
  const command = parseCliArgs(argv);
  if ('error' in command) {
    console.error(`${command.error}\n\n${USAGE}`);
    return 2;
  }
  if (command.command === 'help') {
    console.log(USAGE);
    return 0;
  }
  try {
    await run(loadHubConfig(), command);
    return 0;
  } catch (error) {
    if (error instanceof InputError) {
      console.error(`${error.field}: ${error.message}`);
    } else if (error instanceof CliInputError || error instanceof CalendarDataError || error instanceof ConfigError || error instanceof DomainError) {
      console.error(error.message);
    } else {
      console.error('failed:', error);
    }
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
