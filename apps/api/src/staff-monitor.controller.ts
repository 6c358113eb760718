import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, RequireRoles, StaffAuthGuard, StaffPrincipal } from '@wenzheng/auth';
import {
  MergeSuggestionService,
  MonitorCaseService,
  MonitorViewService,
  alertListQuerySchema,
  closeAlertSchema,
  clusterListQuerySchema,
  openCaseSchema,
} from '@wenzheng/monitor';
import { apiErrors, schemaParts, zodBody, zodQuery } from './openapi';

const { string, integer, number, boolean, dateTime, nullable, arrayOf, object } = schemaParts;
const counted = (key: string) => arrayOf(object({ [key]: string, count: integer }));
const alertRef = object({ id: string, level: string, levelText: string, status: string });
const clusterItem = object({
  id: string,
  label: arrayOf(string),
  messageCount: integer,
  createdAt: dateTime,
  lastAt: dateTime,
  current: { ...integer, description: 'Messages in the current burst window' },
  mean: { ...number, description: 'Mean of the previous windows' },
  z: number,
  hot: boolean,
  watchCategories: arrayOf(string),
  sentimentAverage: nullable(number),
  alert: nullable(alertRef),
  caseId: nullable(string),
});
const clusterDetail = object({
  id: string,
  status: { type: 'string', enum: ['live', 'expired'] },
  label: arrayOf(string),
  terms: arrayOf(object({ term: string, weight: number })),
  messageCount: integer,
  createdAt: dateTime,
  lastAt: dateTime,
  hourly: arrayOf(object({ start: dateTime, count: integer })),
  daily: arrayOf(object({ start: dateTime, count: integer })),
  sentimentAverage: nullable(number),
  sentiment: counted('label'),
  channels: counted('name'),
  units: arrayOf(object({ code: string, name: string, count: integer })),
  messages: arrayOf(
    object({ ticketId: string, trackingNo: string, title: string, at: dateTime, channel: string, sentiment: number, sentimentLabel: string, duplicate: boolean }),
  ),
  publicPosts: arrayOf(
    object({
      id: string,
      kind: { type: 'string', enum: ['mention', 'comment'] },
      text: string,
      at: dateTime,
      channel: string,
      sentiment: number,
      sentimentLabel: string,
      copyOf: { ...nullable(string), description: 'The earlier post this one copies (near-duplicate), if any' },
    }),
  ),
  copiedPosts: {
    ...arrayOf(object({ firstPostId: string, text: string, posts: integer, authors: integer, firstAt: dateTime, lastAt: dateTime })),
    description: 'Groups of near-identical posts of the topic (the first post and its copies), largest first: a copy-paste campaign',
  },
  alert: nullable(object({ id: string, level: string, status: string })),
  caseId: nullable(string),
});
const alert = object({
  id: string,
  clusterId: string,
  label: arrayOf(string),
  level: { type: 'string', enum: ['info', 'warning', 'critical'] },
  levelText: { ...string, description: '一般 / 较大 / 重大' },
  reasons: arrayOf({ type: 'object', description: 'burst, strong-burst, high-volume, negative-sentiment, watch-category, watch-word, copies' }),
  status: { type: 'string', enum: ['open', 'acknowledged', 'closed'] },
  raisedAt: dateTime,
  acknowledgedAt: nullable(dateTime),
  closedAt: nullable(dateTime),
  closeNote: nullable(string),
  z: number,
  sentimentAverage: nullable(number),
  count: { ...integer, description: 'Messages (and posts) in the current window, resends left out' },
  copies: { ...integer, description: "Of count, the near-duplicates of other senders' earlier messages or posts (a copy-paste campaign, a template letter)" },
  resends: { ...integer, description: 'Beside count: near-duplicates of their senders\' own earlier messages (催问), one voice each with the first' },
  watchCategories: arrayOf(string),
});
const alertMove = object({ id: string, status: string });
const monitorCase = object({
  id: string,
  clusterId: string,
  label: arrayOf(string),
  majorEmergency: boolean,
  openedAt: dateTime,
  ticketId: string,
  trackingNo: string,
  status: string,
  leadUnit: object({ code: string, name: string }),
  memberCount: integer,
  clocks: arrayOf(object({ purpose: string, policy: string, state: string, startedAt: dateTime, dueAt: nullable(dateTime) })),
});
const suggestion = object({
  ticketId: string,
  trackingNo: string,
  title: string,
  into: object({ ticketId: string, trackingNo: string, title: string }),
  similarity: number,
});
const clusterIdParam = ApiParam({ name: 'id', description: 'The cluster id, e.g. topic-12' });
const alertIdParam = ApiParam({ name: 'id', description: 'The alert id (uuid)' });
const ticketIdParam = ApiParam({ name: 'id', description: 'The ticket id (uuid)' });

/** The monitor's API (docs in README "Hot-topic monitor"): one-line delegations to libs/monitor. */
@ApiTags('staff-monitor')
@ApiBearerAuth()
@apiErrors(401, 403)
@Controller('api/v1/staff')
@UseGuards(StaffAuthGuard)
export class StaffMonitorController {
  constructor(
    private readonly views: MonitorViewService,
    private readonly caseService: MonitorCaseService,
    private readonly suggestions: MergeSuggestionService,
  ) {}

  @Get('monitor/clusters')
  @RequireRoles('monitor')
  @ApiOperation({ summary: 'Hot (burst now) or rising topic clusters, strongest first', description: 'Bursts are judged at the time of the request.' })
  @zodQuery(clusterListQuerySchema, { view: 'hot (the default) or rising' })
  @ApiOkResponse({ schema: arrayOf(clusterItem) })
  @apiErrors(400)
  clusters(@Query() query: unknown) {
    return this.views.clusters(query);
  }

  @Get('monitor/clusters/:id')
  @RequireRoles('monitor')
  @ApiOperation({ summary: 'One cluster: top terms, hourly and daily counts, sentiment, channel and unit split, latest messages and public Weibo posts' })
  @clusterIdParam
  @ApiOkResponse({ schema: clusterDetail })
  @apiErrors(404)
  cluster(@Param('id') id: string) {
    return this.views.cluster(id);
  }

  @Post('monitor/clusters/:id/case')
  @HttpCode(201)
  @RequireRoles('monitor')
  @ApiOperation({
    summary: 'Open a case (舆情处置) from a cluster',
    description: 'One ticket for the lead unit (the majority of the member tickets\' lead units, or `leadUnit`), the member tickets linked, and a 48-hour response clock (5 h information + 24 h press conference for a major emergency).',
  })
  @clusterIdParam
  @zodBody(openCaseSchema, { required: false })
  @ApiCreatedResponse({ schema: object({ id: string, ticketId: string, trackingNo: string }) })
  @apiErrors(400, 404, 409)
  openCase(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown) {
    return this.caseService.open(staff.id, id, body);
  }

  @Get('monitor/alerts')
  @RequireRoles('monitor')
  @ApiOperation({ summary: 'Alerts, newest first (by default those not closed)' })
  @zodQuery(alertListQuerySchema, { status: 'Comma-separated: open, acknowledged, closed' })
  @ApiOkResponse({ schema: arrayOf(alert) })
  @apiErrors(400)
  alerts(@Query() query: unknown) {
    return this.views.alerts(query);
  }

  @Post('monitor/alerts/:id/acknowledge')
  @HttpCode(200)
  @RequireRoles('monitor')
  @ApiOperation({ summary: 'Acknowledge an open alert (已知悉)' })
  @alertIdParam
  @ApiOkResponse({ schema: alertMove })
  @apiErrors(404, 409)
  acknowledge(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string) {
    return this.views.acknowledge(staff.id, id);
  }

  @Post('monitor/alerts/:id/close')
  @HttpCode(200)
  @RequireRoles('monitor')
  @ApiOperation({ summary: 'Close an alert with a note; the cluster may raise a new one later' })
  @alertIdParam
  @zodBody(closeAlertSchema)
  @ApiOkResponse({ schema: alertMove })
  @apiErrors(400, 404, 409)
  close(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: unknown) {
    return this.views.close(staff.id, id, body);
  }

  @Get('monitor/cases')
  @RequireRoles('monitor')
  @ApiOperation({ summary: 'Cases opened from clusters, with their ticket, lead unit and response clocks' })
  @ApiOkResponse({ schema: arrayOf(monitorCase) })
  cases() {
    return this.views.cases();
  }

  @Get('merge-suggestions')
  @RequireRoles('dispatcher', 'monitor')
  @ApiOperation({ summary: '并单 suggestions: open tickets whose message copies an earlier one', description: 'Merge with POST /api/v1/staff/tickets/{id}/merge.' })
  @ApiOkResponse({ schema: arrayOf(suggestion) })
  mergeSuggestions() {
    return this.suggestions.list();
  }

  @Get('tickets/:id/merge-suggestion')
  @RequireRoles('dispatcher', 'monitor')
  @ApiOperation({ summary: "The 并单 suggestion of one ticket, or null" })
  @ticketIdParam
  @ApiOkResponse({ schema: nullable(suggestion) })
  @apiErrors(404)
  mergeSuggestion(@Param('id') id: string) {
    return this.suggestions.forTicket(id);
  }

  @Post('tickets/:id/merge-suggestion/dismiss')
  @HttpCode(200)
  @RequireRoles('dispatcher')
  @ApiOperation({ summary: 'Set a 并单 suggestion aside (not the same matter)' })
  @ticketIdParam
  @ApiOkResponse({ schema: object({ dismissed: boolean }) })
  @apiErrors(404)
  dismissSuggestion(@Param('id') id: string) {
    return this.suggestions.dismiss(id);
  }
}
