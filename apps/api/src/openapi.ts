import { INestApplication, applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiResponse, DocumentBuilder, ReferenceObject, SchemaObject, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';
import { STAFF_ROLES } from '@wenzheng/auth';
import { TICKET_ACTIONS, TICKET_STATUSES } from '@wenzheng/tickets';

const DOCS_PATH = 'api/docs';

/** As a client sends it (`io: 'input'`): transforms and defaults apply after the request, not in it. */
function jsonSchemaOf(schema: z.ZodType): SchemaObject {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }) as SchemaObject;
}

/** The JSON request body, from the zod schema the service validates it with. */
export function zodBody(schema: z.ZodType, options: { required?: boolean; description?: string } = {}): MethodDecorator {
  return ApiBody({ schema: jsonSchemaOf(schema), ...options });
}

/** One query parameter per property of a zod object schema that validates the whole query. */
export function zodQuery(schema: z.ZodObject, descriptions: Record<string, string> = {}): MethodDecorator {
  const { properties = {}, required = [] } = jsonSchemaOf(schema);
  return applyDecorators(
    ...Object.entries(properties).map(([name, property]) =>
      ApiQuery({ name, required: required.includes(name), schema: property, description: descriptions[name] }),
    ),
  );
}

const string: SchemaObject = { type: 'string' };
const integer: SchemaObject = { type: 'integer' };
const number: SchemaObject = { type: 'number' };
const boolean: SchemaObject = { type: 'boolean' };
const dateTime: SchemaObject = { type: 'string', format: 'date-time' };
const date: SchemaObject = { type: 'string', format: 'date', example: '2026-10-08' };
const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
const arrayOf = (items: SchemaObject | ReferenceObject): SchemaObject => ({ type: 'array', items });
const object = (properties: Record<string, SchemaObject | ReferenceObject>, optional: string[] = []): SchemaObject => ({
  type: 'object',
  properties,
  required: Object.keys(properties).filter((name) => !optional.includes(name)),
});

/** The building blocks, for controllers that describe their own response shapes (the monitor's). */
export const schemaParts = { string, integer, number, boolean, dateTime, nullable, arrayOf, object };

const component = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });
const unitRef = object({ id: string, code: string, name: string });
const roles = arrayOf({ type: 'string', enum: [...STAFF_ROLES] });
const probe = object({ up: boolean, error: string }, ['error']);

/** The response shapes, written out by hand from the interfaces the services return; registered as components. */
const SCHEMAS = {
  Error: {
    type: 'object',
    description: 'Every error the API answers.',
    properties: {
      statusCode: integer,
      error: { ...string, description: 'The HTTP reason phrase' },
      message: string,
      field: { ...string, description: 'With 400: the first bad field, e.g. `reason` or `(content-type)`' },
      status: { ...string, description: 'With 409: the ticket status that does not allow it' },
    },
    required: ['statusCode', 'error', 'message'],
  },
  PortalReceipt: object({ trackingNo: string, queryCode: string, receivedAt: dateTime, replyDueAt: dateTime, provisional: boolean }),
  PortalStatus: object({
    trackingNo: string,
    status: { type: 'string', enum: [...TICKET_STATUSES] },
    statusText: { ...string, description: 'The status in words for the citizen (Chinese)' },
    kind: string,
    receivedAt: dateTime,
    replyDueAt: dateTime,
    provisional: boolean,
    leadUnit: nullable(string),
    assistingUnits: arrayOf(string),
    reply: nullable(object({ body: string, unit: nullable(string), repliedAt: dateTime })),
    rating: nullable(object({ attitude: integer, speed: integer, resolved: boolean, comment: nullable(string), ratedAt: dateTime })),
    canRate: boolean,
  }),
  PortalRating: object({
    attitude: integer,
    speed: integer,
    resolved: boolean,
    comment: nullable(string),
    ratedAt: dateTime,
    reopened: { ...boolean, description: 'True when "not resolved" re-opened the ticket (重办)' },
  }),
  StaffPrincipal: object({ id: string, username: string, displayName: string, roles, unit: object({ id: string, code: string, name: string, kind: string }) }),
  StaffUser: object({ id: string, username: string, displayName: string, roles, unit: object({ code: string, name: string }), disabled: boolean, createdAt: dateTime }),
  Unit: object({ id: string, code: string, name: string, kind: string }),
  TicketSummary: object({
    id: string,
    trackingNo: string,
    title: string,
    kind: string,
    status: { type: 'string', enum: [...TICKET_STATUSES] },
    statusText: string,
    receivedAt: dateTime,
    dueAt: { ...dateTime, description: 'The dispatch deadline while the ticket waits for dispatch, the reply deadline after' },
    dueClock: { type: 'string', enum: ['dispatch', 'reply'] },
    workingDaysLeft: { ...integer, description: '0 = due today, negative = overdue' },
    overdue: boolean,
    leadUnit: nullable(unitRef),
    assistingUnits: arrayOf(unitRef),
    position: { type: 'string', enum: ['lead', 'assisting'], nullable: true, description: "The caller's unit on this ticket: 主办 or 协办" },
    claimedBy: nullable(object({ id: string, displayName: string })),
  }),
  TicketDetail: {
    allOf: [
      component('TicketSummary'),
      object({
        message: object({
          title: string,
          body: string,
          channel: string,
          senderName: nullable(string),
          senderPhone: nullable(string),
          receivedAt: dateTime,
          publicConsent: boolean,
        }),
        keywords: arrayOf(object({ term: string, weight: number })),
        round: integer,
        reply: nullable(
          object({
            round: integer,
            body: string,
            state: { type: 'string', enum: ['draft', 'submitted', 'approved'] },
            authorName: string,
            updatedAt: dateTime,
            reviewComment: nullable(string),
          }),
        ),
        opinions: arrayOf(object({ id: string, unit: unitRef, author: string, body: string, at: dateTime })),
        notes: arrayOf(object({ id: string, author: string, body: string, at: dateTime })),
        events: arrayOf(
          object({ at: dateTime, actor: string, type: string, fromStatus: nullable(string), toStatus: nullable(string), reason: nullable(string), data: { type: 'object' } }),
        ),
        clocks: arrayOf(
          object({
            id: string,
            purpose: string,
            state: string,
            dueAt: nullable(dateTime),
            provisional: boolean,
            extensions: arrayOf(
              object({
                id: string,
                length: integer,
                reason: string,
                status: string,
                requestedBy: string,
                requestedAt: dateTime,
                decidedBy: nullable(string),
                decisionNote: nullable(string),
              }),
            ),
          }),
        ),
        mergedInto: nullable(object({ id: string, trackingNo: string })),
        mergedTickets: arrayOf(object({ id: string, trackingNo: string })),
        returnWindowEndsAt: nullable(dateTime),
        category: nullable(object({ label: { ...string, description: 'Topic category (城乡建设, 卫生计生, …)' }, probability: nullable(number) })),
        routing: nullable(
          object({
            outcome: { type: 'string', enum: ['assigned', 'dispatching'] },
            basis: { ...string, description: 'rule or model (assigned); no-match, tie or low-confidence (sent to a dispatcher)' },
            reason: { ...nullable(string), description: 'The rule, or the model versions and probability' },
            suggestions: { ...arrayOf(object({ unit: unitRef, probability: number })), description: "The models' three most probable units" },
          }),
        ),
        actions: { ...arrayOf({ type: 'string', enum: [...TICKET_ACTIONS] }), description: 'What the caller may do now' },
      }),
    ],
  },
  TicketPage: object({ items: arrayOf(component('TicketSummary')), total: integer, page: integer, pageSize: integer }),
  StaffSession: object({ token: string, expiresAt: dateTime, user: component('StaffPrincipal') }),
  WorkingDays: object({
    due: { ...date, description: 'The Asia/Shanghai date the period ends on' },
    dueAt: { ...dateTime, description: '23:59:59 Asia/Shanghai of `due`' },
    provisional: { ...boolean, description: 'The count crossed a year without holiday data (taken as Monday–Friday)' },
  }),
  CalendarYears: object({
    years: arrayOf(
      object({ year: integer, source: string, notice: nullable(string), holidays: integer, workdays: integer, loadedAt: dateTime, loadedBy: string }),
    ),
  }),
  CalendarYearData: {
    ...object(
      {
        year: { ...integer, description: 'Optional; must match the path' },
        source: { ...string, format: 'uri', description: 'URL of the State Council notice' },
        notice: { ...string, description: 'Title of the notice' },
        holidays: { ...arrayOf(date), description: 'Every day off the notice lists, weekend days inside a span included' },
        workdays: { ...arrayOf(date), description: 'The make-up working days (调休): Saturdays or Sundays' },
      },
      ['year', 'notice'],
    ),
    additionalProperties: false,
  },
  CalendarLoad: object({
    year: integer,
    replaced: { ...boolean, description: 'The year was loaded before and is now replaced' },
  }),
  CalendarIcsLoad: object({ year: integer, replaced: boolean, holidays: integer, workdays: integer, usedEvents: integer, skippedEvents: integer }),
  UnitFigures: object({
    from: date,
    to: date,
    units: arrayOf({
      ...object({
        unitId: nullable(string),
        unitCode: nullable(string),
        unitName: nullable(string),
        received: integer,
        answered: integer,
        answeredOnTime: integer,
        overdue: integer,
        onTimeRate: nullable(number),
        averageWorkingDaysToAnswer: nullable(number),
        p90WorkingDaysToAnswer: nullable(number),
        extensionsAsked: integer,
        extensionsApproved: integer,
        ratings: integer,
        averageAttitude: nullable(number),
        averageSpeed: nullable(number),
        resolvedRate: nullable(number),
      }),
      description: 'One row per unit (null: not yet assigned), then the overall row, unitId "all"',
    }),
  }),
  Notice: object({
    id: string,
    kind: string,
    title: string,
    body: string,
    ticketId: nullable(string),
    role: { ...string, description: 'The role it is addressed to' },
    createdAt: dateTime,
    readAt: nullable(dateTime),
  }),
  Health: object({
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    postgres: probe,
    redis: probe,
    bot: {
      ...object(
        {
          state: { type: 'string', enum: ['starting', 'waiting-for-scan', 'logged-in', 'logged-out', 'reconnecting', 'stopped', 'not-reporting', 'unknown'] },
          name: string,
          since: dateTime,
          reportedAt: dateTime,
          user: nullable(string),
          detail: nullable(string),
        },
        ['name', 'since', 'reportedAt', 'user', 'detail'],
      ),
      description: "The WeChat bot's last report (a separate process; never makes the hub unavailable). `not-reporting`: no bot, or none for 90 s.",
    },
  }),
  RoutingModel: object({
    id: string,
    target: { type: 'string', enum: ['category', 'unit'] },
    version: integer,
    algorithm: string,
    status: { type: 'string', enum: ['active', 'retired'] },
    source: { type: 'string', enum: ['shipped', 'retrained'] },
    trainedAt: dateTime,
    exampleCount: integer,
    scores: { ...nullable({ type: 'object' }), description: 'crossValidated (accuracy, macroF1, …) and, for a retrained model, holdOut' },
    createdAt: dateTime,
  }),
  RoutingRetrainRun: object({
    id: string,
    runKey: { ...string, description: 'nightly-<Shanghai date> or admin-<time>' },
    trigger: { type: 'string', enum: ['schedule', 'admin'] },
    requestedBy: string,
    status: { type: 'string', enum: ['running', 'promoted', 'kept', 'skipped'] },
    reason: nullable(string),
    exampleCount: nullable(integer),
    candidate: { ...nullable({ type: 'object' }), description: 'The new model on the hold-out: examples, accuracy, macroF1, repeatsKnownMistake' },
    current: { ...nullable({ type: 'object' }), description: 'The active unit model on the same hold-out, with its version' },
    modelId: nullable(string),
    startedAt: dateTime,
    finishedAt: nullable(dateTime),
  }),
  RoutingFigures: (() => {
    const day = { routed: integer, byRule: integer, byModel: integer, toDispatcher: integer, automaticRate: nullable(number) };
    return object({
      from: date,
      to: date,
      overall: object(day),
      days: arrayOf(object({ day: date, ...day })),
      units: arrayOf(
        object({ unitCode: string, unitName: string, assignments: integer, returns: integer, reassignedAway: integer, misrouteRate: nullable(number) }),
      ),
    });
  })(),
} satisfies Record<string, SchemaObject>;

/** A reference to one of the response shapes below. */
export const ref = (name: keyof typeof SCHEMAS): ReferenceObject => component(name);

/** As docs/workbench-api.md explains them. */
const ERROR_TEXT = {
  400: 'Bad input (`field` names it)',
  401: 'No token, or an expired or logged-out one',
  403: "The caller's role may not do this, or their unit is not in the right position (主办/协办)",
  404: "No such record, or one outside the caller's scope (they look the same)",
  409: "The ticket's status does not allow it (`status` says where it is)",
  429: 'Too many failed logins for this account or this address (see the Retry-After header)',
} as const;
type ErrorStatus = keyof typeof ERROR_TEXT;

/** Error responses, each `{ statusCode, error, message, field?, status? }`; give `[status, text]` for a more precise description. */
export function apiErrors(...responses: (ErrorStatus | [ErrorStatus, string])[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...responses.map((response) => {
      const [status, description] = Array.isArray(response) ? response : [response, ERROR_TEXT[response]];
      return ApiResponse({ status, description, schema: ref('Error') });
    }),
  );
}

/** Serves the Swagger UI at /api/docs and the document at /api/docs-json, without authentication. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Wenzheng 问政 hub API')
    .setDescription('Citizen channels, the staff workbench, administration, the working-day calendar and statistics.')
    .setVersion('1')
    // addSecurity, not addBearerAuth: that one declares the tokens JWTs, and both are opaque.
    .addSecurity('bearer', { type: 'http', scheme: 'bearer', description: 'A staff session token from POST /api/v1/staff/login' })
    .addSecurity('admin-token', { type: 'http', scheme: 'bearer', description: 'The ADMIN_TOKEN of this deployment' })
    .addTag('portal', 'The citizen portal mailbox (市长信箱): submit, follow, rate')
    .addTag('staff-session', 'Staff login and session')
    .addTag('staff-tickets', 'The unit workbench: tickets and their workflow')
    .addTag('staff-notifications', 'The in-app inbox (站内通知): reminders, 督办, extension requests and decisions')
    .addTag('staff-publications', 'Publishing review (公开审核): masked drafts, release, withhold, withdraw')
    .addTag('staff-interpretations', 'Policy documents and their interpretations (政策解读)')
    .addTag('staff-monitor', 'The hot-topic monitor (网信办): clusters, alerts, cases; 并单 suggestions for dispatchers')
    .addTag('archive', 'The public archive of published replies (no login)')
    .addTag('admin', 'Staff accounts (admin role)')
    .addTag('calendar', 'Working days, holidays and make-up workdays (调休)')
    .addTag('health', 'Liveness of the stores')
    .addTag('stats', 'Per-unit figures')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...SCHEMAS } };
  SwaggerModule.setup(DOCS_PATH, app, document);
}
