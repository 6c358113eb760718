import { Body, Controller, Get, Header, HttpException, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { PortalService, renderLookupPage, renderNotFoundPage, renderStatusPage, statusPageUrl } from '@wenzheng/channels';
import { DomainError } from '@wenzheng/errors';

/** The rating form as the browser sends it (application/x-www-form-urlencoded); a repeated field arrives as an array. */
type RatingForm = Record<string, unknown>;

const REFUSAL_TEXT: Record<number, string> = {
  400: '评价未提交：请为服务态度和办理速度各选择 1–5 分，选择问题是否解决，意见不要过长。',
  409: '该诉求目前不能评价，或已经评价过。',
};

/** The citizen's status page (办理进度查询) as server-rendered HTML, for browsers without JavaScript; pages, not API. */
@ApiExcludeController()
@Controller('portal/status')
export class PortalPagesController {
  constructor(private readonly portal: PortalService) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async status(
    @Query('no') trackingNo: string | undefined,
    @Query('code') code: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    if (code === undefined) return renderLookupPage(String(trackingNo ?? '').trim().slice(0, 20));
    const status = await this.portal.status(String(trackingNo ?? '').trim(), String(code ?? '').trim());
    if (!status) {
      response.status(404);
      return renderNotFoundPage();
    }
    return renderStatusPage(status, String(code).trim());
  }

  /** Answers 303 to the status page (post/redirect/get), or the page again with the reason when the rating is refused. */
  @Post('rating')
  async rate(@Body() form: RatingForm = {}, @Res() response: Response): Promise<void> {
    const trackingNo = field(form, 'no')?.trim() ?? '';
    const code = field(form, 'code')?.trim() ?? '';
    const html = (status: number, page: string) => response.status(status).type('html').setHeader('Cache-Control', 'no-store').send(page);
    try {
      const result = await this.portal.rate(trackingNo, code, ratingInput(form));
      if (!result) return void html(404, renderNotFoundPage());
      response.redirect(303, statusPageUrl(trackingNo, code));
    } catch (error) {
      const httpStatus = error instanceof DomainError ? error.httpStatus : error instanceof HttpException ? error.getStatus() : undefined;
      const reason = httpStatus === undefined ? undefined : REFUSAL_TEXT[httpStatus];
      if (!httpStatus || !reason) throw error;
      const status = await this.portal.status(trackingNo, code);
      if (!status) return void html(404, renderNotFoundPage());
      html(httpStatus, renderStatusPage(status, code, reason));
    }
  }
}

/** Turns form strings into the JSON shape of the rating API; anything malformed is passed on for the service to refuse. */
function ratingInput(form: RatingForm): Record<string, unknown> {
  const score = (name: string) => {
    const value = field(form, name);
    return value === undefined ? undefined : Number(value);
  };
  const resolved = field(form, 'resolved');
  const comment = field(form, 'comment')?.trim();
  return {
    attitude: score('attitude'),
    speed: score('speed'),
    resolved: resolved === 'true' ? true : resolved === 'false' ? false : resolved,
    ...(comment ? { comment } : {}),
  };
}

function field(form: RatingForm, name: string): string | undefined {
  const value = form[name];
  return typeof value === 'string' ? value : undefined;
}
