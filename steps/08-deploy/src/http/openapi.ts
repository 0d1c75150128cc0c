/**
 * The OpenAPI 3.1 document of the API, served at GET /api/openapi.json (and shown at /api/docs).
 *
 * Why generated: a document written by hand drifts from the code the day after it is written,
 * and a front-end developer who trusts it loses an afternoon. Here every shape comes from the zod
 * schemas in src/http/schemas.ts, the same objects that validate the requests and type the
 * answers, converted by zod's own JSON Schema output (draft 2020-12, the dialect of OpenAPI 3.1).
 * This module adds only what a schema cannot know: the routes, who may call them, and which
 * status codes they answer. There is no copy of a shape in it: change a rule in schemas.ts and the
 * document follows.
 */
import { z } from 'zod';
import { CORS_EXPOSED_HEADERS } from './cors.js';
import { FeedQuery, ListQuery, requestComponents, responseComponents } from './schemas.js';

type JsonObject = Record<string, unknown>;

const TARGET = 'draft-2020-12' as const;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const uri = (id: string) => `#/components/schemas/${id}`;

/** zod's JSON Schema, without what belongs to a standalone document ($schema; a fragment $id is not allowed in 2020-12). */
function clean(schema: JsonObject): JsonObject {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

/** components.schemas: requests as zod reads them (extra fields allowed), answers as the handlers write them. */
function componentSchemas(): Record<string, JsonObject> {
  const requests = z.toJSONSchema(requestComponents, { target: TARGET, io: 'input', uri }).schemas;
  const responses = z.toJSONSchema(responseComponents, { target: TARGET, io: 'output', uri }).schemas;
  return Object.fromEntries(Object.entries({ ...requests, ...responses }).map(([name, schema]) => [name, clean(schema as JsonObject)]));
}

/** Query parameters from a zod object: each field as the server reads it (limit as an integer, with its default). */
function queryParameters(schema: z.ZodObject): JsonObject[] {
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => {
    const json = clean(z.toJSONSchema(field, { target: TARGET, io: 'output' }) as JsonObject);
    return { name, in: 'query', required: false, description: json.description, schema: json };
  });
}

const pathParameter = (name: string, description: string, schema: JsonObject = { type: 'string' }) => ({ name, in: 'path', required: true, description, schema });
const PARAMETERS = {
  slug: pathParameter('slug', "The article's slug, as its `slug` field gives it."),
  username: pathParameter('username', 'A username.'),
  commentId: pathParameter('id', "The comment's id, as its `id` field gives it.", { type: 'integer', minimum: 1 }),
};

const json = (schema: JsonObject, example?: unknown) => ({ 'application/json': { schema, ...(example === undefined ? {} : { example }) } });
const header = (name: string) => ({ $ref: `#/components/headers/${name}` });

/** Reusable answers: the error envelope under each status it comes with. */
const ERROR_RESPONSES: Record<string, { status: string; description: string; example: JsonObject; headers?: string[] }> = {
  BadRequest: { status: '400', description: 'The body is not valid JSON (or could not be read or decompressed), or the URL could not be decoded.', example: { errors: { body: ['is not valid JSON'] } } },
  Unauthorized: {
    status: '401',
    description: 'No valid token: missing (where one is required), malformed, expired, forged, or issued before a password change. A token sent to a route where it is optional must be valid too.',
    example: { errors: { token: ['is missing: send Authorization: Token <jwt>'] } },
    headers: ['WWW-Authenticate'],
  },
  Forbidden: { status: '403', description: 'Signed in, but not allowed: only the author (or an admin, for deletes) may do this.', example: { errors: { article: ['can only be changed by its author'] } } },
  NotFound: { status: '404', description: 'No such article, profile or comment.', example: { errors: { article: ['not found'] } } },
  ValidationFailed: {
    status: '422',
    description: 'The request was understood but its content is invalid: every problem is listed, by field.',
    example: { errors: { title: ["can't be blank"], tagList: ['must be an array of non-blank strings'] } },
  },
  TooManyRequests: {
    status: '429',
    description: 'Too many attempts from this address: wait the seconds Retry-After gives.',
    example: { errors: { login: ['too many failed attempts; try again later'] } },
    headers: ['Retry-After'],
  },
  Error: {
    status: 'default',
    description: 'Any other failure, in the same envelope: 400 (malformed JSON or URL), 413 (body over 100 KB), 503 (database busy, with Retry-After), 500 (a bug: the message gives the request id).',
    example: { errors: { server: ['something went wrong; the request id is 1f0c…'] } },
  },
};

type ErrorName = keyof typeof ERROR_RESPONSES;
type Auth = 'required' | 'optional' | 'none';

interface Operation {
  id: string;
  tag: string;
  summary: string;
  description?: string;
  auth: Auth;
  parameters?: JsonObject[];
  /** The request body's component. */
  body?: string;
  /** The success: its status and its component (none for 204). */
  success: { status: number; schema?: string; description: string };
  errors: ErrorName[];
}

const SECURITY: Record<Auth, JsonObject[] | undefined> = {
  required: [{ Token: [] }],
  // {} first: anonymous is fine; with a token the answer is personalised (following, favorited).
  optional: [{}, { Token: [] }],
  none: [],
};

function operation(op: Operation, method: string): JsonObject {
  const { status, schema, description } = op.success;
  const cacheable = method === 'get';
  const responses: JsonObject = {
    [status]: {
      description,
      headers: { 'X-Request-Id': header('X-Request-Id'), ...(cacheable ? { ETag: header('ETag') } : {}) },
      ...(schema ? { content: json(ref(schema)) } : {}),
    },
  };
  if (cacheable) responses['304'] = { description: 'Not modified: the ETag sent in If-None-Match still matches.', headers: { ETag: header('ETag') } };
  for (const name of [...op.errors, 'Error' as const]) responses[ERROR_RESPONSES[name].status] = { $ref: `#/components/responses/${name}` };
  const auth = op.auth === 'optional' ? '\n\nAuthentication is optional: anonymous callers see `following` and `favorited` as false.' : '';
  return {
    operationId: op.id,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description || auth ? { description: `${op.description ?? ''}${auth}`.trim() } : {}),
    ...(op.parameters?.length ? { parameters: op.parameters } : {}),
    ...(op.body ? { requestBody: { required: true, content: json(ref(op.body)) } } : {}),
    responses,
    security: SECURITY[op.auth],
  };
}

/** Every route the app answers: method, path (OpenAPI's {param} form) and what it does. */
function routes(): Record<string, Record<string, Operation>> {
  const { slug, username, commentId } = PARAMETERS;
  const article = (status: number, description: string) => ({ status, schema: 'ArticleResponse', description });
  return {
    '/api/users/login': {
      post: { id: 'login', tag: 'Users', summary: 'Log in', description: 'The same answer for an unknown email and a wrong password.', auth: 'none', body: 'LoginRequest', success: { status: 200, schema: 'UserResponse', description: 'The user, with a fresh token.' }, errors: ['BadRequest', 'Unauthorized', 'ValidationFailed', 'TooManyRequests'] },
    },
    '/api/users': {
      post: { id: 'register', tag: 'Users', summary: 'Register', description: 'Registered means logged in: the answer carries a token.', auth: 'none', body: 'RegisterRequest', success: { status: 201, schema: 'UserResponse', description: 'The new user, with a token.' }, errors: ['BadRequest', 'ValidationFailed', 'TooManyRequests'] },
    },
    '/api/user': {
      get: { id: 'getCurrentUser', tag: 'Users', summary: 'The current user', auth: 'required', success: { status: 200, schema: 'UserResponse', description: 'The caller, with the token they sent.' }, errors: ['Unauthorized'] },
      put: { id: 'updateCurrentUser', tag: 'Users', summary: 'Update the current user', description: 'A new password ends every token issued before it; the answer carries a new one.', auth: 'required', body: 'UpdateUserRequest', success: { status: 200, schema: 'UserResponse', description: 'The updated user.' }, errors: ['BadRequest', 'Unauthorized', 'ValidationFailed'] },
    },
    '/api/profiles/{username}': {
      get: { id: 'getProfile', tag: 'Profiles', summary: 'A profile', auth: 'optional', parameters: [username], success: { status: 200, schema: 'ProfileResponse', description: 'The profile.' }, errors: ['Unauthorized', 'NotFound'] },
    },
    '/api/profiles/{username}/follow': {
      post: { id: 'followUser', tag: 'Profiles', summary: 'Follow a user', description: 'Following twice is following once. No body is needed.', auth: 'required', parameters: [username], success: { status: 200, schema: 'ProfileResponse', description: 'The profile, `following: true`.' }, errors: ['Unauthorized', 'NotFound'] },
      delete: { id: 'unfollowUser', tag: 'Profiles', summary: 'Unfollow a user', auth: 'required', parameters: [username], success: { status: 200, schema: 'ProfileResponse', description: 'The profile, `following: false`.' }, errors: ['Unauthorized', 'NotFound'] },
    },
    '/api/articles': {
      get: { id: 'listArticles', tag: 'Articles', summary: 'List articles', description: 'Newest first; the filters combine.', auth: 'optional', parameters: queryParameters(ListQuery), success: { status: 200, schema: 'ArticleList', description: 'A page of articles.' }, errors: ['Unauthorized', 'ValidationFailed'] },
      post: { id: 'createArticle', tag: 'Articles', summary: 'Create an article', auth: 'required', body: 'NewArticleRequest', success: article(201, 'The new article.'), errors: ['BadRequest', 'Unauthorized', 'ValidationFailed'] },
    },
    '/api/articles/feed': {
      get: { id: 'getFeed', tag: 'Articles', summary: 'Your feed', description: 'The articles of the users you follow, newest first.', auth: 'required', parameters: queryParameters(FeedQuery), success: { status: 200, schema: 'ArticleList', description: 'A page of articles.' }, errors: ['Unauthorized', 'ValidationFailed'] },
    },
    '/api/articles/{slug}': {
      get: { id: 'getArticle', tag: 'Articles', summary: 'An article', auth: 'optional', parameters: [slug], success: article(200, 'The article.'), errors: ['Unauthorized', 'NotFound'] },
      put: { id: 'updateArticle', tag: 'Articles', summary: 'Update an article', description: 'Only its author. A new title gives a new slug.', auth: 'required', parameters: [slug], body: 'UpdateArticleRequest', success: article(200, 'The updated article.'), errors: ['BadRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'ValidationFailed'] },
      delete: { id: 'deleteArticle', tag: 'Articles', summary: 'Delete an article', description: 'Its author or an admin. Its comments, favorites and tag links go with it.', auth: 'required', parameters: [slug], success: { status: 204, description: 'Deleted.' }, errors: ['Unauthorized', 'Forbidden', 'NotFound'] },
    },
    '/api/articles/{slug}/favorite': {
      post: { id: 'favoriteArticle', tag: 'Favorites', summary: 'Favorite an article', description: 'Favoriting twice counts once.', auth: 'required', parameters: [slug], success: article(200, 'The article, `favorited: true`.'), errors: ['Unauthorized', 'NotFound'] },
      delete: { id: 'unfavoriteArticle', tag: 'Favorites', summary: 'Unfavorite an article', auth: 'required', parameters: [slug], success: article(200, 'The article, `favorited: false`.'), errors: ['Unauthorized', 'NotFound'] },
    },
    '/api/articles/{slug}/comments': {
      get: { id: 'listComments', tag: 'Comments', summary: "An article's comments", auth: 'optional', parameters: [slug], success: { status: 200, schema: 'CommentList', description: 'The comments, oldest first.' }, errors: ['Unauthorized', 'NotFound'] },
      post: { id: 'addComment', tag: 'Comments', summary: 'Comment on an article', auth: 'required', parameters: [slug], body: 'NewCommentRequest', success: { status: 201, schema: 'CommentResponse', description: 'The new comment.' }, errors: ['BadRequest', 'Unauthorized', 'NotFound', 'ValidationFailed'] },
    },
    '/api/articles/{slug}/comments/{id}': {
      delete: { id: 'deleteComment', tag: 'Comments', summary: 'Delete a comment', description: 'Its author or an admin.', auth: 'required', parameters: [slug, commentId], success: { status: 204, description: 'Deleted.' }, errors: ['Unauthorized', 'Forbidden', 'NotFound'] },
    },
    '/api/tags': {
      get: { id: 'listTags', tag: 'Tags', summary: 'The tags in use', auth: 'none', success: { status: 200, schema: 'TagsResponse', description: 'The most used tags.' }, errors: [] },
    },
    '/health': {
      get: { id: 'health', tag: 'Health', summary: 'Liveness', description: 'The process is up and answers. Outside /api.', auth: 'none', success: { status: 200, schema: 'Health', description: 'Up.' }, errors: [] },
    },
  };
}

/** The two routes that serve the documentation itself: not made from schemas, they have none. */
const DOCUMENTATION_PATHS = {
  '/api/openapi.json': {
    get: {
      operationId: 'getOpenApiDocument',
      tags: ['Documentation'],
      summary: 'This document',
      security: [],
      responses: {
        '200': { description: 'The OpenAPI 3.1 document of this API.', headers: { ETag: header('ETag') }, content: { 'application/json': { schema: { type: 'object' } } } },
        '304': { description: 'Not modified.', headers: { ETag: header('ETag') } },
      },
    },
  },
  '/api/docs': {
    get: {
      operationId: 'getDocs',
      tags: ['Documentation'],
      summary: 'This document, for people',
      description: 'Swagger UI, served by this server: no CDN.',
      security: [],
      responses: { '200': { description: 'An HTML page.', content: { 'text/html': { schema: { type: 'string' } } } } },
    },
  },
};

const DESCRIPTION = `Users, profiles, follows, articles, favorites, comments and tags.

Every resource comes wrapped in one key (\`user\`, \`article\`, \`articles\` + \`articlesCount\`, …), and so does every request body.
Every failure answers the same envelope, \`{"errors": {"<field>": ["message", …]}}\`: 422 lists every problem of a request at once.

**Authentication**: register or log in, then send the token of \`user.token\` as \`Authorization: Token <jwt>\` (in the Authorize dialog: \`Token <jwt>\`, with the word Token).

**CORS**: browsers may call the API from the origins in the server's CORS_ORIGINS list only. Pages may read the response headers ${CORS_EXPOSED_HEADERS.join(', ')}.`;

/** The whole document. Built once per app: the schemas do not change while it runs. */
export function openApiDocument(): JsonObject {
  const paths: JsonObject = {};
  for (const [path, methods] of Object.entries(routes())) {
    paths[path] = Object.fromEntries(Object.entries(methods).map(([method, op]) => [method, operation(op, method)]));
  }
  Object.assign(paths, DOCUMENTATION_PATHS);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Conduit API',
      version: '1.0.0',
      summary: 'The RealWorld Conduit API, as the workshop builds it.',
      description: DESCRIPTION,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    tags: [
      { name: 'Users', description: 'Registration, login and the current user.' },
      { name: 'Profiles', description: 'Users as anyone may see them, and following.' },
      { name: 'Articles', description: 'Articles, lists and the feed.' },
      { name: 'Favorites', description: 'Favoriting articles.' },
      { name: 'Comments', description: 'Comments on articles.' },
      { name: 'Tags', description: 'Tags in use.' },
      { name: 'Health', description: 'Is the process up?' },
      { name: 'Documentation', description: 'This document.' },
    ],
    paths,
    components: {
      schemas: componentSchemas(),
      responses: Object.fromEntries(
        Object.entries(ERROR_RESPONSES).map(([name, { description, example, headers = [] }]) => [
          name,
          { description, headers: Object.fromEntries(['X-Request-Id', ...headers].map((h) => [h, header(h)])), content: json(ref('ErrorEnvelope'), example) },
        ]),
      ),
      headers: {
        'X-Request-Id': { description: 'The id of this request in the server logs: yours (X-Request-Id, when it looks like one) or a new UUID.', schema: { type: 'string' } },
        ETag: { description: 'A validator of this answer: send it back in If-None-Match for a 304 when nothing changed.', schema: { type: 'string' } },
        'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 1 } },
        'WWW-Authenticate': { description: 'The scheme that would work: `Token`.', schema: { type: 'string', const: 'Token' } },
      },
      securitySchemes: {
        Token: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description:
            "Conduit's scheme: `Authorization: Token <jwt>`, with the JWT from `user.token` (register, log in). `Bearer <jwt>` is accepted too. A token lasts JWT_EXPIRES_IN (1 hour by default) and ends when the password changes.",
        },
      },
    },
  };
}
