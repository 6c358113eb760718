import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { AuthService, CurrentStaff, CurrentToken, StaffAuthGuard, StaffPrincipal } from '@wenzheng/auth';
import { parseInput } from '@wenzheng/errors';
import { apiErrors, ref, zodBody } from './openapi';

const loginSchema = z
  .object({
    username: z.string({ error: 'username is required' }).min(1, 'username is required').max(64),
    password: z.string({ error: 'password is required' }).min(1, 'password is required').max(200),
  })
  .strict();

@ApiTags('staff-session')
@Controller('api/v1/staff')
export class StaffSessionController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in: a bearer token for the staff endpoints' })
  @zodBody(loginSchema)
  @ApiOkResponse({ schema: ref('StaffSession') })
  @apiErrors(400, [401, 'Wrong username or password, or the account is disabled'], 429)
  async login(@Body() body: unknown, @Req() request: Request) {
    const { username, password } = parseInput(loginSchema, body);
    const { token, expiresAt, user } = await this.auth.login(username, password, request.ip ?? 'unknown');
    return { token, expiresAt: expiresAt.toISOString(), user };
  }

  @Post('logout')
  @HttpCode(204)
  @UseGuards(StaffAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Log out: end this session' })
  @ApiNoContentResponse({ description: 'The session has ended' })
  @apiErrors(401)
  logout(@CurrentToken() token: string): Promise<void> {
    return this.auth.logout(token);
  }

  @Get('me')
  @UseGuards(StaffAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in staff member' })
  @ApiOkResponse({ schema: ref('StaffPrincipal') })
  @apiErrors(401)
  me(@CurrentStaff() staff: StaffPrincipal): StaffPrincipal {
    return staff;
  }
}
