import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { QueueEvents } from 'bullmq';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { JobName, JobQueue, JobRequest, QueueName, jobIdOf, redisOptionsFromUrl } from '@wenzheng/queue';
import type { ReplyChannel, ReplyToDeliver } from '@wenzheng/tickets';
import { WECHATY_CHANNEL } from './bot-sender';

/**
 * The delivery port for bot citizens, in the worker: only the bot process holds the Wechaty session, so the reply is
 * handed to the bot's own queue and the worker waits (BOT_DELIVERY_WAIT_MS) for the bot to have sent it. A bot that is
 * away makes the attempt fail and deliver-reply retry with backoff; the bot job stays queued and, when it runs late,
 * records the delivery itself. A retried deliver-reply finds the same bot job (same id) and never sends twice.
 */
@Injectable()
export class WechatyReplyChannel implements ReplyChannel, OnApplicationShutdown {
  readonly channel = WECHATY_CHANNEL;
  private events?: QueueEvents;

  constructor(
    private readonly jobs: JobQueue,
    private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async deliver(reply: ReplyToDeliver): Promise<string> {
    const request: JobRequest = { name: JobName.SendBotReply, data: { ticketId: reply.ticketId, round: reply.round } };
    const queue = this.jobs.queue(QueueName.Bot);
    const events = await this.queueEvents();
    let job = await queue.getJob(jobIdOf(request));
    if (job && (await job.isFailed())) await job.retry('failed');
    if (!job) {
      await this.jobs.enqueue(request);
      job = await queue.getJob(jobIdOf(request));
    }
    // Gone between the add and the read: it completed and was cleaned up, the row tells.
    if (job) await job.waitUntilFinished(events, this.config.bot.deliveryWaitMs);
    const [row]: { state: string; method: string | null; last_error: string | null }[] = await this.dataSource.query(
      `SELECT state, method, last_error FROM ticket_deliveries WHERE ticket_id = $1 AND round = $2`,
      [reply.ticketId, reply.round],
    );
    if (row?.state !== 'sent' || !row.method) throw new Error(`the bot has not sent the reply${row?.last_error ? `: ${row.last_error}` : ''}`);
    return row.method;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.events?.close();
  }

  private async queueEvents(): Promise<QueueEvents> {
    if (!this.events) {
      this.events = new QueueEvents(QueueName.Bot, { connection: redisOptionsFromUrl(this.config.redis.url), prefix: this.config.redis.queuePrefix });
      await this.events.waitUntilReady();
    }
    return this.events;
  }
}
