/**
 * Step 07 · Working with a front end: the contract. The learner's OpenAPI document is valid and
 * complete, every answer the API gives conforms to it, it says which routes need a token, the
 * API's validation and the document agree on every body sent, and the docs page is served.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe } from 'vitest';
import { api, describeResponse, ensure, expectStatus, loadApp, requirement, send, type Response } from './support/index.js';
import type { Method } from './support/http.js';
import { CONDUIT_ROUTES, conduitSession, dir, fetchDocument, isObject, L, LIST_QUERY, loadDocument, serverPrefix, type Json, type Operation } from './07-frontend.shared.js';

const short = (v: unknown, max = 160): string => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > max ? `${text.slice(0, max)}…` : text;
};

describe('the OpenAPI document', () => {
  requirement('GET /api/openapi.json answers a valid OpenAPI 3.1 document', { lesson: L.openapi, covers: ['openapi-valid'], timeout: 30_000 }, async () => {
    const { app } = await loadApp(dir);
    const { doc } = await fetchDocument(app);
    ensure(typeof doc.openapi === 'string' && /^3\.1\.\d+$/.test(doc.openapi), {
      expected: 'the document says "openapi": "3.1.0" (3.1 uses JSON Schema 2020-12 as it is)',
      got: `"openapi": ${short(doc.openapi)}`,
      lesson: L.openapi,
    });
    const result = await new Validator({ strict: false }).validate(structuredClone(doc));
    const errors = Array.isArray(result.errors) ? result.errors.slice(0, 5).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`) : result.errors ? [String(result.errors)] : [];
    ensure(result.valid, {
      expected: 'a document that validates against the OpenAPI 3.1 schema',
      got: `it does not:\n          | ${errors.join('\n          | ')}`,
      hint: 'every operation needs "responses", every response a "description"; path parameters are declared with "in": "path" and "required": true',
      lesson: L.openapi,
    });
  });

  requirement(
    'the document has every Conduit route with its method, path parameters and the list query parameters, and documents nothing the API does not answer',
    { lesson: L.openapi, covers: ['openapi-complete'], timeout: 30_000 },
    async () => {
      const { app } = await loadApp(dir);
      const doc = await loadDocument(app);
      const missing = CONDUIT_ROUTES.filter((r) => !doc.operations.some((o) => o.method === r.method && sameTemplate(o.path, r.path)));
      ensure(missing.length === 0, {
        expected: 'every route of docs/conduit-api.md in "paths", written with its parameters in braces (/api/articles/{slug})',
        got: `missing: ${missing.map((r) => `${r.method} ${r.path}`).join(', ')}${
          serverPrefix(doc.doc.servers) ? ` (your paths sit under the server URL ${serverPrefix(doc.doc.servers)}, as OpenAPI joins them: ${doc.operations.slice(0, 2).map((o) => o.path).join(', ')}, …)` : ''
        }`,
        hint: 'build "paths" from the same list your router is built from, so a route cannot be added without its documentation',
        lesson: L.openapi,
      });
      for (const route of CONDUIT_ROUTES) {
        const op = doc.operations.find((o) => o.method === route.method && sameTemplate(o.path, route.path)) as Operation;
        const names = (o: Operation, where: string) => o.parameters.filter((p) => p.in === where).map((p) => String(p.name));
        const wanted = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
        const declared = names(op, 'path');
        const undeclared = wanted.filter((n) => !declared.includes(n));
        ensure(undeclared.length === 0, {
          expected: `${route.method} ${op.path} declares its path parameters (${wanted.join(', ')}) with "in": "path"`,
          got: `not declared: ${undeclared.join(', ')}`,
          lesson: L.openapi,
        });
        if ((route.path === '/api/articles' && route.method === 'GET') || route.path === '/api/articles/feed') {
          const expectedQuery = route.path === '/api/articles' ? LIST_QUERY : ['limit', 'offset'];
          const absent = expectedQuery.filter((n) => !names(op, 'query').includes(n));
          ensure(absent.length === 0, {
            expected: `${route.method} ${route.path} documents its query parameters ${expectedQuery.join(', ')}`,
            got: `not documented: ${absent.join(', ')}`,
            lesson: L.openapi,
          });
        }
      }

      // Nothing documented that the API does not answer: each operation outside Conduit's list is
      // sent once, and must not meet the app's answer to a route that does not exist.
      const http = api(app);
      // A 404 may name what was asked for ({"errors":{"GET /api/x":["not found"]}}, "Cannot GET /api/x"):
      // the method and the path are taken out of both answers before they are compared.
      const unknownPath = `/api/no-such-route-${randomUUID().slice(0, 8)}`;
      const unknown = await http.get(unknownPath);
      const notFoundBody = (res: Response, method: string, path: string): string =>
        (res.text || short(res.body, 10_000)).split(path).join('<path>').split(method).join('<method>');
      const unknownBody = notFoundBody(unknown, 'GET', unknownPath);
      const extra = doc.operations.filter((o) => !CONDUIT_ROUTES.some((r) => r.method === o.method && sameTemplate(o.path, r.path)) && o.method !== 'HEAD' && o.method !== 'OPTIONS');
      for (const op of extra) {
        const path = op.path.replace(/\{[^}]+\}/g, 'x');
        const res = await send(app, op.method as Method, path);
        const notThere = res.status === unknown.status && notFoundBody(res, op.method, path) === unknownBody;
        ensure(!notThere && res.status !== 405 && res.status !== 501, {
          expected: `${op.method} ${op.path}, documented, is a route the API answers`,
          got: `${op.method} ${path}: ${describeResponse(res)} (the same as for a route that does not exist)`,
          hint: 'remove it from the document, or add the route: a front end generated from the document will call it',
          lesson: L.openapi,
        });
      }
    },
  );

  requirement(
    "every answer of a whole Conduit session, successes and errors, has its status documented for its route and a body valid against the documented schema",
    { lesson: L.openapi, covers: ['openapi-conforms'], timeout: 60_000 },
    async () => {
      const session = await conduitSession();
      const doc = await loadDocument(session.app);
      const seen = new Set<string>();
      for (const ex of session.exchanges) {
        const op = doc.find(ex.method, ex.url);
        ensure(op !== undefined, {
          expected: `${ex.method} ${ex.url.split('?')[0]} is documented in "paths"`,
          got: `no operation in the document matches it (it answered ${ex.status})`,
          lesson: L.openapi,
        });
        const key = `${op!.method} ${op!.path} ${ex.status}`;
        if (seen.has(key) && ex.status >= 400) continue;
        seen.add(key);
        const check = doc.checkResponse(op!, ex.status, ex.body);
        ensure(check.documented, {
          expected: `${op!.method} ${op!.path} documents the status ${ex.status} that ${ex.method} ${ex.url} answered`,
          got: `the documented statuses are ${Object.keys(isObject(op!.op.responses) ? op!.op.responses : {}).join(', ') || 'none'}; the answer was ${describeResponse(ex.res)}`,
          hint: 'document every status a route answers, errors included: 401 (no token, or a bad one where a token is optional), 403, 404, 422 (bodies and list queries), 429 (the login throttle), 400 (a body that is not JSON), 304 (If-None-Match); or a "default" response with the error envelope',
          lesson: L.openapi,
        });
        const hasBody = ex.status !== 204 && ex.status !== 304 && ex.res.text !== '' && ex.res.text !== undefined;
        if (!hasBody) continue;
        ensure(check.hasSchema, {
          expected: `${op!.method} ${op!.path}, status ${ex.status}: a JSON schema for the body it answers`,
          got: `the response is documented without "content": {"application/json": {"schema": …}}, and the API answered ${short(ex.body)}`,
          lesson: L.openapi,
        });
        ensure(check.errors.length === 0, {
          expected: `the body of ${ex.method} ${ex.url} (${ex.status}) valid against the schema documented for ${op!.method} ${op!.path} ${ex.status}`,
          got: `${check.errors.join('; ')}\n          the body: ${short(ex.body, 300)}`,
          hint: 'the schema and the answer must describe the same thing: nullable fields as ["string", "null"], dates as strings (format date-time), every required field present',
          lesson: L.openapi,
        });
      }
    },
  );

  requirement(
    'routes that need a token require the Token scheme (apiKey in the Authorization header), and the routes anyone may call do not require one',
    { lesson: L.openapi, covers: ['openapi-security'], timeout: 30_000 },
    async () => {
      const { app } = await loadApp(dir);
      const doc = await loadDocument(app);
      const schemes = isObject(doc.doc.components) && isObject((doc.doc.components as Json).securitySchemes) ? ((doc.doc.components as Json).securitySchemes as Json) : {};
      const tokenSchemes = Object.entries(schemes)
        .filter(([, s]) => {
          const scheme = doc.resolve(s);
          return isObject(scheme) && scheme.type === 'apiKey' && scheme.in === 'header' && String(scheme.name).toLowerCase() === 'authorization';
        })
        .map(([name]) => name);
      ensure(tokenSchemes.length > 0, {
        expected: 'a security scheme for Authorization: Token <jwt> in components.securitySchemes: { "type": "apiKey", "in": "header", "name": "Authorization" }',
        got: Object.keys(schemes).length ? `the schemes are ${short(schemes, 300)}` : 'no components.securitySchemes',
        hint: 'Conduit\'s "Token" prefix is not HTTP Bearer, so the scheme is an apiKey in the Authorization header, described as Token <jwt>',
        lesson: L.openapi,
      });
      const global = Array.isArray(doc.doc.security) ? doc.doc.security : undefined;
      for (const route of CONDUIT_ROUTES) {
        const op = doc.operations.find((o) => o.method === route.method && sameTemplate(o.path, route.path));
        if (!op) continue; // openapi-complete reports it
        const security = (Array.isArray(op.op.security) ? op.op.security : global ?? []).filter(isObject);
        const anonymous = security.length === 0 || security.some((s) => Object.keys(s).length === 0);
        const usesToken = security.some((s) => Object.keys(s).some((k) => tokenSchemes.includes(k)));
        if (route.auth === 'required') {
          ensure(!anonymous && usesToken, {
            expected: `${route.method} ${route.path} needs a token: "security": [{ "${tokenSchemes[0]}": [] }] on it (or globally), with no empty alternative {}`,
            got: `"security": ${short(op.op.security ?? global ?? 'none')}`,
            lesson: L.openapi,
          });
        } else {
          ensure(anonymous, {
            expected: `${route.method} ${route.path} may be called without a token (${route.auth === 'optional' ? 'a token only personalises the answer: "security": [{}, { "Token": [] }]' : 'no security, or "security": []'})`,
            got: `"security": ${short(op.op.security ?? global)}: the document says a token is required`,
            lesson: L.openapi,
          });
        }
      }
    },
  );
});

describe('one schema for validation and documentation', () => {
  requirement(
    'the API accepts a request body exactly when the schema its document gives for it does: required fields, types, and the limits at their edges',
    { lesson: L.schema, covers: ['schema-agrees'], timeout: 60_000 },
    async () => {
      const { app } = await loadApp(dir);
      const doc = await loadDocument(app);
      const http = api(app);
      const suffix = () => randomUUID().slice(0, 8);
      const register = async () => {
        const s = suffix();
        const res = await http.post('/api/users', { json: { user: { username: `writer${s}`, email: `writer${s}@example.test`, password: 'writer-password-1' } } });
        expectStatus(res, 201, L.schema);
        return { Authorization: `Token ${String((res.body as { user?: { token?: string } }).user?.token)}` };
      };
      const owner = await register();
      const article = async () => {
        const res = await http.post('/api/articles', { headers: owner, json: { article: { title: `Probe ${suffix()}`, description: 'd', body: 'b' } } });
        expectStatus(res, 201, L.schema);
        return String((res.body as { article?: { slug?: string } }).article?.slug);
      };
      const slug = await article();
      const long = (n: number) => 'a'.repeat(n);
      const tags = (n: number) => Array.from({ length: n }, (_, i) => `tag${i}`);

      type Probe = { label: string; body: () => unknown };
      const probes: { method: 'POST' | 'PUT'; path: string; template: string; headers?: () => Promise<Record<string, string>>; probes: Probe[] }[] = [
        {
          method: 'POST', path: '/api/users', template: '/api/users',
          probes: [
            { label: 'a complete user', body: () => { const s = suffix(); return { user: { username: `u${s}`, email: `u${s}@example.test`, password: 'a-good-password' } }; } },
            { label: 'no password', body: () => { const s = suffix(); return { user: { username: `u${s}`, email: `u${s}@example.test` } }; } },
            { label: 'a username that is a number', body: () => { const s = suffix(); return { user: { username: 12345, email: `u${s}@example.test`, password: 'a-good-password' } }; } },
            { label: 'a username of 64 characters', body: () => { const s = suffix(); return { user: { username: `u${s}${long(55)}`, email: `u${s}@example.test`, password: 'a-good-password' } }; } },
            { label: 'a username of 65 characters', body: () => { const s = suffix(); return { user: { username: `u${s}${long(56)}`, email: `u${s}@example.test`, password: 'a-good-password' } }; } },
            { label: 'a password of 8 characters', body: () => { const s = suffix(); return { user: { username: `u${s}`, email: `u${s}@example.test`, password: 'eight-ch' } }; } },
            { label: 'a password of 7 characters', body: () => { const s = suffix(); return { user: { username: `u${s}`, email: `u${s}@example.test`, password: 'seven-c' } }; } },
            // Conduit ignores fields it does not know (docs/04-security.md: a role sent at registration changes nothing).
            { label: 'a complete user with a field the API does not know ("role")', body: () => { const s = suffix(); return { user: { username: `u${s}`, email: `u${s}@example.test`, password: 'a-good-password', role: 'admin' } }; } },
            { label: 'no user at all', body: () => ({}) },
          ],
        },
        {
          method: 'PUT', path: '/api/user', template: '/api/user', headers: register,
          probes: [
            { label: 'a bio of null (clears it)', body: () => ({ user: { bio: null } }) },
            { label: 'a bio of 1,000 characters', body: () => ({ user: { bio: long(1000) } }) },
            { label: 'a bio of 1,001 characters', body: () => ({ user: { bio: long(1001) } }) },
            { label: 'an image URL of 2,048 characters', body: () => ({ user: { image: `https://example.test/${long(2048 - 21)}` } }) },
            { label: 'an image URL of 2,049 characters', body: () => ({ user: { image: `https://example.test/${long(2049 - 21)}` } }) },
            { label: 'a bio that is a number', body: () => ({ user: { bio: 42 } }) },
          ],
        },
        {
          method: 'POST', path: '/api/articles', template: '/api/articles', headers: async () => owner,
          probes: [
            { label: 'a complete article', body: () => ({ article: { title: `T ${suffix()}`, description: 'd', body: 'b', tagList: ['one'] } }) },
            { label: 'a title of 255 characters', body: () => ({ article: { title: `${suffix()}${long(247)}`, description: 'd', body: 'b' } }) },
            { label: 'a title of 256 characters', body: () => ({ article: { title: `${suffix()}${long(248)}`, description: 'd', body: 'b' } }) },
            { label: 'a description of 1,024 characters', body: () => ({ article: { title: `T ${suffix()}`, description: long(1024), body: 'b' } }) },
            { label: 'a description of 1,025 characters', body: () => ({ article: { title: `T ${suffix()}`, description: long(1025), body: 'b' } }) },
            { label: '10 tags', body: () => ({ article: { title: `T ${suffix()}`, description: 'd', body: 'b', tagList: tags(10) } }) },
            { label: '11 tags', body: () => ({ article: { title: `T ${suffix()}`, description: 'd', body: 'b', tagList: tags(11) } }) },
            { label: 'a tag of 64 characters', body: () => ({ article: { title: `T ${suffix()}`, description: 'd', body: 'b', tagList: [long(64)] } }) },
            { label: 'a tag of 65 characters', body: () => ({ article: { title: `T ${suffix()}`, description: 'd', body: 'b', tagList: [long(65)] } }) },
            { label: 'a tag that is a number', body: () => ({ article: { title: `T ${suffix()}`, description: 'd', body: 'b', tagList: ['one', 2] } }) },
            { label: 'tagList as a string', body: () => ({ article: { title: `T ${suffix()}`, description: 'd', body: 'b', tagList: 'one,two' } }) },
            { label: 'no body field', body: () => ({ article: { title: `T ${suffix()}`, description: 'd' } }) },
          ],
        },
        {
          method: 'PUT', path: `/api/articles/${slug}`, template: '/api/articles/{slug}', headers: async () => owner,
          probes: [
            { label: 'a new body only', body: () => ({ article: { body: `Edited ${suffix()}` } }) },
            { label: 'a new body with a field the API does not know ("slug")', body: () => ({ article: { body: `Edited ${suffix()}`, slug: 'my-own-slug' } }) },
            { label: 'a title of 256 characters', body: () => ({ article: { title: long(256) } }) },
            { label: 'a title that is a number', body: () => ({ article: { title: 7 } }) },
          ],
        },
        {
          method: 'POST', path: `/api/articles/${slug}/comments`, template: '/api/articles/{slug}/comments', headers: async () => owner,
          probes: [
            { label: 'a comment of 5,000 characters', body: () => ({ comment: { body: long(5000) } }) },
            { label: 'a comment of 5,001 characters', body: () => ({ comment: { body: long(5001) } }) },
            { label: 'a comment without a body', body: () => ({ comment: {} }) },
          ],
        },
      ];

      for (const group of probes) {
        const op = doc.operations.find((o) => o.method === group.method && sameTemplate(o.path, group.template));
        ensure(op !== undefined, { expected: `${group.method} ${group.template} in the document`, got: 'it is not there', lesson: L.openapi });
        for (const probe of group.probes) {
          const body = probe.body();
          const errors = doc.checkRequest(op!, body);
          ensure(errors !== undefined, {
            expected: `${group.method} ${group.template} documents its request body ("requestBody" with an application/json schema)`,
            got: 'no request body schema',
            lesson: L.schema,
          });
          const headers = group.headers ? await group.headers() : {};
          const res = await send(app, group.method, group.path, { headers, json: body });
          const documentedValid = errors!.length === 0;
          const accepted = res.status >= 200 && res.status < 300;
          const refused = res.status === 422;
          ensure(documentedValid ? accepted : refused, {
            expected: documentedValid
              ? `${group.method} ${group.template} with ${probe.label}: the document's schema says the body is valid, so the API accepts it (2xx)`
              : `${group.method} ${group.template} with ${probe.label}: the document's schema refuses it (${errors!.join('; ')}), so the API answers 422`,
            got: `${describeResponse(res)}`,
            hint: documentedValid
              ? 'the API refuses what the document allows: the rule lives in code the document does not come from. Declare it in the zod schema (.max(), .min(), the type; a .refine() needs .meta({ minLength, maxLength, … }) to be documented) and let both follow from it'
              : errors!.some((e) => /additional properties/i.test(e))
                ? "the document refuses a field the API ignores: a zod object drops unknown keys, but z.toJSONSchema writes additionalProperties: false for it unless the request schemas are converted with io: 'input'"
                : 'the document refuses what the API accepts: validate the body with the same zod schema the document is generated from',
            lesson: L.schema,
          });
        }
      }
    },
  );
});

describe('the docs page', () => {
  requirement('GET /api/docs answers an HTML page whose scripts and styles all come from the API itself, and load, and no other answer loosens its policy', { lesson: L.docs, covers: ['docs-page', 'csp-elsewhere'], timeout: 30_000 }, async () => {
    const { app } = await loadApp(dir);
    const http = api(app);
    let page = '/api/docs';
    let res = await http.get(page);
    // A docs middleware may redirect /api/docs to /api/docs/ once.
    if (res.status >= 300 && res.status < 400 && typeof res.headers.location === 'string') {
      page = new URL(res.headers.location, 'http://api.test/api/docs').pathname;
      res = await http.get(page);
    }
    expectStatus(res, 200, L.docs, 'serve a page at /api/docs: swagger-ui-dist with express.static, or a small page of your own');
    ensure(/text\/html/i.test(String(res.headers['content-type'] ?? '')), { expected: 'GET /api/docs answers HTML (Content-Type: text/html)', got: describeResponse(res), lesson: L.docs });
    const html = res.text ?? '';
    const base = new URL(page, 'http://api.test');
    const refs = [...html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi), ...html.matchAll(/<link\b[^>]*\bhref\s*=\s*["']([^"']+)["'][^>]*>/gi)]
      .filter((m) => !/^<link\b/i.test(m[0]) || /rel\s*=\s*["']?stylesheet/i.test(m[0]))
      .map((m) => m[1]);
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]).filter((text) => text.trim() !== '');
    const scriptSrcs = new Set([...html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]));
    for (const ref of refs) {
      const url = new URL(ref, base);
      ensure(url.origin === base.origin, {
        expected: 'every script and stylesheet of the docs page served by the API itself (it must work offline, behind a proxy, and under your Content-Security-Policy)',
        got: `it loads ${ref} from ${url.origin}`,
        hint: 'npm install swagger-ui-dist, serve its folder with express.static under /api/docs, and point it at /api/openapi.json',
        lesson: L.docs,
      });
      const asset = await http.get(`${url.pathname}${url.search}`);
      ensure(asset.status === 200, { expected: `${url.pathname}, which the docs page loads, answers 200`, got: describeResponse(asset), lesson: L.docs });
      if (scriptSrcs.has(ref)) scripts.push(asset.text ?? (Buffer.isBuffer(asset.body) ? asset.body.toString('utf8') : ''));
    }
    // The page shows this API's document: its code asks for /api/openapi.json (or carries the
    // document itself, as swagger-ui-express does), not swagger-ui-dist's petstore example...
    const { doc } = await fetchDocument(app);
    const documentedPaths = Object.keys(isObject(doc.paths) ? doc.paths : {});
    // The page's own attributes count too (Redoc, RapiDoc or Scalar take the URL as <redoc
    // spec-url="…"> or data-url="…"); a link for readers (<a href>) does not show the document.
    const pointsAtDocument =
      /\b(?:[\w-]*url|spec)\s*=\s*["'][^"']*openapi\.json/i.test(html) ||
      scripts.some((text) => /openapi\.json/.test(text) || documentedPaths.filter((p) => text.includes(`"${p}"`)).length >= 3);
    const elsewhere = [...new Set(scripts.flatMap((text) => [...text.matchAll(/[a-z][\w+.-]*:\/\/[^\s"'`]+\.(?:json|ya?ml)\b/gi)].map((m) => m[0])))];
    ensure(pointsAtDocument, {
      expected: 'a docs page whose code loads this API\'s document, /api/openapi.json (swagger-ui pointed at it, or a script of your own that fetches it)',
      got: `neither the page nor the scripts it loads (${[...scriptSrcs].join(', ') || 'none'}) mention openapi.json${elsewhere.length ? `; they ask for ${elsewhere.slice(0, 3).join(', ')}` : ''}`,
      hint: "swagger-ui-dist's own index.html runs its swagger-initializer.js, which shows the petstore: serve your own initializer with url: '/api/openapi.json'",
      lesson: L.docs,
    });
    // ...and from the server the page came from: a URL with a host works on that host only.
    const hardCoded = [
      ...scripts.flatMap((text) => [...text.matchAll(/(?:[a-z][\w+.-]*:)?\/\/[^\s"'`]*openapi\.json/gi)].map((m) => m[0])),
      ...[...html.matchAll(/\b[\w-]*url\s*=\s*["']((?:[a-z][\w+.-]*:)?\/\/[^"']*openapi\.json)/gi)].map((m) => m[1]),
    ];
    ensure(hardCoded.length === 0, {
      expected: 'the docs page asks for the document on the server it came from: a path (/api/openapi.json), not a URL with a host',
      got: `its code asks for ${[...new Set(hardCoded)].join(', ')}: served from any other host or port (a deployment), the page cannot load it`,
      hint: "url: '/api/openapi.json' (or new URL('/api/openapi.json', location.href))",
      lesson: L.docs,
    });
    const blocked = blockedByPolicy(html, [res.headers['content-security-policy']].flat().filter((v): v is string => typeof v === 'string'));
    ensure(blocked.length === 0, {
      expected: "the docs page's own Content-Security-Policy lets its scripts and styles run: a browser blocks what the policy does not allow, and the page stays blank",
      got: `${blocked.join('; ')}\n          Content-Security-Policy: ${short(res.headers['content-security-policy'] ?? 'none', 300)}`,
      hint: "put the page's code in a file the API serves (<script src=\"/api/docs/init.js\">) rather than inline: helmet's script-src 'self' allows it and inline code stays forbidden",
      lesson: L.docs,
    });
    ensure(refs.length > 0 || /<script\b[^>]*>[\s\S]*?<\/script>/i.test(html), {
      expected: 'a docs page that renders the document (a script of its own, or swagger-ui)',
      got: `an HTML page with no script: ${html.slice(0, 200)}`,
      lesson: L.docs,
    });
    // The docs page's policy is its own: the JSON answers (a success, an error, the document) keep theirs.
    for (const [method, path] of [['GET', '/api/tags'], ['GET', '/api/openapi.json'], ['GET', '/api/no-such-route'], ['POST', '/api/users/login']] as const) {
      const other = method === 'GET' ? await http.get(path) : await http.post(path, { json: { user: {} } });
      const policies = [other.headers['content-security-policy']].flat().filter((v): v is string => typeof v === 'string');
      const loose = policies.length === 0 ? ['there is no Content-Security-Policy at all'] : looseScriptPolicy(policies);
      ensure(loose.length === 0, {
        expected: `${method} ${path} keeps a Content-Security-Policy that runs no inline script, no eval and no other site's script (only the docs page has a policy of its own)`,
        got: `${describeResponse(other)}: ${loose.join('; ')}\n          Content-Security-Policy: ${short(other.headers['content-security-policy'] ?? 'none', 300)}`,
        hint: "keep app.use(helmet()) for the whole app and set the docs page's policy on the docs router alone (helmet.contentSecurityPolicy({...}) mounted on it)",
        lesson: L.docs,
      });
    }
  });
});

/** Same route template, whatever the parameters are called: /api/articles/{slug} and /api/articles/{id}. */
function sameTemplate(a: string, b: string): boolean {
  const norm = (p: string) => p.replace(/\{[^}]+\}/g, '{}').replace(/\/+$/, '');
  return norm(a) === norm(b);
}

/** A policy's directives by lower-case name, the first of each name winning (as browsers read them); sources as written (nonces and hashes are case-sensitive). */
function directivesOf(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/**
 * How a policy lets scripts run that helmet's default would not: the effective script directive
 * (script-src, else default-src) missing, or allowing inline code without a nonce or hash,
 * eval, any host ('*'), or whole schemes (https:, http:, data:, blob:). Several policies all
 * apply, so one strict policy among them is enough.
 */
function looseScriptPolicy(policies: string[]): string[] {
  const verdicts = policies.flatMap((p) => p.split(',')).map((policy) => {
    const directives = directivesOf(policy);
    const name = directives.has('script-src') ? 'script-src' : 'default-src';
    const sources = directives.get(name)?.map((v) => v.toLowerCase());
    if (!sources) return ['neither script-src nor default-src limits scripts'];
    const nonceOrHash = sources.some((v) => v.startsWith("'nonce-") || /^'sha(256|384|512)-/.test(v));
    const problems: string[] = [];
    if (sources.includes("'unsafe-inline'") && !nonceOrHash) problems.push(`${name} allows inline scripts ('unsafe-inline')`);
    if (sources.includes("'unsafe-eval'")) problems.push(`${name} allows eval ('unsafe-eval')`);
    const open = sources.filter((v) => v === '*' || /^(https?|data|blob):$/.test(v));
    if (open.length > 0) problems.push(`${name} allows scripts from ${open.join(' ')}`);
    return problems;
  });
  return verdicts.some((v) => v.length === 0) ? [] : [...new Set(verdicts.flat())];
}

/**
 * What of a page's inline code and own files its Content-Security-Policy forbids, as a browser
 * reads it: each policy must allow each element (several policies all apply); an element's
 * directive is script-src-elem / style-src-elem, else script-src / style-src, else default-src.
 * Inline code runs with 'unsafe-inline' (ignored when the directive has a nonce or a hash), or
 * with a nonce the element carries, or with the hash of its text; a file of the page's own origin
 * with 'self', '*' or any source naming a scheme or a host.
 */
function blockedByPolicy(html: string, policies: string[]): string[] {
  const elements = [
    ...[...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map((m) => ({ kind: 'script' as const, attrs: m[1], text: m[2] })),
    ...[...html.matchAll(/<style\b([^>]*)>([\s\S]*?)<\/style>/gi)].map((m) => ({ kind: 'style' as const, attrs: m[1], text: m[2] })),
  ];
  const problems = new Set<string>();
  for (const policy of policies.flatMap((p) => p.split(','))) {
    const directives = directivesOf(policy);
    for (const el of elements) {
      const sources = directives.get(`${el.kind}-src-elem`) ?? directives.get(`${el.kind}-src`) ?? directives.get('default-src');
      if (!sources) continue;
      const lower = sources.map((v) => v.toLowerCase());
      const src = /\bsrc\s*=\s*["']([^"']+)["']/i.exec(el.attrs)?.[1];
      const nonce = /\bnonce\s*=\s*["']([^"']+)["']/i.exec(el.attrs)?.[1];
      if (nonce !== undefined && sources.includes(`'nonce-${nonce}'`)) continue;
      if (el.kind === 'script' && src !== undefined) {
        const allowsOwn = lower.some((v) => v === "'self'" || v === '*' || !v.startsWith("'"));
        if (!allowsOwn) problems.add(`<script src="${src}"> is not allowed by ${el.kind}-src ${sources.join(' ')}`);
        continue;
      }
      if (el.text.trim() === '') continue;
      const hashed = ['sha256', 'sha384', 'sha512'].some((alg) => sources.includes(`'${alg}-${createHash(alg).update(el.text).digest('base64')}'`));
      const nonceOrHash = lower.some((v) => v.startsWith("'nonce-") || /^'sha(256|384|512)-/.test(v));
      if (hashed || (lower.includes("'unsafe-inline'") && !nonceOrHash)) continue;
      problems.add(`an inline <${el.kind}> (${short(el.text.trim(), 60)}) is blocked by ${directives.has(`${el.kind}-src`) ? `${el.kind}-src` : 'default-src'} ${sources.join(' ')}`);
    }
  }
  return [...problems];
}
