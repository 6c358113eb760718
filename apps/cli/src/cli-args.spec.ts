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
  ])('refuses %s', (_case, argv, message) => {
    const parsed = parseCliArgs(argv);
    expect(parsed).toHaveProperty('error');
    expect((parsed as { error: string }).error).toMatch(message);
  });
});
