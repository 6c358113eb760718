import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { SecretBox } from '../accounts/secret-box';
import { WECHATY_CHANNEL } from './bot-sender';

/**
 * The bot as a channel account, so its citizens' own tickets, events and last interaction are kept like those of an
 * official account. Created at the bot's first start (its puppet token stays in config, so no credentials are stored).
 */
@Injectable()
export class BotAccount {
  private id?: Promise<string>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  accountId(): Promise<string> {
    this.id ??= this.ensure().catch((error: unknown) => {
      this.id = undefined;
      throw error;
    });
    return this.id;
  }

  private async ensure(): Promise<string> {
    const { name } = this.config.bot;
    const [row]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO channel_accounts (platform, name, app_id, mode, credentials) VALUES ($1, $2, $2, 'puppet', $3)
       ON CONFLICT (platform, app_id) DO UPDATE SET platform = EXCLUDED.platform
       RETURNING id`,
      [WECHATY_CHANNEL, name, new SecretBox(this.config.channels.secretsKey).seal('{}')],
    );
    return row.id;
  }
}
