/**
 * Step 01 · An Express server. Every check talks HTTP to the learner's app (or spawns their
 * server.ts where the process itself matters) and never looks inside src/ beyond the step contract.
 */
import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import {
  api,
  containsStackTrace,
  describeResponse,
  ensure,
  expectErrorEnvelope,
  expectStartupRefusal,
  expectJson,
  expectStatus,
  lessonLink,
  loadApp,
  requirement,
  startServer,
  targetDir,
  type LogEntry,
  type Response,
} from './support/index.js';

const dir = targetDir('01-server');
const lesson = lessonLink('01-server');

const FROZEN = '2030-01-02T03:04:05.678Z';
const UNKNOWN_ROUTE = '/api/definitely-not-a-route';

const header = (res: Response, name: string): string | undefined => {
  const value = res.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
};

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
function ensureNotExpressDefault(res: Response, what: string, lessonUrl: string): void {
  ensure(!/text\/html/i.test(String(res.headers['content-type'] ?? '')), {
    expected: `${res.status} answered with JSON, in the Conduit error envelope`,
    got: `Express's built-in HTML page: ${res.status} ${JSON.stringify(shorten(htmlText(res.text ?? ''), 120))}`,
    hint: what,
    lesson: lessonUrl,
  });
}

/** What the app logged, one entry per line, for a failure message. */
const showLogs = (logs: LogEntry[]): string =>
  logs.length === 0 ? 'nothing was logged' : `the log had:${logs.map((e) => `\n          [${e.level}] ${shorten(e.text)}`).join('')}`;

/**
 * A request is logged when its response finishes; give the app's 'finish' listeners a few turns
 * of the event loop to run before concluding nothing was logged.
 */
async function settledLogs(logs: LogEntry[], found: (logs: LogEntry[]) => boolean): Promise<void> {
  for (let i = 0; i < 20 && !found(logs); i++) await new Promise((r) => setTimeout(r, 5));
}

describe('GET /health', () => {
  const health = lesson('health-endpoint');

  requirement('GET /health answers 200 with JSON {"status": "ok"}', { lesson: health }, async () => {
    const { app } = await loadApp(dir);
    const res = await api(app).get('/health');
    expectStatus(res, 200, health);
    expectJson(res, health);
    const body = res.body as { status?: unknown };
    ensure(body?.status === 'ok', {
      expected: 'GET /health answers {"status": "ok", ...}',
      got: describeResponse(res),
      lesson: health,
    });
  });

  requirement('GET /health reports the time from the injected clock, as an ISO string', { lesson: health }, async () => {
    const { app } = await loadApp(dir, { clock: () => new Date(FROZEN) });
    const res = await api(app).get('/health');
    expectStatus(res, 200, health);
    expectJson(res, health);
    const time = (res.body as { time?: unknown })?.time;
    ensure(time === FROZEN, {
      expected: `"time": "${FROZEN}" (the checks pass createApp a clock frozen at that instant)`,
      got: time === undefined ? `no "time" in ${describeResponse(res)}` : `"time": ${JSON.stringify(time)}`,
      hint: 'read the time from the clock in deps (clock().toISOString()), not from new Date()',
      lesson: health,
    });
  });
});

describe('request ids', () => {
  const ids = lesson('request-ids');

  requirement('every response carries an X-Request-Id header, a different one per request', { lesson: ids }, async () => {
    const { app } = await loadApp(dir);
    const paths = ['/health', '/health', UNKNOWN_ROUTE];
    const seen = new Map<string, string>();
    for (const [i, path] of paths.entries()) {
      const res = await api(app).get(path);
      const id = header(res, 'X-Request-Id');
      const label = `request ${i + 1} (GET ${path})`;
      ensure(id && id.trim().length > 0, {
        expected: `${label} answers with an X-Request-Id header`,
        got: `no X-Request-Id header (status ${res.status})`,
        hint: 'a middleware registered before the routes can set it for every response: res.set("X-Request-Id", id)',
        lesson: ids,
      });
      const earlier = seen.get(id);
      ensure(earlier === undefined, {
        expected: 'a different X-Request-Id for each request',
        got: `${earlier} and ${label} both got "${id}"`,
        hint: 'make a new id per request (crypto.randomUUID()) inside the middleware, not once when the app is built',
        lesson: ids,
      });
      seen.set(id, label);
    }
  });

  requirement('a safe X-Request-Id sent by the caller is echoed back', { lesson: ids }, async () => {
    const { app } = await loadApp(dir);
    const sent = randomUUID();
    const res = await api(app).get('/health', { headers: { 'X-Request-Id': sent } });
    const got = header(res, 'X-Request-Id');
    ensure(got === sent, {
      expected: `X-Request-Id: ${sent} (the id the caller sent, so its logs and ours line up)`,
      got: got === undefined ? 'no X-Request-Id header' : `X-Request-Id: ${got}`,
      lesson: ids,
    });
  });

  requirement('an unsafe X-Request-Id (spaces, markup, 500 characters) is replaced with a fresh one', { lesson: ids }, async () => {
    const { app } = await loadApp(dir);
    const unsafe = ['evil id" <script>alert(1)</script>', 'x'.repeat(500)];
    for (const sent of unsafe) {
      const res = await api(app).get('/health', { headers: { 'X-Request-Id': sent } });
      const got = header(res, 'X-Request-Id');
      const shown = JSON.stringify(shorten(sent, 40));
      ensure(got, {
        expected: `an X-Request-Id header when the caller sent ${shown}`,
        got: 'no X-Request-Id header',
        lesson: ids,
      });
      ensure(got !== sent && got.length <= 200 && /^[\x21-\x7e]+$/.test(got) && !/[<>"'\\]/.test(got), {
        expected: `a fresh id of our own instead of the caller's ${shown}`,
        got: `X-Request-Id: ${JSON.stringify(shorten(got, 60))}`,
        hint: 'accept an incoming id only if it matches a strict pattern (e.g. /^[\\w.:-]{1,128}$/); otherwise make a new one',
        lesson: ids,
      });
    }
  });
});

describe('request logging', () => {
  const logging = lesson('request-logging');

  requirement('each request is logged once, with its method, path, status and request id', { lesson: logging }, async () => {
    const { app, logs } = await loadApp(dir);
    // /health answers 200; the unknown route 404: a line written before the response is done
    // would still say 200 for it.
    for (const path of ['/health', UNKNOWN_ROUTE]) {
      const res = await api(app).get(path);
      const mentions = (e: LogEntry) => e.text.includes(path);
      await settledLogs(logs, (l) => l.some(mentions));
      const entries = logs.filter(mentions);
      ensure(entries.length > 0, {
        expected: `a log entry for GET ${path}, through the logger passed to createApp(deps)`,
        got: showLogs(logs),
        hint: 'log from a middleware registered before the routes, when the response finishes: res.on("finish", ...)',
        lesson: logging,
      });
      // Only the request line for /health: an error handler may add its own line for a 404.
      ensure(path !== '/health' || entries.length === 1, {
        expected: `exactly one log entry for GET ${path} (one line per request, written when the response is done)`,
        got: `${entries.length} entries; ${showLogs(entries)}`,
        lesson: logging,
      });
      const id = header(res, 'X-Request-Id');
      const missingFrom = (entry: LogEntry): string[] =>
        [
          /\bGET\b/.test(entry.text) ? undefined : 'the method (GET)',
          new RegExp(`\\b${res.status}\\b`).test(entry.text) ? undefined : `the status (${res.status})`,
          id === undefined
            ? 'the request id (the response has no X-Request-Id header to match it with)'
            : entry.text.includes(id)
              ? undefined
              : `the request id (${id})`,
        ].filter((m): m is string => m !== undefined);
      const best = entries.map(missingFrom).sort((a, b) => a.length - b.length)[0];
      ensure(best.length === 0, {
        expected: `the log entry for GET ${path} to include ${best.join(', ')}`,
        got: showLogs(entries),
        hint: 'log when the response finishes (the status is known then), with fields: logger.info("request", { requestId, method, path, status })',
        lesson: logging,
      });
    }
  });
});

describe('errors', () => {
  const notFound = lesson('json-404');
  const malformed = lesson('malformed-json');
  const handler = lesson('one-error-handler');

  requirement('an unknown route answers 404 with the JSON error envelope, for GET and POST', { lesson: notFound }, async () => {
    const { app } = await loadApp(dir);
    for (const res of [await api(app).get(UNKNOWN_ROUTE), await api(app).post(UNKNOWN_ROUTE, { json: { article: { title: 'x' } } })]) {
      expectStatus(res, 404, notFound);
      ensureNotExpressDefault(res, 'nothing answered, so Express sent its fallback page; register a middleware after all the routes that passes a 404 error to next()', notFound);
      expectErrorEnvelope(res, notFound);
    }
  });

  requirement('a malformed JSON body answers 400 with the JSON error envelope, not 500', { lesson: malformed }, async () => {
    const { app } = await loadApp(dir);
    const res = await api(app).post('/api/articles', { raw: '{"oops":' });
    expectStatus(res, 400, malformed, 'a body that is not JSON is the client\'s mistake: map express.json()\'s parse error (err.type "entity.parse.failed") to 400');
    ensureNotExpressDefault(res, 'express.json() passed its parse error to next(err) and no error handler of yours answered it', malformed);
    expectErrorEnvelope(res, malformed);
    ensure(!containsStackTrace(res.text ?? ''), {
      expected: 'the 400 answer without a stack trace',
      got: describeResponse(res),
      lesson: malformed,
    });
  });

  const secret = `db password is hunter2-${randomUUID().slice(0, 8)}`;
  const explodingClock = () => {
    throw new Error(`cannot reach the time server: ${secret}`);
  };

  requirement('an unexpected error answers 500 with a generic message and no stack trace', { lesson: handler }, async () => {
    const { app } = await loadApp(dir, { clock: explodingClock });
    const res = await api(app).get('/health');
    expectStatus(res, 500, handler, 'the checks pass a clock that throws: GET /health should fail, and the error handler answer 500');
    ensureNotExpressDefault(res, "the error reached Express's default handler, which prints the stack: add your own error handler, with four parameters (err, req, res, next), registered last", handler);
    expectErrorEnvelope(res, handler);
    const text = res.text ?? '';
    ensure(!text.includes(secret), {
      expected: 'a generic message: the error\'s own message stays in the logs',
      got: `the answer repeats the error's message: ${describeResponse(res)}`,
      hint: 'never send err.message or err.stack of an unexpected error; they can hold passwords, SQL or file paths',
      lesson: handler,
    });
    ensure(!containsStackTrace(text), {
      expected: 'no stack trace in the answer',
      got: describeResponse(res),
      lesson: handler,
    });
  });

  requirement('an unexpected error is logged at error level, with its message and the request id', { lesson: handler }, async () => {
    const { app, logs } = await loadApp(dir, { clock: explodingClock });
    const res = await api(app).get('/health');
    const id = header(res, 'X-Request-Id');
    await settledLogs(logs, (l) => l.some((e) => e.level === 'error' && e.text.includes(secret)));
    const errors = logs.filter((e) => e.level === 'error' && e.text.includes(secret));
    ensure(errors.length > 0, {
      expected: 'the error, with its message, logged through logger.error(...)',
      got: showLogs(logs),
      hint: 'in the error handler, before the generic 500: logger.error("unhandled error", { requestId: req.id, error: ... })',
      lesson: handler,
    });
    ensure(id !== undefined && errors.some((e) => e.text.includes(id)), {
      expected: id === undefined ? 'an X-Request-Id header on the 500 answer, and the same id in the error log' : `the error log entry to include the request id ${id}`,
      got: id === undefined ? `no X-Request-Id header on ${describeResponse(res)}` : showLogs(errors),
      hint: 'the request id is how someone who got a 500 finds the matching log line',
      lesson: handler,
    });
  });

  requirement('responses do not advertise Express in an X-Powered-By header', { lesson: lesson('no-x-powered-by') }, async () => {
    const { app } = await loadApp(dir);
    const res = await api(app).get('/health');
    const powered = header(res, 'X-Powered-By');
    ensure(powered === undefined, {
      expected: 'no X-Powered-By header',
      got: `X-Powered-By: ${powered}`,
      hint: "app.disable('x-powered-by')",
      lesson: lesson('no-x-powered-by'),
    });
  });
});

describe('the server process', () => {
  requirement('npx tsx src/server.ts starts and answers GET /health on PORT', { lesson: lesson('the-step-contract'), concurrent: true }, async () => {
    const server = await startServer(dir, { lesson: lesson('the-step-contract') });
    try {
      const res = await api(server.url).get('/health');
      expectStatus(res, 200, lesson('health-endpoint'));
      expectJson(res, lesson('health-endpoint'));
    } finally {
      await server.stop();
    }
  });

  requirement('an invalid PORT stops the server at start-up with a message naming PORT, not a stack trace', { lesson: lesson('config-validation'), concurrent: true }, async () => {
    await expectStartupRefusal(dir, {
      env: { PORT: 'not-a-port', NODE_ENV: 'development' },
      situation: 'PORT=not-a-port',
      mentions: /\bport\b/i,
      variable: 'PORT',
      lesson: lesson('config-validation'),
      hints: {
        running: 'validate PORT in loadConfig and stop (process.exit(1)) before calling listen',
        stack: 'throw a ConfigError from loadConfig, catch it in server.ts, print its message and process.exit(1)',
      },
    });
  });
});
