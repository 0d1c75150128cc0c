/**
 * The OpenAPI 3.1 document, written from the route table (src/api/route-table.ts): one operation
 * per entry, the schemas converted in place from the table's zod schemas by z.toJSONSchema. No
 * shape is written here by hand, and no route is listed here: both come from the table.
 *
 * Every schema sits inline where it is used (zod inlines a schema met twice too), so the document
 * reads top to bottom without $refs, except for the one envelope every error shares.
 */
import { z } from 'zod';
import { ErrorEnvelope, Health } from '../http/schemas.js';
import { CORS_EXPOSED_HEADERS } from '../http/cors.js';
import type { ErrorStatus, RouteSpec } from './route-table.js';

type Json = Record<string, unknown>;

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of a zod schema, as a part of the document. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  // `$schema` belongs to a standalone schema, not to one inside a document.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, reused: 'inline', cycles: 'throw' }) as Json;
  return rest;
}

const ERRORS: Record<ErrorStatus | 'default', string> = {
  400: 'The body is not valid JSON, or the URL could not be decoded.',
  401: 'No valid token: missing where one is required, malformed, expired, forged, or older than a password change.',
  403: 'Signed in, but not allowed to do this (not the author, not an admin).',
  404: 'No such article, profile or comment.',
  422: 'The request is understood but invalid: every problem is listed under its field.',
  429: 'Too many attempts from this address: wait as many seconds as Retry-After says.',
  default: 'Any other failure, in the same envelope: 413 (body over 100 KB), 503 (database busy), 500 (a bug; the message gives the request id).',
};

const errorResponse = (status: ErrorStatus | 'default'): Json => ({
  description: ERRORS[status],
  ...(status === 401 ? { headers: { 'WWW-Authenticate': { schema: { type: 'string' }, description: 'Token' } } } : {}),
  ...(status === 429 ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait.' } } } : {}),
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
});

const SECURITY = { required: [{ Token: [] }], optional: [{}, { Token: [] }], none: [] };

/** /articles/:slug/comments/:id → /api/articles/{slug}/comments/{id}, and the names in it. */
function template(path: string): { path: string; names: string[] } {
  const names = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]);
  return { path: `/api${path.replace(/:(\w+)/g, '{$1}')}`, names };
}

function operation(route: RouteSpec): Json {
  const { names } = template(route.path);
  const parameters: Json[] = names.map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: name === 'id' ? { type: 'integer', minimum: 1 } : { type: 'string' },
  }));
  for (const [name, field] of Object.entries((route.query?.shape ?? {}) as Record<string, z.ZodType>)) {
    // Documented as the server reads it: limit an integer, with its default.
    const schema = jsonSchema(field, 'output');
    parameters.push({ name, in: 'query', required: false, ...(typeof schema.description === 'string' ? { description: schema.description } : {}), schema });
  }
  const responses: Json = {};
  const { status, description, schema } = route.success;
  responses[String(status)] = { description, ...(schema ? { content: { 'application/json': { schema: jsonSchema(schema, 'output') } } } : {}) };
  if (route.method === 'get') responses['304'] = { description: 'Not modified: the ETag in If-None-Match still matches.' };
  for (const error of route.errors) responses[String(error)] = errorResponse(error);
  responses.default = errorResponse('default');
  return {
    operationId: `${route.method}${route.path.replace(/\/:?(\w)/g, (_m, c: string) => c.toUpperCase())}`,
    tags: [route.tag],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } } : {}),
    responses,
    security: SECURITY[route.access],
  };
}

/** The document for a table, plus the routes that are not Conduit's (health, this document, its page). */
export function openApiDocument(routes: readonly RouteSpec[]): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const { path } = template(route.path);
    (paths[path] ??= {})[route.method] = operation(route);
  }
  paths['/api/openapi.json'] = {
    get: {
      operationId: 'getOpenApi',
      tags: ['Documentation'],
      summary: 'This document',
      security: [],
      responses: {
        '200': { description: 'The OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } },
        '304': { description: 'Not modified.' },
      },
    },
  };
  paths['/api/docs'] = {
    get: {
      operationId: 'getDocsPage',
      tags: ['Documentation'],
      summary: 'This document, as a page',
      security: [],
      responses: { '200': { description: 'An HTML page that reads /api/openapi.json.', content: { 'text/html': { schema: { type: 'string' } } } } },
    },
  };
  paths['/health'] = {
    get: {
      operationId: 'getHealth',
      tags: ['Health'],
      summary: 'Is the process up?',
      security: [],
      responses: { '200': { description: 'Up.', content: { 'application/json': { schema: jsonSchema(Health, 'output') } } } },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Conduit API',
      version: '1.0.0',
      description: [
        'The RealWorld Conduit API. Every resource and every request body is wrapped in one key (`user`, `article`, `comment`, …).',
        'Errors answer `{"errors": {"<field>": ["message"]}}`.',
        'Authenticate with `Authorization: Token <jwt>`, the token from `user.token`.',
        `Browsers may call it from the origins in CORS_ORIGINS; their pages may read ${CORS_EXPOSED_HEADERS.join(', ')}.`,
      ].join('\n\n'),
    },
    paths,
    components: {
      schemas: { ErrorEnvelope: jsonSchema(ErrorEnvelope, 'output') },
      securitySchemes: {
        Token: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'Token <jwt> (Bearer <jwt> is accepted too)' },
      },
    },
  };
}
