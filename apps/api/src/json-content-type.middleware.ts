import { BadRequestException, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** A POST that is not JSON would reach the handler as an empty object; say what is wrong instead. */
@Injectable()
export class JsonContentTypeMiddleware implements NestMiddleware {
  use(request: Request, _response: Response, next: NextFunction): void {
    if (request.method === 'POST' && !request.is('application/json')) {
      throw new BadRequestException({ message: 'Content-Type must be application/json', field: '(content-type)' });
    }
    next();
  }
}
