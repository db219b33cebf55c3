// The OpenAPI 3.1 document of API v1, built from the route catalogue (served at /openapi.json).
// Every schema in it is the very schema the server validates with.
import type { TObject } from 'typebox';
import { ErrorEnvelopeSchema, type ErrorCode } from '../wire/wire-error.ts';
import { HTTP_STATUS_BY_ERROR } from './http-status.ts';
import { ComponentCollector, type JsonSchema } from './openapi-components.ts';
import { ROUTES } from './route-catalogue.ts';
import { COMMON_ERRORS, type RouteSpec } from './route.ts';

export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
}

export const DEFAULT_OPENAPI_INFO: OpenApiInfo = Object.freeze({
  title: 'Switchboard API',
  version: '1.0.0',
  description:
    'REST API v1 of Switchboard. Errors are {error: {code, message, details}} with a code of one closed ' +
    'list; x-required-role is the least role an operation needs. The WebSocket API is at /api/v1/ws.',
});

export type OpenApiDocument = JsonSchema & {
  readonly openapi: '3.1.0';
  readonly paths: Record<string, JsonSchema>;
};

const JSON_TYPE = 'application/json';

export function buildOpenApi(
  routes: Readonly<Record<string, RouteSpec>> = ROUTES,
  info: OpenApiInfo = DEFAULT_OPENAPI_INFO,
): OpenApiDocument {
  const components = new ComponentCollector();
  const errorRef = components.ref(ErrorEnvelopeSchema);
  const paths: Record<string, JsonSchema> = {};
  const tags = new Set<string>();
  for (const [operationId, route] of Object.entries(routes)) {
    tags.add(route.tag);
    const item = paths[route.path] ?? {};
    paths[route.path] = item;
    const method = route.method.toLowerCase();
    if (item[method] !== undefined) throw new Error(`${route.method} ${route.path} is defined twice`);
    item[method] = operation(operationId, route, components, errorRef);
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: { ...info },
    servers: [{ url: '/' }],
    tags: [...tags].sort().map((name) => ({ name })),
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      schemas: components.schemas(),
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'access token' } },
    },
  };
}

function operation(
  id: string,
  route: RouteSpec,
  components: ComponentCollector,
  errorRef: unknown,
): JsonSchema {
  const op: JsonSchema = {
    operationId: id,
    summary: route.summary,
    tags: [route.tag],
    'x-required-role': route.role,
    // Public routes (login, refresh, SSO) are what a client calls before it has a token.
    ...(route.role === 'public' ? { security: [] } : {}),
    parameters: [
      ...parameters(route.params, 'path', components),
      ...parameters(route.query, 'query', components),
    ],
  };
  if (route.body !== null) {
    const required = ((route.body as { required?: unknown }).required as unknown[] | undefined)?.length ?? 0;
    op.requestBody = {
      // A body whose fields are all optional may be left out (a command without arguments).
      required: required > 0,
      content: { [JSON_TYPE]: { schema: components.ref(route.body) } },
    };
  }
  const responses: JsonSchema = {};
  responses[String(route.status)] =
    route.response === null
      ? { description: 'Done; no content.' }
      : { description: 'OK', content: { [JSON_TYPE]: { schema: components.ref(route.response) } } };
  for (const [status, codes] of errorStatuses(route)) {
    responses[String(status)] = {
      description: `Error: ${codes.join(', ')}.`,
      'x-error-codes': codes,
      content: { [JSON_TYPE]: { schema: errorRef } },
    };
  }
  op.responses = responses;
  return op;
}

function parameters(
  schema: TObject | null,
  where: 'path' | 'query',
  components: ComponentCollector,
): JsonSchema[] {
  if (schema === null) return [];
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(schema.properties as Record<string, JsonSchema>).map(([name, property]) => {
    const parameter: JsonSchema = {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      schema: components.ref(property),
    };
    if (typeof property.description === 'string') parameter.description = property.description;
    return parameter;
  });
}

function errorStatuses(route: RouteSpec): [number, ErrorCode[]][] {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set([...COMMON_ERRORS, ...route.errors])) {
    const status = HTTP_STATUS_BY_ERROR[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return [...byStatus].sort(([a], [b]) => a - b);
}
