import { createHash, timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthService, bearerToken } from '@wenzheng/auth';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { AccessError, AuthenticationError } from '@wenzheng/errors';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Admin endpoints (calendar years): a staff session of a user with the admin role, or `Authorization: Bearer
 * <ADMIN_TOKEN>` for automation. The token is compared as SHA-256 digests with timingSafeEqual, so neither its content
 * nor its length leaks through response times. Missing or invalid → 401; a session without the admin role → 403.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(
    @Inject(HUB_CONFIG) config: HubConfig,
    private readonly auth: AuthService,
  ) {
    const token = config.security.adminToken;
    this.expected = token === null ? null : digest(token);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const token = bearerToken(request);
    if (token !== undefined && this.expected !== null && timingSafeEqual(digest(token), this.expected)) return true;
    if (token !== undefined) {
      const session = await this.auth.authenticate(token).catch((error: unknown) => {
        if (error instanceof AuthenticationError) return undefined;
        throw error;
      });
      if (session?.user.roles.includes('admin')) return true;
      if (session) throw new AccessError('this needs the role admin');
    }
    http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="wenzheng-admin"');
    throw new AuthenticationError(
      request.headers.authorization === undefined
        ? 'an admin is required: Authorization: Bearer <session token of an admin, or ADMIN_TOKEN>'
        : 'neither a valid admin token nor an admin session',
    );
  }
}
