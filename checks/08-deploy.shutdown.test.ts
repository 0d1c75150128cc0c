/**
 * Step 08 · Deployment and operations: graceful shutdown, seen from outside the process as an
 * orchestrator sees it. Requests are put in flight with their bodies half sent (the server has
 * answered `100 Continue`: it holds the request), then SIGTERM; what happens to them, to new
 * connections, to an idle keep-alive connection and to the process is observed, never timed:
 * "it did not exit" is a process alive and idle (no CPU used), not a clock running out.
 */
import { describe } from 'vitest';
import { whenIdle } from '../runner/lib/processes.js';
import { api, describeResponse, ensure, fail, requirement } from './support/index.js';
import { halfSentHead, idleKeepAlive, slowRequest, tryConnect, type RawOutcome, type SlowRequest } from './support/raw-http.js';
import { budget, seconds, timeout, within } from './support/budget.js';
import { exitOrIdle, jsonOf, L, person, short, uniqueTag, withApp, type AppProcess } from './08-deploy.shared.js';

/**
 * 408: the server's own clock on a request that is slow to arrive (headersTimeout, requestTimeout)
 * ran out before the check sent the rest. On a busy machine the check can be that slow: a timeout
 * (retried with more time), never a verdict on the shutdown.
 */
function notTimedOutByServer(outcomes: { label: string; o: RawOutcome }[]): void {
  const cut = outcomes.find(({ o }) => o.kind === 'answered' && o.res.status === 408);
  if (cut) {
    timeout({
      expected: `the check to send the rest of ${cut.label} before the server's own limit on slow requests ran out`,
      got: 'the server answered 408 Request Timeout first (its headersTimeout or requestTimeout): this machine was too slow for the check',
      lesson: L.shutdown,
    });
  }
}

const showOutcome = (o: RawOutcome): string =>
  o.kind === 'answered' ? `${o.res.status} ${short(o.res.body, 160)}` : `no answer: the connection was ${o.how}${o.partial ? ` after ${JSON.stringify(o.partial)}` : ''}`;

async function register(app: AppProcess, who: ReturnType<typeof person>): Promise<void> {
  const res = await api(app.url).post('/api/users', { json: { user: who } });
  ensure(res.status === 201, { expected: 'POST /api/users registers a user (201), before the shutdown', got: describeResponse(res), lesson: L.shutdown });
}

/**
 * After SIGTERM: polls new connections until one is refused. A server that goes on accepting
 * while it sits idle (it has handled the signal and has nothing else to do) has not closed its
 * listener. Fails as well when the process exits before the requests in flight were answered.
 */
async function expectNewConnectionsRefused(app: AppProcess, inFlight: SlowRequest[]): Promise<void> {
  const deadline = Date.now() + budget(20_000);
  let accepted = 0;
  for (;;) {
    if (app.exitCode() !== undefined) {
      fail({
        expected: `after SIGTERM, the server to finish the ${inFlight.length} requests in flight before it exits`,
        got: `it exited (code ${app.exitCode()}) with their bodies still on the way${app.tail(6)}`,
        hint: 'on SIGTERM: server.close(), and exit from its callback (when the last request has been answered), not process.exit() at once',
        lesson: L.shutdown,
      });
    }
    const outcome = await tryConnect(app.port);
    if (outcome === 'refused') return;
    if (outcome === 'accepted') accepted += 1;
    const gone = inFlight.find((s) => s.conn.closed !== undefined);
    if (gone) {
      notTimedOutByServer([{ label: gone.label, o: await gone.conn.next() }]);
      fail({
        expected: `after SIGTERM, the requests in flight to stay open until they are answered`,
        got: `the connection of ${gone.label} was ${gone.conn.closed} before its body was complete`,
        hint: 'server.close() stops new connections and lets the open ones finish; destroying the sockets is for the deadline only',
        lesson: L.shutdown,
      });
    }
    if (accepted >= 8 && (await idleFor(app))) {
      fail({
        expected: 'after SIGTERM, a new connection to be refused (ECONNREFUSED) while the requests in flight finish: a load balancer must stop sending here',
        got: `${accepted} new connection(s) accepted after SIGTERM, while the server sat idle (it had handled the signal)`,
        hint: 'call server.close() first thing on SIGTERM: it stops listening at once, and its callback runs when the open connections are done',
        lesson: L.shutdown,
      });
    }
    // Still accepting, and never idle: a server busy (or starved of CPU) that has not got to the signal yet.
    if (Date.now() > deadline) {
      timeout({
        expected: 'after SIGTERM, a new connection to be refused (ECONNREFUSED) while the requests in flight finish',
        got: `${accepted} new connection(s) accepted in ${seconds(budget(20_000))} after SIGTERM, with the server busy all along`,
        lesson: L.shutdown,
        operation: 'SIGTERM to stop accepting',
      });
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Polls new connections after a signal until one is refused or the process has exited; when that was seen. */
async function refusedOrExited(app: AppProcess): Promise<number> {
  const deadline = Date.now() + budget(20_000);
  while (app.exitCode() === undefined && (await tryConnect(app.port)) !== 'refused') {
    if (Date.now() > deadline) {
      // A server that sits idle and accepting is told so by exitOrIdle next; one still busy is given more time, not a verdict.
      if (await idleFor(app)) return Date.now();
      timeout({
        expected: 'after SIGTERM, the server to stop accepting new connections (server.close()) while it drains',
        got: `it still accepted them ${seconds(budget(20_000))} later, busy all along`,
        lesson: L.shutdown,
        operation: 'SIGTERM to stop accepting',
      });
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now();
}

/** True when the process used no CPU over a short look (it is waiting, not working). */
async function idleFor(app: AppProcess): Promise<boolean> {
  const idle = whenIdle(app.proc.child, budget(1500));
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([idle.idle.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), budget(2500))))]);
  } finally {
    clearTimeout(timer);
    idle.cancel();
  }
}

/**
 * SIGTERM with a request that never finishes: the process exits non-zero at its drain deadline.
 * "Not before" is read from the clock only in the direction a slow machine cannot fake (the
 * signal's time is taken before it is sent, the exit's once it has been seen); "not held past it"
 * from the process sitting idle after the deadline, never from a clock.
 */
async function expectCutOffAtDeadline({ setting, deadlineMs, lesson, hint, signal = 'SIGTERM' }: { setting: string | undefined; deadlineMs: number; lesson: string; hint: string; signal?: 'SIGTERM' | 'SIGINT' }): Promise<void> {
  const given = setting === undefined ? 'SHUTDOWN_TIMEOUT_MS unset' : `SHUTDOWN_TIMEOUT_MS=${setting}`;
  const deadline = `${deadlineMs / 1000} s`;
  await withApp({ env: { SHUTDOWN_TIMEOUT_MS: setting }, lesson }, async (app) => {
    const stuck = await slowRequest(app.port, { path: '/api/users/login', json: { user: { email: 'stuck@deploy-check.test', password: 'never-finished' } }, label: 'a login whose body never ends' });
    const sent = Date.now();
    app.proc.child.kill(signal);
    // The moment the server has surely taken the signal: it stopped accepting (or it is gone).
    // Its deadline ends at most deadlineMs after that; a server idle later than that waits for something else.
    const handled = await refusedOrExited(app);
    const end = await exitOrIdle(app, {
      notBefore: Math.max(0, deadlineMs - (Date.now() - handled)) + Math.min(budget(500), 2000),
      quietMs: 1000,
      quietCapMs: 3000,
      // A few seconds past the deadline, a server the kernel still runs is held past it, whatever
      // the machine (exiting takes it well under a second even at a tenth of this machine's speed).
      lookAt: handled + deadlineMs + Math.min(Math.max(budget(3000), 3000), 6000),
      what: 'the server to exit at its shutdown deadline',
    });
    const after = Date.now() - sent;
    const heldPast = (got: string) => ({ expected: `with ${given} and a request that never finishes, the process to exit at the deadline (${deadline} after ${signal})`, got, hint, lesson });
    if ('idle' in end) fail(heldPast(`it was still running ${Math.round(after / 100) / 10} s after ${signal}, idle: the unfinished request holds it${app.tail(6)}`));
    if (end.runningAt !== undefined) fail(heldPast(`it was still running ${Math.round((end.runningAt - sent) / 100) / 10} s after ${signal}, and exited only ${Math.round(after / 100) / 10} s after it${app.tail(6)}`));
    if (end.exited === signal) {
      fail({
        expected: `${signal} to start the same graceful shutdown as SIGTERM (drain, then the deadline), not to end the process at once`,
        got: `the process was killed by ${signal} itself ${Math.round(after / 100) / 10} s after it was sent (Node's default when nothing listens for it), with the request in flight cut`,
        hint: "process.on('SIGINT', shutdown) beside process.on('SIGTERM', shutdown)",
        lesson,
      });
    }
    ensure(typeof end.exited === 'number' && end.exited !== 0, {
      expected: 'a non-zero exit code when the deadline cut requests off (the shutdown was not clean)',
      got: `exit code ${end.exited}`,
      lesson: L.shutdown,
    });
    // Below the deadline (less a little for timer rounding) the server surely cut the request early.
    ensure(after >= deadlineMs - 50, {
      expected: `with ${given}, the request in flight to get its ${deadline} before it is cut off`,
      got: `the process exited ${Math.round(after / 100) / 10} s after ${signal}`,
      lesson,
    });
    // The process is gone, so the system closes its sockets: waited for, not timed.
    await within(budget(10_000), { expected: "the unfinished request's connection closed when the process ended", got: 'it is still open' }, stuck.conn.whenClosed);
  });
}

describe('graceful shutdown', () => {
  requirement(
    'on SIGTERM the server refuses new connections, answers readiness with 503 "shutting down" on a connection still open, answers the requests in flight normally with Connection: close (401, 200, 422: never a reset), closes an idle keep-alive connection, logs the start and the end, and exits with code 0 after the last answer',
    { lesson: L.shutdown, covers: ['shutdown-readiness', 'shutdown-drain', 'shutdown-exit-0', 'shutdown-logs'], timeout: 90_000, concurrent: true },
    async () => {
      await withApp({ env: { SHUTDOWN_TIMEOUT_MS: String(Math.min(120_000, Math.max(30_000, budget(30_000)))) }, lesson: L.shutdown }, async (app) => {
        const ada = person('drain');
        await register(app, ada);
        const idle = await idleKeepAlive(app.port);
        ensure(idle.first.kind === 'answered' && idle.first.res.status === 200, { expected: 'GET /health/live on a keep-alive connection: 200', got: showOutcome(idle.first), lesson: L.shutdown });
        const cases = [
          { label: 'a login with a wrong password', json: { user: { email: ada.email, password: `${ada.password}-wrong` } }, status: 401 },
          { label: 'a login with the right password', json: { user: { email: ada.email, password: ada.password } }, status: 200 },
          { label: 'a login without an email', json: { user: { password: ada.password } }, status: 422 },
          { label: 'a login for an unknown email', json: { user: { email: `nobody-${ada.email}`, password: ada.password } }, status: 401 },
          { label: 'another login with a wrong password', json: { user: { email: ada.email, password: `${ada.password}-again` } }, status: 401 },
        ];
        const tag = uniqueTag();
        const ids = cases.map((_, i) => `drain-${tag}-${i}`);
        const inFlight: SlowRequest[] = [];
        try {
          // All at once: the server bounds how long a request may take to arrive (requestTimeout), and a slow machine must not eat into it.
          inFlight.push(...(await Promise.all(cases.map((c, i) => slowRequest(app.port, { path: '/api/users/login', json: c.json, label: c.label, headers: { 'X-Request-Id': ids[i] } })))));
        } catch (err) {
          fail({ expected: 'POST /api/users/login with Expect: 100-continue: the server answers 100 Continue and waits for the body', got: (err as Error).message, lesson: L.shutdown });
        }
        const ready = await halfSentHead(app.port, '/health/ready');
        ensure(ready.first.kind === 'answered' && ready.first.res.status === 200, { expected: 'GET /health/live on a keep-alive connection: 200', got: showOutcome(ready.first), lesson: L.shutdown });
        const mark = app.lines().length;
        app.proc.child.kill('SIGTERM');
        await expectNewConnectionsRefused(app, inFlight);
        // The request whose head was on its way: readiness has turned.
        ready.finish();
        const turned = await ready.conn.next();
        notTimedOutByServer([{ label: 'the readiness request', o: turned }]);
        ensure(turned.kind === 'answered' && turned.res.status === 503 && (turned.res.json as { status?: unknown } | undefined)?.status === 'shutting down', {
          expected: 'after SIGTERM, GET /health/ready on a connection still open: 503 {"status":"shutting down"}, so that the load balancer takes this instance out at once',
          got: showOutcome(turned),
          hint: 'set a flag first thing on SIGTERM (app.locals.shuttingDown), and let /health/ready answer 503 while it is set',
          lesson: L.shutdown,
        });
        for (const s of inFlight) s.finish();
        const outcomes = await Promise.all(inFlight.map((s) => s.conn.next()));
        notTimedOutByServer(outcomes.map((o, i) => ({ label: cases[i].label, o })));
        const wrong = cases.map((c, i) => ({ c, o: outcomes[i] })).filter(({ c, o }) => o.kind !== 'answered' || o.res.status !== c.status);
        ensure(wrong.length === 0, {
          expected: 'every request that was in flight at SIGTERM answered as it would have been without the shutdown',
          got: `${wrong.map(({ c, o }) => `${c.label}: expected ${c.status}, got ${showOutcome(o)}`).join('; ')}${app.tail(8)}`,
          hint: 'server.close() lets the open requests finish; close the database only after its callback, or they fail on a closed pool',
          lesson: L.shutdown,
        });
        const kept = outcomes.map((o, i) => ({ o, c: cases[i] })).filter(({ o }) => o.kind === 'answered' && !/\bclose\b/i.test(o.res.headers.connection ?? ''));
        ensure(kept.length === 0, {
          expected: 'each answer sent during the drain with Connection: close, so that the client opens its next connection elsewhere',
          got: kept.map(({ c, o }) => `${c.label}: Connection: ${o.kind === 'answered' ? (o.res.headers.connection ?? '(none)') : ''}`).join('; '),
          hint: "res.setHeader('Connection', 'close') on the responses not sent yet when the shutdown starts",
          lesson: L.shutdown,
        });
        const token = outcomes[1].kind === 'answered' ? (outcomes[1].res.json as { user?: { token?: unknown } } | undefined)?.user?.token : undefined;
        ensure(typeof token === 'string', { expected: 'the login with the right password, answered during the shutdown, to carry its token', got: outcomes[1].kind === 'answered' ? short(outcomes[1].res.body) : 'no answer', lesson: L.shutdown });
        const end = await exitOrIdle(app, { what: 'the server to exit after the last request in flight was answered' });
        if ('idle' in end) {
          fail({
            expected: 'the process to exit once the last request in flight has been answered',
            got: `it kept running, idle${idle.conn.closed === undefined ? ', with the idle keep-alive connection still open (nothing closed it)' : ''}${app.tail(6)}`,
            hint: 'server.close() waits for every connection: close the idle keep-alive ones (server.closeIdleConnections()), and once the callback runs close the database pool and quit Redis, or the event loop stays alive',
            lesson: L.shutdown,
          });
        }
        ensure(end.exited === 0, {
          expected: 'exit code 0 after a shutdown where every request was answered (an orchestrator reads a non-zero code as a crash)',
          got: `exit code ${end.exited}${app.tail(6)}`,
          lesson: L.shutdown,
        });
        // One line when the shutdown starts (before the drained requests' lines), one when it ends (after them).
        const after = app.lines().slice(mark).filter((l) => l.text.trim() !== '');
        const notJson = after.find((l) => jsonOf(l.text) === undefined);
        ensure(notJson === undefined, { expected: 'the shutdown\'s log lines in JSON, like every other line', got: notJson ? short(notJson.text) : '', lesson: L.shutdown });
        const drained = (l: (typeof after)[number]) => ids.some((id) => l.text.includes(id));
        const own = (l: (typeof after)[number]) => typeof jsonOf(l.text)?.reqId !== 'string';
        const first = after.findIndex(drained);
        const last = after.map(drained).lastIndexOf(true);
        ensure(first >= 0 && after.slice(0, first).some(own) && after.slice(last + 1).some(own), {
          expected: 'a log line when the shutdown starts (before the drained requests are answered) and one when it ends (after the last of them)',
          got: `the lines after SIGTERM:\n          | ${after.map((l) => short(l.text, 160)).join('\n          | ') || '(none)'}`,
          hint: "logger.info('shutdown: SIGTERM received, draining N request(s)') at the start, logger.info('shutdown: complete') just before process.exit(0)",
          lesson: L.shutdown,
        });
      });
    },
  );

  requirement(
    'with SHUTDOWN_TIMEOUT_MS=1000, a request that never finishes does not hold the server: after SIGINT (handled like SIGTERM) it is cut off at the deadline, not before, and the process exits with a non-zero code',
    { lesson: L.shutdown, covers: ['shutdown-deadline'], timeout: 60_000, concurrent: true },
    async () => {
      // SIGINT here (Ctrl-C, and what some platforms send): the same graceful shutdown as SIGTERM, not Node's default exit.
      await expectCutOffAtDeadline({ setting: '1000', deadlineMs: 1000, signal: 'SIGINT', lesson: L.shutdown, hint: 'on SIGTERM and on SIGINT (process.on for both) start a timer of SHUTDOWN_TIMEOUT_MS (unref it); when it fires, destroy the remaining connections (server.closeAllConnections()) and process.exit(1)' });
    },
  );

  requirement(
    'with SHUTDOWN_TIMEOUT_MS unset the deadline is 10 s: a request that never finishes is cut off 10 s after SIGTERM, not before, and the process exits with a non-zero code',
    { lesson: L.config, covers: ['config-shutdown-timeout'], timeout: 90_000, concurrent: true },
    async () => {
      await expectCutOffAtDeadline({ setting: undefined, deadlineMs: 10_000, lesson: L.config, hint: 'loadConfig gives shutdownTimeoutMs 10000 when the variable is unset, and the shutdown starts its deadline timer with it' });
    },
  );

  requirement(
    'the drain waits as long as SHUTDOWN_TIMEOUT_MS allows (30 s: still running 12 s after SIGTERM, with a request in flight), and a second signal (SIGINT) then stops the server at once with a non-zero code',
    { lesson: L.shutdown, covers: ['shutdown-deadline'], timeout: 90_000, concurrent: true },
    async () => {
      await withApp({ env: { SHUTDOWN_TIMEOUT_MS: '30000' }, lesson: L.shutdown }, async (app) => {
        const stuck = await slowRequest(app.port, { path: '/api/users/login', json: { user: { email: 'stuck@deploy-check.test', password: 'never-finished' } }, label: 'a login whose body never ends' });
        const sent = Date.now();
        app.proc.child.kill('SIGTERM');
        await expectNewConnectionsRefused(app, [stuck]);
        // A slow machine delays an exit, never brings one forward: alive at 12 s is the least a 30 s deadline owes.
        // Read from when the exit was seen, not from when this check got to look: an exit seen less
        // than 12 s after SIGTERM surely came before 12 s (it is never seen early), whatever the
        // machine; an exit seen later, by a check that was itself held up past its 12 s (a busy
        // machine), says nothing against the server: a timeout (retried), not a failure.
        const held = 12_000 - (Date.now() - sent);
        if (held > 0) await Promise.race([app.proc.exited, new Promise((r) => setTimeout(r, held))]);
        const seen = app.exitSeenAt() ?? (app.exitCode() !== undefined ? Date.now() : undefined);
        if (seen !== undefined) {
          ensure(seen - sent >= 12_000, {
            expected: 'with SHUTDOWN_TIMEOUT_MS=30000 and a request in flight, the server still draining 12 s after SIGTERM (the deadline is the variable, not a constant of the code)',
            got: `it exited (code ${app.exitCode() ?? 'unknown yet'}) ${Math.round((seen - sent) / 100) / 10} s after SIGTERM${app.tail(4)}`,
            hint: 'start the deadline timer with config.shutdownTimeoutMs',
            lesson: L.shutdown,
          });
          timeout({
            expected: 'to find the server still draining 12 s after SIGTERM, and send it a second signal',
            got: `it had exited (code ${app.exitCode() ?? 'unknown yet'}) by the time this check looked, ${Math.round((seen - sent) / 100) / 10} s after SIGTERM: too late to tell`,
            operation: 'look at the drain 12 s after SIGTERM',
          });
        }
        app.proc.child.kill('SIGINT');
        // A second before the 30 s deadline, a server the kernel still runs ignored the signal (the
        // exit that follows is the deadline's). Not looked for when this check itself got to SIGINT
        // too late to leave the server 8 s to exit.
        const lookAt = sent + 29_000;
        const end = await exitOrIdle(app, { lookAt: lookAt - Date.now() >= 8_000 ? lookAt : undefined, what: 'the server to stop on a second signal' });
        const ignored = {
          expected: 'a second signal during the drain (someone pressed Ctrl-C twice, or the orchestrator insists) to stop the process at once',
          hint: 'listen with process.on (not once) and treat a signal that comes while shutting down as "now": destroy the connections and process.exit(1)',
          lesson: L.shutdown,
        };
        if ('idle' in end) fail({ ...ignored, got: `it kept running, idle, with most of SHUTDOWN_TIMEOUT_MS=30000 still to go${app.tail(6)}` });
        if (end.runningAt !== undefined) {
          fail({ ...ignored, got: `it was still running 29 s after SIGTERM, long after the second signal, and stopped only when SHUTDOWN_TIMEOUT_MS=30000 ran out (exit code ${end.exited})${app.tail(6)}` });
        }
        ensure(end.exited !== 0, { expected: 'a non-zero exit code when the second signal cut requests off', got: `exit code ${end.exited}`, lesson: L.shutdown });
      });
    },
  );
});
