import { z } from 'zod';
import type { EntityManager } from 'typeorm';
import { InputError, StateError, parseInput, requiredText } from '@wenzheng/errors';
import { hashPassword } from './password';
import { STAFF_ROLES, StaffRole } from './staff-role';
import { StaffUserEntity } from './staff-user.entity';

const roles = z
  .array(z.enum(STAFF_ROLES, { error: `a role is one of ${STAFF_ROLES.join(', ')}` }), { error: 'roles must be a list' })
  .min(1, 'roles must name at least one role')
  .transform((list) => [...new Set(list)]);

export const newStaffUserSchema = z
  .object({
    username: z
      .string({ error: 'username is required' })
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'username is 3–64 letters, digits, . _ or -'),
    displayName: requiredText('displayName', 50),
    unit: requiredText('unit', 100),
    roles,
    password: z.string({ error: 'password is required' }),
  })
  .strict();
export type NewStaffUser = z.infer<typeof newStaffUserSchema>;

export const staffUserChangeSchema = z
  .object({
    displayName: requiredText('displayName', 50).optional(),
    roles: roles.optional(),
    password: z.string({ error: 'password must be a string' }).optional(),
    disabled: z.boolean({ error: 'disabled must be true or false' }).optional(),
  })
  .strict();
export type StaffUserChange = z.infer<typeof staffUserChangeSchema>;

export interface StaffUserView {
  id: string;
  username: string;
  displayName: string;
  roles: StaffRole[];
  unit: { code: string; name: string };
  disabled: boolean;
  createdAt: string;
}

/** Creates a staff account in the caller's transaction (admin API, CLI, demo city). `unit` is a unit code. */
export async function createStaffUser(manager: EntityManager, input: unknown): Promise<StaffUserEntity> {
  const user = parseInput(newStaffUserSchema, input);
  const [unit]: { id: string }[] = await manager.query(`SELECT id FROM units WHERE code = $1`, [user.unit]);
  if (!unit) throw new InputError('unit', `no unit with code ${user.unit}`);
  const passwordHash = await hashPassword(user.password);
  const inserted: { id: string }[] = await manager.query(
    `INSERT INTO staff_users (username, display_name, unit_id, roles, password_hash) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (username) DO NOTHING RETURNING id`,
    [user.username, user.displayName, unit.id, user.roles, passwordHash],
  );
  if (!inserted.length) throw new StateError(`the username ${user.username} is taken`);
  return manager.findOneByOrFail(StaffUserEntity, { id: inserted[0].id });
}

export async function listStaffUsers(manager: EntityManager): Promise<StaffUserView[]> {
  const rows = await manager.getRepository(StaffUserEntity).find({ relations: { unit: true }, order: { username: 'ASC' } });
  return rows.map(viewOf);
}

export function viewOf(user: StaffUserEntity & { unit?: { code: string; name: string } }): StaffUserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    unit: { code: user.unit?.code ?? '', name: user.unit?.name ?? '' },
    disabled: user.disabledAt !== null,
    createdAt: user.createdAt.toISOString(),
  };
}
