import { z } from 'zod';
import { parseInput, requiredText } from '@wenzheng/errors';
import { MESSAGE_KINDS } from '@wenzheng/routing';

export const BODY_MAX_CHARS = 5000;
export const TITLE_MAX_CHARS = 200;

/** The portal mailbox (市长信箱) submission. Unknown fields are refused so a typo in a field name is not silently lost. */
export const portalMessageSchema = z
  .object({
    title: requiredText('title', TITLE_MAX_CHARS),
    body: requiredText('body', BODY_MAX_CHARS),
    kind: z.enum(MESSAGE_KINDS, { error: `kind must be one of ${MESSAGE_KINDS.join(', ')}` }),
    name: requiredText('name', 50).optional(),
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

/** Parses a submission or throws an InputError naming the first bad field. */
export function parsePortalMessage(input: unknown): PortalMessageDto {
  return parseInput(portalMessageSchema, input);
}
