/**
 * Step 07 · Working with a front end: CORS. The learner's server runs as a process with
 * CORS_ORIGINS in its environment (the contract a deployment sets), and the checks send what a
 * browser sends: an Origin header, and preflights.
 */
import { describe } from 'vitest';
import { freePort } from '../runner/lib/processes.js';
import { ensure, expectStartupRefusal, header, requirement, scratchCopy, send, serverDatabase, startServer, type Response, type RunningServer } from './support/index.js';
import { dir, L } from './07-frontend.shared.js';

const FRONTEND = 'http://localhost:4100';
const OTHER = 'https://conduit.example.test:8443';
const ORIGINS = `${FRONTEND},${OTHER}`;
const SECRET = 'cors-check-secret-0123456789abcdefghijklmnop';

/** The learner's server (or a copy of it, `at`) with a migrated database of its own and the given environment. */
async function withServer(env: NodeJS.ProcessEnv, run: (server: RunningServer) => Promise<void>, at = dir): Promise<void> {
  const db = await serverDatabase(dir);
  try {
    const server = await startServer(at, { env: { ...db.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', JWT_SECRET: SECRET, ...env }, lesson: L.cors });
    try {
      await run(server);
    } finally {
      await server.stop();
    }
  } finally {
    await db.drop();
  }
}

const listOf = (value: string | undefined): string[] => (value ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
const corsHeaders = (res: Response): string[] => Object.keys(res.headers).filter((h) => h.toLowerCase().startsWith('access-control-'));
const shown = (res: Response): string => {
  const cors = corsHeaders(res).map((h) => `${h}: ${header(res, h)}`);
  return `${res.status}${cors.length ? `, ${cors.join(', ')}` : ', no Access-Control-* header'}${header(res, 'vary') ? `, Vary: ${header(res, 'vary')}` : ''}`;
};

/**
 * A request of each kind a front end meets: a success, 401, 404, 422 and a body that is not JSON,
 * and the answers outside /api (the health route, a path that does not exist): "every answer" is
 * not only the API's routers.
 */
async function oneOfEach(url: string, origin: string | undefined): Promise<{ label: string; res: Response }[]> {
  const headers: Record<string, string> = origin ? { Origin: origin } : {};
  return [
    { label: 'GET /api/tags (200)', res: await send(url, 'GET', '/api/tags', { headers }) },
    { label: 'GET /health (200, outside /api)', res: await send(url, 'GET', '/health', { headers }) },
    { label: 'GET /no-such-page (404, outside /api)', res: await send(url, 'GET', '/no-such-page-cors', { headers }) },
    { label: 'GET /api/user without a token (401)', res: await send(url, 'GET', '/api/user', { headers }) },
    { label: 'GET /api/articles/no-such-article (404)', res: await send(url, 'GET', '/api/articles/no-such-article-cors', { headers }) },
    { label: 'POST /api/users with an empty user (422)', res: await send(url, 'POST', '/api/users', { headers, json: { user: {} } }) },
    { label: 'POST /api/users/login with a body that is not JSON (400)', res: await send(url, 'POST', '/api/users/login', { headers, raw: '{"user":' }) },
  ];
}

/**
 * Wrong passwords for one email until the login throttle of step 04 answers 429 (after 5): the
 * last answer, and the ones before it. A limiter mounted before the CORS middleware answers it
 * without CORS headers, and the page cannot read Retry-After.
 */
async function throttled(url: string, origin: string, email: string): Promise<{ label: string; res: Response }[]> {
  const headers = { Origin: origin };
  await send(url, 'POST', '/api/users', { headers, json: { user: { username: email.split('@')[0], email, password: 'the-right-password-1' } } });
  const answers: { label: string; res: Response }[] = [];
  for (let i = 1; i <= 8; i += 1) {
    const res = await send(url, 'POST', '/api/users/login', { headers, json: { user: { email, password: `wrong-password-${i}` } } });
    answers.push({ label: `wrong password #${i} for ${email} (${res.status === 429 ? '429, throttled' : res.status})`, res });
    if (res.status === 429) break;
  }
  return answers;
}

function preflight(url: string, origin: string, path: string, method: string): Promise<Response> {
  return send(url, 'OPTIONS', path, { headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'authorization, content-type' } });
}

describe('CORS', () => {
  requirement(
    'a request from an origin in CORS_ORIGINS gets Access-Control-Allow-Origin with exactly that origin on successes and errors, with ETag, Retry-After and X-Request-Id exposed',
    { lesson: L.cors, covers: ['cors-allowed'], timeout: 40_000, concurrent: true },
    async () => {
      await withServer({ CORS_ORIGINS: ORIGINS }, async (server) => {
        for (const [i, origin] of [FRONTEND, OTHER].entries()) {
          const logins = await throttled(server.url, origin, `cors-throttle-${i}@example.test`);
          ensure(logins.some(({ res }) => res.status === 429), {
            expected: `with CORS_ORIGINS=${ORIGINS}, the 6th wrong password for one email sent with Origin: ${origin} answers 429 (step 04's login throttle), with its CORS headers`,
            got: logins.map(({ label, res }) => `${label}: ${shown(res)}`).join('; '),
            lesson: L.cors,
          });
          for (const { label, res } of [...(await oneOfEach(server.url, origin)), ...logins]) {
            ensure(header(res, 'access-control-allow-origin') === origin, {
              expected: `with CORS_ORIGINS=${ORIGINS}, ${label} sent with Origin: ${origin} answers Access-Control-Allow-Origin: ${origin} (a front end must read errors too)`,
              got: shown(res),
              hint: 'the cors middleware goes first, for the whole app (app.use(cors), not under /api), before every route (the health route too), the body parser and authentication, so even an error answer carries its headers',
              lesson: L.cors,
            });
            const exposed = listOf(header(res, 'access-control-expose-headers'));
            const missing = ['etag', 'retry-after', 'x-request-id'].filter((h) => !exposed.includes(h));
            ensure(missing.length === 0, {
              expected: `${label} from ${origin}: Access-Control-Expose-Headers naming ETag, Retry-After and X-Request-Id (a page's code can read no other header)`,
              got: `${exposed.length ? `Access-Control-Expose-Headers: ${header(res, 'access-control-expose-headers')}` : 'no Access-Control-Expose-Headers'} (missing: ${missing.join(', ')})`,
              hint: "cors({ …, exposedHeaders: ['ETag', 'Retry-After', 'X-Request-Id'] })",
              lesson: L.cors,
            });
          }
        }
      });
    },
  );

  requirement(
    'an origin not in CORS_ORIGINS gets no Access-Control-* header, on requests and preflights: another scheme, another port, one letter off, or an allowed origin with more after it',
    { lesson: L.cors, covers: ['cors-denied'], timeout: 40_000, concurrent: true },
    async () => {
      await withServer({ CORS_ORIGINS: ORIGINS }, async (server) => {
        // Refusing everyone refuses strangers too: the allow-list has to work for this to mean anything.
        const friend = await send(server.url, 'GET', '/api/tags', { headers: { Origin: FRONTEND } });
        ensure(header(friend, 'access-control-allow-origin') === FRONTEND, {
          expected: `with CORS_ORIGINS=${ORIGINS}, GET /api/tags from ${FRONTEND} (on the list) answers Access-Control-Allow-Origin: ${FRONTEND}, and the others below get nothing`,
          got: shown(friend),
          hint: 'a CORS middleware that reads the list from the config, before the routes',
          lesson: L.cors,
        });
        const strangers = ['https://localhost:4100', 'http://localhost:4101', 'http://localhost:410', 'http://localhost:4100.evil.test', 'http://evil.test', 'https://conduit.example.test', 'null'];
        for (const origin of strangers) {
          const checks: { label: string; res: Response }[] = [
            ...(await oneOfEach(server.url, origin)),
            { label: 'a preflight for PUT /api/user', res: await preflight(server.url, origin, '/api/user', 'PUT') },
            { label: 'a preflight for DELETE /api/articles/:slug', res: await preflight(server.url, origin, '/api/articles/some-article', 'DELETE') },
          ];
          for (const { label, res } of checks) {
            ensure(corsHeaders(res).length === 0 && res.status < 500, {
              expected: `with CORS_ORIGINS=${ORIGINS}, ${label} sent with Origin: ${origin} (not on the list) answers without any Access-Control-* header, and no 5xx`,
              got: shown(res),
              hint: header(res, 'access-control-allow-origin') === undefined
                ? 'the origin was refused, but other Access-Control-* headers still went out: send none of them to a stranger (the cors package, given an array, still sends its exposed headers and preflight answers; an origin function answering false makes it add nothing)'
                : 'compare the Origin with each allowed origin exactly (===): no startsWith, no includes, no regular expression built from the list',
              lesson: L.cors,
            });
          }
        }
      });
    },
  );

  requirement(
    'no answer says Access-Control-Allow-Origin: * or Access-Control-Allow-Credentials, and every answer carries Vary: Origin',
    { lesson: L.cors, covers: ['cors-never-star'], timeout: 40_000, concurrent: true },
    async () => {
      await withServer({ CORS_ORIGINS: ORIGINS }, async (server) => {
        for (const origin of [FRONTEND, 'http://evil.test', undefined]) {
          const answers = [...(await oneOfEach(server.url, origin)), ...(origin ? [{ label: 'a preflight for POST /api/articles', res: await preflight(server.url, origin, '/api/articles', 'POST') }] : [])];
          for (const { label, res } of answers) {
            const from = origin ? `sent with Origin: ${origin}` : 'sent without an Origin (curl, a server)';
            ensure(header(res, 'access-control-allow-origin') !== '*' && header(res, 'access-control-allow-credentials') === undefined, {
              expected: `${label} ${from}: never Access-Control-Allow-Origin: *, never Access-Control-Allow-Credentials (Conduit's token travels in a header, not a cookie)`,
              got: shown(res),
              lesson: L.cors,
            });
            ensure(listOf(header(res, 'vary')).includes('origin'), {
              expected: `${label} ${from}: Vary: Origin (the answer depends on the Origin, so a cache must keep one per origin)`,
              got: shown(res),
              hint: 'the cors package adds Vary: Origin when origin is a list or a function; by hand, res.vary("Origin") on every answer; either way mounted for the whole app (app.use(cors)), not under /api',
              lesson: L.cors,
            });
          }
        }
      });
    },
  );

  requirement(
    'a preflight from an allowed origin answers 2xx before any authentication, allowing GET, POST, PUT and DELETE with Authorization and Content-Type, cached for 600 seconds',
    { lesson: L.cors, covers: ['cors-preflight'], timeout: 40_000, concurrent: true },
    async () => {
      await withServer({ CORS_ORIGINS: ORIGINS }, async (server) => {
        const cases: [string, string][] = [
          ['/api/user', 'PUT'],
          ['/api/articles', 'POST'],
          ['/api/articles/some-article', 'DELETE'],
          ['/api/articles/some-article/comments/1', 'DELETE'],
          ['/api/profiles/someone/follow', 'POST'],
          ['/api/articles/feed', 'GET'],
        ];
        for (const [path, method] of cases) {
          const res = await preflight(server.url, FRONTEND, path, method);
          const methods = listOf(header(res, 'access-control-allow-methods'));
          const allowed = listOf(header(res, 'access-control-allow-headers'));
          const problems = [
            ...(res.status >= 200 && res.status < 300 ? [] : [`status ${res.status} (a preflight carries no token: it must be answered before authentication)`]),
            ...(header(res, 'access-control-allow-origin') === FRONTEND ? [] : ['no Access-Control-Allow-Origin for it']),
            ...['get', 'post', 'put', 'delete'].filter((m) => !methods.includes(m)).map((m) => `${m.toUpperCase()} not in Access-Control-Allow-Methods`),
            ...['authorization', 'content-type'].filter((h) => !allowed.includes(h)).map((h) => `${h} not in Access-Control-Allow-Headers`),
            ...(header(res, 'access-control-max-age') === '600' ? [] : [`Access-Control-Max-Age is ${header(res, 'access-control-max-age') ?? 'missing'}`]),
          ];
          ensure(problems.length === 0, {
            expected: `a preflight for ${method} ${path} from ${FRONTEND} (Access-Control-Request-Headers: authorization, content-type): 2xx, Access-Control-Allow-Origin: ${FRONTEND}, methods GET, POST, PUT, DELETE, headers Authorization and Content-Type, Access-Control-Max-Age: 600`,
            got: `${problems.join('; ')} — ${shown(res)}`,
            hint: "cors({ origin, allowedHeaders: ['Authorization', 'Content-Type'], methods: ['GET', 'POST', 'PUT', 'DELETE'], maxAge: 600 }) as the first middleware",
            lesson: L.cors,
          });
        }
      });
    },
  );

  requirement(
    'with CORS_ORIGINS unset, the development server allows http://localhost:4100 and http://127.0.0.1:4100, and a server in production, in test or with NODE_ENV unset allows no origin',
    { lesson: L.cors, covers: ['cors-defaults'], timeout: 90_000, concurrent: true },
    async () => {
      await withServer({ CORS_ORIGINS: undefined, NODE_ENV: 'development' }, async (server) => {
        for (const origin of ['http://localhost:4100', 'http://127.0.0.1:4100']) {
          const res = await send(server.url, 'GET', '/api/tags', { headers: { Origin: origin } });
          ensure(header(res, 'access-control-allow-origin') === origin, {
            expected: `with NODE_ENV=development and CORS_ORIGINS unset, GET /api/tags from ${origin} (where npm run frontend serves the client) answers Access-Control-Allow-Origin: ${origin}`,
            got: shown(res),
            hint: "in loadConfig: CORS_ORIGINS unset in development defaults to 'http://localhost:4100,http://127.0.0.1:4100'",
            lesson: L.cors,
          });
        }
        const stranger = await send(server.url, 'GET', '/api/tags', { headers: { Origin: 'http://localhost:3001' } });
        ensure(corsHeaders(stranger).length === 0, { expected: 'with CORS_ORIGINS unset in development, an origin other than the two defaults (http://localhost:3001) gets no Access-Control-* header', got: shown(stranger), lesson: L.cors });
      });
      // NODE_ENV unset runs as production (step 04): tried on a copy without the .env, which may set it.
      const { copy, cleanUp } = scratchCopy(dir, { name: '07-frontend-no-node-env' });
      try {
        for (const env of ['production', 'test', undefined]) {
          const named = env === undefined ? 'NODE_ENV unset (and no .env)' : `NODE_ENV=${env}`;
          await withServer(
            { CORS_ORIGINS: undefined, NODE_ENV: env },
            async (server) => {
              for (const origin of ['http://localhost:4100', 'http://127.0.0.1:4100', 'https://conduit.example.test']) {
                const res = await send(server.url, 'GET', '/api/tags', { headers: { Origin: origin } });
                ensure(corsHeaders(res).length === 0, {
                  expected: `with ${named} and CORS_ORIGINS unset, GET /api/tags from ${origin} answers without any Access-Control-* header: outside development no origin is allowed until one is configured (fail closed)`,
                  got: shown(res),
                  hint: 'the development default applies when NODE_ENV is development, and nowhere else: in production, in test and with NODE_ENV unset (which runs as production) an unset CORS_ORIGINS is an empty list',
                  lesson: L.cors,
                });
              }
            },
            env === undefined ? copy : dir,
          );
        }
      } finally {
        cleanUp();
      }
    },
  );

  requirement(
    'an invalid CORS_ORIGINS stops the server at start-up naming CORS_ORIGINS: *, an origin without a scheme, one with a path, a query, a fragment, a user name or a port that is not a number, an empty entry',
    { lesson: L.cors, covers: ['cors-config-refuses'], timeout: 90_000, concurrent: true },
    async () => {
      const db = await serverDatabase(dir);
      try {
        for (const value of ['*', 'localhost:4100', 'http://localhost:4100/', 'http://localhost:4100/app', 'http://localhost:4100?next=1', `${FRONTEND},,${OTHER}`, 'ftp://files.example.test', `${OTHER}#top`, 'http://ada@localhost:4100', 'http://localhost:port']) {
          await expectStartupRefusal(dir, {
            env: { ...db.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', JWT_SECRET: SECRET, CORS_ORIGINS: value, PORT: String(await freePort()) },
            situation: `CORS_ORIGINS=${value}`,
            mentions: /CORS_ORIGINS/,
            variable: 'CORS_ORIGINS',
            lesson: L.cors,
            hints: {
              running: 'in loadConfig, split CORS_ORIGINS on commas and check each entry is exactly an origin: new URL(entry).origin === entry, with the protocol http: or https:',
              stack: 'add the problem to the ConfigError like the other variables: server.ts prints its message and exits 1',
            },
          });
        }
      } finally {
        await db.drop();
      }
    },
  );
});
