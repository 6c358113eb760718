import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { CurrentStaff, StaffAuthGuard, StaffPrincipal } from '@wenzheng/auth';
import { TicketDetail, TicketPage, WorkbenchService } from '@wenzheng/workbench';

/** The unit workbench over HTTP: one-line delegations; scoping and rules live in WorkbenchService. */
@Controller('api/v1/staff')
@UseGuards(StaffAuthGuard)
export class StaffTicketsController {
  constructor(private readonly workbench: WorkbenchService) {}

  @Get('units')
  async units() {
    return [...(await this.workbench.units()).values()];
  }

  @Get('tickets')
  list(@CurrentStaff() staff: StaffPrincipal, @Query() query: unknown): Promise<TicketPage> {
    return this.workbench.list(staff, query);
  }

  @Get('tickets/:id')
  detail(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string): Promise<TicketDetail> {
    return this.workbench.detail(staff, id);
  }

  @Post('tickets/:id/claim')
  @HttpCode(200)
  claim(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<TicketDetail> {
    return this.workbench.claim(staff, id, body);
  }

  @Put('tickets/:id/reply')
  draft(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<TicketDetail> {
    return this.workbench.draft(staff, id, body);
  }

  @Post('tickets/:id/submit')
  @HttpCode(200)
  submit(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<TicketDetail> {
    return this.workbench.submit(staff, id, body);
  }

  @Post('tickets/:id/approve')
  @HttpCode(200)
  approve(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<TicketDetail> {
    return this.workbench.approve(staff, id, body);
  }

  @Post('tickets/:id/reject')
  @HttpCode(200)
  reject(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<TicketDetail> {
    return this.workbench.reject(staff, id, body);
  }

  @Post('tickets/:id/return')
  @HttpCode(200)
  returnTicket(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<TicketDetail> {
    return this.workbench.returnTicket(staff, id, body);
  }

  @Post('tickets/:id/assign')
  @HttpCode(200)
  assign(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<TicketDetail> {
    return this.workbench.assign(staff, id, body);
  }

  @Post('tickets/:id/merge')
  @HttpCode(200)
  merge(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<TicketDetail> {
    return this.workbench.merge(staff, id, body);
  }

  @Post('tickets/:id/opinions')
  @HttpCode(200)
  opinion(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<TicketDetail> {
    return this.workbench.addOpinion(staff, id, body);
  }

  @Post('tickets/:id/notes')
  @HttpCode(200)
  note(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<TicketDetail> {
    return this.workbench.addNote(staff, id, body);
  }

  @Post('tickets/:id/extensions')
  @HttpCode(200)
  requestExtension(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<TicketDetail> {
    return this.workbench.requestExtension(staff, id, body);
  }

  @Post('tickets/:id/extensions/:extensionId/decision')
  @HttpCode(200)
  decideExtension(
    @CurrentStaff() staff: StaffPrincipal,
    @Param('id') id: string,
    @Param('extensionId') extensionId: string,
    @Body() body: unknown,
  ): Promise<TicketDetail> {
    return this.workbench.decideExtension(staff, id, extensionId, body);
  }
}
