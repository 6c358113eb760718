import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { performance } from 'node:perf_hooks';
import { WebhookAnswer, WechatWebhookService } from '@wenzheng/channels';

const send = (response: Response, answer: WebhookAnswer) => response.status(answer.status).type(answer.contentType).send(answer.body);

/** The server URL of each WeChat official account (公众号服务器配置): /channels/wechat-mp/{account id}. */
@ApiExcludeController()
@Controller('channels/wechat-mp')
export class WechatWebhookController {
  constructor(private readonly webhook: WechatWebhookService) {}

  @Get(':accountId')
  async verify(@Param('accountId') accountId: string, @Query() query: Record<string, unknown>, @Res() response: Response): Promise<void> {
    send(response, await this.webhook.verifyUrl(accountId, query));
  }

  @Post(':accountId')
  async receive(@Param('accountId') accountId: string, @Query() query: Record<string, unknown>, @Req() request: Request, @Res() response: Response): Promise<void> {
    const arrivedAt = (request as Request & { arrivedAt?: number }).arrivedAt ?? performance.now();
    send(response, await this.webhook.receive(accountId, query, typeof request.body === 'string' ? request.body : '', arrivedAt));
  }
}
