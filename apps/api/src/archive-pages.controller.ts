import { Controller, Get, Header, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { TIME_SOURCE, TimeSource } from '@wenzheng/calendar';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { InputError } from '@wenzheng/errors';
import {
  ATOM_CONTENT_TYPE,
  ArchiveService,
  InterpretationService,
  archiveFiltersOf,
  renderArchiveEntryPage,
  renderArchiveFeed,
  renderArchiveFilterErrorPage,
  renderArchiveNotFoundPage,
  renderArchivePoliciesPage,
  renderArchiveSearchPage,
  renderArchiveUnitsPage,
} from '@wenzheng/publishing';

const HTML = 'text/html; charset=utf-8';
const CACHE = 'public, max-age=60';
// The pages need no script at all; styles are inline.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** The public archive (公开答复) as server-rendered HTML and an Atom feed, for browsers without JavaScript; pages, not API. */
@ApiExcludeController()
@Controller('archive')
export class ArchivePagesController {
  constructor(
    private readonly archive: ArchiveService,
    private readonly interpretations: InterpretationService,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /** Search and filters; a filter the archive refuses answers 400 with the form and the reason. */
  @Get()
  @Header('Content-Type', HTML)
  @Header('Cache-Control', CACHE)
  @Header('Content-Security-Policy', CSP)
  async search(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) response: Response): Promise<string> {
    const [options, result] = await Promise.all([this.archive.filterOptions(), this.archive.search(query).catch((error: unknown) => refusal(error))]);
    if (result instanceof InputError) {
      response.status(400);
      return renderArchiveFilterErrorPage(archiveFiltersOf(query), options, { field: result.field, message: result.message });
    }
    return renderArchiveSearchPage(archiveFiltersOf(query), options, result);
  }

  @Get('units')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', CACHE)
  @Header('Content-Security-Policy', CSP)
  async units(): Promise<string> {
    return renderArchiveUnitsPage(await this.archive.unitFigures());
  }

  /** 政策文件与解读: the policy documents with their interpretation, or the date it is due. */
  @Get('policies')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', CACHE)
  @Header('Content-Security-Policy', CSP)
  async policies(): Promise<string> {
    return renderArchivePoliciesPage(await this.interpretations.policies());
  }

  @Get('feed.atom')
  @Header('Content-Type', ATOM_CONTENT_TYPE)
  @Header('Cache-Control', CACHE)
  /** Links are absolute on PUBLIC_BASE_URL: never the request's Host header, which a client (or a cache in front) could forge. */
  async feed(): Promise<string> {
    return renderArchiveFeed(await this.archive.latest(50), { baseUrl: this.config.publicBaseUrl, now: this.time.now() });
  }

  /** One reply; a withdrawn one is a tombstone (410); unknown, draft and withheld all answer the same 404. */
  @Get('replies/:id')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', CACHE)
  @Header('Content-Security-Policy', CSP)
  async entry(@Param('id') id: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const entry = await this.archive.entry(id);
    if (!entry) {
      response.status(404);
      return renderArchiveNotFoundPage();
    }
    if ('withdrawn' in entry) response.status(410);
    return renderArchiveEntryPage(entry);
  }
}

/** A refused filter becomes the value to render; anything else is a real failure. */
function refusal(error: unknown): InputError {
  if (error instanceof InputError) return error;
  throw error;
}
