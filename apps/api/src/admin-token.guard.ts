import { createHash, timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Admin endpoints until staff accounts exist: `Authorization: Bearer <ADMIN_TOKEN>`. Missing or wrong → 401;
 * no ADMIN_TOKEN configured → 403 for everyone. Compared as SHA-256 digests with timingSafeEqual, so neither the
 * content nor the length of the token leaks through response times.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(@Inject(HUB_CONFIG) config: HubConfig) {
    const token = config.security.adminToken;
    this.expected = token === null ? null : digest(token);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.expected === null) throw new ForbiddenException('admin access is not configured');
    const http = context.switchToHttp();
    const header = http.getRequest<Request>().headers.authorization;
    const token = header === undefined ? undefined : BEARER.exec(header)?.[1];
    if (token === undefined || !timingSafeEqual(digest(token), this.expected)) {
      http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="wenzheng-admin"');
      throw new UnauthorizedException(
        header === undefined ? 'an admin token is required: Authorization: Bearer <ADMIN_TOKEN>' : 'the admin token is not valid',
      );
    }
    return true;
  }
}
