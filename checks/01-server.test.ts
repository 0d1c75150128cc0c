/**
 * Step 01 · An Express server. Every check talks HTTP to the learner's app (or spawns their
 * server.ts where the process itself matters) and never looks inside src/ beyond the step contract.
 *
 * Each rule is tried on every kind of answer it applies to: a success (GET /health), a 404 (any
 * method, any path), a 400 (a malformed body), the parser's other 4xx (413, 415) and a 500 (a
 * clock that throws). These checks also run against every later step's project, so they use only
 * paths no later step answers.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import fc from 'fast-check';
import { describe } from 'vitest';
import {
  api,
  asLearnerPaths,
  containsStackTrace,
  describeResponse,
  ensure,
  expectErrorEnvelope,
  expectStartupRefusal,
  expectJson,
  expectStatus,
  fail,
  hasDatabase,
  fileDatabase,
  importFromTarget,
  lessonLink,
  header,
  loadApp,
  manualClock,
  recording,
  requirement,
  scratchCopy,
  sequenceRequirement,
  startObserved,
  targetDir,
  stepAtLeast,
  budget,
  TimeoutFailure,
  RESPONSE_TIMEOUT_MS,
  type LoadedApp,
  type LogEntry,
  type RecordingHttp,
  type Response,
  type SendOptions,
} from './support/index.js';
import { freePort } from '../runner/lib/processes.js';
import { shortPath } from '../runner/lib/paths.js';

const dir = targetDir('01-server');
const lesson = lessonLink('01-server');
const L = {
  contract: lesson('the-step-contract'),
  health: lesson('health-endpoint'),
  ids: lesson('request-ids'),
  logging: lesson('request-logging'),
  notFound: lesson('json-404'),
  malformed: lesson('malformed-json'),
  handler: lesson('one-error-handler'),
  poweredBy: lesson('no-x-powered-by'),
  config: lesson('config-validation'),
};

const FROZEN = '2030-01-02T03:04:05.678Z';
/** Paths no step of the workshop answers, under /api and outside it. */
const UNKNOWN_ROUTE = '/api/definitely-not-a-route';
const UNKNOWN_PATHS = [UNKNOWN_ROUTE, '/definitely-not-a-route', '/api', '/api/definitely/not/a/route', '/health/definitely-not'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];

const requestLabel = (res: Response): string => {
  const req = (res as { req?: { method?: string; path?: string } }).req;
  return req?.method && req.path ? `${req.method} ${req.path}` : 'the request';
};

/** Seconds, for messages: "4 s", "1.5 s". */
const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;

const shorten = (text: string, max = 160): string => (text.length > max ? `${text.slice(0, max)}…` : text);

/** The visible text of an HTML page, on one line. */
const htmlText = (html: string): string =>
  html
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<(head|title)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** Express's own fallback pages are HTML: say so, the learner may not know where they come from. */
function ensureNotExpressDefault(res: Response, what: string, lessonUrl: string, label = requestLabel(res)): void {
  ensure(!/text\/html/i.test(String(res.headers['content-type'] ?? '')), {
    expected: `${label} answered with JSON, in the Conduit error envelope`,
    got: `Express's built-in HTML page: ${res.status} ${JSON.stringify(shorten(htmlText(res.text ?? ''), 120))}`,
    hint: what,
    lesson: lessonUrl,
  });
}

/** What the app logged, one entry per line, for a failure message. */
const showLogs = (logs: LogEntry[]): string =>
  logs.length === 0 ? 'nothing was logged' : `the log had:${logs.map((e) => `\n          [${e.level}] ${shorten(e.text, 220)}`).join('')}`;

/**
 * A request is logged when its response finishes; give the app's 'finish' listeners a few turns
 * of the event loop to run before concluding nothing was logged.
 */
async function settledLogs(logs: LogEntry[], found: (logs: LogEntry[]) => boolean): Promise<void> {
  const deadline = Date.now() + budget(250);
  for (let i = 0; (i < 20 || Date.now() < deadline) && !found(logs); i++) await new Promise((r) => setTimeout(r, 5));
}

// ── Failures the checks provoke ──────────────────────────────────────────────────────────────

const secret = `db password is hunter2-${randomUUID().slice(0, 8)}`;
/** A bug: the clock throws an Error whose message must never reach the client. */
const explodingClock = () => {
  throw new Error(`cannot reach the time server: ${secret}`);
};
/** A bug that is not even an Error: some libraries throw strings. */
const stringThrowingClock = () => {
  // eslint-disable-next-line @typescript-eslint/only-throw-error
  throw `time server said no: ${secret}`;
};

/**
 * A bug from a library whose errors carry an HTTP status of their own (an HTTP client's 404 from
 * a service it called): not an HttpError, not the parser's, so a 500 like any other bug.
 */
const statusThrowingClock = () => {
  throw Object.assign(new Error(`the time service answered 404: ${secret}`), { status: 404, statusCode: 404 });
};

/** Malformed bodies, each sent with one of the JSON content types, on a method and path. */
const MALFORMED: { method: Method; path: string; raw: string; contentType: string }[] = [
  { method: 'POST', path: '/api/articles', raw: '{"oops":', contentType: 'application/json' },
  { method: 'PUT', path: UNKNOWN_ROUTE, raw: "{'single': 'quotes'}", contentType: 'application/json; charset=utf-8' },
  { method: 'PATCH', path: '/health', raw: '{"trailing": "comma",}', contentType: 'application/json' },
  { method: 'DELETE', path: '/definitely-not-a-route', raw: 'not json at all', contentType: 'application/json; charset=utf-8' },
  { method: 'POST', path: '/health', raw: '[1, 2', contentType: 'application/json' },
];

/**
 * A 2 MB body of valid JSON: over express.json()'s default limit (100 kB). Valid, so that a learner
 * who raised the limit past it gets the 404 of an unknown route, and a 400 can only be the size
 * refusal answered with the wrong status.
 */
const TOO_LARGE = JSON.stringify({ article: { body: 'x'.repeat(2 * 1024 * 1024) } });

/** A valid JSON body of about 64 kB: it arrives in several chunks, so other requests overlap it. */
const LARGE_BODY = { article: { title: 'Large', body: 'lorem ipsum '.repeat(5400) } };

/**
 * Two requests that overlap, for sure: a POST whose body is held back after its headers (the app
 * has started on it: its id is made, its logger waits for "finish"), then a whole GET /health,
 * answered meanwhile, then the rest of the POST's body. State shared between requests (an id in
 * a module variable) shows as the wrong id on one of the lines.
 */
async function overlappingRequests(app: LoadedApp['app']): Promise<SentRequest[]> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  try {
    const body = JSON.stringify({ article: { title: 'Held back' } });
    const arrived = new Promise<void>((resolve) => server.once('request', () => resolve()));
    const answered = new Promise<Response>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: UNKNOWN_ROUTE, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text } as unknown as Response));
      });
      req.on('error', reject);
      req.write(body.slice(0, 5));
      arrived
        .then(async () => {
          const other = await api(`http://127.0.0.1:${port}`).get('/health');
          held.push({ method: 'GET', path: '/health', res: other });
          req.end(body.slice(5));
        })
        .catch((err: unknown) => {
          req.destroy();
          reject(err);
        });
    });
    const held: SentRequest[] = [];
    let timer: NodeJS.Timeout | undefined;
    const wait = budget(RESPONSE_TIMEOUT_MS * 2);
    const res = await Promise.race([
      answered,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new TimeoutFailure(`POST ${UNKNOWN_ROUTE}, sent in two parts, to answer`, `no answer within ${wait} ms`)), wait))),
    ]).finally(() => clearTimeout(timer));
    return [...held, { method: 'POST', path: UNKNOWN_ROUTE, res }];
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

const send = (app: LoadedApp['app'], method: Method, path: string, options?: SendOptions): Promise<Response> =>
  api(app)[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path, options);

/** One answer of each kind the rules apply to: 200, 404 (two methods), 400, 415, 413, and 500 from a second app. */
async function oneOfEachKind(headers: () => Record<string, string> = () => ({})): Promise<{ label: string; res: Response }[]> {
  const { app } = await loadApp(dir);
  const { app: failing } = await loadApp(dir, { clock: explodingClock });
  const out: { label: string; res: Response }[] = [];
  const add = async (label: string, res: Promise<Response>) => out.push({ label, res: await res });
  await add('GET /health', api(app).get('/health', { headers: headers() }));
  await add(`GET ${UNKNOWN_ROUTE} (an unknown route)`, api(app).get(UNKNOWN_ROUTE, { headers: headers() }));
  await add('DELETE /definitely-not-a-route (an unknown route)', api(app).delete('/definitely-not-a-route', { headers: headers() }));
  await add('POST /api/articles with a malformed JSON body', api(app).post('/api/articles', { raw: '{"oops":', headers: headers() }));
  await add(`POST ${UNKNOWN_ROUTE} with an unsupported charset`, api(app).post(UNKNOWN_ROUTE, { raw: '{"a": 1}', contentType: 'application/json; charset=latin1', headers: headers() }));
  await add('GET /health with a clock that throws', api(failing).get('/health', { headers: headers() }));
  return out;
}

// ── Reading log entries ──────────────────────────────────────────────────────────────────────

/** Values of the fields named like `keys` anywhere in what the app logged (a few levels deep). */
function fieldValues(entry: LogEntry, keys: RegExp): unknown[] {
  const found: unknown[] = [];
  const walk = (value: unknown, depth: number) => {
    if (depth > 4 || value === null || typeof value !== 'object' || value instanceof Error) return;
    for (const [k, v] of Object.entries(value)) {
      if (keys.test(k) && (typeof v === 'number' || typeof v === 'string')) found.push(v);
      walk(v, depth + 1);
    }
  };
  entry.args.forEach((a) => walk(a, 0));
  return found;
}

const STATUS_KEY = /^(?:status|statusCode|status_code|httpStatus|responseStatus)$/i;
const DURATION_KEY = /duration|elapsed|latency|took|response_?time|^ms$|Ms$|_ms$|^time_?ms$/i;

/** The status an entry states in a field, if it has one. */
const statedStatus = (entry: LogEntry): number | undefined => {
  const values = fieldValues(entry, STATUS_KEY).map(Number).filter((n) => Number.isInteger(n) && n >= 100 && n <= 599);
  return values[0];
};

/** True when an entry says how long the request took: a duration field, or "12.3 ms" in its text. */
const hasDuration = (entry: LogEntry): boolean =>
  fieldValues(entry, DURATION_KEY).some((v) => (typeof v === 'number' ? Number.isFinite(v) && v >= 0 : /^\s*\d+(?:\.\d+)?\s*(?:ms)?\s*$/i.test(String(v)))) ||
  /\b\d+(?:\.\d+)?\s?ms\b/i.test(entry.text);

interface SentRequest {
  method: string;
  path: string;
  res: Response;
}

/** What an entry lacks to be the request line of `sent` (empty: it is one). */
function missingFromLine(entry: LogEntry, sent: SentRequest): string[] {
  const id = header(sent.res, 'X-Request-Id');
  const stated = statedStatus(entry);
  return [
    new RegExp(`\\b${sent.method}\\b`).test(entry.text) ? undefined : `the method (${sent.method})`,
    entry.text.includes(sent.path) ? undefined : `the path (${sent.path})`,
    stated === sent.res.status || (stated === undefined && new RegExp(`\\b${sent.res.status}\\b`).test(entry.text)) ? undefined : `the status (${sent.res.status})`,
    id === undefined ? 'the request id (the response has no X-Request-Id header to match it with)' : entry.text.includes(id) ? undefined : `the request id (${id})`,
    hasDuration(entry) ? undefined : 'how long it took (a duration in milliseconds, such as "durationMs": 5.8)',
  ].filter((m): m is string => m !== undefined);
}

/**
 * Holds the log to "exactly one line per request": for `sent`, one entry with its method, path,
 * status, request id and duration; no entry of it that states another status (a line written
 * when the request arrived says 200). For a 500, the error entry may be the request line too.
 */
function expectOneRequestLine(logs: LogEntry[], sent: SentRequest, { errorText }: { errorText?: string } = {}): void {
  const id = header(sent.res, 'X-Request-Id');
  const label = `${sent.method} ${sent.path} (answered ${sent.res.status})`;
  ensure(id !== undefined && id !== '', {
    expected: `the answer to ${label} to carry an X-Request-Id header, so its log line can be found`,
    got: 'no X-Request-Id header',
    lesson: L.ids,
  });
  const own = logs.filter((e) => e.text.includes(id));
  ensure(own.length > 0, {
    expected: `a log line for ${label} with its request id ${id}, through the logger passed to createApp(deps)`,
    got: showLogs(logs.slice(-6)),
    hint: 'log from a middleware registered before the routes, when the response finishes: res.on("finish", ...), with fields: logger.info("request", { requestId, method, path, status, durationMs })',
    lesson: L.logging,
  });
  const wrongStatus = own.find((e) => statedStatus(e) !== undefined && statedStatus(e) !== sent.res.status && !(errorText && e.text.includes(errorText)));
  const another = wrongStatus && (!wrongStatus.text.includes(sent.path) || !new RegExp(`\\b${sent.method}\\b`).test(wrongStatus.text));
  ensure(!another, {
    expected: `only the log line of ${label} to carry its request id ${id}`,
    got: `the line of another request carries it: [${wrongStatus?.level}] ${shorten(wrongStatus?.text ?? '', 220)}`,
    hint: 'keep the id on the request (req.id) and read it from there when the response finishes: a variable shared by all requests is overwritten when requests overlap',
    lesson: L.logging,
  });
  ensure(!wrongStatus, {
    expected: `every log line of ${label} to say status ${sent.res.status}`,
    got: `a line says status ${wrongStatus ? statedStatus(wrongStatus) : ''}: [${wrongStatus?.level}] ${shorten(wrongStatus?.text ?? '', 220)}`,
    hint: 'log when the response has been sent (res.on("finish", ...)): before that, res.statusCode is still its default, 200',
    lesson: L.logging,
  });
  const complete = own.filter((e) => missingFromLine(e, sent).length === 0);
  const requestLines = errorText ? complete.filter((e) => !e.text.includes(errorText)) : complete;
  if (complete.length === 0) {
    const best = own.map((e) => ({ e, missing: missingFromLine(e, sent) })).sort((a, b) => a.missing.length - b.missing.length)[0];
    fail({
      expected: `the log line of ${label} to include ${best.missing.join(', ')}`,
      got: showLogs(own),
      hint: 'log when the response finishes, with fields: logger.info("request", { requestId: req.id, method: req.method, path: req.originalUrl, status: res.statusCode, durationMs })',
      lesson: L.logging,
    });
  }
  ensure(requestLines.length <= 1, {
    expected: `exactly one request line for ${label}`,
    got: `${requestLines.length} lines; ${showLogs(requestLines)}`,
    hint: 'one line per request, written once, when the response has been sent ("finish"); listening to "close" as well logs most requests twice',
    lesson: L.logging,
  });
  if (sent.res.status < 400) {
    ensure(own.length === 1, {
      expected: `exactly one log line for ${label}`,
      got: `${own.length} lines; ${showLogs(own)}`,
      hint: 'one line per request, when the response has been sent: not one when it arrives and another when it leaves',
      lesson: L.logging,
    });
  }
}

/** Runs `work` with console.* replaced by spies, and fails if the app wrote to the console. */
async function withoutConsole<T>(work: () => Promise<T>): Promise<T> {
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const saved = methods.map((m) => console[m]);
  const written: string[] = [];
  methods.forEach((m) => {
    console[m] = (...args: unknown[]) => {
      written.push(`console.${m}(${args.map((a) => shorten(typeof a === 'string' ? a : a instanceof Error ? `${a.name}: ${a.message}` : (JSON.stringify(a) as string | undefined) ?? String(a), 80)).join(', ')})`);
    };
  });
  let result: T;
  try {
    result = await work();
  } finally {
    methods.forEach((m, i) => (console[m] = saved[i]));
  }
  ensure(written.length === 0, {
    expected: 'the app to log only through the logger passed to createApp(deps), never to the console',
    got: `while answering, the app wrote ${written.slice(0, 3).join('; ')}${written.length > 3 ? ` (and ${written.length - 3} more)` : ''}`,
    hint: 'replace console.log/console.error with logger.info/logger.error: the checks record the logger, and production decides where its lines go',
    lesson: L.logging,
  });
  return result;
}

// ── The step contract ────────────────────────────────────────────────────────────────────────

/**
 * Variables an app may see read while it is built without reading them itself: Express reads
 * NODE_ENV in express(), the checks' own harness reads WORKSHOP_*, and a few libraries read
 * debugging switches.
 */
const NOT_CONFIG = /^(?:NODE_ENV|WORKSHOP_\w*|DEBUG|DEBUG_\w+|NODE_DEBUG|NO_COLOR|FORCE_COLOR|TZ)$/;

/**
 * Builds the app while watching what createApp does: whether it starts an HTTP server listening,
 * and which configuration variables it reads from process.env (Express itself reads NODE_ENV).
 */
async function buildWatched(overrides: Parameters<typeof loadApp>[1] = {}): Promise<LoadedApp & { listened: unknown[]; envReads: string[] }> {
  // Warm up first (import, and the file's database from step 03), so the watch covers createApp.
  await importFromTarget(dir, 'src/app.ts').catch(() => undefined);
  if (hasDatabase(dir)) await fileDatabase(dir).catch(() => undefined);
  const listened: unknown[] = [];
  const envReads = new Set<string>();
  const realListen = net.Server.prototype.listen;
  const realEnv = process.env;
  net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]) {
    if (this instanceof http.Server) listened.push(args[0]);
    return (realListen as (...a: unknown[]) => net.Server).apply(this, args);
  } as typeof realListen;
  process.env = new Proxy(realEnv, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^[A-Z][A-Z0-9_]*$/.test(key) && !NOT_CONFIG.test(key)) envReads.add(key);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  try {
    const loaded = await loadApp(dir, overrides);
    return { ...loaded, listened, envReads: [...envReads] };
  } finally {
    net.Server.prototype.listen = realListen;
    process.env = realEnv;
  }
}

describe('GET /health', () => {
  requirement(
    'GET /health answers 200 with JSON {"status": "ok"}, from an app that createApp only builds',
    { lesson: L.health, covers: ['health-200', 'create-app', 'clock-optional'] },
    async () => {
      const { app, listened, envReads } = await buildWatched();
      ensure(listened.length === 0, {
        expected: 'createApp(deps) to build the app and return it, without listening: only src/server.ts listens',
        got: `createApp called listen(${listened.map((p) => JSON.stringify(p)).join(', ')})`,
        hint: 'move app.listen(...) to src/server.ts; createApp ends with return app',
        lesson: L.contract,
      });
      ensure(envReads.length === 0, {
        expected: 'createApp(deps) to take its settings from deps.config, never from process.env',
        got: `createApp read process.env.${envReads.join(', process.env.')}`,
        hint: 'only src/server.ts reads the environment (loadConfig(process.env)) and passes the config to createApp({ config, logger })',
        lesson: L.contract,
      });
      const res = await api(app).get('/health');
      expectStatus(res, 200, L.health);
      expectJson(res, L.health);
      const body = res.body as { status?: unknown } | undefined;
      ensure(body !== null && typeof body === 'object' && !Array.isArray(body) && body.status === 'ok', {
        expected: 'GET /health answers {"status": "ok", "time": ...}',
        got: describeResponse(res),
        lesson: L.health,
      });
      // clock is optional in deps: without it, the app reads the system time.
      const { app: clockless } = await loadApp(dir, { clock: undefined });
      const before = Date.now();
      const plain = await api(clockless).get('/health');
      const after = Date.now();
      const time = Date.parse(String((plain.body as { time?: unknown } | undefined)?.time));
      ensure(plain.status === 200 && Number.isFinite(time) && time >= before - 1000 && time <= after + 1000, {
        expected: `with no clock in deps (it is optional), GET /health answers 200 with the system time (between ${new Date(before).toISOString()} and ${new Date(after).toISOString()})`,
        got: describeResponse(plain),
        hint: 'default the clock where createApp receives it: createApp({ config, logger, clock = () => new Date() })',
        lesson: L.contract,
      });
    },
  );

  requirement('GET /health reports the time from the injected clock, as an ISO string', { lesson: L.health, covers: ['health-clock'] }, async () => {
    const time = manualClock(FROZEN);
    const { app } = await loadApp(dir, { clock: time.clock });
    for (const step of [0, 61_001, 86_400_000]) {
      time.tick(step);
      const res = await api(app).get('/health');
      expectStatus(res, 200, L.health);
      expectJson(res, L.health);
      const got = (res.body as { time?: unknown })?.time;
      ensure(got === time.iso(), {
        expected: `"time": "${time.iso()}" (the checks pass createApp a clock they move by hand${step ? ', and moved it' : ''})`,
        got: got === undefined ? `no "time" in ${describeResponse(res)}` : `"time": ${JSON.stringify(got)}`,
        hint: step
          ? 'read the clock on every request, inside the handler: clock().toISOString(), not a time read once when the app was built'
          : 'read the time from the clock in deps (clock().toISOString()), not from new Date()',
        lesson: L.health,
      });
    }
  });
});

describe('request ids', () => {
  requirement('every response carries an X-Request-Id header, a different one per request', { lesson: L.ids, covers: ['id-every-response'] }, async () => {
    const answers = [...(await oneOfEachKind()), ...(await oneOfEachKind())];
    const seen = new Map<string, string>();
    for (const [i, { label, res }] of answers.entries()) {
      const id = header(res, 'X-Request-Id');
      const which = `request ${i + 1}, ${label}`;
      ensure(id && id.trim().length > 0, {
        expected: `${which} answers with an X-Request-Id header`,
        got: `no X-Request-Id header: ${describeResponse(res)}`,
        hint: 'set it in a middleware registered first, before express.json() and the routes, so every answer has it: errors, 404s and 400s included',
        lesson: L.ids,
      });
      const earlier = seen.get(id);
      ensure(earlier === undefined, {
        expected: 'a different X-Request-Id for each request',
        got: `${earlier} and ${which} both got "${id}"`,
        hint: 'make a new id per request (crypto.randomUUID()) inside the middleware, not once when the app is built',
        lesson: L.ids,
      });
      seen.set(id, which);
    }
  });

  requirement('a safe X-Request-Id sent by the caller is echoed back, on every kind of answer', { lesson: L.ids, covers: ['id-echo-safe'] }, async () => {
    const allowed = 'abcXYZ-019_.:';
    const safe = [randomUUID(), 'my-trace-123', 'a', 'Trace_ID.v1:abc-DEF-09', allowed.repeat(10).slice(0, 128), '0', ':::', '-_.'];
    let i = 0;
    const answers = await oneOfEachKind(() => ({ 'X-Request-Id': safe[i++ % safe.length] }));
    const { app } = await loadApp(dir);
    for (const id of safe.slice(answers.length % safe.length)) answers.push({ label: `GET /health`, res: await api(app).get('/health', { headers: { 'X-Request-Id': id } }) });
    answers.forEach(({ label, res }, n) => {
      const sent = safe[n % safe.length];
      const got = header(res, 'X-Request-Id');
      ensure(got === sent, {
        expected: `${label} sent with X-Request-Id: ${shorten(sent, 60)} (${sent.length} characters, all safe) answers with that same id, so the caller's logs and ours line up`,
        got: got === undefined ? `no X-Request-Id header: ${describeResponse(res)}` : `X-Request-Id: ${shorten(got, 60)}`,
        hint: 'accept the caller\'s id when it is 1 to 128 characters of letters, digits, "-", "_", "." and ":" (/^[\\w.:-]{1,128}$/)',
        lesson: L.ids,
      });
    });
  });

  requirement('an unsafe X-Request-Id (empty, spaces, markup, over 128 characters) is replaced with a fresh one', { lesson: L.ids, covers: ['id-replace-unsafe'] }, async () => {
    const allowed = 'abcXYZ-019_.:';
    // 'caf\u00e9-id': a letter, but not an ASCII one (a pattern with \p{L} takes it); sent as one latin1 byte.
    const unsafe = ['evil id" <script>alert(1)</script>', 'hello world', allowed.repeat(10).slice(0, 129), 'x'.repeat(500), 'a/b', 'id;drop', '', 'tab\tbed', 'percent%41', 'caf\u00e9-id'];
    const { app } = await loadApp(dir);
    const { app: failing } = await loadApp(dir, { clock: explodingClock });
    const fresh = new Map<string, string>();
    const tries: { label: string; sent: string; res: () => Promise<Response> }[] = [];
    for (const sent of unsafe) {
      tries.push({ label: 'GET /health', sent, res: () => api(app).get('/health', { headers: { 'X-Request-Id': sent } }) });
    }
    // The same unsafe id twice, and on the other kinds of answer: a fresh id each time.
    tries.push({ label: 'GET /health', sent: 'hello world', res: () => api(app).get('/health', { headers: { 'X-Request-Id': 'hello world' } }) });
    tries.push({ label: `GET ${UNKNOWN_ROUTE}`, sent: 'hello world', res: () => api(app).get(UNKNOWN_ROUTE, { headers: { 'X-Request-Id': 'hello world' } }) });
    tries.push({ label: 'POST /api/articles with a malformed body', sent: 'x'.repeat(500), res: () => api(app).post('/api/articles', { raw: '{"oops":', headers: { 'X-Request-Id': 'x'.repeat(500) } }) });
    tries.push({ label: 'GET /health with a clock that throws', sent: '<b>hi</b>', res: () => api(failing).get('/health', { headers: { 'X-Request-Id': '<b>hi</b>' } }) });
    for (const t of tries) {
      const res = await t.res();
      const got = header(res, 'X-Request-Id');
      const shown = JSON.stringify(shorten(t.sent, 40));
      ensure(got !== undefined && got.trim() !== '', {
        expected: `${t.label} sent with X-Request-Id: ${shown} answers with a fresh X-Request-Id of its own`,
        got: got === undefined ? 'no X-Request-Id header' : 'an empty X-Request-Id header',
        hint: 'an empty or unsafe incoming id is replaced: incoming && SAFE_ID.test(incoming) ? incoming : randomUUID()',
        lesson: L.ids,
      });
      ensure(got !== t.sent && got.length <= 200 && /^[\x21-\x7e]+$/.test(got) && !/[<>"'\\]/.test(got), {
        expected: `${t.label} sent with the unsafe X-Request-Id ${shown} (${t.sent.length} characters) answers with a fresh id of our own instead`,
        got: `X-Request-Id: ${JSON.stringify(shorten(got, 60))}`,
        hint: 'accept an incoming id only if it matches a strict pattern with a length limit, anchored at both ends: /^[\\w.:-]{1,128}$/; otherwise make a new one',
        lesson: L.ids,
      });
      const earlier = fresh.get(got);
      ensure(earlier === undefined, {
        expected: 'a new fresh id for each request whose id was replaced',
        got: `${earlier} and ${t.label} (sent ${shown}) both got X-Request-Id: ${got}`,
        hint: 'make the replacement with randomUUID() on every request, not a fixed value',
        lesson: L.ids,
      });
      fresh.set(got, `${t.label} (sent ${shown})`);
    }
  });
});

describe('request logging', () => {
  requirement(
    'each request is logged once, when it is answered, with its method, path, status, request id and duration',
    { lesson: L.logging, covers: ['log-one-line', 'log-fields', 'log-after-response', 'log-no-console'] },
    async () => {
      const { app, logs } = await loadApp(dir);
      const { app: failing, logs: failingLogs } = await loadApp(dir, { clock: explodingClock });
      const cases: { method: Method; path: string; options?: SendOptions; app: LoadedApp['app']; logs: LogEntry[]; errorText?: string }[] = [
        { method: 'GET', path: '/health', app, logs },
        { method: 'GET', path: UNKNOWN_ROUTE, app, logs },
        // A 404 here; from step 02 on, answered inside a router mounted at /api, where req.path and
        // req.url are "/articles" when the response finishes: the line must say the path as sent.
        { method: 'GET', path: '/api/articles', app, logs },
        { method: 'PUT', path: '/definitely-not-a-route', options: { json: { a: 1 } }, app, logs },
        { method: 'POST', path: '/api/articles', options: { raw: '{"oops":' }, app, logs },
        { method: 'POST', path: UNKNOWN_ROUTE, options: { raw: '{"a": 1}', contentType: 'application/json; charset=latin1' }, app, logs },
        { method: 'GET', path: '/health', app: failing, logs: failingLogs, errorText: secret },
      ];
      await withoutConsole(async () => {
        for (const c of cases) {
          const res = await send(c.app, c.method, c.path, c.options);
          const id = header(res, 'X-Request-Id');
          await settledLogs(c.logs, (l) => id !== undefined && l.some((e) => e.text.includes(id) && statedStatus(e) === res.status));
          expectOneRequestLine(c.logs, { method: c.method, path: c.path, res }, { errorText: c.errorText });
        }
        // Requests that overlap: each line still carries its own request's id and status.
        const overlapping = await overlappingRequests(app);
        await settledLogs(logs, (l) => overlapping.every((o) => l.some((e) => e.text.includes(header(o.res, 'X-Request-Id') ?? '\u0000') && statedStatus(e) === o.res.status)));
        for (const sent of overlapping) expectOneRequestLine(logs, sent);
      });
    },
  );

  sequenceRequirement(
    'any sequence of requests gets one log line each, with its own request id and status',
    { lesson: L.logging, covers: ['log-one-line', 'id-every-response', 'id-echo-safe', 'id-replace-unsafe'] },
    {
      runs: 12,
      maxOps: 10,
      op: fc.oneof(
        fc.record({ kind: fc.constant('health' as const), id: fc.constantFrom('none', 'safe', 'unsafe'), fails: fc.boolean() }),
        fc.record({ kind: fc.constant('unknown' as const), method: fc.constantFrom(...METHODS), path: fc.constantFrom(...UNKNOWN_PATHS), id: fc.constantFrom('none', 'safe', 'unsafe') }),
        fc.record({ kind: fc.constant('malformed' as const), which: fc.nat(MALFORMED.length - 1), id: fc.constantFrom('none', 'safe', 'unsafe') }),
        fc.record({ kind: fc.constant('burst' as const), size: fc.integer({ min: 2, max: 6 }) }),
      ),
      model: () => ({ ids: new Set<string>(), serial: 0 }),
      start: async () => {
        let failNext = false;
        const loaded = await loadApp(dir, {
          clock: () => {
            if (failNext) explodingClock();
            return new Date(FROZEN);
          },
        });
        return { http: recording(loaded.app), app: loaded.app, logs: loaded.logs, setFailing: (on: boolean) => (failNext = on) };
      },
      apply: async (op, model, sut: { http: RecordingHttp; app: LoadedApp['app']; logs: LogEntry[]; setFailing(on: boolean): void }) => {
        const idFor = (kind: 'none' | 'safe' | 'unsafe'): string | undefined =>
          kind === 'none' ? undefined : kind === 'safe' ? `seq-${++model.serial}.${randomUUID().slice(0, 8)}` : `not safe ${++model.serial}`;
        const one = async (method: Method, path: string, idKind: 'none' | 'safe' | 'unsafe', options: SendOptions = {}, errorText?: string) => {
          const sentId = idFor(idKind);
          const headers: Record<string, string> = sentId === undefined ? {} : { 'X-Request-Id': sentId };
          let res: Response;
          if (method === 'PATCH') {
            // The recording client has no PATCH of its own: record it here.
            res = await api(sut.app).patch(path, { ...options, headers });
            sut.http.transcript.push({ method, path, status: res.status, answer: describeResponse(res) });
          } else {
            res = await sut.http[method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](path, { ...options, headers });
          }
          const got = header(res, 'X-Request-Id');
          ensure(got !== undefined && got !== '', { expected: `${method} ${path} answers with an X-Request-Id header`, got: describeResponse(res), lesson: L.ids });
          if (idKind === 'safe') ensure(got === sentId, { expected: `${method} ${path} sent with X-Request-Id: ${sentId} answers with that id`, got: `X-Request-Id: ${got}`, lesson: L.ids });
          else {
            ensure(!model.ids.has(got) && got !== sentId, { expected: `${method} ${path} gets a fresh X-Request-Id, not one an earlier answer had`, got: `X-Request-Id: ${got}`, lesson: L.ids });
          }
          model.ids.add(got);
          return { method, path, res, errorText };
        };
        const check = async (sent: { method: string; path: string; res: Response; errorText?: string }[]) => {
          await settledLogs(sut.logs, (l) => sent.every((s) => l.some((e) => e.text.includes(header(s.res, 'X-Request-Id') ?? '\u0000') && statedStatus(e) === s.res.status)));
          for (const s of sent) expectOneRequestLine(sut.logs, s, { errorText: s.errorText });
        };
        switch (op.kind) {
          case 'health': {
            sut.setFailing(op.fails);
            try {
              const sent = await one('GET', '/health', op.id, {}, op.fails ? secret : undefined);
              ensure(sent.res.status === (op.fails ? 500 : 200), { expected: `GET /health answers ${op.fails ? '500 (the clock throws)' : '200'}`, got: describeResponse(sent.res), lesson: op.fails ? L.handler : L.health });
              await check([sent]);
            } finally {
              sut.setFailing(false);
            }
            return;
          }
          case 'unknown': {
            const sent = await one(op.method, op.path, op.id, op.method === 'GET' || op.method === 'DELETE' ? {} : { json: { article: { title: 'x' } } });
            ensure(sent.res.status === 404, { expected: `${op.method} ${op.path} answers 404`, got: describeResponse(sent.res), lesson: L.notFound });
            await check([sent]);
            return;
          }
          case 'malformed': {
            const m = MALFORMED[op.which];
            const sent = await one(m.method, m.path, op.id, { raw: m.raw, contentType: m.contentType });
            ensure(sent.res.status === 400, { expected: `${m.method} ${m.path} with the body ${JSON.stringify(m.raw)} answers 400`, got: describeResponse(sent.res), lesson: L.malformed });
            await check([sent]);
            return;
          }
          case 'burst': {
            const sent = await Promise.all(
              Array.from({ length: op.size }, (_, i) => (i % 2 ? one('POST', UNKNOWN_ROUTE, i % 3 === 0 ? 'safe' : 'none', { json: LARGE_BODY }) : one('GET', '/health', i % 3 === 0 ? 'safe' : 'none'))),
            );
            await check(sent);
            return;
          }
        }
      },
    },
  );
});

describe('errors', () => {
  requirement('an unknown route answers 404 with the JSON error envelope, whatever the method and path', { lesson: L.notFound, covers: ['not-found-json', 'known-errors'] }, async () => {
    const { app } = await loadApp(dir);
    const tries: [Method, string][] = [
      ...METHODS.map((m): [Method, string] => [m, UNKNOWN_ROUTE]),
      ...UNKNOWN_PATHS.slice(1).map((p, i): [Method, string] => [METHODS[i % METHODS.length], p]),
      ['GET', UNKNOWN_PATHS[1]],
      // The root: a catch-all on '/*splat' (Express 5's splat needs a character) misses it.
      ['GET', '/'],
      ['PATCH', '/'],
      // A path that exists, with a method it does not answer.
      ['POST', '/health'],
      ['DELETE', '/health'],
    ];
    for (const [method, path] of tries) {
      const res = await send(app, method, path, method === 'GET' || method === 'DELETE' ? {} : { json: { article: { title: 'x' } } });
      // A page of your own at GET / (a welcome, a link to the docs) is yours to add; only an
      // unanswered "/" must be the JSON 404.
      if (method === 'GET' && path === '/' && res.status < 400) continue;
      expectStatus(res, 404, L.notFound, `every request no route answers gets 404, whatever its method (${method}) and path (${path}): register the 404 middleware with app.use(...), no path, after every route (app.all('/*splat', ...) misses "/" itself)`);
      ensureNotExpressDefault(res, 'nothing answered, so Express sent its fallback page; register a middleware after all the routes that passes a 404 error to next()', L.notFound);
      expectErrorEnvelope(res, L.notFound);
    }
  });

  requirement('a malformed JSON body answers 400 with the JSON error envelope, not 500', { lesson: L.malformed, covers: ['malformed-400'] }, async () => {
    const { app } = await loadApp(dir);
    for (const m of MALFORMED) {
      const res = await send(app, m.method, m.path, { raw: m.raw, contentType: m.contentType });
      const label = `${m.method} ${m.path} with Content-Type: ${m.contentType} and the body ${JSON.stringify(m.raw)}`;
      ensure(res.status === 400, {
        expected: `${label} answers 400`,
        got: describeResponse(res),
        hint: "a body that is not JSON is the client's mistake: map express.json()'s parse error (err.type \"entity.parse.failed\") to 400, whatever the route",
        lesson: L.malformed,
      });
      ensureNotExpressDefault(res, 'express.json() passed its parse error to next(err) and no error handler of yours answered it', L.malformed, label);
      expectErrorEnvelope(res, L.malformed);
      ensure(!containsStackTrace(res.text ?? ''), { expected: `the 400 answer to ${label} without a stack trace`, got: describeResponse(res), lesson: L.malformed });
    }
  });

  requirement("the body parser's other refusals keep their 4xx status (413 too large, 415 unsupported charset or encoding, 400 a body that does not decompress), in the envelope", { lesson: L.malformed, covers: ['parser-4xx', 'known-errors'] }, async () => {
    const { app } = await loadApp(dir);
    const tries = [
      { label: `POST ${UNKNOWN_ROUTE} with Content-Type: application/json; charset=latin1`, status: [415], res: () => api(app).post(UNKNOWN_ROUTE, { raw: '{"a": 1}', contentType: 'application/json; charset=latin1' }) },
      { label: 'PUT /api/articles/x with Content-Type: application/json; charset=koi8-r', status: [415], res: () => api(app).put('/api/articles/x', { raw: '{"a": 1}', contentType: 'application/json; charset=koi8-r' }) },
      // zlib's error, marked 400 by the parser but with no err.type: a handler that only knows the types answers 500.
      { label: 'POST /api/articles with Content-Encoding: gzip and a body that is not gzip', status: [400], res: () => api(app).post('/api/articles', { raw: 'this is not gzip', headers: { 'Content-Encoding': 'gzip' } }) },
      // An encoding the parser does not know (it knows gzip, deflate and br): 415 with the type encoding.unsupported.
      { label: `POST ${UNKNOWN_ROUTE} with Content-Encoding: compress`, status: [415], res: () => api(app).post(UNKNOWN_ROUTE, { raw: '{"a": 1}', headers: { 'Content-Encoding': 'compress' } }) },
      // Over the default limit (valid JSON, to a path no route answers); a learner who raised the limit past 2 MB gets the 404 instead.
      { label: `POST ${UNKNOWN_ROUTE} with a 2 MB JSON body`, status: [413, 404], res: () => api(app).post(UNKNOWN_ROUTE, { raw: TOO_LARGE }) },
    ];
    for (const t of tries) {
      const res = await t.res();
      ensure(t.status.includes(res.status), {
        expected: `${t.label} answers ${t.status[0]}${t.status.length > 1 ? ` (or ${t.status[1]}, the unknown route's, if your size limit is over 2 MB)` : ''}: the status express.json() gave the error`,
        got: describeResponse(res),
        hint: 'the parser\'s errors carry err.status (400, 413, 415, …), most with an err.type ("entity.too.large", "charset.unsupported", "encoding.unsupported"); a body that does not decompress has the status and no type: answer with that same 4xx (not 400 for all, not 500)',
        lesson: L.malformed,
      });
      ensureNotExpressDefault(res, "the parser's error reached Express's default handler", L.malformed, t.label);
      expectErrorEnvelope(res, L.malformed);
      ensure(!containsStackTrace(res.text ?? ''), { expected: `the answer to ${t.label} without a stack trace`, got: describeResponse(res), lesson: L.malformed });
    }
  });

  requirement('an unexpected error answers 500 with a generic message and no stack trace', { lesson: L.handler, covers: ['error-500', 'error-no-leak'] }, async () => {
    for (const [clock, what] of [
      [explodingClock, 'a clock that throws an Error'],
      [stringThrowingClock, 'a clock that throws a string'],
      [statusThrowingClock, "a clock that throws an Error with its own status 404 (not an HttpError, not the parser's)"],
    ] as const) {
      const { app } = await loadApp(dir, { clock });
      const res = await api(app).get('/health');
      expectStatus(res, 500, L.handler, `the checks pass ${what}: GET /health should fail, and the error handler answer 500`);
      ensureNotExpressDefault(res, "the error reached Express's default handler, which prints the stack: add your own error handler, with four parameters (err, req, res, next), registered last", L.handler);
      expectErrorEnvelope(res, L.handler);
      const text = res.text ?? '';
      ensure(!text.includes(secret) && !text.includes('hunter2'), {
        expected: `a generic message for ${what}: the error's own message stays in the logs`,
        got: `the answer repeats the error's message: ${describeResponse(res)}`,
        hint: 'never send err.message or err.stack of an unexpected error; they can hold passwords, SQL or file paths',
        lesson: L.handler,
      });
      ensure(!containsStackTrace(text), { expected: 'no stack trace in the answer', got: describeResponse(res), lesson: L.handler });
      const id = header(res, 'X-Request-Id');
      ensure(id !== undefined && id !== '' && text.includes(id), {
        expected: `the 500 answer to give the request id${id ? ` (${id})` : ''}, so whoever got it can report it and we can find the log line`,
        got: id ? describeResponse(res) : `no X-Request-Id header on ${describeResponse(res)}`,
        hint: "res.status(500).json({ errors: { server: ['something went wrong; the request id is ' + req.id] } })",
        lesson: L.handler,
      });
    }
  });

  requirement('an unexpected error is logged in full at error level, with the request id', { lesson: L.handler, covers: ['error-logged'] }, async () => {
    for (const [clock, what, isError] of [
      [explodingClock, 'an Error', true],
      [stringThrowingClock, 'a string', false],
    ] as const) {
      const { app, logs } = await loadApp(dir, { clock });
      const res = await withoutConsole(() => api(app).get('/health'));
      const id = header(res, 'X-Request-Id');
      const isErrorLine = (e: LogEntry) => e.level === 'error' && (!isError || e.text.includes(secret));
      await settledLogs(logs, (l) => l.some(isErrorLine));
      const errors = logs.filter(isErrorLine);
      ensure(errors.length > 0, {
        expected: isError ? 'the error, with its message, logged through logger.error(...)' : 'the thrown value logged through logger.error(...)',
        got: showLogs(logs),
        hint: 'in the error handler, before the generic 500: logger.error("unhandled error", { requestId: req.id, error: { name, message, stack } })',
        lesson: L.handler,
      });
      ensure(id !== undefined && errors.some((e) => e.text.includes(id)), {
        expected: id === undefined ? 'an X-Request-Id header on the 500 answer, and the same id in the error log' : `the error log entry to include the request id ${id}`,
        got: id === undefined ? `no X-Request-Id header on ${describeResponse(res)}` : showLogs(errors),
        hint: 'the request id is how someone who got a 500 finds the matching log line',
        lesson: L.handler,
      });
      if (isError) {
        ensure(errors.some((e) => e.text.includes(id) && containsStackTrace(e.text)), {
          expected: 'the error logged in full: its name, message and stack (the stack says where it was thrown)',
          got: showLogs(errors),
          hint: 'log err.stack too: error: { name: err.name, message: err.message, stack: err.stack }',
          lesson: L.handler,
        });
      }
    }
  });

  requirement('no response advertises Express in an X-Powered-By header, errors included', { lesson: L.poweredBy, covers: ['no-powered-by'] }, async () => {
    for (const { label, res } of await oneOfEachKind()) {
      const powered = header(res, 'X-Powered-By');
      ensure(powered === undefined, {
        expected: `no X-Powered-By header on ${label}`,
        got: `X-Powered-By: ${powered}`,
        hint: "app.disable('x-powered-by'), right after const app = express(): a header removed in one route stays on every other answer",
        lesson: L.poweredBy,
      });
    }
  });
});

// ── The server process ───────────────────────────────────────────────────────────────────────

/** A JWT secret for the steps whose config asks for one outside development (step 04 on). */
const JWT_SECRET = `check-only-secret-${randomUUID()}`;

describe('the server process', () => {
  requirement('npx tsx src/server.ts starts and answers GET /health on the PORT from .env', { lesson: L.contract, covers: ['server-entry', 'server-answers'], timeout: 20_000, concurrent: true }, async () => {
    const port = await freePort();
    const { copy, cleanUp } = scratchCopy(dir, { env: `PORT=${port}\n`, name: '01-server-env' });
    try {
      // Asked for that port, the server binds another free one: what it asked for is the point, and a
      // port taken in the meantime by something else on the machine cannot fail it.
      const server = await startObserved(copy, { env: { PORT: undefined }, redirect: [String(port)], lesson: L.contract });
      try {
        const output = () => asLearnerPaths(server.output().join('\n          | '), copy, dir);
        if (server.exited !== undefined || server.idleWithoutListening) {
          fail({
            expected: `with PORT=${port} in .env, npx tsx src/server.ts starts and listens on ${port}`,
            got: `${server.exited !== undefined ? `it exited (code ${server.exited})` : `it did not start listening on port ${port} within the ${seconds(server.watchedMs)} it was watched: it started, then sat idle without ever calling listen()`}${server.output().length ? `:\n          | ${output()}` : ''}`,
            hint: `${'cd ' + shortPath(dir)}, put PORT=${port} in .env, and run npx tsx src/server.ts`,
            lesson: L.contract,
          });
        }
        ensure(server.requested === String(port), {
          expected: `with PORT=${port} in .env (and no PORT in the environment), the server listens on ${port}`,
          got: `it asked to listen on ${server.requested === 'none' ? 'no port in particular (a random one)' : `port ${server.requested}`}`,
          hint: "src/server.ts loads .env first (import 'dotenv/config'), then reads PORT through loadConfig(process.env)",
          lesson: L.contract,
        });
        const res = await api(server.url!).get('/health');
        expectStatus(res, 200, L.health);
        expectJson(res, L.health);
      } finally {
        await server.stop();
      }
    } finally {
      cleanUp();
    }
  });

  requirement(
    'with PORT, NODE_ENV and LOG_LEVEL unset, the server listens on 3000 and prints each request as one JSON line',
    { lesson: L.logging, covers: ['server-json-lines', 'config-port', 'config-node-env', 'config-log-level'], timeout: 20_000, concurrent: true },
    async () => {
      const { copy, cleanUp } = scratchCopy(dir, { name: '01-server-defaults' });
      try {
        // Asked for 3000, the server gets a free port instead: the learner's own server may be on 3000.
        // From step 04 a server without NODE_ENV runs as in production, and production needs a
        // JWT_SECRET (04-security, "A strong JWT secret"): the defaults this check is about stay PORT's and LOG_LEVEL's.
        const secret = stepAtLeast('04-security') ? { JWT_SECRET: 'defaults-check-secret-0123456789abcdefghij' } : {};
        const server = await startObserved(copy, { env: { PORT: undefined, NODE_ENV: undefined, LOG_LEVEL: undefined, ...secret }, redirect: ['3000'], lesson: L.config });
        try {
          const output = () => asLearnerPaths(server.output().join('\n          | '), copy, dir);
          if (server.exited !== undefined || server.idleWithoutListening) {
            fail({
              expected: 'with PORT, NODE_ENV and LOG_LEVEL unset (no .env), the server starts with the defaults: port 3000, development, info',
              got: `${server.exited !== undefined ? `it exited (code ${server.exited})` : 'it never called listen()'}${server.output().length ? `:\n          | ${output()}` : ''}`,
              hint: 'give every variable its default in loadConfig: env.PORT ?? 3000, env.NODE_ENV ?? "development", env.LOG_LEVEL ?? "info"',
              lesson: L.config,
            });
          }
          ensure(server.requested === '3000', {
            expected: 'with PORT unset, the server listens on 3000',
            got: `it asked to listen on ${server.requested === 'none' ? 'no port in particular (a random one)' : `port ${server.requested}`}`,
            hint: 'Number(env.PORT ?? 3000)',
            lesson: L.config,
          });
          const res = await api(server.url!).get('/health');
          expectStatus(res, 200, L.health);
          const id = header(res, 'X-Request-Id') ?? '';
          const lineOf = (lines: string[]) =>
            lines.find((l) => {
              if (!id || !l.includes(id)) return false;
              try {
                const v = JSON.parse(l.trim()) as unknown;
                return v !== null && typeof v === 'object' && !Array.isArray(v);
              } catch {
                return false;
              }
            });
          // A second answer comes after the first request's line was written (one process, in order);
          // a short wait covers the output pipe.
          await api(server.url!).get('/health');
          const deadline = Date.now() + budget(1500);
          while (!lineOf(server.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
          if (!lineOf(server.output())) {
            const mentions = server.output().find((l) => id && l.includes(id));
            fail({
              expected: `with LOG_LEVEL unset, the server prints the request line of GET /health (request id ${id}) as one JSON object on one line`,
              got: mentions ? `the line is not one JSON object: ${shorten(mentions, 200)}` : server.output().some((l) => l.trim()) ? `no line with its request id; the output:\n          | ${output()}` : 'it printed nothing at all',
              hint: 'createApp logs the request through deps.logger, and server.ts passes createLogger(config.logLevel), which writes JSON.stringify({ time, level, message, ...fields }) per line; the default level is info',
              lesson: L.logging,
            });
          }
          // Every line, not only the request's: a log collector reads them all, and a plain-text
          // "listening on …" or "database ready" among them is a line it cannot parse. dotenv's own
          // banner (version 17 prints one unless told to be quiet) is the package's, not the server's.
          const notJson = server.stdoutLines().find((l) => {
            if (!l.trim() || /^\[dotenv@[\d.]+\]/.test(l)) return false;
            try {
              const v = JSON.parse(l.trim()) as unknown;
              return v === null || typeof v !== 'object' || Array.isArray(v);
            } catch {
              return true;
            }
          });
          if (notJson !== undefined) {
            fail({
              expected: 'every line the server prints on its output (start-up included) is one JSON object: the request lines, and "listening on …" too',
              got: `a line that is not one JSON object: ${shorten(notJson, 200)}`,
              hint: 'print through the logger (logger.info(message, fields)), never console.log, in server.ts as in the app',
              lesson: L.logging,
            });
          }
        } finally {
          await server.stop();
        }
      } finally {
        cleanUp();
      }
    },
  );

  requirement(
    'PORT must be a whole number from 0 to 65535: other values stop the server with a message naming PORT, not a stack trace',
    { lesson: L.config, covers: ['config-port', 'config-refuses', 'config-node-env', 'config-log-level'], timeout: 40_000, concurrent: true },
    async () => {
      const free = await freePort();
      // Not a number at all (PORT=eighty) is tried with the other variables below. In later steps
      // this is a safety net, not the lesson: one boundary on each side is enough there, and each
      // server process costs a learner a second on every save.
      const later = stepAtLeast('02-api');
      const refusals = (later ? ['65536'] : ['-1', '65536', `${free}.5`]).map((value) =>
        expectStartupRefusal(dir, {
          env: { PORT: value, NODE_ENV: 'development', LOG_LEVEL: 'info' },
          situation: `PORT=${value}`,
          mentions: /\bport\b/i,
          variable: 'PORT',
          lesson: L.config,
          hints: {
            running: `validate PORT in loadConfig (a whole number from 0 to 65535: digits only, /^\\d+$/, then the range; parseInt("${free}.5") is ${free}) and stop (process.exit(1)) before calling listen`,
            stack: 'throw a ConfigError from loadConfig, catch it in server.ts, print its message and process.exit(1)',
          },
        }),
      );
      // The boundaries are valid: 0 (any free port) and 65535, and between them every value the
      // lesson lists for NODE_ENV and LOG_LEVEL is tried once (a list with "warning" refuses warn).
      const accepted = [
        { PORT: '0', NODE_ENV: 'test', LOG_LEVEL: 'debug' },
        { PORT: '65535', NODE_ENV: 'production', LOG_LEVEL: 'silent' },
        { PORT: String(free), NODE_ENV: 'development', LOG_LEVEL: 'warn' },
        { PORT: String(await freePort()), NODE_ENV: 'production', LOG_LEVEL: 'error' },
      ]
        .slice(0, later ? 1 : 4)
        .map(async (env) => {
          const server = await startObserved(dir, { env: { ...env, JWT_SECRET }, redirect: [env.PORT], lesson: L.config });
          try {
            const settings = Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ');
            ensure(server.port !== undefined && server.requested === env.PORT, {
              expected: `with ${settings}, all valid, the server starts and listens on port ${env.PORT}`,
              got:
                server.exited !== undefined
                  ? `it exited (code ${server.exited})${server.output().length ? `:\n          | ${server.output().slice(-6).join('\n          | ')}` : ''}`
                  : server.idleWithoutListening
                    ? 'it never called listen()'
                    : `it asked to listen on ${server.requested}`,
              hint: 'PORT may be any whole number from 0 to 65535, both included (0 asks the system for a free port); NODE_ENV development, test or production; LOG_LEVEL debug, info, warn, error or silent',
              lesson: L.config,
            });
          } finally {
            await server.stop();
          }
        });
      const results = await Promise.allSettled([...refusals, ...accepted]);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  );

  requirement(
    'every invalid variable is reported at once: PORT, NODE_ENV and LOG_LEVEL each named',
    { lesson: L.config, covers: ['config-all-at-once', 'config-node-env', 'config-log-level', 'config-refuses'], timeout: 30_000, concurrent: true },
    async () => {
      await expectStartupRefusal(dir, {
        env: { PORT: 'eighty', NODE_ENV: 'staging', LOG_LEVEL: 'verbose' },
        situation: 'PORT=eighty NODE_ENV=staging LOG_LEVEL=verbose',
        mentions: /^(?=[\s\S]*\bport\b)(?=[\s\S]*node_env)(?=[\s\S]*log_level)/i,
        variable: 'all three: PORT, NODE_ENV and LOG_LEVEL',
        lesson: L.config,
        hints: {
          running: 'validate every variable in loadConfig and throw one ConfigError listing every problem',
          stack: 'throw a ConfigError from loadConfig, catch it in server.ts, print its message and process.exit(1)',
        },
      });
    },
  );
});
