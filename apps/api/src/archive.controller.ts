import { Controller, Get, NotFoundException, Param, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PublicRateLimitGuard } from '@wenzheng/auth';
import {
  ArchiveEntry,
  ArchiveSearchResult,
  ArchiveService,
  ArchiveTombstone,
  ArchiveUnitFigures,
  InterpretationService,
} from '@wenzheng/publishing';
import { apiErrors } from './openapi';

/** The public archive as JSON (no login): the same data as the /archive pages. */
@ApiTags('archive')
@apiErrors([429, 'Too many requests from this address this minute (see the Retry-After header)'])
@Controller('api/v1/archive')
@UseGuards(PublicRateLimitGuard)
export class ArchiveController {
  constructor(
    private readonly archive: ArchiveService,
    private readonly interpretations: InterpretationService,
  ) {}

  @Get('replies')
  @ApiOperation({
    summary:
      'Published replies, searched in Chinese (q) and filtered; ranked by relevance when q matches at most 1,000 replies, else newest first. total counts up to 1,000 (totalIsExact false beyond); pages past the first 1,000 results answer 400',
  })
  @ApiQuery({ name: 'q', required: false, description: 'Words to find, cut with the jieba segmenter' })
  @ApiQuery({ name: 'unit', required: false, description: 'A unit code' })
  @ApiQuery({ name: 'category', required: false, description: 'A topic category (城乡建设, 卫生计生, …), as the entries carry it' })
  @ApiQuery({ name: 'kind', required: false, enum: ['consult', 'help', 'suggestion', 'complaint', 'report', 'urgent'] })
  @ApiQuery({ name: 'from', required: false, description: 'Replied on or after (YYYY-MM-DD, Shanghai)' })
  @ApiQuery({ name: 'to', required: false, description: 'Replied on or before (YYYY-MM-DD, Shanghai)' })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'pageSize', required: false, description: '1–50, default 10' })
  @ApiOkResponse({ description: '{ items, total, totalIsExact, order (relevance | newest), page, pageSize, terms }' })
  @apiErrors(400)
  search(@Query() query: unknown): Promise<ArchiveSearchResult> {
    return this.archive.search(query);
  }

  @Get('replies/:id')
  @ApiOperation({ summary: 'One published reply, or the tombstone of a withdrawn one' })
  @ApiParam({ name: 'id', description: 'The publication id (uuid)' })
  @apiErrors(404)
  async entry(@Param('id') id: string): Promise<ArchiveEntry | ArchiveTombstone> {
    const entry = await this.archive.entry(id);
    if (!entry) throw new NotFoundException('no published reply with this id');
    return entry;
  }

  @Get('units')
  @ApiOperation({ summary: "Each unit's published replies, answer times and ratings over the last 365 days" })
  unitFigures(): Promise<ArchiveUnitFigures[]> {
    return this.archive.unitFigures();
  }

  @Get('policies')
  @ApiOperation({ summary: 'Policy documents with their interpretation (政策解读) once published' })
  policies(): ReturnType<InterpretationService['policies']> {
    return this.interpretations.policies();
  }

  @Get('interpretations/figures')
  @ApiOperation({ summary: 'Interpretations published on time and late, per drafting unit' })
  interpretationFigures(): ReturnType<InterpretationService['figures']> {
    return this.interpretations.figures();
  }
}
