import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { AuthService, CurrentStaff, CurrentToken, StaffAuthGuard, StaffPrincipal } from '@wenzheng/auth';
import { parseInput } from '@wenzheng/errors';

const loginSchema = z
  .object({
    username: z.string({ error: 'username is required' }).min(1, 'username is required').max(64),
    password: z.string({ error: 'password is required' }).min(1, 'password is required').max(200),
  })
  .strict();

@Controller('api/v1/staff')
export class StaffSessionController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  async login(@Body() body: unknown, @Req() request: Request) {
    const { username, password } = parseInput(loginSchema, body);
    const { token, expiresAt, user } = await this.auth.login(username, password, request.ip ?? 'unknown');
    return { token, expiresAt: expiresAt.toISOString(), user };
  }

  @Post('logout')
  @HttpCode(204)
  @UseGuards(StaffAuthGuard)
  logout(@CurrentToken() token: string): Promise<void> {
    return this.auth.logout(token);
  }

  @Get('me')
  @UseGuards(StaffAuthGuard)
  me(@CurrentStaff() staff: StaffPrincipal): StaffPrincipal {
    return staff;
  }
}
