/** Where "now" comes from; injected so tests can run a ticket's life in simulated time. */
export interface TimeSource {
  now(): Date;
}

export const SYSTEM_TIME: TimeSource = { now: () => new Date() };

export const TIME_SOURCE = Symbol('TIME_SOURCE');
