import type { EntityManager } from 'typeorm';

export interface Notice {
  recipientUnitId: string;
  recipientRole: 'handler' | 'reviewer' | 'dispatcher' | 'monitor';
  kind: string;
  title: string;
  body: string;
  ticketId: string | null;
  /** Identifies the cause; a second notice with the same key for the same recipient is dropped. */
  cause: string;
}

/** Where notices go. Written inside the caller's transaction so a notice exists exactly when its cause does. */
export interface NotificationPort {
  send(manager: EntityManager, notices: readonly Notice[]): Promise<number>;
}

export const NOTIFICATION_PORT = Symbol('NOTIFICATION_PORT');
