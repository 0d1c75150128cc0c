import path from 'node:path';
import type { RequestListener } from 'node:http';
import { LearnerCodeError, asLearnerCodeError, importFromTarget } from './learner-code.js';

export { importFromTarget };
import { shortPath } from '../../runner/lib/paths.js';
import { emptyTables, fileDatabase, hasDatabase } from './db.js';
import { budget, seconds } from './budget.js';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  /** Everything the app passed to the logger, message and fields alike. */
  args: unknown[];
  /** `args` as one searchable string. */
  text: string;
}

/** A logger that records what the app logs, so checks can look at it. */
export function recordingLogger() {
  const entries: LogEntry[] = [];
  const record =
    (level: LogEntry['level']) =>
    (...args: unknown[]) => {
      entries.push({ level, args, text: args.map(stringify).join(' ') });
    };
  return {
    entries,
    logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') },
  };
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.name}: ${value.message}\n${value.stack ?? ''}`;
  try {
    return JSON.stringify(value, (_k, v: unknown) => (v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v));
  } catch {
    return String(value);
  }
}

/**
 * What every check passes to `createApp(deps)`. It is a superset of what any step needs:
 * an app takes the dependencies it uses and ignores the rest.
 */
export interface TestDeps {
  config: { env: 'test'; port: number; [key: string]: unknown };
  logger: ReturnType<typeof recordingLogger>['logger'];
  clock: () => Date;
  [key: string]: unknown;
}

/**
 * The configuration every check passes: a superset of what each step's config holds, with test
 * values. Steps add their keys here (and say so in their lesson's contract section).
 */
export const TEST_CONFIG: TestDeps['config'] = Object.freeze({
  env: 'test',
  port: 0,
  logLevel: 'silent',
  // Step 04: long and random enough to pass any strength rule, and clearly not a real secret.
  jwtSecret: 'test-only-secret-0123456789abcdef0123456789abcdef',
  jwtExpiresIn: '1h',
}) as TestDeps['config'];

/** createApp only builds an app: on the development machine it returns in milliseconds. */
const CREATE_APP_MS = 10_000;
let createAppHangs: LearnerCodeError | undefined;

export interface LoadedApp {
  app: RequestListener;
  logs: LogEntry[];
  deps: TestDeps;
}

/**
 * Builds a fresh app from the target's `src/app.ts` with recording deps. `overrides` replace
 * single dependencies, e.g. a clock that throws.
 */
export async function loadApp(dir: string, overrides: Partial<TestDeps> = {}): Promise<LoadedApp> {
  const mod = await importFromTarget<{ createApp?: unknown }>(dir, 'src/app.ts');
  if (typeof mod.createApp !== 'function') {
    throw new LearnerCodeError(
      `${shortPath(path.join(dir, 'src/app.ts'))} must export a function createApp(deps) (got ${typeof mod.createApp}); see docs/01-server.md#the-step-contract`,
    );
  }
  const { entries, logger } = recordingLogger();
  const deps: TestDeps = { config: { ...TEST_CONFIG }, logger, clock: () => new Date() };
  if (hasDatabase(dir)) {
    // From step 03 the app needs a database: the file's own, emptied so this app starts clean.
    const { test, db } = await fileDatabase(dir);
    await emptyTables(db);
    deps.config.database = test.config;
    deps.db = db;
  }
  Object.assign(deps, overrides);
  if (createAppHangs) throw createAppHangs;
  let app: unknown;
  let timer: NodeJS.Timeout | undefined;
  // Generous (a slow machine), and once only: when createApp never returns, every later check
  // of the file fails at once with the same line instead of waiting again.
  const wait = budget(CREATE_APP_MS);
  const hang = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      createAppHangs = new LearnerCodeError(
        `createApp(deps) did not return within ${seconds(wait)}: does it await something that never settles (a connection, a promise nobody resolves)? createApp must only build the app`,
      );
      reject(createAppHangs);
    }, wait);
  });
  try {
    app = await Promise.race([(mod.createApp as (d: TestDeps) => unknown)(deps), hang]);
  } catch (err) {
    throw asLearnerCodeError(err, dir, 'createApp(deps)');
  } finally {
    clearTimeout(timer);
  }
  if (typeof app !== 'function') {
    throw new LearnerCodeError(
      `createApp(deps) must return the Express app (a request handler function), got ${app === null ? 'null' : typeof app}; see docs/01-server.md#the-step-contract`,
    );
  }
  return { app: app as RequestListener, logs: entries, deps };
}
