import { Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, RequireRoles, StaffAuthGuard, StaffPrincipal } from '@wenzheng/auth';
import { RoutingAdminService, RoutingModelView, RoutingRetrainRunEntity } from '@wenzheng/routing';
import { apiErrors, ref } from './openapi';

@ApiTags('admin')
@ApiBearerAuth()
@apiErrors(401, [403, 'This needs the role admin'])
@Controller('api/v1/admin/routing')
@UseGuards(StaffAuthGuard)
@RequireRoles('admin')
export class AdminRoutingController {
  constructor(private readonly routing: RoutingAdminService) {}

  @Get('models')
  @ApiOperation({ summary: 'The routing models: topic category and unit, every version, the active one per target' })
  @ApiOkResponse({ schema: { type: 'array', items: ref('RoutingModel') } })
  models(): Promise<RoutingModelView[]> {
    return this.routing.models();
  }

  @Get('retrain-runs')
  @ApiOperation({ summary: 'The latest 50 retraining runs, newest first, with the hold-out comparison that decided each' })
  @ApiOkResponse({ schema: { type: 'array', items: ref('RoutingRetrainRun') } })
  runs(): Promise<RoutingRetrainRunEntity[]> {
    return this.routing.runs();
  }

  @Post('retrain')
  @HttpCode(202)
  @ApiOperation({ summary: 'Retrain the unit model now (a worker trains, compares on the time-based hold-out, promotes only if not worse)' })
  @ApiAcceptedResponse({ schema: { type: 'object', required: ['runKey'], properties: { runKey: { type: 'string' } } } })
  retrain(@CurrentStaff() staff: StaffPrincipal): Promise<{ runKey: string }> {
    return this.routing.requestRetrain(`staff:${staff.id}`);
  }
}
