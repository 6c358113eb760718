import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { ClockEntity } from './clock.entity';
import { ClockExtensionEntity } from './clock-extension.entity';
import { ClockError } from './clock-subject';
import { ClockService } from './clock.service';

/** Most a disclosure request (依申请公开) may be extended in total, in working days (条例 art. 33). */
export const DISCLOSURE_EXTENSION_LIMIT = 20;
const MAX_EXTENSION = 60;

/**
 * 延期: asked while the clock is still running and not yet expired, decided by a reviewer.
 * Approval lengthens the clock (new due moment, new timers, an event); refusal leaves it as it was.
 */
@Injectable()
export class ExtensionService {
  constructor(
    private readonly clocks: ClockService,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {}

  async request(
    manager: EntityManager,
    clockId: string,
    ask: { length: number; reason: string; actor: string },
  ): Promise<ClockExtensionEntity> {
    if (!Number.isInteger(ask.length) || ask.length < 1 || ask.length > MAX_EXTENSION) {
      throw new ClockError('invalid', `an extension is 1 to ${MAX_EXTENSION} whole units of the clock`);
    }
    if (!ask.reason.trim()) throw new ClockError('invalid', 'an extension needs a reason');
    const clock = await manager.findOne(ClockEntity, { where: { id: clockId }, lock: { mode: 'pessimistic_write' } });
    if (!clock) throw new ClockError('not-found', `no clock ${clockId}`);
    if (clock.state !== 'running') throw new ClockError('not-running', `the clock is ${clock.state}`);
    const now = this.time.now();
    if (clock.dueAt && now > clock.dueAt) {
      throw new ClockError('expired', `an extension must be asked before the deadline (${clock.dueAt.toISOString()}) expires`);
    }
    if (clock.policy === 'disclosure') {
      const asked: { total: number }[] = await manager.query(
        `SELECT coalesce(sum(length), 0)::int AS total FROM clock_extensions WHERE clock_id = $1 AND status = 'approved'`,
        [clockId],
      );
      if (asked[0].total + ask.length > DISCLOSURE_EXTENSION_LIMIT) {
        throw new ClockError('limit', `a disclosure request may be extended by ${DISCLOSURE_EXTENSION_LIMIT} working days in total`);
      }
    }
    const pending = await manager.countBy(ClockExtensionEntity, { clockId, status: 'requested' });
    if (pending) throw new ClockError('pending-extension', 'an extension request is already waiting for a decision');
    const extension = manager.create(ClockExtensionEntity, {
      clockId,
      length: ask.length,
      reason: ask.reason.trim(),
      status: 'requested',
      requestedBy: ask.actor,
      requestedAt: now,
      decidedBy: null,
      decidedAt: null,
      decisionNote: null,
    });
    await manager.insert(ClockExtensionEntity, extension);
    await this.clocks.subjectHandler(clock.subjectType)?.onExtension?.(manager, clock, extension);
    return extension;
  }

  async decide(
    manager: EntityManager,
    extensionId: string,
    decision: { approve: boolean; note?: string; actor: string },
  ): Promise<ClockExtensionEntity> {
    const extension = await manager.findOne(ClockExtensionEntity, { where: { id: extensionId }, lock: { mode: 'pessimistic_write' } });
    if (!extension) throw new ClockError('not-found', `no extension request ${extensionId}`);
    if (extension.status !== 'requested') throw new ClockError('decided', `the request was already ${extension.status}`);
    extension.status = decision.approve ? 'approved' : 'refused';
    extension.decidedBy = decision.actor;
    extension.decidedAt = this.time.now();
    extension.decisionNote = decision.note?.trim() || null;
    await manager.save(extension);
    const clock = decision.approve
      ? await this.clocks.extend(manager, extension.clockId, extension.length, {
          actor: decision.actor,
          reason: `extension approved: ${extension.reason}`,
        })
      : await manager.findOneByOrFail(ClockEntity, { id: extension.clockId });
    await this.clocks.subjectHandler(clock.subjectType)?.onExtension?.(manager, clock, extension);
    return extension;
  }
}
