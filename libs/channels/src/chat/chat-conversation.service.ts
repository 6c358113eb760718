import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { IntakeReceipt, IntakeService } from '@wenzheng/intake';
import { JobName, JobQueue } from '@wenzheng/queue';
import { ChannelContactsRepository } from '../accounts/channel-contacts.repository';
import { PortalService } from '../portal/portal.service';
import { chatIntakeInput } from './chat-intake';
import type { ChatPushPlan } from './chat-push-plan';
import { OwnTicket, ownTicketsText, receiptText } from './chat-texts';

/** Who wrote, on which account of which channel, and the platform's retry key of the push. */
export interface ChatPushContext {
  channel: string;
  accountId: string;
  senderId: string;
  dedupeKey: string;
}

/**
 * Carries out a chat push's plan the same way on every platform: records events, answers 查询 with the sender's own
 * tickets, and takes messages in within the answer budget. When PostgreSQL does not take a message within
 * CHANNEL_REPLY_BUDGET_MS, the message goes to a durable queue job and the receipt follows through the platform's API.
 */
@Injectable()
export class ChatConversationService {
  private readonly logger = new Logger('ChatConversation');

  constructor(
    private readonly contacts: ChannelContactsRepository,
    private readonly intake: IntakeService,
    private readonly portal: PortalService,
    private readonly queue: JobQueue,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {}

  /** The text to answer the push with, or undefined for "received, nothing to say". `arrivedAt` is performance.now() at arrival. */
  async carryOut(context: ChatPushContext, plan: ChatPushPlan, arrivedAt: number): Promise<string | undefined> {
    const { accountId, senderId, dedupeKey } = context;
    if (plan.do !== 'intake' && plan.record) {
      await this.contacts.recordEvent({ accountId, senderId, dedupeKey, ...plan.record, receivedAt: this.time.now() });
    }
    switch (plan.do) {
      case 'intake':
        return this.takeIn(context, plan.text, arrivedAt);
      case 'own-tickets':
        return ownTicketsText(await this.ownTickets(accountId, senderId, plan.trackingNo, plan.queryCode), plan.trackingNo);
      case 'answer':
        return plan.text;
      case 'record':
        this.logger.log(`${context.channel} account ${accountId}: ${plan.record.kind} from ${senderId} recorded`);
        return undefined;
    }
  }

  /** Keeps a signed push the hub cannot read (bad XML/JSON, a changed key) for a look; never fails the answer. */
  async keepUnreadable(accountId: string, kind: string, payload: Record<string, unknown>): Promise<void> {
    const digest = createHash('sha1').update(JSON.stringify(payload)).digest('hex');
    await this.contacts
      .recordEvent({ accountId, senderId: '', dedupeKey: `${kind}:${digest}`, kind, payload, receivedAt: this.time.now() })
      .catch((error: unknown) => this.logger.error(`could not keep the ${kind} push: ${(error as Error).message}`));
  }

  private async takeIn(context: ChatPushContext, message: string, arrivedAt: number): Promise<string | undefined> {
    const externalId = `${context.accountId}:${context.dedupeKey}`;
    const chat = { channel: context.channel, accountId: context.accountId, senderId: context.senderId, externalId, text: message };
    const intake = this.intake.receive(chatIntakeInput(chat));
    let timer: NodeJS.Timeout | undefined;
    const budgetLeft = Math.max(0, this.config.channels.replyBudgetMs - (performance.now() - arrivedAt));
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), budgetLeft)));
    const outcome = await Promise.race([intake.then((receipt): IntakeReceipt => receipt, (error: unknown) => ({ error })), late]).finally(() => clearTimeout(timer));
    if (outcome !== 'late' && !('error' in outcome)) return receiptText(outcome);
    // Too slow or failed: the job is the message's durable copy before the push is answered (Redis down → throws → 5xx → the platform retries).
    intake.catch((error: unknown) => this.logger.warn(`intake of ${externalId} failed in the push; the queued job takes over: ${(error as Error).message}`));
    this.logger.warn(`intake of ${externalId} ${outcome === 'late' ? `took over ${this.config.channels.replyBudgetMs} ms` : 'failed'}; receipt will follow by the API`);
    await this.queue.enqueue({ name: JobName.ReceiveChatMessage, data: chat });
    return undefined;
  }

  /** Own tickets by the sender's platform id; a number with its query code also finds a ticket written elsewhere. */
  private async ownTickets(accountId: string, senderId: string, trackingNo: string | null, queryCode: string | null): Promise<OwnTicket[]> {
    const own = await this.contacts.ownTickets(accountId, senderId, trackingNo);
    if (own.length || !trackingNo || !queryCode) return own;
    const status = await this.portal.status(trackingNo, queryCode);
    if (!status) return [];
    return [{ trackingNo, title: '', statusText: status.statusText, replyDueAt: new Date(status.replyDueAt), unitName: status.leadUnit }];
  }
}
