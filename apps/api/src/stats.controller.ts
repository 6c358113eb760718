import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { isLocalDate } from '@wenzheng/calendar';
import { TicketStatsService, UnitFiguresRow } from '@wenzheng/tickets';
import { apiErrors, ref } from './openapi';

@ApiTags('stats')
@Controller('api/v1/stats')
export class StatsController {
  constructor(private readonly stats: TicketStatsService) {}

  /** Per-unit and overall figures for Shanghai dates from..to inclusive (at most about three years). */
  @Get('units')
  @ApiOperation({ summary: 'Per-unit figures for a date range: received, answered on time, overdue, extensions, ratings (满意度)' })
  @ApiQuery({ name: 'from', required: true, schema: { type: 'string', format: 'date' }, description: 'First Asia/Shanghai date, YYYY-MM-DD' })
  @ApiQuery({ name: 'to', required: true, schema: { type: 'string', format: 'date' }, description: 'Last Asia/Shanghai date (inclusive)' })
  @ApiOkResponse({ schema: ref('UnitFigures') })
  @apiErrors(400)
  units(@Query('from') from?: string, @Query('to') to?: string): Promise<{ from: string; to: string; units: UnitFiguresRow[] }> {
    for (const [field, value] of [['from', from], ['to', to]] as const) {
      if (!value || !isLocalDate(value)) throw new BadRequestException({ message: `${field} must be a date YYYY-MM-DD`, field });
    }
    if ((to as string) < (from as string)) throw new BadRequestException({ message: 'to must not be before from', field: 'to' });
    return this.stats.unitFigures(from as string, to as string).then((units) => ({ from: from as string, to: to as string, units }));
  }
}
