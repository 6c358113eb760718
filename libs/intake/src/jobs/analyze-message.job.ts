import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SEGMENTER, Segmenter, TextAnalyzer } from '@wenzheng/nlp';
import { AnalyzeMessageData, JobHandler, JobName, JobOutcome, JobQueue } from '@wenzheng/queue';
import { TicketEntity, TicketService } from '@wenzheng/tickets';
import { InboundMessageEntity } from '../inbound-message.entity';

const KEYWORDS_KEPT = 10;

/** Segments the message and extracts keywords once, moves the ticket received → analyzed, then asks for routing and the monitor. */
@Injectable()
export class AnalyzeMessageJob implements JobHandler<JobName.AnalyzeMessage> {
  readonly jobName = JobName.AnalyzeMessage;

  constructor(
    private readonly dataSource: DataSource,
    private readonly analyzer: TextAnalyzer,
    @Inject(SEGMENTER) private readonly segmenter: Segmenter,
    private readonly tickets: TicketService,
    private readonly jobs: JobQueue,
  ) {}

  async handle({ messageId, ticketId }: AnalyzeMessageData): Promise<JobOutcome> {
    const moved = await this.dataSource.transaction(async (manager) => {
      const message = await manager.findOneOrFail(InboundMessageEntity, {
        where: { id: messageId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!message.analysis) {
        const { tokens, keywords } = this.analyzer.analyze(`${message.title}\n${message.body}`);
        message.analysis = { segmenter: this.segmenter.name, tokens, keywords: keywords.slice(0, KEYWORDS_KEPT) };
        message.analyzedAt = new Date();
        await manager.save(message);
      }
      return this.tickets.transition(manager, ticketId, {
        from: 'received',
        to: 'analyzed',
        actor: 'system:analyze',
        data: { keywords: message.analysis.keywords.slice(0, 5).map((k) => k.term) },
      });
    });
    // Also on a re-run: the ticket may have been analyzed by a run that died before it could enqueue routing.
    const ticket = await this.dataSource.getRepository(TicketEntity).findOneByOrFail({ id: ticketId });
    if (ticket.status === 'analyzed') await this.jobs.enqueue({ name: JobName.RouteTicket, data: { ticketId } });
    await this.jobs.enqueue({ name: JobName.MonitorMessage, data: { messageId } });
    return moved ? 'done' : 'skipped';
  }
}
