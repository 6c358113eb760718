import type { EntityManager, EntityTarget, FindOptionsWhere } from 'typeorm';
import { StaffPrincipal, seesAllTickets } from '@wenzheng/auth';
import { NotFoundError, isUuid } from '@wenzheng/errors';

/**
 * A unit's record (publication, interpretation) for a staff member: their unit's, or any for dispatchers and monitors;
 * 404 otherwise, exactly like a missing one. `lock` takes the row lock for an action.
 */
export async function findInUnitScope<T extends { id: string; unitId: string | null }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  staff: StaffPrincipal,
  id: string,
  options: { lock: boolean; what: string },
): Promise<T> {
  const found = isUuid(id)
    ? await manager.findOne(entity, {
        where: { id } as FindOptionsWhere<T>,
        ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
      })
    : null;
  if (!found || !(seesAllTickets(staff.roles) || found.unitId === staff.unit.id)) throw new NotFoundError(`no ${options.what} ${id}`);
  return found;
}
