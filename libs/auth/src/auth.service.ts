import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthenticationError } from '@wenzheng/errors';
import { LoginThrottle } from './login-throttle';
import { passwordMatches } from './password';
import { SessionStore } from './session.store';
import type { StaffPrincipal } from './staff-principal';

export const SESSION_STORE = Symbol('SESSION_STORE');
export const LOGIN_THROTTLE = Symbol('LOGIN_THROTTLE');

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: StaffPrincipal;
}

interface PrincipalRow {
  id: string;
  username: string;
  display_name: string;
  roles: StaffPrincipal['roles'];
  password_hash: string;
  unit_id: string;
  unit_code: string;
  unit_name: string;
  unit_kind: string;
}

const PRINCIPAL_SQL = `
  SELECT u.id, u.username, u.display_name, u.roles, u.password_hash,
         n.id AS unit_id, n.code AS unit_code, n.name AS unit_name, n.kind AS unit_kind
    FROM staff_users u JOIN units n ON n.id = u.unit_id
   WHERE u.disabled_at IS NULL AND`;

/** Login, logout and the per-request check. The user row is read on every request, so disabling an account bites at once. */
@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    @Inject(LOGIN_THROTTLE) private readonly throttle: LoginThrottle,
  ) {}

  async login(username: string, password: string, address: string): Promise<LoginResult> {
    const name = username.trim().toLowerCase();
    await this.throttle.check(name, address);
    const [row]: PrincipalRow[] = await this.dataSource.query(`${PRINCIPAL_SQL} u.username = $1`, [name]);
    if (!(await passwordMatches(row?.password_hash ?? null, password))) {
      await this.throttle.failed(name, address);
      throw new AuthenticationError('wrong username or password');
    }
    await this.throttle.succeeded(name);
    const { token, session } = await this.sessions.create(row.id);
    return { token, expiresAt: session.expiresAt, user: principalOf(row) };
  }

  async authenticate(token: string): Promise<{ user: StaffPrincipal; expiresAt: Date }> {
    const session = await this.sessions.touch(token);
    if (!session) throw new AuthenticationError('the session has ended; please log in again');
    const [row]: PrincipalRow[] = await this.dataSource.query(`${PRINCIPAL_SQL} u.id = $1`, [session.userId]);
    if (!row) {
      await this.sessions.end(token);
      throw new AuthenticationError('the account is disabled');
    }
    return { user: principalOf(row), expiresAt: session.expiresAt };
  }

  logout(token: string): Promise<void> {
    return this.sessions.end(token);
  }
}

function principalOf(row: PrincipalRow): StaffPrincipal {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles,
    unit: { id: row.unit_id, code: row.unit_code, name: row.unit_name, kind: row.unit_kind },
  };
}
