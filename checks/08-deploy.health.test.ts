/**
 * Step 08 · Deployment and operations: liveness and readiness. Readiness must ask its
 * dependencies on every probe and follow them both ways, without a restart:
 *
 * - the database, in-process on both dialects: the app gets its database handle through a
 *   stand-in whose queries fail or hang when the check says so (the models keep the real one);
 *   on MySQL also for real, with the server process talking to MySQL through a TCP proxy the
 *   check cuts and restores;
 * - Redis, through a TCP proxy to the machine's Redis (a check that needs Redis and finds none
 *   fails as blocked, saying how to start one: it never passes without having looked).
 */
import { describe } from 'vitest';
import {
  api,
  budget,
  describeResponse,
  ensure,
  fail,
  fileDatabase,
  loadApp,
  requirement,
  serverDatabase,
  testDialect,
  type Response,
  type SequelizeLike,
  within,
} from './support/index.js';
import { checkRedisDb, redisAddress, redisUrlFor, requireRedis } from './support/redis.js';
import { tcpProxy } from './support/tcp-proxy.js';
import { bodyOf, dir, expectRecovery, isReady, L, untilReady, withApp } from './08-deploy.shared.js';
import { mysqlServerUrl } from './support/db.js';


/**
 * GET /health/ready while a dependency holds its answer, decided without a clock: the wait starts
 * only once the app's query is held (its own timer is running then), lasts three times the probe's
 * 1 s (less than the request's own wait, RESPONSE_TIMEOUT_MS), then the held query is let through
 * and the answer read. A probe with a timer has answered 503 by then, or answers 503 at once (its
 * timer, long due, runs before the query's result comes back); a probe that waits for the
 * dependency answers only after the release. So a slow machine can only make this take longer,
 * never turn 503 into 200.
 */
async function readyWhileHeld(
  get: () => Promise<Response>,
  held: () => Promise<void>,
  release: () => void,
  asked: string,
): Promise<{ res: Response; beforeRelease: boolean; waitedMs: number }> {
  let answered: Response | undefined;
  const pending = get().then((res) => (answered = res));
  await within(budget(10_000), { expected: asked }, Promise.race([held(), pending]));
  const waitedMs = budget(3000);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([pending, new Promise((r) => (timer = setTimeout(r, waitedMs)))]);
  clearTimeout(timer);
  const early = answered;
  release();
  return { res: early ?? (await pending), beforeRelease: early !== undefined, waitedMs };
}

/** What a 503 must not say: where the dependency lives, how it failed. */
function leakIn(res: Response, secrets: string[]): string | undefined {
  const text = res.text ?? JSON.stringify(res.body ?? '');
  const found = [/\b127\.0\.0\.1\b/, /localhost/i, /\b10\.1\.2\.3\b/, /redis:\/\//i, /mysql:\/\//i, /ECONN\w+/, /\bat \S+:\d+:\d+/, /Error\b/, ...secrets.filter(Boolean).map((s) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))].find((re) => re.test(text));
  return found ? `${text.slice(0, 200)} (it says ${found.source})` : undefined;
}

/** Asks /health/ready up to `probes` times, a moment apart, until `wanted` holds; the last answer. */
async function probeUntil(url: string, wanted: (res: Response) => boolean, probes: number, gapMs = 150): Promise<{ res: Response; probes: number }> {
  let res = await api(url).get('/health/ready');
  let n = 1;
  while (!wanted(res) && n < probes) {
    await new Promise((r) => setTimeout(r, budget(gapMs)));
    res = await api(url).get('/health/ready');
    n += 1;
  }
  return { res, probes: n };
}

/** A database handle whose queries the check makes fail or hang; everything else is the real one. */
function controlledDb(real: SequelizeLike) {
  const state = { mode: 'ok' as 'ok' | 'error' | 'hang', held: [] as (() => void)[], onHold: [] as (() => void)[] };
  const wrap = (original: (...args: unknown[]) => Promise<unknown>) =>
    function (this: unknown, ...args: unknown[]): Promise<unknown> {
      if (state.mode === 'error') return Promise.reject(Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:3306'), { code: 'ECONNREFUSED' }));
      if (state.mode === 'hang') {
        const held = new Promise((resolve, reject) => state.held.push(() => original.apply(real, args).then(resolve, reject)));
        for (const notify of state.onHold.splice(0)) notify();
        return held;
      }
      return original.apply(real, args);
    };
  const proxy = new Proxy(real as object, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if ((prop === 'query' || prop === 'authenticate') && typeof value === 'function') return wrap(value as (...args: unknown[]) => Promise<unknown>);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  }) as SequelizeLike;
  return {
    db: proxy,
    set(mode: 'ok' | 'error' | 'hang') {
      state.mode = mode;
    },
    /** Resolves once a query is being held (the app has asked the database and is waiting). */
    whenHeld(): Promise<void> {
      return state.held.length > 0 ? Promise.resolve() : new Promise((resolve) => state.onHold.push(resolve));
    },
    /** Lets the held queries run (against the real database). */
    release() {
      for (const run of state.held.splice(0)) run();
    },
  };
}

describe('liveness and readiness', () => {
  requirement(
    'GET /health/live answers 200 {"status":"ok"}, GET /health/ready answers 200 {"status":"ready","checks":{"database":"ok"}}, and GET /health still answers 200',
    { lesson: L.health, covers: ['live', 'ready-ok'] },
    async () => {
      const { app } = await loadApp(dir);
      const live = await api(app).get('/health/live');
      ensure(live.status === 200 && bodyOf(live).status === 'ok', { expected: 'GET /health/live: 200 {"status":"ok"}', got: describeResponse(live), lesson: L.health });
      const ready = await api(app).get('/health/ready');
      ensure(ready.status === 200 && bodyOf(ready).status === 'ready' && bodyOf(ready).checks?.database === 'ok', {
        expected: 'GET /health/ready with a database that answers: 200 {"status":"ready","checks":{"database":"ok"}}',
        got: describeResponse(ready),
        lesson: L.health,
      });
      const old = await api(app).get('/health');
      ensure(old.status === 200, { expected: 'GET /health (step 01) still answers 200: it is liveness under its old name', got: describeResponse(old), lesson: L.health });
    },
  );

  requirement(
    '/health/ready asks the database on every probe: 503 with checks.database "unavailable" while its queries fail or hang (within the probe\'s 1 s, with no host, port or error text in the body), 200 again as soon as it answers, and /health/live stays 200 throughout (on MySQL also through a connection the check cuts)',
    { lesson: L.health, covers: ['ready-503', 'ready-fresh', 'live', 'dependency-crash'], timeout: 90_000 },
    async () => {
      const { db: real } = await fileDatabase(dir);
      const control = controlledDb(real);
      const { app } = await loadApp(dir, { db: control.db });
      const http = api(app);
      const first = await http.get('/health/ready');
      ensure(isReady(first), { expected: 'GET /health/ready with a database that answers: 200 {"status":"ready"}', got: describeResponse(first), lesson: L.health });
      control.set('error');
      const down = await http.get('/health/ready');
      ensure(down.status === 503 && bodyOf(down).status === 'unavailable' && bodyOf(down).checks?.database === 'unavailable', {
        expected: 'GET /health/ready while every query fails (ECONNREFUSED): 503 {"status":"unavailable","checks":{"database":"unavailable"}}, on the first probe after the failure (no remembered verdict)',
        got: describeResponse(down),
        hint: 'run SELECT 1 on every probe (await db.query("SELECT 1")), catch its error, answer 503',
        lesson: L.health,
      });
      const leak = leakIn(down, []);
      ensure(leak === undefined, { expected: 'a 503 from /health/ready that says which dependency is unavailable, and nothing about where it lives or how it failed', got: leak ?? '', lesson: L.health });
      const live = await http.get('/health/live');
      ensure(live.status === 200, { expected: 'GET /health/live while the database fails: 200 (liveness asks nothing; a restart would not bring the database back)', got: describeResponse(live), lesson: L.health });
      control.set('ok');
      const back = await http.get('/health/ready');
      ensure(isReady(back), { expected: 'the first GET /health/ready once the database answers again: 200 {"status":"ready"}', got: describeResponse(back), hint: 'no cached verdict: every probe asks again', lesson: L.health });

      // A query that never returns (a network that drops packets): readiness gives up after its 1 s.
      control.set('hang');
      const { res, beforeRelease, waitedMs } = await readyWhileHeld(
        () => http.get('/health/ready'),
        () => control.whenHeld(),
        () => {
          control.set('ok');
          control.release();
        },
        'GET /health/ready to ask the database (SELECT 1) when the check asks it',
      );
      if (!beforeRelease && isReady(res)) {
        fail({
          expected: 'GET /health/ready while the database does not answer at all: 503 after the probe\'s own timeout (1 s), not an answer that waits for the database',
          got: `no answer until the check let the query return (after ${Math.round(waitedMs / 1000)} s), then ${describeResponse(res)}`,
          hint: 'race the query with a timer: Promise.race([db.query("SELECT 1"), timeout(1000)])',
          lesson: L.health,
        });
      }
      ensure(res.status === 503 && bodyOf(res).checks?.database === 'unavailable', {
        expected: 'GET /health/ready while the database does not answer: 503 with checks.database "unavailable"',
        got: describeResponse(res),
        lesson: L.health,
      });
      const again = await http.get('/health/ready');
      ensure(isReady(again), { expected: 'GET /health/ready once the database answers again: 200', got: describeResponse(again), lesson: L.health });

      if (testDialect() === 'mysql') await readinessThroughMysqlProxy();
    },
  );

  requirement(
    'with REDIS_URL set, /health/ready follows Redis: 503 with checks.redis "unavailable" while Redis cannot be reached or holds its answer past the probe\'s 1 s, 200 again when it is back, in the same process, while /health/live and the API that does not need Redis go on answering',
    { lesson: L.health, covers: ['ready-ok', 'ready-503', 'ready-fresh', 'dependency-crash'], timeout: 90_000, concurrent: true },
    async () => {
      await requireRedis(L.health, 'the readiness checks');
      const proxy = await tcpProxy(redisAddress());
      const db = checkRedisDb();
      try {
        await withApp({ env: { REDIS_URL: redisUrlFor(db, { host: '127.0.0.1', port: proxy.port }) }, lesson: L.health }, async (app) => {
          const pid = app.pid;
          await untilReady(app, L.health);
          const up = await api(app.url).get('/health/ready');
          ensure(isReady(up) && bodyOf(up).checks?.redis === 'ok', {
            expected: 'with REDIS_URL set and Redis answering: GET /health/ready 200 {"status":"ready","checks":{"database":"ok","redis":"ok"}}',
            got: describeResponse(up),
            lesson: L.health,
          });
          await proxy.cut();
          const down = await probeUntil(app.url, (r) => r.status === 503, 4);
          ensure(down.res.status === 503 && bodyOf(down.res).status === 'unavailable' && bodyOf(down.res).checks?.redis === 'unavailable', {
            expected: 'once Redis cannot be reached (its connections cut, new ones refused): GET /health/ready 503 {"status":"unavailable","checks":{…,"redis":"unavailable"}} within a few probes',
            got: `after ${down.probes} probes: ${describeResponse(down.res)}`,
            hint: 'PING Redis on every probe, with a 1 s timeout; client.isReady turns false as soon as the connection drops',
            lesson: L.health,
          });
          const leak = leakIn(down.res, [String(proxy.port)]);
          ensure(leak === undefined, { expected: 'a 503 that names the dependency, not where it lives or how it failed', got: leak ?? '', lesson: L.health });
          const live = await api(app.url).get('/health/live');
          ensure(live.status === 200, { expected: 'GET /health/live while Redis is away: 200', got: describeResponse(live), lesson: L.health });
          ensure(app.exitCode() === undefined, { expected: 'the server to keep running when Redis goes away', got: `it exited (code ${app.exitCode()})${app.tail(8)}`, hint: 'listen for the client\'s "error" event (client.on("error", …)): an EventEmitter without one crashes the process', lesson: L.health });
          const tags = await api(app.url).get('/api/tags');
          ensure(tags.status === 200, { expected: 'while Redis is away, what does not need it still answers: GET /api/tags 200', got: describeResponse(tags), lesson: L.health });
          await proxy.restore();
          await expectRecovery(app, proxy, 'Redis');
          ensure(app.exitCode() === undefined && app.pid === pid, { expected: 'the same process, still running', got: `exit code ${app.exitCode()}`, lesson: L.health });

          // A Redis that hangs (a network dropping packets: the connection stays open, no answer
          // comes): readiness gives up after its 1 s, as for the database. The proxy holds the PING.
          proxy.stall();
          const { res: hung, beforeRelease, waitedMs } = await readyWhileHeld(
            () => api(app.url).get('/health/ready'),
            () => proxy.whenHeld(),
            () => proxy.resume(),
            'GET /health/ready to PING Redis when the check asks it',
          );
          if (!beforeRelease && isReady(hung)) {
            fail({
              expected: 'GET /health/ready while Redis holds the connection open and does not answer: 503 after the probe\'s own timeout (1 s), not an answer that waits for Redis',
              got: `no answer until the check let the PING through (after ${Math.round(waitedMs / 1000)} s), then ${describeResponse(hung)}`,
              hint: 'race the PING with a timer, as the SELECT 1: Promise.race([redis.ping(), timeout(1000)]) (disableOfflineQueue helps only when the connection is down, not when it hangs)',
              lesson: L.health,
            });
          }
          ensure(hung.status === 503 && bodyOf(hung).checks?.redis === 'unavailable', {
            expected: 'GET /health/ready while Redis does not answer: 503 with checks.redis "unavailable"',
            got: describeResponse(hung),
            lesson: L.health,
          });
          await expectRecovery(app, proxy, 'Redis');
        });
      } finally {
        await proxy.close();
      }
    },
  );

  requirement(
    'with REDIS_URL set and Redis down at start-up, the server still starts: /health/live 200, /health/ready 503, and it becomes ready once Redis answers',
    { lesson: L.health, covers: ['redis-down', 'dependency-crash'], timeout: 90_000, concurrent: true },
    async () => {
      await requireRedis(L.health, 'the readiness checks');
      const proxy = await tcpProxy(redisAddress(), { startCut: true });
      try {
        await withApp({ env: { REDIS_URL: redisUrlFor(checkRedisDb(), { host: '127.0.0.1', port: proxy.port }) }, lesson: L.health }, async (app) => {
          const live = await api(app.url).get('/health/live');
          ensure(live.status === 200, { expected: 'with Redis down at start-up, GET /health/live: 200 (the server starts anyway: Redis may come up later)', got: describeResponse(live), lesson: L.health });
          const ready = await api(app.url).get('/health/ready');
          ensure(ready.status === 503 && bodyOf(ready).checks?.redis === 'unavailable', {
            expected: 'with Redis down, GET /health/ready: 503 with checks.redis "unavailable"',
            got: describeResponse(ready),
            lesson: L.health,
          });
          await proxy.restore();
          await expectRecovery(app, proxy, 'Redis');
        });
      } finally {
        await proxy.close();
      }
    },
  );
});

/** On MySQL: a server process whose database connections go through a proxy the check cuts and restores. */
async function readinessThroughMysqlProxy(): Promise<void> {
  const server = new URL(mysqlServerUrl());
  const proxy = await tcpProxy({ host: server.hostname, port: Number(server.port || 3306) });
  const db = await serverDatabase(dir);
  try {
    const url = new URL(db.env.DATABASE_URL);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    await withApp({ db, env: { DATABASE_URL: url.toString() }, lesson: L.health }, async (app) => {
      await untilReady(app, L.health);
      await proxy.cut();
      const down = await probeUntil(app.url, (r) => r.status === 503, 4);
      ensure(down.res.status === 503 && bodyOf(down.res).checks?.database === 'unavailable', {
        expected: 'once MySQL cannot be reached (its connections cut, new ones refused): GET /health/ready 503 with checks.database "unavailable" within a few probes',
        got: `after ${down.probes} probes: ${describeResponse(down.res)}`,
        lesson: L.health,
      });
      const leak = leakIn(down.res, [String(proxy.port), decodeURIComponent(server.password)]);
      ensure(leak === undefined, { expected: 'a 503 that says nothing about where the database lives or how it failed', got: leak ?? '', lesson: L.health });
      const live = await api(app.url).get('/health/live');
      ensure(live.status === 200, { expected: 'GET /health/live while MySQL is away: 200', got: describeResponse(live), lesson: L.health });
      ensure(app.exitCode() === undefined, { expected: 'the server to keep running when MySQL goes away', got: `it exited (code ${app.exitCode()})${app.tail(8)}`, hint: 'a pool error must not be an unhandled "error" event', lesson: L.health });
      await proxy.restore();
      await expectRecovery(app, proxy, 'MySQL');
      const tags = await api(app.url).get('/api/tags');
      ensure(tags.status === 200, { expected: 'once MySQL is back, the API answers again (GET /api/tags 200) without a restart', got: describeResponse(tags), lesson: L.health });
    });
  } finally {
    await proxy.close();
    await db.drop();
  }
}
