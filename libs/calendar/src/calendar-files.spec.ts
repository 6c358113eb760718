import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCalendarDirectory, readCalendarDirectory, readYearScheduleFile } from './calendar-files';
import { CalendarDataError } from './year-schedule';

const CONFIG_DIR = resolve(__dirname, '../../../config/calendar');

function year(y: number, patch: Record<string, unknown> = {}): string {
  return JSON.stringify({
    year: y,
    source: `https://example.test/${y}`,
    holidays: [`${y}-01-01`],
    workdays: [],
    ...patch,
  });
}

describe('the shipped config/calendar directory', () => {
  it('loads 2024, 2025 and 2026, each with its gov.cn notice', () => {
    const schedules = readCalendarDirectory(CONFIG_DIR);
    expect(schedules.map((s) => [s.year, s.source])).toEqual([
      [2024, 'https://www.gov.cn/zhengce/content/202310/content_6911527.htm'],
      [2025, 'https://www.gov.cn/zhengce/content/202411/content_6986382.htm'],
      [2026, 'https://www.gov.cn/zhengce/content/202511/content_7047090.htm'],
    ]);
    expect(loadCalendarDirectory(CONFIG_DIR).years()).toEqual([2024, 2025, 2026]);
  });
});

describe('loadCalendarDirectory', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wenzheng-calendar-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function write(name: string, text: string): void {
    writeFileSync(join(dir, name), text);
  }

  function errorOf(run: () => unknown): CalendarDataError {
    try {
      run();
    } catch (error) {
      if (error instanceof CalendarDataError) return error;
      throw error;
    }
    throw new Error('expected a CalendarDataError');
  }

  it('reads every <year>.json in year order and ignores other files', () => {
    write('2031.json', year(2031));
    write('2030.json', year(2030));
    write('README.md', '# calendar');
    write('.gitkeep', '');
    const calendar = loadCalendarDirectory(dir);
    expect(calendar.years()).toEqual([2030, 2031]);
    expect(calendar.isWorkingDay('2031-01-01')).toBe(false);
  });

  it.each<[string, () => void, RegExp]>([
    ['a file whose name is not its year', () => write('2030.json', year(2031)), /2030\.json: holds the data for 2031, not 2030/],
    ['a misnamed JSON file', () => write('calendar-2030.json', year(2030)), /calendar-2030\.json: calendar files are named <year>\.json/],
    ['a JSON syntax error', () => write('2030.json', '{ "year": 2030,'), /2030\.json: is not valid JSON/],
    ['invalid data', () => write('2030.json', year(2030, { workdays: ['2030-01-02'] })), /calendar data for 2030 \(.*2030\.json\) is invalid: make-up workday 2030-01-02 is a Wednesday/],
    ['a directory named like a year file', () => mkdirSync(join(dir, '2030.json')), /2030\.json: is not a file/],
    ['no year file at all', () => write('notes.txt', 'nothing'), /has no <year>\.json file/],
  ])('refuses %s', (_case, arrange, message) => {
    arrange();
    expect(errorOf(() => loadCalendarDirectory(dir)).message).toMatch(message);
  });

  it('refuses a directory that does not exist', () => {
    expect(errorOf(() => loadCalendarDirectory(join(dir, 'missing'))).message).toMatch(
      /calendar directory .*missing cannot be read: ENOENT/,
    );
  });

  it('readYearScheduleFile checks one file the same way', () => {
    write('2030.json', year(2030));
    expect(readYearScheduleFile(join(dir, '2030.json')).year).toBe(2030);
    expect(errorOf(() => readYearScheduleFile(join(dir, '2029.json'))).message).toMatch(/2029\.json: cannot be read/);
    expect(errorOf(() => readYearScheduleFile(join(dir, 'x.json'))).message).toMatch(/x\.json: calendar files are named/);
  });
});
