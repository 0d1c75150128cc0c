/**
 * Step 07 · Working with a front end: what the check files share. The lesson's anchors, the
 * routes of docs/conduit-api.md, and the learner's own OpenAPI document turned into something
 * the checks can ask questions of: which operation a request hit, which statuses it documents,
 * and whether a body is valid against the schema it documents (JSON Schema 2020-12, as OpenAPI
 * 3.1 uses it, with Ajv).
 */
import { randomUUID } from 'node:crypto';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { api, describeResponse, ensure, expectStatus, lessonLink, loadApp, targetDir, type Response } from './support/index.js';

export const dir = targetDir('07-frontend');
const lesson = lessonLink('07-frontend');
export const L = {
  cors: lesson('cors-for-the-origins-you-trust'),
  schema: lesson('one-schema-for-validation-and-documentation'),
  openapi: lesson('the-openapi-document'),
  docs: lesson('a-docs-page'),
};

export type Auth = 'required' | 'optional' | 'none';
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** OpenAPI's form: /api/articles/{slug}. */
  path: string;
  auth: Auth;
}

/** Every route of docs/conduit-api.md §5, with who may call it. */
export const CONDUIT_ROUTES: readonly Route[] = [
  { method: 'POST', path: '/api/users/login', auth: 'none' },
  { method: 'POST', path: '/api/users', auth: 'none' },
  { method: 'GET', path: '/api/user', auth: 'required' },
  { method: 'PUT', path: '/api/user', auth: 'required' },
  { method: 'GET', path: '/api/profiles/{username}', auth: 'optional' },
  { method: 'POST', path: '/api/profiles/{username}/follow', auth: 'required' },
  { method: 'DELETE', path: '/api/profiles/{username}/follow', auth: 'required' },
  { method: 'GET', path: '/api/articles', auth: 'optional' },
  { method: 'GET', path: '/api/articles/feed', auth: 'required' },
  { method: 'GET', path: '/api/articles/{slug}', auth: 'optional' },
  { method: 'POST', path: '/api/articles', auth: 'required' },
  { method: 'PUT', path: '/api/articles/{slug}', auth: 'required' },
  { method: 'DELETE', path: '/api/articles/{slug}', auth: 'required' },
  { method: 'GET', path: '/api/articles/{slug}/comments', auth: 'optional' },
  { method: 'POST', path: '/api/articles/{slug}/comments', auth: 'required' },
  { method: 'DELETE', path: '/api/articles/{slug}/comments/{id}', auth: 'required' },
  { method: 'POST', path: '/api/articles/{slug}/favorite', auth: 'required' },
  { method: 'DELETE', path: '/api/articles/{slug}/favorite', auth: 'required' },
  { method: 'GET', path: '/api/tags', auth: 'none' },
];

export const LIST_QUERY = ['tag', 'author', 'favorited', 'limit', 'offset'];

// ── The document ────────────────────────────────────────────────────────────────────────────

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface Operation {
  method: string;
  /** The path a request uses: the first server's path prefix (servers: [{ url: '/api' }]) joined to the key. */
  path: string;
  /** The key under "paths" in the document, for pointers into it. */
  key: string;
  op: Json;
  /** Parameters of the path item and of the operation, $refs resolved. */
  parameters: Json[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The learner's document, as the checks read it. */
export class OpenApiDocument {
  readonly operations: Operation[] = [];
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();
  private static id = 0;
  private readonly base: string;

  constructor(readonly doc: Json) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    (addFormatsModule as unknown as (ajv: Ajv2020) => void)(this.ajv);
    // The whole document is one schema resource, so "#/components/schemas/…" resolves in it.
    this.base = `urn:workshop:openapi:${(OpenApiDocument.id += 1)}`;
    this.ajv.addSchema({ ...doc, $id: this.base });
    const paths = isObject(doc.paths) ? doc.paths : {};
    for (const [key, item] of Object.entries(paths)) {
      if (!isObject(item)) continue;
      const shared = Array.isArray(item.parameters) ? item.parameters : [];
      for (const method of METHODS) {
        const op = item[method];
        if (!isObject(op)) continue;
        const own = Array.isArray(op.parameters) ? op.parameters : [];
        const parameters = [...shared, ...own].map((p) => this.resolve(p)).filter(isObject);
        // The nearest servers list wins: the operation's, the path item's, the document's.
        const path = `${serverPrefix(op.servers ?? item.servers ?? doc.servers)}${key}`;
        this.operations.push({ method: method.toUpperCase(), path, key, op, parameters });
      }
    }
  }

  /** Follows a local $ref ("#/components/…") to what it points at. */
  resolve(value: unknown, depth = 0): unknown {
    if (!isObject(value) || typeof value.$ref !== 'string' || depth > 10) return value;
    const ref = value.$ref;
    if (!ref.startsWith('#/')) return value;
    let at: unknown = this.doc;
    for (const raw of ref.slice(2).split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      at = isObject(at) ? at[key] : undefined;
    }
    return this.resolve(at, depth + 1);
  }

  /** The documented operation a request hits: a literal path wins over a template. */
  find(method: string, url: string): Operation | undefined {
    const path = url.split('?')[0];
    const candidates = this.operations
      .filter((o) => o.method === method.toUpperCase() && templateMatches(o.path, path))
      .sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0));
    return candidates[0];
  }

  /** The response object documented for a status: the exact code, its range (4XX), or default. */
  response(op: Operation, status: number): Json | undefined {
    const responses = isObject(op.op.responses) ? op.op.responses : {};
    const found = responses[String(status)] ?? responses[`${Math.floor(status / 100)}XX`] ?? responses.default;
    const resolved = this.resolve(found);
    return isObject(resolved) ? resolved : undefined;
  }

  /** Where the JSON schema of a documented response or request body sits, as a JSON pointer. */
  private pointer(parts: string[]): string {
    return `${this.base}#/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
  }

  /** The JSON media type of a content map: application/json, or any +json / json type. */
  static jsonType(content: unknown): string | undefined {
    if (!isObject(content)) return undefined;
    return Object.keys(content).find((k) => k === 'application/json') ?? Object.keys(content).find((k) => /json/i.test(k));
  }

  /** Validates a response body against the schema documented for (op, status); errors, or [] when valid. */
  checkResponse(op: Operation, status: number, body: unknown): { documented: boolean; hasSchema: boolean; errors: string[] } {
    const responses = isObject(op.op.responses) ? op.op.responses : {};
    const key = [String(status), `${Math.floor(status / 100)}XX`, 'default'].find((k) => k in responses);
    if (key === undefined) return { documented: false, hasSchema: false, errors: [] };
    const response = this.response(op, status);
    const type = OpenApiDocument.jsonType(response?.content);
    if (!response || !type || !isObject((response.content as Json)[type]) || !('schema' in ((response.content as Json)[type] as Json))) {
      return { documented: true, hasSchema: false, errors: [] };
    }
    // A $ref'd response object lives elsewhere: point at where the schema really is.
    const raw = responses[key];
    const where = isObject(raw) && typeof raw.$ref === 'string' && raw.$ref.startsWith('#/')
      ? [...refParts(raw.$ref), 'content', type, 'schema']
      : ['paths', op.key, op.method.toLowerCase(), 'responses', key, 'content', type, 'schema'];
    return { documented: true, hasSchema: true, errors: this.validate(where, body) };
  }

  /** The request body schema of an operation (JSON), validated against a body; undefined when none is documented. */
  checkRequest(op: Operation, body: unknown): string[] | undefined {
    const raw = op.op.requestBody;
    const requestBody = this.resolve(raw);
    if (!isObject(requestBody)) return undefined;
    const type = OpenApiDocument.jsonType(requestBody.content);
    if (!type) return undefined;
    const where = isObject(raw) && typeof raw.$ref === 'string' && raw.$ref.startsWith('#/')
      ? [...refParts(raw.$ref), 'content', type, 'schema']
      : ['paths', op.key, op.method.toLowerCase(), 'requestBody', 'content', type, 'schema'];
    return this.validate(where, body);
  }

  private validate(where: string[], value: unknown): string[] {
    const ref = this.pointer(where);
    let validator = this.validators.get(ref);
    if (!validator) {
      try {
        validator = this.ajv.compile({ $ref: ref });
      } catch (err) {
        return [`the schema at ${where.join(' › ')} cannot be used: ${(err as Error).message}`];
      }
      this.validators.set(ref, validator);
    }
    return validator(value) ? [] : (validator.errors ?? []).slice(0, 5).map(describeError);
  }
}

/**
 * The path documented paths sit under: the path of the first server's URL, relative ("/api")
 * or absolute ("http://localhost:3000/api"), with its variables at their defaults. OpenAPI
 * joins it to each key of "paths", so a document may write /articles under /api.
 */
export function serverPrefix(servers: unknown): string {
  const first = Array.isArray(servers) ? servers[0] : undefined;
  if (!isObject(first) || typeof first.url !== 'string') return '';
  const variables = isObject(first.variables) ? first.variables : {};
  const url = first.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const v = variables[name];
    return isObject(v) && typeof v.default === 'string' ? v.default : whole;
  });
  // The path part only: a host with an unresolved variable ({port}) must not hide it.
  const path = url.replace(/^[^/?#]*:\/\/[^/]*/, '').replace(/[?#].*$/, '');
  return path.replace(/\/+$/, '');
}

const refParts = (ref: string): string[] => ref.slice(2).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));

function describeError(e: ErrorObject): string {
  return `${e.instancePath || '(the body)'} ${e.message ?? 'is invalid'}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`;
}

function templateMatches(template: string, path: string): boolean {
  const pattern = template.split(/\{[^}]+\}/).map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+');
  return new RegExp(`^${pattern}$`).test(path);
}

/** GET /api/openapi.json from an app (or URL), as a parsed object; fails with what came back otherwise. */
export async function fetchDocument(app: Parameters<typeof api>[0]): Promise<{ res: Response; doc: Json }> {
  const res = await api(app).get('/api/openapi.json');
  expectStatus(res, 200, L.openapi, 'serve the document built from your schemas: app.get("/api/openapi.json", (req, res) => res.json(document))');
  const doc: unknown = res.body;
  ensure(isObject(doc) && Object.keys(doc).length > 0, {
    expected: 'GET /api/openapi.json answers the document as JSON (Content-Type: application/json)',
    got: describeResponse(res),
    lesson: L.openapi,
  });
  return { res, doc: doc as Json };
}

export async function loadDocument(app: Parameters<typeof api>[0]): Promise<OpenApiDocument> {
  const { doc } = await fetchDocument(app);
  return new OpenApiDocument(doc);
}

// ── A Conduit session, for the contract checks ──────────────────────────────────────────────

export interface Exchange {
  method: string;
  url: string;
  status: number;
  body: unknown;
  res: Response;
}

export interface Session {
  app: Parameters<typeof api>[0];
  http: ReturnType<typeof api>;
  exchanges: Exchange[];
  users: { ada: Person; bob: Person };
  slug: string;
  commentId: number | string;
}

export interface Person {
  username: string;
  email: string;
  password: string;
  token: string;
}

const auth = (p?: Person) => (p ? { headers: { Authorization: `Token ${p.token}` } } : {});

/**
 * Every route of the API answered at least once, successes and the errors a front end meets
 * (400, 401, 403, 404, 422, 429, and a 304), on a fresh app; every exchange recorded.
 */
export async function conduitSession(): Promise<Session> {
  const { app } = await loadApp(dir);
  const raw = api(app);
  const exchanges: Exchange[] = [];
  const record = (method: 'get' | 'post' | 'put' | 'delete') => async (url: string, o?: Parameters<typeof raw.get>[1]) => {
    const res = await raw[method](url, o);
    exchanges.push({ method: method.toUpperCase(), url, status: res.status, body: res.body, res });
    return res;
  };
  const http = { ...raw, get: record('get'), post: record('post'), put: record('put'), delete: record('delete') };
  const suffix = randomUUID().slice(0, 6);
  const register = async (name: string): Promise<Person> => {
    const person = { username: `${name}${suffix}`, email: `${name}.${suffix}@example.test`, password: `${name}-password-123`, token: '' };
    const res = await http.post('/api/users', { json: { user: { username: person.username, email: person.email, password: person.password } } });
    expectStatus(res, 201, L.openapi);
    person.token = String((res.body as { user?: { token?: string } }).user?.token ?? '');
    return person;
  };
  const ada = await register('ada');
  const bob = await register('bob');
  await http.post('/api/users/login', { json: { user: { email: ada.email, password: ada.password } } });
  await http.post('/api/users/login', { json: { user: { email: ada.email, password: 'not-her-password' } } });
  await http.post('/api/users/login', { json: { user: { email: ada.email } } });
  await http.get('/api/user', auth(ada));
  await http.get('/api/user');
  await http.put('/api/user', { ...auth(ada), json: { user: { bio: 'I write about rivers', image: 'https://example.test/ada.png' } } });
  await http.put('/api/user', { ...auth(ada), json: { user: { bio: 'x'.repeat(1001) } } });
  await http.get(`/api/profiles/${ada.username}`);
  await http.get(`/api/profiles/${ada.username}`, auth(bob));
  await http.get(`/api/profiles/nobody-${suffix}`);
  await http.post(`/api/profiles/${ada.username}/follow`, auth(bob));
  const created = await http.post('/api/articles', { ...auth(ada), json: { article: { title: `Rivers ${suffix}`, description: 'On rivers', body: 'Water flows.', tagList: ['rivers', 'water'] } } });
  expectStatus(created, 201, L.openapi);
  const slug = String((created.body as { article?: { slug?: string } }).article?.slug ?? '');
  await http.post('/api/articles', { ...auth(ada), json: { article: { title: '', description: 'x'.repeat(1025), body: 'b', tagList: ['ok'] } } });
  await http.post('/api/articles', { json: { article: { title: 'No token', description: 'd', body: 'b' } } });
  await http.post('/api/articles', { ...auth(bob), json: { article: { title: `Lakes ${suffix}`, description: 'On lakes', body: 'Still water.' } } });
  await http.get('/api/articles');
  await http.get('/api/articles?limit=1&offset=1', auth(bob));
  await http.get(`/api/articles?tag=rivers&author=${ada.username}`);
  await http.get(`/api/articles?favorited=${bob.username}`);
  await http.get('/api/articles/feed', auth(bob));
  await http.get('/api/articles/feed');
  await http.get(`/api/articles/${slug}`);
  await http.get(`/api/articles/${slug}`, auth(bob));
  await http.get(`/api/articles/no-such-article-${suffix}`);
  // The errors of the reads, which a front end meets too: a limit out of range or not a number
  // (422), a token that is not valid on a route where a token is optional (401, step 04).
  await http.get('/api/articles?limit=0');
  await http.get('/api/articles/feed?limit=abc', auth(bob));
  await http.get('/api/articles', { headers: { Authorization: 'Token not-a-valid-token' } });
  await http.get(`/api/articles/${slug}`, { headers: { Authorization: 'Token not-a-valid-token' } });
  // A read sent again with the ETag it got answers 304 (step 05).
  const read = await http.get(`/api/articles/${slug}`);
  if (typeof read.headers.etag === 'string') await http.get(`/api/articles/${slug}`, { headers: { 'If-None-Match': read.headers.etag } });
  // A body that is not JSON (400).
  await http.post('/api/articles', { ...auth(ada), raw: '{"article":' });
  await http.put(`/api/articles/${slug}`, { ...auth(ada), json: { article: { body: 'Water flows downhill.' } } });
  await http.put(`/api/articles/${slug}`, { ...auth(bob), json: { article: { body: 'Not mine to edit.' } } });
  await http.post(`/api/articles/${slug}/favorite`, auth(bob));
  await http.get(`/api/articles?favorited=${bob.username}`, auth(bob));
  await http.delete(`/api/articles/${slug}/favorite`, auth(bob));
  const comment = await http.post(`/api/articles/${slug}/comments`, { ...auth(bob), json: { comment: { body: 'Lovely.' } } });
  const commentId = (comment.body as { comment?: { id?: number | string } }).comment?.id ?? 0;
  await http.post(`/api/articles/${slug}/comments`, { ...auth(bob), json: { comment: {} } });
  await http.get(`/api/articles/${slug}/comments`);
  await http.get(`/api/articles/${slug}/comments`, auth(ada));
  await http.delete(`/api/articles/${slug}/comments/${commentId}`, auth(ada));
  await http.get('/api/tags');
  await http.delete(`/api/profiles/${ada.username}/follow`, auth(bob));
  await http.delete(`/api/articles/${slug}/comments/${commentId}`, auth(bob));
  const doomed = await http.post('/api/articles', { ...auth(bob), json: { article: { title: `Gone ${suffix}`, description: 'd', body: 'b' } } });
  const doomedSlug = String((doomed.body as { article?: { slug?: string } }).article?.slug ?? '');
  await http.delete(`/api/articles/${doomedSlug}`, auth(bob));
  // Last, as it locks the email out: wrong passwords until the login throttle answers 429 (step 04).
  for (let i = 1; i <= 8; i += 1) {
    const res = await http.post('/api/users/login', { json: { user: { email: ada.email, password: `wrong-password-${i}` } } });
    if (res.status === 429) break;
  }
  return { app, http, exchanges, users: { ada, bob }, slug, commentId };
}

