import { BadRequestException, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * A body that is not JSON would reach the handler as an empty object; say what is wrong instead. A request without a
 * body (a `claim`, a `logout`; fetch sends those with Content-Length 0) passes.
 */
@Injectable()
export class JsonContentTypeMiddleware implements NestMiddleware {
  use(request: Request, _response: Response, next: NextFunction): void {
    const empty = request.headers['content-length'] === '0';
    if (!empty && request.is('application/json') === false) {
      throw new BadRequestException({ message: 'Content-Type must be application/json', field: '(content-type)' });
    }
    next();
  }
}
