import { z } from 'zod';
import { MESSAGE_KINDS } from '@wenzheng/routing';

export const BODY_MAX_CHARS = 5000;
export const TITLE_MAX_CHARS = 200;

const text = (field: string, max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be a string`) })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(max, `${field} must be at most ${max} characters`);

/** The portal mailbox (市长信箱) submission. Unknown fields are refused so a typo in a field name is not silently lost. */
export const portalMessageSchema = z
  .object({
    title: text('title', TITLE_MAX_CHARS),
    body: text('body', BODY_MAX_CHARS),
    kind: z.enum(MESSAGE_KINDS, { error: `kind must be one of ${MESSAGE_KINDS.join(', ')}` }),
    name: text('name', 50).optional(),
    phone: z
      .string({ error: 'phone must be a string' })
      .trim()
      .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{7,8})$/, 'phone must be a mainland mobile or landline number')
      .optional(),
    publicConsent: z.boolean({ error: 'publicConsent must be true or false' }),
    clientRequestId: z
      .string({ error: 'clientRequestId must be a string' })
      .regex(/^[A-Za-z0-9_-]{8,64}$/, 'clientRequestId must be 8–64 letters, digits, _ or -')
      .optional(),
  })
  .strict();

export type PortalMessageDto = z.infer<typeof portalMessageSchema>;

export class PortalInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'PortalInputError';
  }
}

/** Parses a submission or throws a PortalInputError naming the first bad field. */
export function parsePortalMessage(input: unknown): PortalMessageDto {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new PortalInputError('(body)', 'the request body must be a JSON object');
  }
  const parsed = portalMessageSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    throw new PortalInputError(issue.keys[0], `unknown field: ${issue.keys.join(', ')}`);
  }
  throw new PortalInputError(String(issue.path[0] ?? '(body)'), issue.message);
}
