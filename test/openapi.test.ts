import type { INestApplication } from '@nestjs/common';
import { InProcessHub, startInProcessHub } from './support/in-process-hub';

interface Operation {
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  requestBody?: { required?: boolean; content: Record<string, { schema: { required?: string[]; additionalProperties?: boolean } }> };
  responses: Record<string, unknown>;
}
interface OpenApiDocument {
  info: { title: string };
  tags: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
}

/**
 * Not part of the API: the Swagger UI itself, the citizen's HTML status pages, the public archive's pages and feed,
 * and the platforms' webhooks (their protocol is the platform's: docs/channels.md).
 */
const NOT_DOCUMENTED = /^\/(api\/docs|portal\/status|archive|channels)(\/|-|$)/;

/**
 * What Express will answer, read from its router (Express 5: `app.router`), as "GET /api/v1/staff/tickets/{id}". Nest mounts
 * method-bound middleware (the JSON content-type check on `/api/*path`) as routes too: those are the wildcard paths.
 */
function servedRoutes(api: INestApplication): string[] {
  const express = api.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } };
  return express.router.stack.flatMap(({ route }) =>
    route && !route.path.includes('*') && !NOT_DOCUMENTED.test(route.path)
      ? Object.keys(route.methods).map((method) => `${method.toUpperCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`)
      : [],
  );
}

/** Staff and admin endpoints take a staff session; the calendar's admin endpoints also ADMIN_TOKEN; the rest is public. */
function expectedSecurity(route: string): Record<string, string[]>[] | undefined {
  if (route === 'POST /api/v1/staff/login') return undefined;
  if (/^\w+ \/api\/v1\/(staff|admin)\//.test(route)) return [{ bearer: [] }];
  if (/^(PUT|POST) \/api\/v1\/calendar\//.test(route)) return [{ bearer: [] }, { 'admin-token': [] }];
  return undefined;
}

describe('OpenAPI document at /api/docs-json', () => {
  let hub: InProcessHub;
  let document: OpenApiDocument;
  const operations = () =>
    Object.entries(document.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
    );
  const operation = (route: string) => operations().find((o) => o.route === route)?.operation;

  beforeAll(async () => {
    hub = await startInProcessHub({ worker: false });
    const response = await fetch(`${hub.baseUrl}/api/docs-json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as OpenApiDocument;
  });
  afterAll(() => hub?.close());

  it('documents exactly the routes the app serves, so a new route fails here until it is documented', () => {
    const served = servedRoutes(hub.api);
    expect(served).toContain('POST /api/v1/staff/tickets/{id}/return');
    expect(operations().map((o) => o.route).sort()).toEqual([...new Set(served)].sort());
    // @nestjs/swagger lists every route by itself; documented means described and filed under a declared tag.
    const tags = document.tags.map((tag) => tag.name);
    const undescribed = operations().filter(({ operation: { summary, tags: [tag, ...more] = [] } }) => !summary || !tags.includes(tag) || more.length);
    expect(undescribed.map((o) => o.route)).toEqual([]);
    expect(document.info.title).toBe('Wenzheng 问政 hub API');
  });

  it('marks every staff and admin operation as needing a bearer token, and the citizen and public ones as not', () => {
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.components.securitySchemes['admin-token']).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const { route, operation } of operations()) {
      expect({ route, security: operation.security }).toEqual({ route, security: expectedSecurity(route) });
    }
  });

  it('derives request bodies from the zod schemas the services validate with', () => {
    const body = (route: string) => operation(route)?.requestBody?.content['application/json'].schema;
    expect(body('POST /api/v1/staff/tickets/{id}/return')).toMatchObject({ required: ['reason'], additionalProperties: false });
    expect(body('POST /api/v1/portal/messages')?.required?.sort()).toEqual(['body', 'kind', 'publicConsent', 'title']);
    expect(body('POST /api/v1/staff/tickets/{id}/extensions/{extensionId}/decision')).toMatchObject({ required: ['approve'] });
    expect(operation('POST /api/v1/staff/tickets/{id}/claim')?.requestBody?.required).toBe(false);
    expect(operation('POST /api/v1/staff/tickets/{id}/return')?.responses).toHaveProperty('409');
  });

  it('serves the Swagger UI and its assets without a login', async () => {
    const page = await fetch(`${hub.baseUrl}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => new URL(match[1], page.url).href);
    expect(assets).toEqual(expect.arrayContaining([expect.stringMatching(/\/swagger-ui-bundle\.js$/), expect.stringMatching(/\/swagger-ui-init\.js$/)]));
    for (const asset of assets) expect({ asset, status: (await fetch(asset)).status }).toEqual({ asset, status: 200 });
  });
});
