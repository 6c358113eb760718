import { BadRequestException, Controller, Get, Query, applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { isLocalDate } from '@wenzheng/calendar';
import { RoutingAdminService, RoutingFigures } from '@wenzheng/routing';
import { TicketStatsService, UnitFiguresRow } from '@wenzheng/tickets';
import { apiErrors, ref } from './openapi';

@ApiTags('stats')
@Controller('api/v1/stats')
export class StatsController {
  constructor(
    private readonly stats: TicketStatsService,
    private readonly routing: RoutingAdminService,
  ) {}

  /** Per-unit and overall figures for Shanghai dates from..to inclusive (at most about three years). */
  @Get('units')
  @ApiOperation({ summary: 'Per-unit figures for a date range: received, answered on time, overdue, extensions, ratings (满意度)' })
  @dateRangeQuery()
  @ApiOkResponse({ schema: ref('UnitFigures') })
  @apiErrors(400)
  async units(@Query('from') from?: string, @Query('to') to?: string): Promise<{ from: string; to: string; units: UnitFiguresRow[] }> {
    const range = dateRange(from, to);
    return { ...range, units: await this.stats.unitFigures(range.from, range.to) };
  }

  @Get('routing')
  @ApiOperation({ summary: 'Router figures for a date range: automatic-assignment rate (by rule, by model) per day, misroute rate per unit (退回 + 改派 / assignments)' })
  @dateRangeQuery()
  @ApiOkResponse({ schema: ref('RoutingFigures') })
  @apiErrors(400)
  async routingFigures(@Query('from') from?: string, @Query('to') to?: string): Promise<{ from: string; to: string } & RoutingFigures> {
    const range = dateRange(from, to);
    return { ...range, ...(await this.routing.figures(range.from, range.to)) };
  }
}

function dateRange(from: string | undefined, to: string | undefined): { from: string; to: string } {
  for (const [field, value] of [['from', from], ['to', to]] as const) {
    if (!value || !isLocalDate(value)) throw new BadRequestException({ message: `${field} must be a date YYYY-MM-DD`, field });
  }
  if ((to as string) < (from as string)) throw new BadRequestException({ message: 'to must not be before from', field: 'to' });
  return { from: from as string, to: to as string };
}

function dateRangeQuery(): MethodDecorator {
  return applyDecorators(
    ApiQuery({ name: 'from', required: true, schema: { type: 'string', format: 'date' }, description: 'First Asia/Shanghai date, YYYY-MM-DD' }),
    ApiQuery({ name: 'to', required: true, schema: { type: 'string', format: 'date' }, description: 'Last Asia/Shanghai date (inclusive)' }),
  );
}
