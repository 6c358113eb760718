import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { WorkingDayCalendar } from '@wenzheng/calendar';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

@Controller('api/v1/calendar')
export class CalendarController {
  constructor(private readonly calendar: WorkingDayCalendar) {}

  /** `from` must carry its offset (Z or +08:00): a deadline is only meaningful for an exact moment. */
  @Get('working-days')
  workingDays(@Query('from') from?: string, @Query('add') add?: string) {
    if (!from || !ISO_DATE_TIME.test(from) || Number.isNaN(Date.parse(from))) {
      throw new BadRequestException({ message: 'from must be an ISO date-time with offset, e.g. 2026-09-30T10:00:00+08:00', field: 'from' });
    }
    if (!add || !/^\d{1,4}$/.test(add) || Number(add) > 3650) {
      throw new BadRequestException({ message: 'add must be a whole number of working days from 0 to 3650', field: 'add' });
    }
    const deadline = this.calendar.addWorkingDays(new Date(from), Number(add));
    return { due: deadline.due, dueAt: deadline.dueAt.toISOString(), provisional: deadline.provisional };
  }
}
