import { DatasetError, Example, parseExamples } from './dataset';

describe('parseExamples', () => {
  it.each<[string, string, Example[]]>([
    ['one line', '{"text": "小区 停水", "label": "城乡建设"}', [{ text: '小区 停水', label: '城乡建设' }]],
    [
      'several lines, blank ones and CRLF skipped',
      '{"text":"a","label":"x"}\r\n\r\n   \n{"text":"b","label":"y"}\n',
      [
        { text: 'a', label: 'x' },
        { text: 'b', label: 'y' },
      ],
    ],
    ['a byte-order mark', '\uFEFF{"text":"a","label":"x"}', [{ text: 'a', label: 'x' }]],
    ['text and label trimmed', '{"text":"  小区 停水 ","label":" 城乡建设\\n"}', [{ text: '小区 停水', label: '城乡建设' }]],
    ['title and body joined', '{"title":"停水","body":"三天 没有 水","label":"城乡建设"}', [{ text: '停水 三天 没有 水', label: '城乡建设' }]],
    ['a title alone', '{"title":"停水","label":"城乡建设"}', [{ text: '停水', label: '城乡建设' }]],
    ['a body alone', '{"body":"三天 没有 水","label":"城乡建设"}', [{ text: '三天 没有 水', label: '城乡建设' }]],
    ['text wins over title and body', '{"text":"t","title":"x","body":"y","label":"l"}', [{ text: 't', label: 'l' }]],
    ['other fields ignored', '{"text":"t","label":"l","id":7}', [{ text: 't', label: 'l' }]],
    ['nothing', '\n\n', []],
  ])('reads %s', (_, jsonl, expected) => {
    expect(parseExamples(jsonl)).toEqual(expected);
  });

  it.each<[string, string, string]>([
    ['broken JSON on line 2', '{"text":"a","label":"x"}\n{"text": "b", "label"', 'train.jsonl line 2: not valid JSON'],
    ['an array', '[1, 2]', 'train.jsonl line 1: expected an object with "text" and "label"'],
    ['a string', '"text"', 'train.jsonl line 1: expected an object'],
    ['null', 'null', 'train.jsonl line 1: expected an object'],
    ['no label, line numbers counting blank lines', '\n\n{"text":"a"}', 'train.jsonl line 3: missing "label"'],
    ['a numeric label', '{"text":"a","label":3}', 'train.jsonl line 1: "label" must be a string'],
    ['an empty label', '{"text":"a","label":"  "}', 'train.jsonl line 1: "label" is empty'],
    ['no text', '{"label":"x"}', 'train.jsonl line 1: missing "text" (or "title" and "body")'],
    ['a numeric text', '{"text":5,"label":"x"}', 'train.jsonl line 1: "text" must be a string'],
    ['a numeric body', '{"title":"a","body":5,"label":"x"}', 'train.jsonl line 1: "body" must be a string'],
    ['an empty text', '{"text":" \\t ","label":"x"}', 'train.jsonl line 1: the text is empty'],
    ['an empty title and body', '{"title":"","body":" ","label":"x"}', 'train.jsonl line 1: the text is empty'],
  ])('refuses %s', (_, jsonl, message) => {
    let caught: unknown;
    try {
      parseExamples(jsonl, 'train.jsonl');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DatasetError);
    expect((caught as Error).message).toContain(message);
  });
});
