import type { StaffRole } from './staff-role';

/** The signed-in staff member as every service sees them: who, which unit, which roles. */
export interface StaffPrincipal {
  id: string;
  username: string;
  displayName: string;
  roles: StaffRole[];
  unit: { id: string; code: string; name: string; kind: string };
}
