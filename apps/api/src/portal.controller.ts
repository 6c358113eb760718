import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { PortalRatingResult, PortalReceipt, PortalService, PortalStatus, portalMessageSchema } from '@wenzheng/channels';
import { ratingSchema } from '@wenzheng/tickets';
import { apiErrors, ref, zodBody } from './openapi';

const NOT_FOUND = 'no message with this tracking number and query code';

const trackingNoParam = ApiParam({ name: 'trackingNo', description: 'The tracking number (受理编号) from the receipt' });
const codeQuery = ApiQuery({ name: 'code', required: true, description: 'The query code (查询码) from the receipt' });

@ApiTags('portal')
@Controller('api/v1/portal/messages')
export class PortalController {
  constructor(private readonly portal: PortalService) {}

  /** 201 for a new message; 200 with the same receipt when the clientRequestId was seen before. */
  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Submit a message to the portal mailbox (市长信箱)',
    description: 'A resent form with the same `clientRequestId` gets the first receipt back: 200 with `Idempotent-Replayed: true`.',
  })
  @zodBody(portalMessageSchema)
  @ApiCreatedResponse({ description: 'Received; the reply deadline is counted in working days', schema: ref('PortalReceipt') })
  @ApiOkResponse({
    description: 'The same clientRequestId was seen before: its receipt',
    schema: ref('PortalReceipt'),
    headers: { 'Idempotent-Replayed': { description: 'true', schema: { type: 'string' } } },
  })
  @apiErrors(400)
  async submit(@Body() body: unknown, @Res({ passthrough: true }) response: Response): Promise<PortalReceipt> {
    const { replayed, receipt } = await this.portal.submit(body);
    if (replayed) response.status(200).setHeader('Idempotent-Replayed', 'true');
    return receipt;
  }

  @Get(':trackingNo')
  @ApiOperation({ summary: "Follow a message's progress (办理进度查询)" })
  @trackingNoParam
  @codeQuery
  @ApiOkResponse({ schema: ref('PortalStatus') })
  @apiErrors([404, NOT_FOUND])
  async status(@Param('trackingNo') trackingNo: string, @Query('code') code = ''): Promise<PortalStatus> {
    const status = await this.portal.status(trackingNo, code);
    if (!status) throw new NotFoundException(NOT_FOUND);
    return status;
  }

  /** 回访/满意度 with the query code; "not resolved" re-opens the ticket once (`reopened`). */
  @Post(':trackingNo/rating')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Rate the reply (回访/满意度)',
    description: 'Once per delivered reply. "Not resolved" re-opens the ticket once (重办, `reopened: true`).',
  })
  @trackingNoParam
  @codeQuery
  @zodBody(ratingSchema)
  @ApiCreatedResponse({ schema: ref('PortalRating') })
  @apiErrors(400, [404, NOT_FOUND], [409, 'There is no reply to rate yet, or it is rated already'])
  async rate(@Param('trackingNo') trackingNo: string, @Query('code') code = '', @Body() body: unknown): Promise<PortalRatingResult> {
    const rating = await this.portal.rate(trackingNo, code, body);
    if (!rating) throw new NotFoundException(NOT_FOUND);
    return rating;
  }
}
