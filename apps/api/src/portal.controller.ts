import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { PortalRatingResult, PortalReceipt, PortalService, PortalStatus } from '@wenzheng/channels';

@Controller('api/v1/portal/messages')
export class PortalController {
  constructor(private readonly portal: PortalService) {}

  /** 201 for a new message; 200 with the same receipt when the clientRequestId was seen before. */
  @Post()
  @HttpCode(201)
  async submit(@Body() body: unknown, @Res({ passthrough: true }) response: Response): Promise<PortalReceipt> {
    const { replayed, receipt } = await this.portal.submit(body);
    if (replayed) response.status(200).setHeader('Idempotent-Replayed', 'true');
    return receipt;
  }

  @Get(':trackingNo')
  async status(@Param('trackingNo') trackingNo: string, @Query('code') code = ''): Promise<PortalStatus> {
    const status = await this.portal.status(trackingNo, code);
    if (!status) throw new NotFoundException('no message with this tracking number and query code');
    return status;
  }

  /** 回访/满意度 with the query code; "not resolved" re-opens the ticket once (`reopened`). */
  @Post(':trackingNo/rating')
  @HttpCode(201)
  async rate(@Param('trackingNo') trackingNo: string, @Query('code') code = '', @Body() body: unknown): Promise<PortalRatingResult> {
    const rating = await this.portal.rate(trackingNo, code, body);
    if (!rating) throw new NotFoundException('no message with this tracking number and query code');
    return rating;
  }
}
