import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { isLocalDate } from '@wenzheng/calendar';
import { TicketStatsService, UnitFiguresRow } from '@wenzheng/tickets';

@Controller('api/v1/stats')
export class StatsController {
  constructor(private readonly stats: TicketStatsService) {}

  /** Per-unit and overall figures for Shanghai dates from..to inclusive (at most about three years). */
  @Get('units')
  units(@Query('from') from?: string, @Query('to') to?: string): Promise<{ from: string; to: string; units: UnitFiguresRow[] }> {
    for (const [field, value] of [['from', from], ['to', to]] as const) {
      if (!value || !isLocalDate(value)) throw new BadRequestException({ message: `${field} must be a date YYYY-MM-DD`, field });
    }
    if ((to as string) < (from as string)) throw new BadRequestException({ message: 'to must not be before from', field: 'to' });
    return this.stats.unitFigures(from as string, to as string).then((units) => ({ from: from as string, to: to as string, units }));
  }
}
