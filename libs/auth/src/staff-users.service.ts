import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundError, isUuid, parseInput } from '@wenzheng/errors';
import { SESSION_STORE } from './auth.service';
import { hashPassword } from './password';
import { SessionStore } from './session.store';
import { StaffUserEntity } from './staff-user.entity';
import { StaffUserView, createStaffUser, listStaffUsers, staffUserChangeSchema, viewOf } from './staff-users';

/** Staff account administration (role admin). Changing a password or disabling an account ends its sessions. */
@Injectable()
export class StaffUsersService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
  ) {}

  list(): Promise<StaffUserView[]> {
    return listStaffUsers(this.dataSource.manager);
  }

  async create(input: unknown): Promise<StaffUserView> {
    const user = await this.dataSource.transaction((manager) => createStaffUser(manager, input));
    return this.view(user.id);
  }

  async update(id: string, input: unknown): Promise<StaffUserView> {
    const change = parseInput(staffUserChangeSchema, input);
    const repository = this.dataSource.getRepository(StaffUserEntity);
    const user = isUuid(id) ? await repository.findOneBy({ id }) : null;
    if (!user) throw new NotFoundError(`no staff user ${id}`);
    if (change.displayName !== undefined) user.displayName = change.displayName;
    if (change.roles !== undefined) user.roles = change.roles;
    if (change.password !== undefined) user.passwordHash = await hashPassword(change.password);
    if (change.disabled !== undefined) user.disabledAt = change.disabled ? (user.disabledAt ?? new Date()) : null;
    await repository.save(user);
    if (change.password !== undefined || change.disabled) await this.sessions.endAll(user.id);
    return this.view(user.id);
  }

  private async view(id: string): Promise<StaffUserView> {
    return viewOf(await this.dataSource.getRepository(StaffUserEntity).findOneOrFail({ where: { id }, relations: { unit: true } }));
  }
}
