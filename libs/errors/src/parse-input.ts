import { z } from 'zod';
import { InputError } from './domain-errors';

/** Parses a request body or query with a zod schema, or throws an InputError naming the first bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'the request body'): z.output<S> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InputError('(body)', `${what} must be a JSON object`);
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue.code === 'unrecognized_keys') throw new InputError(issue.keys[0], `unknown field: ${issue.keys.join(', ')}`);
  throw new InputError(issue.path.map(String).join('.') || '(body)', issue.message);
}

/** A required, trimmed, bounded text field with messages that name it. */
export function requiredText(field: string, max: number) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be a string`) })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(max, `${field} must be at most ${max} characters`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from a URL are checked before they reach a uuid column (PostgreSQL would answer a syntax error). */
export const isUuid = (value: string): boolean => UUID.test(value);
