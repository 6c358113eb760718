import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { ClockService } from '@wenzheng/clocks';
import { StateError, parseInput } from '@wenzheng/errors';
import { TICKET_SUBJECT } from './ticket-clock.subject';
import { recordTicketEvent } from './ticket-events';
import { TicketRatingEntity } from './ticket-work.entities';
import { canReopen } from './ticket-workflow';
import { TicketEntity } from './ticket.entity';
import { TicketService } from './ticket.service';

const score = (field: string) =>
  z.number({ error: `${field} must be a whole number from 1 to 5` }).int(`${field} must be a whole number from 1 to 5`).min(1, `${field} must be at least 1`).max(5, `${field} must be at most 5`);

export const ratingSchema = z
  .object({
    attitude: score('attitude'),
    speed: score('speed'),
    resolved: z.boolean({ error: 'resolved must be true or false' }),
    comment: z.string({ error: 'comment must be a string' }).trim().max(500, 'comment must be at most 500 characters').optional(),
  })
  .strict();

export interface RatingOutcome {
  rating: TicketRatingEntity;
  /** True when this rating re-opened the ticket (重办). */
  reopened: boolean;
}

/**
 * 回访/满意度: the citizen rates the reply they received, once per round. "Not resolved" re-opens the ticket that
 * answered (the main ticket for a merged one) once, with a new reply clock for the same lead unit.
 */
@Injectable()
export class TicketRatingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketService,
    private readonly clocks: ClockService,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {}

  async rate(ticketId: string, input: unknown): Promise<RatingOutcome> {
    const given = parseInput(ratingSchema, input);
    return this.dataSource.transaction(async (manager) => {
      const ticket = await manager.findOneOrFail(TicketEntity, { where: { id: ticketId }, lock: { mode: 'pessimistic_write' } });
      const [delivered]: { round: number }[] = await manager.query(
        `SELECT round FROM ticket_deliveries WHERE ticket_id = $1 AND state = 'sent' ORDER BY round DESC LIMIT 1`,
        [ticketId],
      );
      if (!delivered) throw new StateError('there is no reply to rate yet', ticket.status);
      const now = this.time.now();
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO ticket_ratings (ticket_id, round, attitude, speed, resolved, comment, rated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (ticket_id, round) DO NOTHING RETURNING id`,
        [ticketId, delivered.round, given.attitude, given.speed, given.resolved, given.comment || null, now],
      );
      if (!inserted.length) throw new StateError('this reply has already been rated', ticket.status);
      await recordTicketEvent(manager, ticketId, now, {
        type: 'rated',
        actor: 'citizen',
        data: { round: delivered.round, attitude: given.attitude, speed: given.speed, resolved: given.resolved },
      });
      const answering = ticket.mergedIntoId
        ? await manager.findOneOrFail(TicketEntity, { where: { id: ticket.mergedIntoId }, lock: { mode: 'pessimistic_write' } })
        : ticket;
      const reopened =
        !given.resolved && answering.round === delivered.round && canReopen(answering.status, answering.reopenCount)
          ? await this.reopen(manager, answering, given.comment)
          : false;
      const rating = await manager.findOneByOrFail(TicketRatingEntity, { id: inserted[0].id });
      return { rating, reopened };
    });
  }

  private async reopen(manager: EntityManager, ticket: TicketEntity, comment: string | undefined): Promise<boolean> {
    // The caller holds the ticket's row lock, so the move below cannot lose a race.
    const now = this.time.now();
    const clock = await this.clocks.start(manager, { type: TICKET_SUBJECT, id: ticket.id }, 'reply', `reply.${ticket.kind}`, now, {
      actor: 'citizen',
    });
    const dueAt = clock.dueAt as Date;
    return this.tickets.transition(manager, ticket.id, {
      from: 'resolved',
      to: 'assigned',
      event: 'reopened',
      actor: 'citizen',
      reason: comment || '群众评价未解决，重办',
      data: { round: ticket.round + 1, replyDueAt: dueAt.toISOString() },
      changes: {
        round: ticket.round + 1,
        reopenCount: ticket.reopenCount + 1,
        claimedBy: null,
        assignedAt: now,
        replyDueAt: dueAt,
        deadlineProvisional: clock.provisional,
      },
    });
  }
}
