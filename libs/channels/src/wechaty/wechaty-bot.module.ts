import { DynamicModule, Module } from '@nestjs/common';
import { IntakeModule } from '@wenzheng/intake';
import { TicketsModule } from '@wenzheng/tickets';
import { ChannelContactsRepository } from '../accounts/channel-contacts.repository';
import { ChatConversationService } from '../chat/chat-conversation.service';
import { PortalModule } from '../portal/portal.module';
import { BotAccount } from './bot-account';
import { BotConversation } from './bot-conversation.service';
import { BotRuntime } from './bot-runtime';
import { BOT_SENDER } from './bot-sender';
import { DutyGroupSender } from './duty-group.sender';
import { SendBotReplyJob } from './send-bot-reply.job';
import { BOT_PUPPET, WechatySession } from './wechaty-session';

/** The bot process's domain: session, conversation, duty groups and the job that sends replies. */
@Module({})
export class WechatyBotModule {
  /** `puppet`: a puppet instance instead of BOT_PUPPET's package (tests). */
  static forRoot(puppet?: unknown): DynamicModule {
    return {
      module: WechatyBotModule,
      imports: [IntakeModule, TicketsModule, PortalModule],
      providers: [
        ...(puppet ? [{ provide: BOT_PUPPET, useValue: puppet }] : []),
        WechatySession,
        { provide: BOT_SENDER, useExisting: WechatySession },
        ChannelContactsRepository,
        ChatConversationService,
        BotAccount,
        BotConversation,
        DutyGroupSender,
        SendBotReplyJob,
        BotRuntime,
      ],
      exports: [SendBotReplyJob, BotConversation, DutyGroupSender, WechatySession],
    };
  }
}
