import { z } from 'zod';
import { requiredText } from '@wenzheng/errors';
import { MESSAGE_KINDS } from '@wenzheng/routing';
import { TICKET_STATUSES } from '@wenzheng/tickets';

const list = <T extends string>(values: readonly [T, ...T[]], field: string) =>
  z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values, { error: `${field} must be among ${values.join(', ')}` })));

export const ticketListQuerySchema = z
  .object({
    status: list(TICKET_STATUSES, 'status').optional(),
    kind: list(MESSAGE_KINDS, 'kind').optional(),
    dueBefore: z.iso.datetime({ offset: true, error: 'dueBefore must be an ISO date-time' }).transform((v) => new Date(v)).optional(),
    overdue: z.enum(['true', 'false'], { error: 'overdue must be true or false' }).transform((v) => v === 'true').optional(),
    q: z.string().trim().max(100, 'q must be at most 100 characters').optional(),
    page: z.string().regex(/^\d+$/, 'page must be a whole number').transform(Number).pipe(z.number().int().min(1, 'page starts at 1').max(100000)).default(1),
    pageSize: z.string().regex(/^\d+$/, 'pageSize must be a whole number').transform(Number).pipe(z.number().int().min(1).max(100, 'pageSize must be at most 100')).default(20),
  })
  .strict();
export type TicketListQuery = z.output<typeof ticketListQuerySchema>;

export const REPLY_MAX_CHARS = 10000;

export const emptySchema = z.object({}).strict();
export const replySchema = z.object({ body: requiredText('body', REPLY_MAX_CHARS) }).strict();
export const approveSchema = z.object({ comment: z.string({ error: 'comment must be a string' }).trim().max(1000).optional() }).strict();
export const rejectSchema = z.object({ comment: requiredText('comment', 1000) }).strict();
export const returnSchema = z.object({ reason: requiredText('reason', 1000) }).strict();
export const assignSchema = z
  .object({
    leadUnit: requiredText('leadUnit', 100),
    assistingUnits: z.array(requiredText('assistingUnits', 100), { error: 'assistingUnits must be a list of unit codes' }).max(10).default([]),
  })
  .strict();
export const mergeSchema = z.object({ into: requiredText('into', 40) }).strict();
export const textSchema = z.object({ body: requiredText('body', 5000) }).strict();
export const extensionRequestSchema = z
  .object({
    length: z.number({ error: 'length must be a number of working days' }).int('length must be whole days').min(1, 'length must be at least 1').max(60, 'length must be at most 60'),
    reason: requiredText('reason', 1000),
  })
  .strict();
export const extensionDecisionSchema = z
  .object({
    approve: z.boolean({ error: 'approve must be true or false' }),
    note: z.string({ error: 'note must be a string' }).trim().max(1000).optional(),
  })
  .strict();
