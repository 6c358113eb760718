import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseGuards, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, StaffAuthGuard, StaffPrincipal } from '@wenzheng/auth';
import {
  TicketDetail,
  TicketPage,
  WorkbenchService,
  approveSchema,
  assignSchema,
  emptySchema,
  extensionDecisionSchema,
  extensionRequestSchema,
  mergeSchema,
  rejectSchema,
  replySchema,
  returnSchema,
  textSchema,
  ticketListQuerySchema,
} from '@wenzheng/workbench';
import { apiErrors, ref, zodBody, zodQuery } from './openapi';

const NO_TICKET_ACCESS: [403, string] = [403, "The caller's roles give no access to tickets"];
const ticketIdParam = ApiParam({ name: 'id', description: 'The ticket id (uuid)' });

/** A workflow action (docs/workbench-api.md): each answers the updated ticket. */
function ApiTicketAction(summary: string, who: string, statuses: string, more = '') {
  return applyDecorators(
    ApiOperation({ summary, description: `Who: ${who}. Ticket status: ${statuses}.${more && ` ${more}`}` }),
    ticketIdParam,
    ApiOkResponse({ description: 'The updated ticket', schema: ref('TicketDetail') }),
    apiErrors(400, 403, 404, 409),
  );
}

/** The unit workbench over HTTP: one-line delegations; scoping and rules live in WorkbenchService. */
@ApiTags('staff-tickets')
@ApiBearerAuth()
@apiErrors(401)
@Controller('api/v1/staff')
@UseGuards(StaffAuthGuard)
export class StaffTicketsController {
  constructor(private readonly workbench: WorkbenchService) {}

  @Get('units')
  @ApiOperation({ summary: 'All units (单位), for the assign form' })
  @ApiOkResponse({ schema: { type: 'array', items: ref('Unit') } })
  async units() {
    return [...(await this.workbench.units()).values()];
  }

  @Get('tickets')
  @ApiOperation({
    summary: "The tickets in the caller's scope, soonest due first",
    description: 'Handlers and reviewers see the tickets where their unit is the lead (主办) or an assisting (协办) unit; dispatchers and monitors see all.',
  })
  @zodQuery(ticketListQuerySchema, { status: 'Comma-separated ticket statuses', kind: 'Comma-separated message kinds' })
  @ApiOkResponse({ schema: ref('TicketPage') })
  @apiErrors(400, NO_TICKET_ACCESS)
  list(@CurrentStaff() staff: StaffPrincipal, @Query() query: unknown): Promise<TicketPage> {
    return this.workbench.list(staff, query);
  }

  @Get('tickets/:id')
  @ApiOperation({ summary: 'One ticket: message, reply, opinions, notes, history, clocks, and the actions the caller may take' })
  @ticketIdParam
  @ApiOkResponse({ schema: ref('TicketDetail') })
  @apiErrors(NO_TICKET_ACCESS, 404)
  detail(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string): Promise<TicketDetail> {
    return this.workbench.detail(staff, id);
  }

  @Post('tickets/:id/claim')
  @HttpCode(200)
  @ApiTicketAction('Claim a ticket for handling (签收)', 'handler of the lead unit', 'assigned, accepted → accepted')
  @zodBody(emptySchema, { required: false })
  claim(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<TicketDetail> {
    return this.workbench.claim(staff, id, body);
  }

  @Put('tickets/:id/reply')
  @ApiTicketAction('Save the reply draft (答复)', 'handler of the lead unit who claimed it', 'accepted (stays)')
  @zodBody(replySchema)
  draft(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<TicketDetail> {
    return this.workbench.draft(staff, id, body);
  }

  @Post('tickets/:id/submit')
  @HttpCode(200)
  @ApiTicketAction('Submit the reply for review (送审)', 'handler of the lead unit who claimed it, with a draft', 'accepted → replied')
  @zodBody(emptySchema, { required: false })
  submit(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<TicketDetail> {
    return this.workbench.submit(staff, id, body);
  }

  @Post('tickets/:id/approve')
  @HttpCode(200)
  @ApiTicketAction(
    'Approve the reply: the ticket is resolved and the reply sent (办结)',
    "reviewer of the lead unit, not the reply's author",
    'replied → resolved',
    'The reply goes to the citizen of this ticket and of every ticket merged into it.',
  )
  @zodBody(approveSchema, { required: false })
  approve(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<TicketDetail> {
    return this.workbench.approve(staff, id, body);
  }

  @Post('tickets/:id/reject')
  @HttpCode(200)
  @ApiTicketAction('Send the reply back to the handler (驳回)', "reviewer of the lead unit, not the reply's author", 'replied → accepted')
  @zodBody(rejectSchema)
  reject(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<TicketDetail> {
    return this.workbench.reject(staff, id, body);
  }

  @Post('tickets/:id/return')
  @HttpCode(200)
  @ApiTicketAction(
    'Return a ticket to the dispatchers (退回)',
    'handler or reviewer of the lead unit, within the return window',
    'assigned, accepted → dispatching',
    "Answers the detail once more: the ticket has left the caller's unit, so the next read is 404.",
  )
  @zodBody(returnSchema)
  returnTicket(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<TicketDetail> {
    return this.workbench.returnTicket(staff, id, body);
  }

  @Post('tickets/:id/assign')
  @HttpCode(200)
  @ApiTicketAction('Assign the lead and assisting units (派单)', 'dispatcher', 'dispatching, assigned, accepted → assigned')
  @zodBody(assignSchema, { description: 'Unit codes' })
  assign(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<TicketDetail> {
    return this.workbench.assign(staff, id, body);
  }

  @Post('tickets/:id/merge')
  @HttpCode(200)
  @ApiTicketAction(
    'Merge a duplicate into its main ticket (并单)',
    'dispatcher',
    'dispatching, assigned, accepted → merged',
    'If the main ticket has answered already, its answer goes to this citizen at once.',
  )
  @zodBody(mergeSchema, { description: '`into`: the tracking number of the main ticket' })
  merge(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<TicketDetail> {
    return this.workbench.merge(staff, id, body);
  }

  @Post('tickets/:id/opinions')
  @HttpCode(200)
  @ApiTicketAction("Give the assisting unit's opinion (协办意见)", 'handler or reviewer of an assisting unit', 'assigned, accepted, replied (stays)')
  @zodBody(textSchema)
  opinion(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<TicketDetail> {
    return this.workbench.addOpinion(staff, id, body);
  }

  @Post('tickets/:id/notes')
  @HttpCode(200)
  @ApiTicketAction('Add an internal note', 'handler, reviewer, dispatcher', 'any (stays)')
  @zodBody(textSchema)
  note(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<TicketDetail> {
    return this.workbench.addNote(staff, id, body);
  }

  @Post('tickets/:id/extensions')
  @HttpCode(200)
  @ApiTicketAction('Ask for more working days on the reply deadline (延期)', 'handler of the lead unit', 'assigned, accepted, replied (stays)')
  @zodBody(extensionRequestSchema)
  requestExtension(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<TicketDetail> {
    return this.workbench.requestExtension(staff, id, body);
  }

  @Post('tickets/:id/extensions/:extensionId/decision')
  @HttpCode(200)
  @ApiTicketAction('Approve or refuse an extension request', 'reviewer of the lead unit, dispatcher', 'assigned, accepted, replied (stays)')
  @ApiParam({ name: 'extensionId', description: 'The extension request id (uuid), from `clocks[].extensions[]`' })
  @zodBody(extensionDecisionSchema)
  decideExtension(
    @CurrentStaff() staff: StaffPrincipal,
    @Param('id') id: string,
    @Param('extensionId') extensionId: string,
    @Body() body: unknown,
  ): Promise<TicketDetail> {
    return this.workbench.decideExtension(staff, id, extensionId, body);
  }
}
