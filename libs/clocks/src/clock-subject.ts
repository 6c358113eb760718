import type { EntityManager } from 'typeorm';
import type { ClockEntity } from './clock.entity';
import type { ClockExtensionEntity } from './clock-extension.entity';
import type { ClockTimerEntity } from './clock-timer.entity';

export interface ClockSubjectRef {
  type: string;
  id: string;
}

export type ClockChangeKind = 'started' | 'stopped' | 'paused' | 'resumed' | 'restarted' | 'extended' | 'retimed';

export interface ClockChange {
  kind: ClockChangeKind;
  clock: ClockEntity;
  previousDueAt: Date | null;
  actor: string;
  reason: string | null;
}

/**
 * What a kind of subject (a ticket, later a publication or a disclosure request) does when one of its clocks
 * changes or fires: record it in its own history, update its summary columns, notify people.
 * Called inside the transaction that made the change.
 */
export interface ClockSubjectHandler {
  readonly subjectType: string;
  onChange(manager: EntityManager, change: ClockChange): Promise<void>;
  onTimer(manager: EntityManager, clock: ClockEntity, timer: ClockTimerEntity): Promise<void>;
  /** An extension was asked for or decided (approval has already moved the clock through onChange). */
  onExtension?(manager: EntityManager, clock: ClockEntity, extension: ClockExtensionEntity): Promise<void>;
}

export const CLOCK_SUBJECT_HANDLERS = Symbol('CLOCK_SUBJECT_HANDLERS');

export class ClockError extends Error {
  constructor(
    readonly code: 'not-found' | 'not-running' | 'not-paused' | 'expired' | 'pending-extension' | 'decided' | 'limit' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'ClockError';
  }
}
