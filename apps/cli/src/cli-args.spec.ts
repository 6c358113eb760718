import { parseCliArgs } from './cli-args';

describe('parseCliArgs', () => {
  it.each<[string, string[], unknown]>([
    ['no command', [], { command: 'help' }],
    ['--help', ['--help'], { command: 'help' }],
    ['list', ['calendar:list'], { command: 'calendar:list' }],
    ['a JSON file', ['calendar:load', '2027.json'], { command: 'calendar:load', file: '2027.json' }],
    [
      'an ICS file with every option, both spellings',
      ['calendar:load', '--year', '2027', 'feed.ics', '--source=https://www.gov.cn/x.htm', '--notice', '国务院办公厅通知'],
      { command: 'calendar:load', file: 'feed.ics', year: 2027, source: 'https://www.gov.cn/x.htm', notice: '国务院办公厅通知' },
    ],
    ['user list', ['user:list'], { command: 'user:list' }],
    ['the monitor demo', ['monitor:demo'], { command: 'monitor:demo' }],
    ['the monitor demo from a file', ['monitor:demo', '--file', 'week.jsonl'], { command: 'monitor:demo', file: 'week.jsonl' }],
    [
      'a new admin',
      ['user:create', '--username', 'ops', '--name=运维', '--unit', 'pingdu-big-data', '--roles', 'admin, dispatcher', '--password-stdin'],
      { command: 'user:create', username: 'ops', displayName: '运维', unit: 'pingdu-big-data', roles: ['admin', 'dispatcher'], passwordFromStdin: true },
    ],
    [
      'a new user without --password-stdin',
      ['user:create', '--username', 'ops', '--name', '运维', '--unit', 'pingdu-big-data', '--roles', 'admin'],
      { command: 'user:create', username: 'ops', displayName: '运维', unit: 'pingdu-big-data', roles: ['admin'], passwordFromStdin: false },
    ],
    ['a history file', ['routing:import', 'history-2025.csv'], { command: 'routing:import', file: 'history-2025.csv' }],
    ['a history file with its source', ['routing:import', 'h.jsonl', '--source', '2025 台账'], { command: 'routing:import', file: 'h.jsonl', source: '2025 台账' }],
  ])('reads %s', (_case, argv, expected) => {
    expect(parseCliArgs(argv)).toEqual(expected);
  });

  it.each<[string, string[], RegExp]>([
    ['an unknown command', ['calendar:drop'], /unknown command "calendar:drop"/],
    ['arguments to list', ['calendar:list', 'x'], /calendar:list takes no arguments/],
    ['no file', ['calendar:load'], /takes exactly one file/],
    ['two files', ['calendar:load', 'a.json', 'b.json'], /takes exactly one file/],
    ['an unknown option', ['calendar:load', 'a.json', '--force'], /unknown option --force/],
    ['an option without value', ['calendar:load', 'a.ics', '--year'], /--year needs a value/],
    ['an empty value', ['calendar:load', 'a.ics', '--source='], /--source needs a value/],
    ['a short year', ['calendar:load', 'a.ics', '--year', '27'], /--year must be a four-digit year, got 27/],
    ['an option twice', ['calendar:load', 'a.ics', '--year=2027', '--year=2028'], /--year is given twice/],
    ['a user without unit and roles', ['user:create', '--username', 'ops', '--name', 'x'], /user:create needs --unit, --roles/],
    ['a password on the command line', ['user:create', '--password', 'secret'], /unknown option --password/],
    ['a value for the stdin flag', ['user:create', '--password-stdin=yes'], /unknown option --password-stdin/],
    ['arguments to user:list', ['user:list', 'all'], /user:list takes no arguments/],
    ['a history import without a file', ['routing:import'], /routing:import takes exactly one file/],
  ])('refuses %s', (_case, argv, message) => {
    const parsed = parseCliArgs(argv);
    expect(parsed).toHaveProperty('error');
    expect((parsed as { error: string }).error).toMatch(message);
  });
});
