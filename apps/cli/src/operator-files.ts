import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DatasetError, Example, parseExamples } from '@wenzheng/routing';

/** A mistake of the operator's (a bad option or file): printed without a stack, exit code 2. */
export class UsageError extends Error {}

/** Paths are the operator's: `npm run` moves to the project root but keeps the original directory in INIT_CWD. */
export function operatorPath(file: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

/** The labelled examples of a JSONL file named by `option`, or a UsageError saying what is wrong with it. */
export function readExamples(option: string, file: string): Example[] {
  const path = operatorPath(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${option} ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    const examples = parseExamples(text, file);
    if (examples.length === 0) throw new UsageError(`${option} ${file}: holds no examples`);
    return examples;
  } catch (error) {
    if (error instanceof DatasetError) throw new UsageError(error.message);
    throw error;
  }
}
