/** One labelled message. */
export interface Example {
  readonly text: string;
  readonly label: string;
}

export class DatasetError extends Error {
  override readonly name = 'DatasetError';
}

/**
 * JSON Lines, one `{ "text", "label" }` object a line; a message exported as `title` and `body`
 * is accepted too and joined with a space. Blank lines are skipped; anything else that is not a
 * usable example stops the parse with the line number, since a silently dropped line would skew
 * every figure measured on the set.
 */
export function parseExamples(jsonl: string, source = 'dataset'): Example[] {
  const examples: Example[] = [];
  jsonl
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((raw, index) => {
      const line = raw.trim();
      if (line === '') return;
      const where = `${source} line ${index + 1}`;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch (error) {
        throw new DatasetError(`${where}: not valid JSON (${(error as Error).message})`);
      }
      if (typeof record !== 'object' || record === null || Array.isArray(record)) {
        throw new DatasetError(`${where}: expected an object with "text" and "label"`);
      }
      examples.push({ text: textOf(record as Record<string, unknown>, where), label: labelOf(record as Record<string, unknown>, where) });
    });
  return examples;
}

function labelOf(record: Record<string, unknown>, where: string): string {
  const label = record.label;
  if (label === undefined) throw new DatasetError(`${where}: missing "label"`);
  if (typeof label !== 'string') throw new DatasetError(`${where}: "label" must be a string`);
  if (label.trim() === '') throw new DatasetError(`${where}: "label" is empty`);
  return label.trim();
}

function textOf(record: Record<string, unknown>, where: string): string {
  let text: string;
  if (record.text !== undefined) {
    if (typeof record.text !== 'string') throw new DatasetError(`${where}: "text" must be a string`);
    text = record.text;
  } else if (record.title !== undefined || record.body !== undefined) {
    for (const field of ['title', 'body'] as const) {
      if (record[field] !== undefined && typeof record[field] !== 'string') {
        throw new DatasetError(`${where}: "${field}" must be a string`);
      }
    }
    text = `${(record.title as string | undefined) ?? ''} ${(record.body as string | undefined) ?? ''}`;
  } else {
    throw new DatasetError(`${where}: missing "text" (or "title" and "body")`);
  }
  text = text.trim();
  if (text === '') throw new DatasetError(`${where}: the text is empty`);
  return text;
}
