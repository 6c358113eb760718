import { Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentStaff, StaffAuthGuard, StaffPrincipal } from '@wenzheng/auth';
import { parseInput } from '@wenzheng/errors';
import { NoticeView, NotificationInbox } from '@wenzheng/notifications';
import { apiErrors, ref, zodQuery } from './openapi';

const noticeQuerySchema = z
  .object({
    unread: z.enum(['true', 'false'], { error: 'unread must be true or false' }).transform((v) => v === 'true').default(false),
    limit: z.string().regex(/^\d+$/, 'limit must be a whole number').transform(Number).pipe(z.number().int().min(1).max(200, 'limit must be at most 200')).default(50),
  })
  .strict();

/** 站内通知: the notices for the caller's unit and roles (reminders, 督办, extension requests and decisions). */
@ApiTags('staff-notifications')
@ApiBearerAuth()
@apiErrors(401)
@Controller('api/v1/staff/notifications')
@UseGuards(StaffAuthGuard)
export class StaffNotificationsController {
  constructor(private readonly inbox: NotificationInbox) {}

  @Get()
  @ApiOperation({ summary: "The notices for the caller's unit and roles (站内通知), unread first, newest first" })
  @zodQuery(noticeQuerySchema)
  @ApiOkResponse({ schema: { type: 'array', items: ref('Notice') } })
  @apiErrors(400)
  list(@CurrentStaff() staff: StaffPrincipal, @Query() query: unknown): Promise<NoticeView[]> {
    const { unread, limit } = parseInput(noticeQuerySchema, query, 'the query');
    return this.inbox.list({ unitId: staff.unit.id, roles: staff.roles }, { unreadOnly: unread, limit });
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark a notice read' })
  @ApiParam({ name: 'id', description: 'The notice id (uuid)' })
  @ApiNoContentResponse({ description: 'Marked read; an earlier read time is kept' })
  @apiErrors([404, 'No such notice, or one for another unit or role'])
  markRead(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string): Promise<void> {
    return this.inbox.markRead({ unitId: staff.unit.id, roles: staff.roles }, id);
  }
}
