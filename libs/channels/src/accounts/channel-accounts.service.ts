import { Inject, Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { NotFoundError, StateError, isUuid, parseInput } from '@wenzheng/errors';
import { ChannelAccountEntity } from './channel-account.entities';
import {
  ChannelAccountView,
  ChannelPlatform,
  NewChannelAccount,
  OpenChannelAccount,
  PlatformAccount,
  channelAccountChangeSchema,
  newChannelAccountSchema,
  webhookPathOf,
} from './channel-account.types';
import { SecretBox } from './secret-box';

/** Opened accounts are kept this long per process: a push must not pay a query and a decryption. */
const CACHE_MS = 30_000;

/** Channel accounts as data: created and changed by admins, looked up (cached, credentials opened) by the webhooks. */
@Injectable()
export class ChannelAccountsService {
  private readonly box: SecretBox;
  private readonly cache = new Map<string, { account: OpenChannelAccount | undefined; until: number }>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) config: HubConfig,
  ) {
    this.box = new SecretBox(config.channels.secretsKey);
  }

  async list(): Promise<ChannelAccountView[]> {
    const rows = await this.dataSource.getRepository(ChannelAccountEntity).find({ order: { platform: 'ASC', name: 'ASC' } });
    return rows.map((row) => this.view(row));
  }

  async get(id: string): Promise<ChannelAccountView> {
    return this.view(await this.row(id));
  }

  async create(input: unknown): Promise<ChannelAccountView> {
    const account = parseInput(newChannelAccountSchema, input);
    const repository = this.dataSource.getRepository(ChannelAccountEntity);
    try {
      const row = await repository.save(
        repository.create({ ...account, credentials: this.box.seal(JSON.stringify(account.credentials)) }),
      );
      return this.view(row);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw new StateError(`a ${account.platform} account with app id ${account.appId} exists already`);
      }
      throw error;
    }
  }

  async update(id: string, input: unknown): Promise<ChannelAccountView> {
    const change = parseInput(channelAccountChangeSchema, input);
    const row = await this.row(id);
    const current = this.open(row);
    // Mode and credentials are checked together, as a new account would be.
    const next: NewChannelAccount = parseInput(newChannelAccountSchema, {
      platform: row.platform,
      name: change.name ?? row.name,
      appId: row.appId,
      mode: change.mode ?? row.mode,
      credentials: change.credentials ?? current.credentials,
      settings: change.settings ?? row.settings,
      enabled: change.enabled ?? row.enabled,
    });
    await this.dataSource.getRepository(ChannelAccountEntity).update(row.id, {
      name: next.name,
      mode: next.mode,
      settings: next.settings,
      enabled: next.enabled,
      credentials: change.credentials ? this.box.seal(JSON.stringify(next.credentials)) : row.credentials,
    });
    this.cache.delete(row.id);
    return this.get(row.id);
  }

  /** The account for a webhook, or undefined when unknown or disabled (the webhook then answers 404). */
  async resolve(id: string): Promise<OpenChannelAccount | undefined> {
    const now = Date.now();
    const cached = this.cache.get(id);
    if (cached && cached.until > now) return cached.account;
    const row = isUuid(id) ? await this.dataSource.getRepository(ChannelAccountEntity).findOneBy({ id }) : null;
    const account = row?.enabled ? this.open(row) : undefined;
    this.cache.set(id, { account, until: now + CACHE_MS });
    return account;
  }

  /** Every enabled account of a platform, credentials opened (the pollers' work list). */
  async enabledAccounts(platform: ChannelPlatform): Promise<OpenChannelAccount[]> {
    const rows = await this.dataSource.getRepository(ChannelAccountEntity).find({ where: { platform, enabled: true }, order: { createdAt: 'ASC' } });
    return rows.map((row) => this.open(row));
  }

  /** `resolve`, for one platform's webhook or sender: an account of another platform is no account. */
  async resolveOf<P extends ChannelPlatform>(id: string | null, platform: P): Promise<PlatformAccount<P> | undefined> {
    const account = id ? await this.resolve(id) : undefined;
    return account?.platform === platform ? (account as PlatformAccount<P>) : undefined;
  }

  private async row(id: string): Promise<ChannelAccountEntity> {
    const row = isUuid(id) ? await this.dataSource.getRepository(ChannelAccountEntity).findOneBy({ id }) : null;
    if (!row) throw new NotFoundError('no channel account with this id');
    return row;
  }

  private open(row: ChannelAccountEntity): OpenChannelAccount {
    return { id: row.id, platform: row.platform, name: row.name, appId: row.appId, mode: row.mode, enabled: row.enabled, settings: row.settings, credentials: JSON.parse(this.box.open(row.credentials)) } as OpenChannelAccount;
  }

  private view(row: ChannelAccountEntity): ChannelAccountView {
    return {
      id: row.id,
      platform: row.platform,
      name: row.name,
      appId: row.appId,
      mode: row.mode,
      enabled: row.enabled,
      settings: row.settings,
      credentialsSet: Object.keys(JSON.parse(this.box.open(row.credentials))).sort(),
      webhookPath: webhookPathOf(row.platform, row.id),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}
