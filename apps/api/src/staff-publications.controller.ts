import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, StaffAuthGuard, StaffPrincipal } from '@wenzheng/auth';
import { PublicationService, StaffPublicationView } from '@wenzheng/publishing';
import { apiErrors } from './openapi';

const publicationIdParam = ApiParam({ name: 'id', description: 'The publication id (uuid)' });
const view = ApiOkResponse({ description: 'The publication as the reviewer sees it (masked texts, originals, mask spans)' });

/** 公开审核: the unit's reviewer adjusts and releases the masked drafts of approved replies. */
@ApiTags('staff-publications')
@ApiBearerAuth()
@apiErrors(401)
@Controller('api/v1/staff/publications')
@UseGuards(StaffAuthGuard)
export class StaffPublicationsController {
  constructor(private readonly publications: PublicationService) {}

  @Get()
  @ApiOperation({ summary: "The unit's publications in a state (default draft: waiting for review)" })
  @ApiQuery({ name: 'state', required: false, enum: ['draft', 'published', 'withheld', 'withdrawn'] })
  list(@CurrentStaff() staff: StaffPrincipal, @Query('state') state?: string): Promise<StaffPublicationView[]> {
    return this.publications.list(staff, state);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One publication with the original texts and what masking changed' })
  @publicationIdParam
  @view
  @apiErrors(404)
  get(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string): Promise<StaffPublicationView> {
    return this.publications.get(staff, id);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Edit the masked texts of a draft (mask more, correct)' })
  @publicationIdParam
  @view
  @apiErrors(400, 403, 404, 409)
  edit(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<StaffPublicationView> {
    return this.publications.edit(staff, id, body);
  }

  @Post(':id/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a draft to the public archive (公开)' })
  @publicationIdParam
  @view
  @apiErrors(403, 404, 409)
  release(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string): Promise<StaffPublicationView> {
    return this.publications.release(staff, id);
  }

  @Post(':id/withhold')
  @HttpCode(200)
  @ApiOperation({ summary: 'Do not publish a draft, with a reason (不予公开)' })
  @publicationIdParam
  @view
  @apiErrors(400, 403, 404, 409)
  withhold(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<StaffPublicationView> {
    return this.publications.withhold(staff, id, body);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a published entry, with a reason (撤回); its address shows a tombstone' })
  @publicationIdParam
  @view
  @apiErrors(400, 403, 404, 409)
  withdraw(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<StaffPublicationView> {
    return this.publications.withdraw(staff, id, body);
  }
}
