import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, UseGuards, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CalendarDataError, CalendarStore } from '@wenzheng/calendar';
import { AdminTokenGuard } from './admin-token.guard';
import { apiErrors, ref } from './openapi';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
/** Until staff accounts exist, every admin holds the one token. */
const ADMIN_ACTOR = 'api:admin-token';

function pathYear(year: string): number {
  if (!/^\d{4}$/.test(year)) throw new BadRequestException({ message: 'year must be a four-digit year, e.g. 2027', field: 'year' });
  return Number(year);
}

/** Invalid calendar data is the caller's mistake: 400 with the validation message naming each problem. */
async function refusingBadData<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CalendarDataError) throw new BadRequestException({ message: error.message });
    throw error;
  }
}

const yearParam = ApiParam({ name: 'year', description: 'A four-digit year, e.g. 2027' });
/** AdminTokenGuard's terms; a factory because a swagger security decorator cannot be applied to two methods. */
const ApiAdminAccess = () =>
  applyDecorators(
    ApiBearerAuth(),
    ApiBearerAuth('admin-token'),
    apiErrors(
      [400, 'The year or the calendar data is invalid; the message names each problem'],
      [401, 'Neither a valid ADMIN_TOKEN nor a staff session'],
      [403, 'A staff session without the role admin'],
    ),
  );

@ApiTags('calendar')
@Controller('api/v1/calendar')
export class CalendarController {
  constructor(private readonly calendars: CalendarStore) {}

  /** `from` must carry its offset (Z or +08:00): a deadline is only meaningful for an exact moment. */
  @Get('working-days')
  @ApiOperation({ summary: 'The deadline a number of working days (工作日) after a moment', description: 'Weekends and holidays do not count; make-up working days (调休) do.' })
  @ApiQuery({ name: 'from', required: true, schema: { type: 'string', format: 'date-time' }, description: 'With its offset, e.g. 2026-09-30T10:00:00+08:00' })
  @ApiQuery({ name: 'add', required: true, schema: { type: 'integer', minimum: 0, maximum: 3650 }, description: 'Working days to add' })
  @ApiOkResponse({ schema: ref('WorkingDays') })
  @apiErrors(400)
  workingDays(@Query('from') from?: string, @Query('add') add?: string) {
    if (!from || !ISO_DATE_TIME.test(from) || Number.isNaN(Date.parse(from))) {
      throw new BadRequestException({ message: 'from must be an ISO date-time with offset, e.g. 2026-09-30T10:00:00+08:00', field: 'from' });
    }
    if (!add || !/^\d{1,4}$/.test(add) || Number(add) > 3650) {
      throw new BadRequestException({ message: 'add must be a whole number of working days from 0 to 3650', field: 'add' });
    }
    const deadline = this.calendars.current().addWorkingDays(new Date(from), Number(add));
    return { due: deadline.due, dueAt: deadline.dueAt.toISOString(), provisional: deadline.provisional };
  }

  @Get('years')
  @ApiOperation({ summary: 'The years with holiday data (节假日安排) loaded' })
  @ApiOkResponse({ schema: ref('CalendarYears') })
  years() {
    return { years: this.calendars.years() };
  }

  /** JSON `{ source, notice?, holidays, workdays }`; loads or replaces the year. */
  @Put('years/:year')
  @UseGuards(AdminTokenGuard)
  @ApiAdminAccess()
  @ApiOperation({ summary: "Load or replace a year's holidays and make-up working days (调休), as JSON" })
  @yearParam
  @ApiBody({ schema: ref('CalendarYearData') })
  @ApiOkResponse({ schema: ref('CalendarLoad') })
  putYear(@Param('year') year: string, @Body() body: unknown, @Req() request: Request) {
    if (!request.is('application/json')) {
      throw new BadRequestException({ message: 'Content-Type must be application/json', field: '(content-type)' });
    }
    return refusingBadData(() => this.calendars.loadYear(pathYear(year), body, ADMIN_ACTOR));
  }

  /** A `text/calendar` body; `source` (the notice's URL) and `notice` may come as query parameters. */
  @Post('years/:year/ics')
  @HttpCode(200)
  @UseGuards(AdminTokenGuard)
  @ApiAdminAccess()
  @ApiOperation({ summary: "Load or replace a year's holidays and make-up working days from an iCalendar file" })
  @yearParam
  @ApiQuery({ name: 'source', required: false, description: 'URL of the State Council notice' })
  @ApiQuery({ name: 'notice', required: false, description: 'Title of the notice' })
  @ApiConsumes('text/calendar')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ schema: ref('CalendarIcsLoad') })
  async postIcs(@Param('year') year: string, @Body() body: unknown, @Query('source') source?: string, @Query('notice') notice?: string) {
    if (!Buffer.isBuffer(body)) {
      throw new BadRequestException({ message: 'Content-Type must be text/calendar', field: '(content-type)' });
    }
    const options = { year: pathYear(year), source, notice, origin: `the uploaded iCalendar file` };
    return refusingBadData(() => this.calendars.loadIcs(body, ADMIN_ACTOR, options));
  }
}
