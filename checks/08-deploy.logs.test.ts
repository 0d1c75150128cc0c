/**
 * Step 08 · Deployment and operations: structured logs, read from the server process's output as
 * a log collector reads them: one JSON object per line, the request id on every line a request
 * logs, levels as labels and filtered by LOG_LEVEL, and never a secret.
 *
 * The lines of one request are the lines that carry its id, and the lines printed while it was
 * the only request in flight (sent one at a time, each one's closing line awaited): a line logged
 * then without the id is a line of that request that lost it.
 */
import { describe } from 'vitest';
import { whenIdle } from '../runner/lib/processes.js';
import { api, budget, describeResponse, ensure, fail, header, requirement, timeout, type Response } from './support/index.js';
import { seconds } from './support/budget.js';
import { exitOrIdle, jsonOf, JWT_SECRET, L, METRICS_TOKEN, person, short, tokenOf, uniqueTag, withApp, type AppProcess, type OutputLine } from './08-deploy.shared.js';
import { mysqlServerUrl, testDialect } from './support/db.js';

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);

/** Node's own warnings on stderr are not the app's log lines. */
const isNodeWarning = (text: string) => /^\(node:\d+\)|^\(Use `node --trace-/.test(text);

/** Waits until a line containing `text` has been printed (the pipe can lag behind the answer). */
function lineWith(app: AppProcess, text: string): Promise<boolean> {
  return until(app, () => app.lines().some((l) => l.text.includes(text)));
}

/**
 * Polls until `done()` holds; whether it did. Not a clock's verdict: it gives up only once the
 * server has exited or sat idle (no CPU used for a moment: everything it printed is in the pipe,
 * and read by the next turn of this loop), so a line that is not there by then is not coming. A
 * server still at work when the hard limit comes is a timeout (retried), never a missing line.
 */
async function until(app: AppProcess, done: () => boolean): Promise<boolean> {
  const started = Date.now();
  let idle = false;
  let exited = false;
  const watch = whenIdle(app.proc.child, budget(750));
  void watch.idle.then(() => (idle = true));
  void app.proc.exited.then(() => (exited = true));
  try {
    for (;;) {
      if (done()) return true;
      // One more turn of the loop after the server went quiet, for what the pipe still held.
      if (exited || idle) {
        await new Promise((r) => setTimeout(r, 25));
        return done();
      }
      if (Date.now() - started > budget(30_000)) {
        timeout({ expected: 'the server to print the log lines of the request it answered', got: `it was still busy ${seconds(Date.now() - started)} later, and the line had not come${app.tail(4)}` });
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    watch.cancel();
  }
}

/** The values under `keys` anywhere in a parsed line, a few levels deep. */
function valuesOf(value: unknown, keys: RegExp, depth = 0): unknown[] {
  if (value === null || typeof value !== 'object' || depth > 3) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => [...(keys.test(k) ? [v] : []), ...valuesOf(v, keys, depth + 1)]);
}

/** SIGTERM, and the exit (or an idle process, stopped later by the check): all its lines are out then. */
async function endOf(app: AppProcess): Promise<void> {
  app.proc.child.kill('SIGTERM');
  await exitOrIdle(app, { what: 'the server to stop after SIGTERM' }).catch(() => undefined);
}

const shownLine = (l: OutputLine) => `${l.stream === 'stderr' ? '[stderr] ' : ''}${short(l.text, 220)}`;

/** With LOG_LEVEL=warn, requests of every kind and a shutdown: no line at info or debug. */
async function quietAtWarn(): Promise<void> {
  await withApp({ env: { LOG_LEVEL: 'warn' }, lesson: L.logs }, async (app) => {
    const http = api(app.url);
    const who = person('quiet');
    await http.post('/api/users', { json: { user: who } });
    await http.post('/api/users/login', { json: { user: { email: who.email, password: 'not-it' } } });
    await http.get('/health/ready');
    await http.get(`/no-such-route-${uniqueTag()}`);
    await endOf(app);
    const chatty = app.lines().filter((l) => {
      const v = jsonOf(l.text);
      return v !== undefined && (['info', 'debug', 'trace', 30, 20, 10] as unknown[]).includes(v.level);
    });
    ensure(chatty.length === 0, {
      expected: 'with LOG_LEVEL=warn, no line at level info or debug',
      got: chatty.length ? `${chatty.length} such line(s), e.g. ${shownLine(chatty[0])}` : '',
      hint: 'pino({ level: config.logLevel }), and every logger made from it (pino-http, child loggers) inherits the level',
      lesson: L.logs,
    });
  });
}

describe('structured logs', () => {
  requirement(
    'every line the server prints is one JSON object with a time, a msg and the level as a label ("info", "warn", …), from start-up to shutdown, and LOG_LEVEL=warn leaves out every info and debug line',
    { lesson: L.logs, covers: ['log-json', '01-server#config-log-level'], timeout: 90_000, concurrent: true },
    async () => {
      await withApp({ env: { LOG_LEVEL: 'debug' }, lesson: L.logs }, async (app) => {
        const http = api(app.url);
        const who = person('lines');
        await http.get('/health/live');
        await http.post('/api/users', { json: { user: who } });
        await http.post('/api/users/login', { json: { user: { email: who.email, password: 'not-the-password' } } });
        await http.get(`/no-such-route-${uniqueTag()}`);
        await http.post('/api/articles', { raw: '{"article":' });
        await endOf(app);
        const lines = app.lines().filter((l) => l.text.trim() !== '' && !isNodeWarning(l.text));
        ensure(lines.length > 0, { expected: 'the server to print its log lines on stdout', got: 'it printed nothing', lesson: L.logs });
        const notJson = lines.find((l) => jsonOf(l.text) === undefined);
        ensure(notJson === undefined, {
          expected: 'every line printed to be one JSON object (a log collector parses each line; anything else is noise or lost)',
          got: notJson ? `this line is not: ${shownLine(notJson)}` : '',
          hint: 'log through pino only: no console.log, no pretty printing in production',
          lesson: L.logs,
        });
        for (const l of lines) {
          const v = jsonOf(l.text)!;
          ensure(typeof v.level === 'string' && LEVELS.has(v.level), {
            expected: 'each line\'s "level" as a label: "debug", "info", "warn", "error" (a number like 30 means nothing to whoever reads the logs)',
            got: shownLine(l),
            hint: "pino({ formatters: { level: (label) => ({ level: label }) } })",
            lesson: L.logs,
          });
          ensure(typeof v.msg === 'string' && v.time !== undefined, {
            expected: 'each line with its message under "msg" and a "time"',
            got: shownLine(l),
            lesson: L.logs,
          });
        }
      });
      await quietAtWarn();
    },
  );

  requirement(
    'every line a request logs carries its reqId (the X-Request-Id sent, or a generated one answered in the X-Request-Id header), and each request ends with one line holding its method, url, status and responseTime',
    { lesson: L.logs, covers: ['log-reqid', 'log-request-line'], timeout: 60_000, concurrent: true },
    async () => {
      await withApp({ env: { LOG_LEVEL: 'info' }, lesson: L.logs }, async (app) => {
        const http = api(app.url);
        const tag = uniqueTag();
        const who = person('reqid');
        const registered = await http.post('/api/users', { json: { user: who } });
        ensure(registered.status === 201, { expected: 'POST /api/users: 201', got: describeResponse(registered), lesson: L.logs });
        const known = new Set<string>();
        const cases: { label: string; method: string; send: (headers: Record<string, string>) => Promise<Response>; id?: string; path: string }[] = [
          { label: 'a login with a wrong password', method: 'POST', path: '/api/users/login', id: `deploy-check-${tag}-a`, send: (headers) => http.post('/api/users/login', { headers, json: { user: { email: who.email, password: `${who.password}-wrong` } } }) },
          { label: 'GET of an article that does not exist', method: 'GET', path: `/api/articles/no-such-${tag}`, id: `deploy-check-${tag}-b`, send: (headers) => http.get(`/api/articles/no-such-${tag}`, { headers }) },
          { label: 'a login with a wrong password, without X-Request-Id', method: 'POST', path: '/api/users/login', send: (headers) => http.post('/api/users/login', { headers, json: { user: { email: who.email, password: `${who.password}-guess` } } }) },
        ];
        // Let the registration's lines come out first.
        await lineWith(app, header(registered, 'X-Request-Id') ?? '\u0000');
        for (const c of cases) {
          const from = app.lines().length;
          const res = await c.send(c.id ? { 'X-Request-Id': c.id } : {});
          const id = header(res, 'X-Request-Id');
          ensure(id !== undefined && id !== '' && (c.id === undefined || id === c.id), {
            expected: c.id ? `${c.label} sent with X-Request-Id: ${c.id} answers with that X-Request-Id` : `${c.label}: an X-Request-Id header in the answer, with the id generated for it`,
            got: id ? `X-Request-Id: ${id}` : 'no X-Request-Id header',
            lesson: L.logs,
          });
          known.add(id);
          // Its closing line (the id and the status) is the last of its lines: wait for that one.
          const closing = (l: OutputLine) => l.text.includes(id) && valuesOf(jsonOf(l.text), /^(?:statusCode|status|status_code)$/).map(Number).includes(res.status);
          const printed = (await lineWith(app, id)) && (await until(app, () => app.lines().slice(from).some(closing)));
          ensure(printed || app.lines().slice(from).some((l) => l.text.includes(id)), {
            expected: `a log line for ${c.label} with its id ${id}`,
            got: `no line printed holds it; the last lines:${app.tail(6)}`,
            hint: 'pino-http with genReqId (the id of step 01), and customAttributeKeys: { reqId: "reqId" } or a child logger with { reqId }',
            lesson: L.logs,
          });
          const window = app.lines().slice(from);
          const lastOwn = window.map((l) => l.text.includes(id)).lastIndexOf(true);
          const own = window.slice(0, lastOwn + 1).filter((l) => {
            const v = jsonOf(l.text);
            // A line that carries another request's id belongs to that one.
            return v !== undefined && !(typeof v.reqId === 'string' && v.reqId !== id && known.has(v.reqId));
          });
          const without = own.find((l) => jsonOf(l.text)!.reqId !== id);
          ensure(without === undefined, {
            expected: `every line logged while handling ${c.label} to carry "reqId": "${id}" at the top level`,
            got: without ? `this one does not: ${shownLine(without)}` : '',
            hint: 'log through req.log (the request\'s child logger), not the root logger, inside handlers and the error handler',
            lesson: L.logs,
          });
          const ends = own.filter((l) => {
            const v = jsonOf(l.text)!;
            const statuses = valuesOf(v, /^(?:statusCode|status|status_code)$/).map(Number);
            return statuses.includes(res.status) && valuesOf(v, /^(?:responseTime|response_time|durationMs|duration)$/).some((t) => typeof t === 'number');
          });
          ensure(ends.length === 1, {
            expected: `exactly one line at the end of ${c.label} with its method, url, status (${res.status}) and responseTime`,
            got: ends.length === 0 ? `none among its lines:\n          | ${own.map(shownLine).join('\n          | ') || '(none)'}` : `${ends.length} of them:\n          | ${ends.map(shownLine).join('\n          | ')}`,
            lesson: L.logs,
          });
          const end = jsonOf(ends[0].text)!;
          const method = c.method;
          const methods = valuesOf(end, /^method$/).map(String);
          const urls = valuesOf(end, /^(?:url|path|originalUrl)$/).map(String);
          ensure(methods.includes(method) && urls.some((u) => u.startsWith(c.path)), {
            expected: `the closing line of ${c.label} to say its method (${method}) and url (${c.path})`,
            got: shownLine(ends[0]),
            lesson: L.logs,
          });
        }
      });
    },
  );

  requirement(
    'no log line holds a secret: not a password sent, not a token or an Authorization header, not a password hash, not JWT_SECRET, METRICS_TOKEN or the database password',
    { lesson: L.logs, covers: ['log-no-secrets', 'log-request-line'], timeout: 60_000, concurrent: true },
    async () => {
      await withApp({ env: { LOG_LEVEL: 'debug', METRICS_TOKEN }, lesson: L.logs }, async (app) => {
        const http = api(app.url);
        const who = person('secret');
        const newPassword = `${who.password}-changed`;
        const secrets: { what: string; value: string }[] = [
          { what: 'the password sent at registration', value: who.password },
          { what: 'a wrong password sent to log in', value: `${who.password}-typo` },
          { what: 'the new password sent to PUT /api/user', value: newPassword },
          { what: 'JWT_SECRET', value: JWT_SECRET },
          { what: 'METRICS_TOKEN', value: METRICS_TOKEN },
        ];
        const dbPassword = testDialect() === 'mysql' ? decodeURIComponent(new URL(mysqlServerUrl()).password) : '';
        if (dbPassword.length >= 4) secrets.push({ what: "the database's password", value: dbPassword });
        const created = await http.post('/api/users', { json: { user: who } });
        const token = tokenOf(created);
        ensure(typeof token === 'string', { expected: 'POST /api/users: 201 with a token', got: describeResponse(created), lesson: L.logs });
        secrets.push({ what: 'the token answered at registration', value: token });
        await http.post('/api/users/login', { json: { user: { email: who.email, password: `${who.password}-typo` } } });
        await http.post('/api/users/login', { json: { user: { email: 'not-an-email', password: who.password } } });
        const auth = { Authorization: `Token ${token}` };
        await http.get('/api/user', { headers: auth });
        // Every query parameter that holds a secret, not only the one of the lesson's example.
        await http.get(`/api/articles?token=${encodeURIComponent(token)}`);
        await http.get(`/api/articles?limit=1&access_token=${encodeURIComponent(token)}`);
        const inUrl = `pw-in-a-url-${uniqueTag()}-Secret`;
        secrets.push({ what: 'a password sent as ?password= in a URL', value: inUrl });
        await http.get(`/api/articles?password=${encodeURIComponent(inUrl)}&offset=0`);
        await http.put('/api/user', { headers: auth, json: { user: { password: newPassword } } });
        const again = await http.post('/api/users/login', { json: { user: { email: who.email, password: newPassword } } });
        const second = tokenOf(again);
        if (second) secrets.push({ what: 'the token answered at login', value: second });
        await http.get('/metrics', { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
        await http.get('/api/user', { headers: { Authorization: `Token ${token}x` } });
        await endOf(app);
        const lines = app.lines();
        for (const s of secrets) {
          const line = lines.find((l) => l.text.includes(s.value));
          if (line) {
            fail({
              expected: 'no secret in the logs: whoever reads them (a log service, a colleague, an attacker with read access) must not get passwords, tokens or keys',
              got: `${s.what} is in this line: ${short(`${line.stream === 'stderr' ? '[stderr] ' : ''}${line.text.replaceAll(s.value, '«here»')}`, 300)}`,
              hint: "pino's redact option for req.headers.authorization and every *.password / *.password_hash, never the request body, and the url without its query values",
              lesson: L.logs,
            });
          }
        }
        const hash = lines.find((l) => /\$2[aby]\$\d\d\$[./A-Za-z0-9]{20,}/.test(l.text));
        ensure(hash === undefined, {
          expected: 'no password hash in the logs (a bcrypt hash can be attacked offline)',
          got: `this line holds one: ${short(hash?.text.replace(/\$2[aby]\$\d\d\$[./A-Za-z0-9]{20,}/g, '«hash»') ?? '', 300)}`,
          hint: 'never log a user row or model: log its id',
          lesson: L.logs,
        });
      });
    },
  );
});
