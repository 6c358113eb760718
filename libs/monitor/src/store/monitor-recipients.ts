import type { EntityManager } from 'typeorm';
import type { Notice } from '@wenzheng/notifications';

/** The units with an enabled monitor (网信办) account: alerts and case news go to their monitor role. */
export async function monitorRecipients(manager: EntityManager): Promise<Pick<Notice, 'recipientUnitId' | 'recipientRole'>[]> {
  const units: { unit_id: string }[] = await manager.query(
    `SELECT DISTINCT unit_id FROM staff_users WHERE 'monitor' = ANY (roles) AND disabled_at IS NULL ORDER BY unit_id`,
  );
  return units.map((u) => ({ recipientUnitId: u.unit_id, recipientRole: 'monitor' as const }));
}
