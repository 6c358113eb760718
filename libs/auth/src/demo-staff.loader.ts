import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { parseInput } from '@wenzheng/errors';
import { STAFF_ROLES, STAFF_ROLE_TEXT } from './staff-role';
import { createStaffUser } from './staff-users';

const demoStaffSchema = z
  .object({
    password: z.string(),
    /** Every unit gets one account per role listed here, named `<unit code>.<role>`. */
    perUnit: z.array(z.enum(STAFF_ROLES)),
    /** And the units of these kinds get these extra roles (e.g. dispatcher units a dispatcher). */
    perUnitKind: z.record(z.string(), z.array(z.enum(STAFF_ROLES))),
    users: z.array(z.object({ username: z.string(), displayName: z.string(), unit: z.string(), roles: z.array(z.enum(STAFF_ROLES)) })),
  })
  .strict();



/** Demo staff accounts (documented password) when there is none yet; runs with the demo city under the boot lock. */
export async function loadDemoStaffIfEmpty(manager: EntityManager, directory: string): Promise<number> {
  const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM staff_users`);
  if (count > 0) return 0;
  const demo = parseInput(demoStaffSchema, JSON.parse(readFileSync(join(directory, 'staff.json'), 'utf8')), 'staff.json');
  const units: { code: string; name: string; kind: string }[] = await manager.query(`SELECT code, name, kind FROM units ORDER BY code`);
  const accounts = [
    ...units.flatMap((unit) =>
      [...demo.perUnit, ...(demo.perUnitKind[unit.kind] ?? [])].map((role) => ({
        username: `${unit.code}.${role}`,
        displayName: `${unit.name}${STAFF_ROLE_TEXT[role]}`,
        unit: unit.code,
        roles: [role],
      })),
    ),
    ...demo.users,
  ];
  await manager.transaction(async (tx) => {
    for (const account of accounts) await createStaffUser(tx, { ...account, password: demo.password });
  });
  return accounts.length;
}
