/**
 * Errors a domain service throws for its caller to see, each with its HTTP meaning. Services stay free of HTTP
 * classes; the API's error filter maps these to `{ statusCode, error, message, field?, status? }`.
 */
export abstract class DomainError extends Error {
  abstract readonly httpStatus: number;
}

/** Bad input: which field and why (400). */
export class InputError extends DomainError {
  readonly httpStatus = 400;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** Not signed in, or the session ended (401). */
export class AuthenticationError extends DomainError {
  readonly httpStatus = 401;
  override name = 'AuthenticationError';
}

/** Signed in, but the role or the unit's position does not allow it (403). */
export class AccessError extends DomainError {
  readonly httpStatus = 403;
  override name = 'AccessError';
}

/** Missing, or outside the caller's scope: the two must look the same (404). */
export class NotFoundError extends DomainError {
  readonly httpStatus = 404;
  override name = 'NotFoundError';
}

/** The record is not in a state that allows it (409); `status` says where it is. */
export class StateError extends DomainError {
  readonly httpStatus = 409;
  constructor(
    message: string,
    readonly status?: string,
  ) {
    super(message);
    this.name = 'StateError';
  }
}

/** Too many attempts (429); `retryAfterSeconds` goes to the Retry-After header. */
export class RateLimitError extends DomainError {
  readonly httpStatus = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'RateLimitError';
  }
}
