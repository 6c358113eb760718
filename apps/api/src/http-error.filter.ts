import { STATUS_CODES } from 'node:http';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, InputError, RateLimitError, StateError } from '@wenzheng/errors';

/** Body-parser errors that Nest does not turn into HttpExceptions carry `type` and `status` (e.g. a body over the limit). */
interface BodyParserError {
  type?: string;
}

const BODY_PARSER_ERRORS: Record<string, [number, string]> = {
  'entity.too.large': [413, 'the request body is too large (at most 64 KiB)'],
  'entity.parse.failed': [400, 'the request body is not valid JSON'],
  'encoding.unsupported': [415, 'unsupported content encoding'],
  'charset.unsupported': [415, 'unsupported charset (use utf-8)'],
};

/**
 * Every error that reaches a handler leaves as `{ statusCode, error, message, field?, status? }`; unknown errors are logged and
 * answered 500 without details.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.describe(exception);
    if (exception instanceof RateLimitError) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    response.status(status).json({ statusCode: status, error: STATUS_CODES[status] ?? 'Error', ...body });
  }

  private describe(exception: unknown): { status: number; body: { message: string; field?: string; status?: string } } {
    if (exception instanceof DomainError) {
      const body: { message: string; field?: string; status?: string } = { message: exception.message };
      if (exception instanceof InputError) body.field = exception.field;
      if (exception instanceof StateError && exception.status) body.status = exception.status;
      return { status: exception.httpStatus, body };
    }
    if (exception instanceof HttpException) {
      const payload = exception.getResponse();
      const message =
        typeof payload === 'string' ? payload : String((payload as { message?: unknown }).message ?? exception.message);
      const field = typeof payload === 'object' ? (payload as { field?: string }).field : undefined;
      return { status: exception.getStatus(), body: field ? { message, field } : { message } };
    }
    const type = (exception as BodyParserError | null)?.type;
    const parserError = type ? BODY_PARSER_ERRORS[type] : undefined;
    if (parserError) return { status: parserError[0], body: { message: parserError[1] } };
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return { status: 500, body: { message: 'internal error; the incident was logged' } };
  }
}
