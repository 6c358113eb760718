import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, StaffAuthGuard, StaffPrincipal } from '@wenzheng/auth';
import { InterpretationService, InterpretationView } from '@wenzheng/publishing';
import { apiErrors } from './openapi';

const idParam = ApiParam({ name: 'id', description: 'The interpretation id (uuid)' });

/** 政策解读: policy documents registered by the government office, interpretations drafted and approved by units. */
@ApiTags('staff-interpretations')
@ApiBearerAuth()
@apiErrors(401)
@Controller('api/v1/staff')
@UseGuards(StaffAuthGuard)
export class StaffInterpretationsController {
  constructor(private readonly interpretations: InterpretationService) {}

  @Post('policy-documents')
  @ApiOperation({ summary: 'Register a policy document; its drafting unit gets an interpretation duty due 3 working days after publication' })
  @apiErrors(400, 403, 409)
  register(@CurrentStaff() staff: StaffPrincipal, @Body() body: unknown): Promise<InterpretationView> {
    return this.interpretations.register(staff, body);
  }

  @Get('interpretations')
  @ApiOperation({ summary: "The unit's interpretation duties (all for dispatchers and monitors), soonest due first" })
  @ApiQuery({ name: 'state', required: false, enum: ['drafting', 'submitted', 'published'] })
  list(@CurrentStaff() staff: StaffPrincipal, @Query('state') state?: string): Promise<InterpretationView[]> {
    return this.interpretations.list(staff, state);
  }

  @Get('interpretations/:id')
  @ApiOperation({ summary: 'One interpretation duty' })
  @idParam
  @apiErrors(404)
  get(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string): Promise<InterpretationView> {
    return this.interpretations.get(staff, id);
  }

  @Put('interpretations/:id')
  @ApiOperation({ summary: 'Write or edit the interpretation (handler of the drafting unit)' })
  @idParam
  @apiErrors(400, 403, 404, 409)
  draft(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<InterpretationView> {
    return this.interpretations.draft(staff, id, body);
  }

  @Post('interpretations/:id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit the interpretation for review' })
  @idParam
  @apiErrors(403, 404, 409)
  submit(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string): Promise<InterpretationView> {
    return this.interpretations.submit(staff, id);
  }

  @Post('interpretations/:id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: "Approve and publish it to the archive (the unit's reviewer, not the author)" })
  @idParam
  @apiErrors(403, 404, 409)
  approve(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string): Promise<InterpretationView> {
    return this.interpretations.approve(staff, id);
  }

  @Post('interpretations/:id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send it back to the author with a comment' })
  @idParam
  @apiErrors(400, 403, 404, 409)
  reject(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<InterpretationView> {
    return this.interpretations.reject(staff, id, body);
  }
}
