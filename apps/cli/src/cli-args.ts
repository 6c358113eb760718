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
    };

export const USAGE = `Usage: npm run cli -- <command>

  calendar:load <file.json|file.ics> [--year YYYY] [--source URL] [--notice TITLE]
      Loads or replaces one year of holidays and 调休 make-up working days, validated like the admin API.
      JSON: { year, source, notice?, holidays, workdays } (--year, when given, must match).
      iCalendar: --year picks the year when the file covers several; --source is the notice's URL when the
      file has no SOURCE or URL property; --notice is the notice's title.
  calendar:list
      Lists the loaded years with their sources.`;

const LOAD_OPTIONS = new Set(['--year', '--source', '--notice']);

/** Parsed command, or `{ error }` for a usage mistake (exit status 2). */
export function parseCliArgs(argv: readonly string[]): CliCommand | { readonly error: string } {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command === 'calendar:list') {
    return rest.length === 0 ? { command } : { error: `calendar:list takes no arguments, got ${rest.join(' ')}` };
  }
  if (command !== 'calendar:load') return { error: `unknown command ${JSON.stringify(command)}` };

  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!LOAD_OPTIONS.has(name)) return { error: `unknown option ${name}` };
    const value = eq < 0 ? rest[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '') return { error: `${name} needs a value` };
    if (options.has(name)) return { error: `${name} is given twice` };
    options.set(name, value);
  }
  if (positional.length !== 1) return { error: 'calendar:load takes exactly one file' };
  const year = options.get('--year');
  if (year !== undefined && !/^\d{4}$/.test(year)) return { error: `--year must be a four-digit year, got ${year}` };
  return {
    command,
    file: positional[0],
    ...(year === undefined ? {} : { year: Number(year) }),
    ...(options.has('--source') ? { source: options.get('--source') } : {}),
    ...(options.has('--notice') ? { notice: options.get('--notice') } : {}),
  };
}
