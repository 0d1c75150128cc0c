/**
 * Step 08 · Deployment and operations: configuration that fails closed. The server starts from a
 * scratch copy of the project (no `.env` of the learner's in the way) with a production
 * environment that is valid but for the variable under test, and must stop before it listens,
 * naming the variable. Several bad variables at once are all named. Values at the edges start it.
 */
import path from 'node:path';
import { describe } from 'vitest';
import { freePort } from '../runner/lib/processes.js';
import { scratchDir } from '../runner/lib/paths.js';
import { api, describeResponse, ensure, expectStartupRefusal, requirement, scratchCopy } from './support/index.js';
import { CLEAN_ENV, dir, JWT_SECRET, L, withApp } from './08-deploy.shared.js';

/** A production environment that is valid in every variable (the database is never opened: start-up stops first). */
async function validEnv(): Promise<NodeJS.ProcessEnv> {
  return {
    ...CLEAN_ENV,
    NODE_ENV: 'production',
    JWT_SECRET,
    LOG_LEVEL: 'info',
    DB_DIALECT: 'sqlite',
    DB_STORAGE: path.join(scratchDir, 'db', `config-check-${Date.now()}-${process.pid}.sqlite`),
    PORT: String(await freePort()),
  };
}

const STACK_HINT = 'collect every problem in loadConfig, throw one ConfigError listing them, and in server.ts print its message and process.exit(1) before opening anything';

/** Each case: the server refuses, naming the variable. Run side by side (each is a process that mostly waits). */
async function refusals(cases: { env: NodeJS.ProcessEnv; situation: string; mentions: RegExp; variable: string; running: string }[]): Promise<void> {
  const { copy, cleanUp } = scratchCopy(dir, { name: '08-deploy-config' });
  try {
    const results = await Promise.allSettled(
      cases.map(async (c) =>
        expectStartupRefusal(copy, {
          env: { ...(await validEnv()), ...c.env },
          situation: c.situation,
          mentions: c.mentions,
          variable: c.variable,
          lesson: L.config,
          hints: { running: c.running, stack: STACK_HINT },
        }),
      ),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  } finally {
    cleanUp();
  }
}

describe('configuration that fails closed', () => {
  requirement('a REDIS_URL that is not a redis:// or rediss:// URL with a host (127.0.0.1:6379, http://127.0.0.1:6379, redis://) stops the server at start-up, naming REDIS_URL', { lesson: L.config, covers: ['config-redis-url', 'config-refusals'], timeout: 40_000, concurrent: true }, async () => {
    await refusals(
      // redis:// parses as a URL, with an empty host: a client would quietly connect to localhost.
      ['127.0.0.1:6379', 'http://127.0.0.1:6379', 'redis://'].map((value) => ({
        env: { REDIS_URL: value },
        situation: `REDIS_URL=${value} (everything else valid, NODE_ENV=production)`,
        mentions: /redis_url/i,
        variable: 'REDIS_URL',
        running: 'validate REDIS_URL in loadConfig: new URL(value) must not throw, its protocol must be redis: or rediss:, and its hostname not empty; a typo must stop the start, not fall back to the in-memory limits',
      })),
    );
  });

  requirement('a METRICS_TOKEN shorter than 24 characters stops the server at start-up, naming METRICS_TOKEN', { lesson: L.config, covers: ['config-metrics-token', 'config-refusals'], timeout: 40_000, concurrent: true }, async () => {
    await refusals([
      {
        env: { METRICS_TOKEN: 'm'.repeat(23) },
        situation: 'METRICS_TOKEN of 23 characters (one short of 24)',
        mentions: /metrics_token/i,
        variable: 'METRICS_TOKEN',
        running: 'METRICS_TOKEN, when set, must be at least 24 characters: a short token is guessed, and ignoring it would leave /metrics open or closed without anyone knowing',
      },
    ]);
  });

  requirement('SHUTDOWN_TIMEOUT_MS must be a whole number from 1000 to 120000: 999, 120001 and 1500.5 each stop the server, naming SHUTDOWN_TIMEOUT_MS', { lesson: L.config, covers: ['config-shutdown-timeout', 'config-refusals'], timeout: 40_000, concurrent: true }, async () => {
    await refusals(
      ['999', '120001', '1500.5'].map((value) => ({
        env: { SHUTDOWN_TIMEOUT_MS: value },
        situation: `SHUTDOWN_TIMEOUT_MS=${value}`,
        mentions: /shutdown_timeout_ms/i,
        variable: 'SHUTDOWN_TIMEOUT_MS',
        running: 'Number(value), then Number.isInteger and the range 1000..120000 (parseInt("1500.5") is 1500: it hides the mistake)',
      })),
    );
  });

  requirement('outside NODE_ENV=development, DB_DIALECT must be set: with NODE_ENV=production, test or unset and no DB_DIALECT, the server stops naming DB_DIALECT instead of making a SQLite file', { lesson: L.config, covers: ['config-no-dev-defaults'], timeout: 40_000, concurrent: true }, async () => {
    await refusals(
      // Without NODE_ENV the server runs as in production (04-security): no development default either.
      ['production', 'test', undefined].map((nodeEnv) => ({
        env: { NODE_ENV: nodeEnv, DB_DIALECT: undefined, DB_STORAGE: undefined, DATABASE_URL: undefined },
        situation: `${nodeEnv === undefined ? 'NODE_ENV unset' : `NODE_ENV=${nodeEnv}`} and DB_DIALECT unset`,
        mentions: /db_dialect/i,
        variable: 'DB_DIALECT',
        running: 'only NODE_ENV=development may fall back to the SQLite file; elsewhere a missing DB_DIALECT is a mistake in the deployment, and a fresh empty SQLite file in the container would hide it',
      })),
    );
  });

  requirement(
    'every problem is reported at once: an unknown NODE_ENV, a malformed REDIS_URL, a short METRICS_TOKEN and an out-of-range SHUTDOWN_TIMEOUT_MS are all named, and the server exits non-zero before listening',
    { lesson: L.config, covers: ['config-refusals', 'config-no-dev-defaults'], timeout: 40_000, concurrent: true },
    async () => {
      await refusals([
        {
          env: { NODE_ENV: 'staging', REDIS_URL: 'localhost', METRICS_TOKEN: 'short', SHUTDOWN_TIMEOUT_MS: '10' },
          situation: 'NODE_ENV=staging REDIS_URL=localhost METRICS_TOKEN=short SHUTDOWN_TIMEOUT_MS=10',
          mentions: /^(?=[\s\S]*node_env)(?=[\s\S]*redis_url)(?=[\s\S]*metrics_token)(?=[\s\S]*shutdown_timeout_ms)/i,
          variable: 'all four: NODE_ENV, REDIS_URL, METRICS_TOKEN and SHUTDOWN_TIMEOUT_MS',
          running: 'validate every variable, collect the problems, and stop once with all of them',
        },
      ]);
    },
  );

  requirement(
    'values at the edges start the server: SHUTDOWN_TIMEOUT_MS=1000 with a METRICS_TOKEN of exactly 24 characters, and SHUTDOWN_TIMEOUT_MS=120000 under NODE_ENV=test with DB_DIALECT set and a rediss:// REDIS_URL (TLS, as managed Redis services require)',
    { lesson: L.config, covers: ['config-shutdown-timeout', 'config-metrics-token', 'config-redis-url'], timeout: 60_000, concurrent: true },
    async () => {
      // Nothing listens on that port: Redis is unreachable, and the server starts anyway (readiness says so).
      const rediss = `rediss://127.0.0.1:${await freePort()}/0`;
      const cases: NodeJS.ProcessEnv[] = [
        { SHUTDOWN_TIMEOUT_MS: '1000', METRICS_TOKEN: 'M'.repeat(24) },
        { SHUTDOWN_TIMEOUT_MS: '120000', NODE_ENV: 'test', REDIS_URL: rediss },
      ];
      const results = await Promise.allSettled(
        cases.map((env) =>
          withApp({ env, lesson: L.config }, async (app) => {
            const res = await api(app.url).get('/health/live');
            ensure(res.status === 200, {
              expected: `with ${Object.entries(env).map(([k, v]) => `${k}=${k === 'METRICS_TOKEN' ? `(${String(v).length} characters)` : v}`).join(' ')}, all valid, the server starts and GET /health/live answers 200`,
              got: describeResponse(res),
              lesson: L.config,
            });
          }),
        ),
      );
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  );
});
