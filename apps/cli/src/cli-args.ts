/** The CLI's command line, parsed without Nest so that a typo is answered before anything connects. */
export type CliCommand =
  | { readonly command: 'help' }
  | { readonly command: 'calendar:list' }
  | {
      readonly command: 'calendar:load';
      readonly file: string;
      readonly year?: number;
      readonly source?: string;
      readonly notice?: string;
    }
  | { readonly command: 'user:list' }
  | { readonly command: 'routing:import'; readonly file: string; readonly source?: string }
  /** Replays a message stream (default: the demo city's) into intake, times shifted so that it ends now. */
  | { readonly command: 'monitor:demo'; readonly file?: string }
  | {
      readonly command: 'user:create';
      readonly username: string;
      readonly displayName: string;
      readonly unit: string;
      readonly roles: string[];
      /** Read the password from the first line of stdin; otherwise a random one is made and printed once. */
      readonly passwordFromStdin: boolean;
    };

export const USAGE = `Usage: npm run cli -- <command>

  calendar:load <file.json|file.ics> [--year YYYY] [--source URL] [--notice TITLE]
      Loads or replaces one year of holidays and 调休 make-up working days, validated like the admin API.
      JSON: { year, source, notice?, holidays, workdays } (--year, when given, must match).
      iCalendar: --year picks the year when the file covers several; --source is the notice's URL when the
      file has no SOURCE or URL property; --notice is the notice's title.
  calendar:list
      Lists the loaded years with their sources.
  user:create --username NAME --name DISPLAY_NAME --unit UNIT_CODE --roles ROLE[,ROLE] [--password-stdin]
      Creates a staff account (the first admin: --roles admin). Roles: handler, reviewer, dispatcher, monitor,
      admin. Without --password-stdin a random password is generated and printed once.
  user:list
      Lists the staff accounts.
  routing:import <file.csv|file.jsonl> [--source NAME]
      Imports handled tickets from before the hub for the unit model: a CSV with a header row or JSON Lines,
      each with text (or title and body), unit (code or name) and date. Importing a file again adds nothing.
  monitor:demo [--file FILE.jsonl]
      Replays a message stream (default config/demo/monitor-stream.jsonl) into intake, its times shifted so
      that it ends now; the running workers analyze, route and monitor the messages. Lines on channel
      weibo-mention or weibo-comment are public Weibo posts of a demo account. Replaying it again adds
      nothing (each message keeps its id).`;

interface CommandSpec {
  /** Options that take a value. */
  options: readonly string[];
  /** Options without a value. */
  flags?: readonly string[];
  positional: number;
}

const SPECS: Record<Exclude<CliCommand['command'], 'help'>, CommandSpec> = {
  'calendar:list': { options: [], positional: 0 },
  'calendar:load': { options: ['--year', '--source', '--notice'], positional: 1 },
  'user:list': { options: [], positional: 0 },
  'routing:import': { options: ['--source'], positional: 1 },
  'monitor:demo': { options: ['--file'], positional: 0 },
  'user:create': { options: ['--username', '--name', '--unit', '--roles'], flags: ['--password-stdin'], positional: 0 },
};

type Parsed = { positional: string[]; options: Map<string, string>; flags: Set<string> };

function parseOptions(name: string, spec: CommandSpec, rest: readonly string[]): Parsed | { error: string } {
  const parsed: Parsed = { positional: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i];
    if (!arg.startsWith('--')) {
      parsed.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const option = eq < 0 ? arg : arg.slice(0, eq);
    if (spec.flags?.includes(option) && eq < 0) {
      parsed.flags.add(option);
      continue;
    }
    if (!spec.options.includes(option)) return { error: `unknown option ${option}` };
    const value = eq < 0 ? rest[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '') return { error: `${option} needs a value` };
    if (parsed.options.has(option)) return { error: `${option} is given twice` };
    parsed.options.set(option, value);
  }
  if (parsed.positional.length !== spec.positional) {
    return {
      error:
        spec.positional === 0
          ? `${name} takes no arguments, got ${parsed.positional.join(' ')}`
          : `${name} takes exactly ${spec.positional === 1 ? 'one file' : `${spec.positional} arguments`}`,
    };
  }
  return parsed;
}

/** Parsed command, or `{ error }` for a usage mistake (exit status 2). */
export function parseCliArgs(argv: readonly string[]): CliCommand | { readonly error: string } {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (!Object.hasOwn(SPECS, command)) return { error: `unknown command ${JSON.stringify(command)}` };
  const name = command as keyof typeof SPECS;
  const parsed = parseOptions(name, SPECS[name], rest);
  if ('error' in parsed) return parsed;
  const { options, positional, flags } = parsed;
  switch (name) {
    case 'calendar:list':
    case 'user:list':
      return { command: name };
    case 'calendar:load': {
      const year = options.get('--year');
      if (year !== undefined && !/^\d{4}$/.test(year)) return { error: `--year must be a four-digit year, got ${year}` };
      return {
        command: name,
        file: positional[0],
        ...(year === undefined ? {} : { year: Number(year) }),
        ...(options.has('--source') ? { source: options.get('--source') } : {}),
        ...(options.has('--notice') ? { notice: options.get('--notice') } : {}),
      };
    }
    case 'monitor:demo':
      return options.has('--file') ? { command: name, file: options.get('--file') } : { command: name };
    case 'user:create': {
      const missing = ['--username', '--name', '--unit', '--roles'].filter((o) => !options.has(o));
      if (missing.length) return { error: `user:create needs ${missing.join(', ')}` };
      return {
        command: name,
        username: options.get('--username') as string,
        displayName: options.get('--name') as string,
        unit: options.get('--unit') as string,
        roles: (options.get('--roles') as string).split(',').map((r) => r.trim()).filter(Boolean),
        passwordFromStdin: flags.has('--password-stdin'),
      };
    }
    case 'routing:import':
      return { command: name, file: positional[0], ...(options.has('--source') ? { source: options.get('--source') } : {}) };
  }
}
