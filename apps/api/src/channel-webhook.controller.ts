import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { performance } from 'node:perf_hooks';
import { WebhookAnswer, WechatWebhookService, WeiboWebhookService } from '@wenzheng/channels';

const send = (response: Response, answer: WebhookAnswer) => response.status(answer.status).type(answer.contentType).send(answer.body);

interface PlatformWebhook {
  verifyUrl(accountId: string, query: Record<string, unknown>): Promise<WebhookAnswer>;
  receive(accountId: string, query: Record<string, unknown>, body: string, arrivedAt: number): Promise<WebhookAnswer>;
}

/**
 * The server URL of each platform account: /channels/wechat-mp/{account id} (公众号服务器配置) and
 * /channels/weibo/{account id} (粉丝服务平台 开发模式).
 */
@ApiExcludeController()
@Controller('channels')
export class ChannelWebhookController {
  private readonly webhooks: ReadonlyMap<string, PlatformWebhook>;

  constructor(wechat: WechatWebhookService, weibo: WeiboWebhookService) {
    this.webhooks = new Map<string, PlatformWebhook>([
      ['wechat-mp', wechat],
      ['weibo', weibo],
    ]);
  }

  @Get(':platform/:accountId')
  async verify(@Param('platform') platform: string, @Param('accountId') accountId: string, @Query() query: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const webhook = this.webhooks.get(platform);
    send(response, webhook ? await webhook.verifyUrl(accountId, query) : { status: 404, contentType: 'text/plain', body: 'unknown platform' });
  }

  @Post(':platform/:accountId')
  async receive(
    @Param('platform') platform: string,
    @Param('accountId') accountId: string,
    @Query() query: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const webhook = this.webhooks.get(platform);
    if (!webhook) return void send(response, { status: 404, contentType: 'text/plain', body: 'unknown platform' });
    const arrivedAt = (request as Request & { arrivedAt?: number }).arrivedAt ?? performance.now();
    send(response, await webhook.receive(accountId, query, typeof request.body === 'string' ? request.body : '', arrivedAt));
  }
}
