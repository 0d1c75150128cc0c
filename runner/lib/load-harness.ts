/**
 * The child process of `npm run load` and `npm run bench` (started by runner/lib/load.ts with
 * `node --import tsx`, in its own process group). It imports the target's src/db/index.ts and
 * src/app.ts, opens a fresh database (a SQLite file under .workshop/tmp/load/, or a throw-away
 * MySQL schema made the way the checks make theirs), migrates it with the project's own
 * migrate(), counts every SQL statement through the database handle (Sequelize's beforeQuery
 * hook), seeds it, builds the app with createApp and listens on 127.0.0.1, port 0. It reports
 * over IPC; the parent asks for the statement count around each scenario.
 *
 * `ceiling` mode serves a plain Express app answering a fixed JSON body instead: what the
 * machine can do at best with the same framework and the same answer size.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import express from 'express';
import { TEST_CONFIG } from '../../checks/support/app.js';
import { createTestDatabase, importDbModule, tableNames, type DatabaseConfig, type SequelizeLike, type TestDatabase } from '../../checks/support/db.js';
import { LearnerCodeError, asLearnerCodeError, firstLine, importFromTarget } from '../../checks/support/learner-code.js';
import { scratchDir, shortPath } from './paths.js';
import { seedLoadData } from './load-seed.js';
import type { HarnessRequest, HarnessMessage, HarnessOptions } from './load.js';

const options = JSON.parse(process.argv[2] ?? '{}') as HarnessOptions;
const send = (message: HarnessMessage): void => {
  process.send?.(message);
};

/** What the harness must undo on the way out, whatever way that is. */
const cleanup: (() => Promise<void>)[] = [];
let finishing = false;
async function finish(code: number): Promise<never> {
  if (!finishing) {
    finishing = true;
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  }
  process.exit(code);
}

// The parent gone (killed, Ctrl-C): nobody will ask for anything again.
process.on('disconnect', () => void finish(0));

/** The hook's counter: every statement the app sends, whatever builds it. */
let statements = 0;
/** Requests the app received, and those not answered yet: statements per request divide by what the server saw. */
let received = 0;
let inFlight = 0;
let errorsLogged = 0;
let firstError: string | undefined;

/** The logger createApp receives: silent, but the parent hears about the first error the app logs (a 500's cause). */
const logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (...args: unknown[]) => {
    errorsLogged++;
    firstError ??= args
      .map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : typeof a === 'string' ? a : JSON.stringify(a)))
      .join(' ')
      .slice(0, 300);
  },
};

function listen(handler: http.RequestListener): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = http.createServer((req, res) => {
      received++;
      inFlight++;
      res.once('close', () => inFlight--);
      handler(req, res);
    });
    server.keepAliveTimeout = 30_000;
    server.once('error', reject);
    // Loopback only, always: a load test is never something another machine can reach.
    server.listen(0, '127.0.0.1', () => {
      cleanup.push(
        () =>
          new Promise<void>((r) => {
            server.close(() => r());
            server.closeAllConnections();
          }),
      );
      resolve((server.address() as { port: number }).port);
    });
  });
}

async function freshDatabase(): Promise<TestDatabase> {
  if (options.dialect === 'mysql') return createTestDatabase();
  const dir = path.join(scratchDir, 'load');
  fs.mkdirSync(dir, { recursive: true });
  const name = `load_${Math.floor(Date.now() / 1000)}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const storage = path.join(dir, `${name}.sqlite`);
  const config: DatabaseConfig = { dialect: 'sqlite', storage };
  return {
    name,
    config,
    env: { DB_DIALECT: 'sqlite', DB_STORAGE: storage },
    drop: async () => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${storage}${suffix}`, { force: true });
    },
  };
}

/** One line for what failed in the project's own code. */
const stage = async <T>(what: string, work: () => Promise<T> | T): Promise<T> => {
  try {
    return await work();
  } catch (err) {
    if (err instanceof LearnerCodeError) throw err;
    throw new LearnerCodeError(`${what} failed: ${firstLine(err)}`);
  }
};

async function startApp(): Promise<void> {
  const target = options.target;
  const dbModule = await importDbModule(target);
  const appModule = await importFromTarget<{ createApp?: unknown }>(target, 'src/app.ts');
  if (typeof appModule.createApp !== 'function') {
    throw new LearnerCodeError(`${shortPath(path.join(target, 'src/app.ts'))} must export a function createApp(deps) (got ${typeof appModule.createApp})`);
  }
  const createApp = appModule.createApp as (deps: Record<string, unknown>) => unknown;

  const test = await freshDatabase();
  cleanup.push(() => test.drop());
  send({ type: 'database', name: test.name, dialect: test.config.dialect, ...(test.config.dialect === 'sqlite' && { storage: test.config.storage }) });

  const db: SequelizeLike = await stage('openDatabase(config)', () => dbModule.openDatabase(test.config, { logging: false }));
  cleanup.push(() => db.close());
  const hooks = db as unknown as { addHook?: (name: 'beforeQuery', fn: () => void) => unknown };
  if (typeof hooks.addHook !== 'function') {
    throw new LearnerCodeError('openDatabase(config) must return the Sequelize instance (it has no addHook to count statements with)');
  }
  hooks.addHook('beforeQuery', () => {
    statements++;
  });
  await stage('migrate(db)', () => dbModule.migrate(db));

  const tables = await tableNames(db);
  const social = tables.includes('follows') && tables.includes('favorites');
  const seeded = await stage('seeding the load-test data', () => seedLoadData(db, { social }));

  const app = await stage('createApp(deps)', async () => {
    try {
      return await createApp({ config: { ...TEST_CONFIG, database: test.config }, logger, db, clock: () => new Date() });
    } catch (err) {
      throw asLearnerCodeError(err, target, 'createApp(deps)');
    }
  });
  if (typeof app !== 'function') throw new LearnerCodeError(`createApp(deps) must return the Express app (a request handler), got ${app === null ? 'null' : typeof app}`);
  // tsx turns Node's source maps on, and Sequelize reads an Error's stack on every query (for the
  // error it would throw): with source maps each read maps every frame, a few percent of the CPU of
  // a list request. A server in production runs the compiled JavaScript without them
  // (docs/08-deploy.md); the load test measures that, not the cost of a development convenience.
  process.setSourceMapsEnabled(false);
  const port = await listen(app as http.RequestListener);
  send({ type: 'ready', port, statements, social, seeded, database: test.config.dialect === 'sqlite' ? `sqlite ${shortPath(test.config.storage)}` : `mysql schema ${test.name}` });
}

async function startCeiling(): Promise<void> {
  const size = Math.max(64, options.bodyBytes ?? 1024);
  const head = '{"articles":[],"articlesCount":0,"padding":"';
  const body = `${head}${'x'.repeat(Math.max(0, size - head.length - 2))}"}`;
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res) => {
    res.type('application/json').send(body);
  });
  const port = await listen(app);
  send({
    type: 'ready',
    port,
    statements: 0,
    social: false,
    seeded: { rows: {}, slugs: [], usernames: [], emails: [], viewerEmail: '' },
    database: 'none',
  });
}

process.on('message', (raw: HarnessRequest) => {
  if (raw.type === 'stats') send({ type: 'stats', id: raw.id, statements, received, inFlight, errorsLogged, ...(firstError !== undefined && { firstError }) });
  else if (raw.type === 'stop') void finish(0);
});

try {
  if (options.mode === 'ceiling') await startCeiling();
  else await startApp();
} catch (err) {
  const message = err instanceof LearnerCodeError ? err.summary : asLearnerCodeError(err, options.target, 'starting the app').summary;
  send({ type: 'failed', message: message.split('\n')[0] });
  await finish(1);
}
