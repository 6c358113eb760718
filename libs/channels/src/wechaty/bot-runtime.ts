import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { BotConversation } from './bot-conversation.service';
import { DutyGroupSender } from './duty-group.sender';
import { WechatySession } from './wechaty-session';

/** Starts the bot's parts once the app is wired: the session (messages go to the conversation), the spool replay, duty groups. */
@Injectable()
export class BotRuntime implements OnApplicationBootstrap {
  constructor(
    private readonly session: WechatySession,
    private readonly conversation: BotConversation,
    private readonly dutyGroups: DutyGroupSender,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.session.start((message) => this.conversation.handle(message));
    this.conversation.start();
    this.dutyGroups.start();
  }
}
