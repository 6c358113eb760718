import { CanActivate, ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { AccessError, AuthenticationError } from '@wenzheng/errors';
import { AuthService } from './auth.service';
import type { StaffPrincipal } from './staff-principal';
import type { StaffRole } from './staff-role';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;
const ROLES = 'wenzheng:roles';

interface StaffRequest extends Request {
  staff?: StaffPrincipal;
  staffToken?: string;
}

/** The bearer token of a request, if it carries one. */
export function bearerToken(request: Request): string | undefined {
  const header = request.headers.authorization;
  return header === undefined ? undefined : BEARER.exec(header)?.[1];
}

/** Limits a handler (or a controller) to staff holding at least one of the roles. */
export const RequireRoles = (...roles: StaffRole[]) => SetMetadata(ROLES, roles);

/** The signed-in staff member (after StaffAuthGuard). */
export const CurrentStaff = createParamDecorator(
  (_: unknown, context: ExecutionContext): StaffPrincipal => context.switchToHttp().getRequest<StaffRequest>().staff as StaffPrincipal,
);

/** The session token of the request (for logout). */
export const CurrentToken = createParamDecorator(
  (_: unknown, context: ExecutionContext): string => context.switchToHttp().getRequest<StaffRequest>().staffToken as string,
);

/** A valid session is required (401 otherwise); with RequireRoles, one of the roles too (403 otherwise). */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<StaffRequest>();
    const token = bearerToken(request);
    if (token === undefined) {
      http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="wenzheng"');
      throw new AuthenticationError('log in first: Authorization: Bearer <token from POST /api/v1/staff/login>');
    }
    const { user } = await this.auth.authenticate(token);
    request.staff = user;
    request.staffToken = token;
    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES, [context.getHandler(), context.getClass()]);
    if (roles && !roles.some((role) => user.roles.includes(role))) {
      throw new AccessError(`this needs the role ${roles.join(' or ')}`);
    }
    return true;
  }
}
