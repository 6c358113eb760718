import { HistoryFileError, parseHistoryFile } from './history-file';

const units = new Map([
  ['pingdu-health', 'pingdu-health'],
  ['市卫生计生局', 'pingdu-health'],
  ['pingdu-transport', 'pingdu-transport'],
]);
const codeOf = (unit: string) => units.get(unit);

describe('parseHistoryFile', () => {
  it('reads CSV with a header, quoted commas and line breaks, unit names or codes, dates in Shanghai', () => {
    const csv = '\uFEFFtitle,body,unit,date\n挂号难,"医院挂号,排队太久\n医生少",市卫生计生局,2025-03-01\n公交少,班次太少,pingdu-transport,2025-03-02T09:30:00+08:00\n';
    expect(parseHistoryFile(csv, 'csv', codeOf)).toEqual([
      { text: '挂号难\n医院挂号,排队太久\n医生少', unit: 'pingdu-health', occurredAt: new Date('2025-02-28T16:00:00Z') },
      { text: '公交少\n班次太少', unit: 'pingdu-transport', occurredAt: new Date('2025-03-02T01:30:00Z') },
    ]);
  });

  it('reads JSON Lines with text, skipping blank lines', () => {
    const jsonl = '{"text":"疫苗预约","unit":"pingdu-health","date":"2025-05-05"}\n\n{"title":"路","body":"公交","unit":"pingdu-transport","date":"2025-05-06"}\n';
    expect(parseHistoryFile(jsonl, 'jsonl', codeOf).map((r) => [r.text, r.unit])).toEqual([
      ['疫苗预约', 'pingdu-health'],
      ['路\n公交', 'pingdu-transport'],
    ]);
  });

  it.each([
    ['csv', 'text,unit,date\n,pingdu-health,2025-01-01\n', /^line 2: needs "text", or "title" and "body"/],
    ['csv', 'text,unit,date\n挂号,pingdu-nowhere,2025-01-01\n', /^line 2: no unit with the code or name "pingdu-nowhere"/],
    ['csv', 'text,unit,date\n挂号,pingdu-health,yesterday\n', /^line 2: "date" must be a date/],
    ['csv', 'text,unit\n挂号,pingdu-health\n', /^line 2: "date" must be a date/],
    ['csv', 'text,unit,date\n"挂号,pingdu-health,2025-01-01\n', /^not valid CSV/],
    ['csv', 'text,unit,date\n"多行\n文本",,2025-01-01\n', /^line 3: needs "unit"/],
    ['jsonl', '{"text":"a","unit":"pingdu-health","date":"2025-01-01"}\nnot json\n', /^line 2: not valid JSON/],
    ['jsonl', '[1,2]\n', /^line 1: expected an object/],
  ] as const)('refuses bad %s input naming the line: %j', (format, content, message) => {
    expect(() => parseHistoryFile(content, format, codeOf)).toThrow(HistoryFileError);
    expect(() => parseHistoryFile(content, format, codeOf)).toThrow(message);
  });
});
