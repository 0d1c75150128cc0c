/**
 * Step 08 · Deployment and operations: what the check files share. The lesson's anchors, and the
 * learner's server as a real process (the way a container runs it): from a scratch copy of the
 * project (never the learner's `.env`, never their folder), with an environment the check
 * chooses, every line it prints kept, and its signals and exit in the check's hands.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { accepts, freePort, isRunning, NotReadyError, startTsProcess, waitForServer, whenIdle, type ManagedProcess } from '../runner/lib/processes.js';
import { shortPath } from '../runner/lib/paths.js';
import {
  api,
  asLearnerPaths,
  ensure,
  budget,
  describeResponse,
  fail,
  lessonLink,
  scratchCopy,
  serverDatabase,
  targetDir,
  timeout,
  type Response,
  type ServerDatabase,
} from './support/index.js';
import { seconds, track } from './support/budget.js';
import { portClash, runningServers } from './support/server.js';
import type { TcpProxy } from './support/tcp-proxy.js';

export const dir = targetDir('08-deploy');
const lesson = lessonLink('08-deploy');

export const L = {
  build: lesson('a-build-that-runs-without-tsx'),
  config: lesson('configuration-that-fails-closed'),
  health: lesson('health-checks'),
  shutdown: lesson('graceful-shutdown'),
  logs: lesson('logs-a-request-id-on-every-line'),
  metrics: lesson('metrics'),
  instances: lesson('several-instances-one-limit'),
  cache: lesson('several-instances-one-cache'),
  image: lesson('an-image-of-the-app'),
  migrate: lesson('migrations-before-the-app'),
  compose: lesson('the-stack-on-your-machine'),
  ci: lesson('continuous-integration'),
};

/** Long enough for any strength rule, and clearly not a real secret. */
export const JWT_SECRET = `deploy-check-jwt-secret-${'0123456789abcdef'.repeat(2)}`;
export const METRICS_TOKEN = 'deploy-check-metrics-token-0123456789';

/** Variables of this step a check's environment never inherits from the machine's: each check sets its own. */
export const CLEAN_ENV: NodeJS.ProcessEnv = {
  REDIS_URL: undefined,
  METRICS_TOKEN: undefined,
  SHUTDOWN_TIMEOUT_MS: undefined,
  DB_DIALECT: undefined,
  DB_STORAGE: undefined,
  DATABASE_URL: undefined,
  CORS_ORIGINS: undefined,
  LOG_LEVEL: undefined,
  JWT_EXPIRES_IN: undefined,
  JWT_SECRET: undefined,
  PORT: undefined,
};

/** A unique tag for names a check makes (emails, usernames, slugs), so parallel checks never meet. */
export const uniqueTag = (): string => randomBytes(5).toString('hex');

export interface OutputLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface AppProcess {
  url: string;
  port: number;
  pid: number;
  proc: ManagedProcess;
  /** Every complete line printed so far, in order. */
  lines(): OutputLine[];
  /** The last lines, for messages. */
  tail(n?: number): string;
  /** The exit code (or signal name) once it has exited. */
  exitCode(): number | string | undefined;
  /** When this process saw the exit (Date.now()): never before the exit itself, maybe after it on a busy machine. */
  exitSeenAt(): number | undefined;
  stop(): Promise<void>;
}

const running = runningServers();

export interface StartAppOptions {
  /** The folder to run in: a scratch copy (default: a fresh one of the target, removed at stop). */
  cwd?: string;
  /** `dist/server.js` with plain Node (compiled), or `src/server.ts` with tsx (default). */
  compiled?: boolean;
  /** Added to a production-like environment: NODE_ENV=production, JWT_SECRET, LOG_LEVEL=info, PORT. */
  env?: NodeJS.ProcessEnv;
  /** The database: a migrated one of its own by default (dropped at stop). */
  db?: ServerDatabase;
  lesson?: string;
}

/**
 * Starts the learner's server as a process and waits until it accepts connections. A server that
 * exits or never listens fails the check with its last output; one still busy starting when the
 * wait runs out is a timeout.
 */
export async function startApp(options: StartAppOptions = {}, attempt = 1): Promise<AppProcess> {
  const copy = options.cwd ? undefined : scratchCopy(dir, { name: '08-deploy-app' });
  const cwd = options.cwd ?? copy!.copy;
  const own = options.db ? undefined : await serverDatabase(dir).catch((err: unknown) => {
    copy?.cleanUp();
    throw err;
  });
  const db = options.db ?? own!;
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...CLEAN_ENV,
    NODE_ENV: 'production',
    JWT_SECRET,
    LOG_LEVEL: 'info',
    ...db.env,
    ...options.env,
    PORT: String(port),
  };
  const lines: OutputLine[] = [];
  const partial = { stdout: '', stderr: '' };
  const proc = startTsProcess({
    cwd,
    env,
    ...(options.compiled && { entry: path.join('dist', 'server.js'), plainNode: true }),
    onOutput: (chunk, stream) => {
      const parts = (partial[stream] + chunk).split(/\r?\n/);
      partial[stream] = parts.pop() ?? '';
      for (const text of parts) lines.push({ stream, text });
    },
  });
  running.add(proc);
  let code: number | string | undefined;
  let exitSeenAt: number | undefined;
  void proc.exited.then((c) => (code = c));
  proc.child.once('exit', () => (exitSeenAt = Date.now()));
  const cleanUp = async () => {
    await proc.stop();
    running.delete(proc);
    await own?.drop().catch(() => undefined);
    copy?.cleanUp();
  };
  const show = (text: string) => (copy ? asLearnerPaths(text, copy.copy, dir) : text);
  const url = `http://127.0.0.1:${port}`;
  const what = options.compiled ? 'node dist/server.js' : 'npx tsx src/server.ts';
  // A server that starts and then sits waiting (no CPU used) without ever listening: waiting for
  // something at start-up that does not come (a Redis that is down). Longer than a database's
  // first connection on a busy machine. A Redis client retrying a refused connection wakes now and
  // then: 2 % of the window's CPU is allowed for it (a server doing real work uses far more).
  const quiet = budget(6000);
  const idle = whenIdle(proc.child, quiet, 250, quiet * 0.02);
  let sat = false;
  try {
    await track(
      Promise.race([
        waitForServer(url, proc, budget(10_000)),
        idle.idle.then(async () => {
          if (await accepts('127.0.0.1', port)) return;
          sat = true;
          throw new NotReadyError('it started, then sat waiting without listening', proc.logs.last(15), false);
        }),
      ]),
    );
  } catch (err) {
    await cleanUp();
    if (sat && err instanceof NotReadyError) {
      fail({
        expected: `${what} to start and accept connections on port ${port}, whatever its dependencies are doing`,
        got: `it started, then sat waiting (next to no CPU used) without ever listening${err.logs.length ? `; last output:\n          | ${err.logs.map(show).join('\n          | ')}` : ''}`,
        hint: 'listen first; connect to Redis in the background (do not await client.connect() before listen): the server must answer /health/live while a dependency is down',
        lesson: options.lesson,
      });
    }
    if (err instanceof NotReadyError) {
      if (!err.stillRunning && attempt < 3 && portClash(err.logs, port)) return startApp(options, attempt + 1);
      const output = err.logs.length ? `\n          last output:\n          | ${err.logs.map(show).join('\n          | ')}` : '';
      const failure = {
        expected: `${what} (NODE_ENV=production, a JWT_SECRET, a migrated database${Object.keys(options.env ?? {}).length ? `, ${Object.entries(options.env ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${k.includes('SECRET') || k.includes('TOKEN') ? '…' : v}`).join(', ')}` : ''}) to start and accept connections on port ${port}`,
        got: `${err.message}${output}`,
        lesson: options.lesson,
      };
      if (err.stillRunning) timeout({ ...failure, operation: `start ${shortPath(dir)}` });
      fail(failure);
    }
    throw err;
  } finally {
    idle.cancel();
  }
  return {
    url,
    port,
    pid: proc.child.pid ?? -1,
    proc,
    lines: () => [...lines, ...(['stdout', 'stderr'] as const).filter((s) => partial[s]).map((s) => ({ stream: s, text: partial[s] }))],
    tail: (n = 12) => {
      const all = lines.slice(-n).map((l) => show(l.text));
      return all.length ? `\n          | ${all.join('\n          | ')}` : ' (no output)';
    },
    exitCode: () => code,
    exitSeenAt: () => exitSeenAt,
    stop: cleanUp,
  };
}

/** Runs `fn` with a started server, and stops it (and removes its copy and database) afterwards. */
export async function withApp<T>(options: StartAppOptions, fn: (app: AppProcess) => Promise<T>): Promise<T> {
  const app = await startApp(options);
  try {
    return await fn(app);
  } finally {
    await app.stop();
  }
}

/**
 * Two server processes on one fresh database, as app1 and app2 run behind the proxy, both ready
 * before `fn` runs; afterwards both are stopped (one that started while the other failed to, too)
 * and the database is dropped.
 */
export async function withTwoInstances<T>(options: { env: NodeJS.ProcessEnv; lesson: string }, fn: (one: AppProcess, two: AppProcess) => Promise<T>): Promise<T> {
  const db = await serverDatabase(dir);
  const apps: AppProcess[] = [];
  try {
    const started = await Promise.allSettled([startApp({ db, ...options }), startApp({ db, ...options })]);
    for (const s of started) if (s.status === 'fulfilled') apps.push(s.value);
    for (const s of started) if (s.status === 'rejected') throw s.reason;
    await Promise.all(apps.map((a) => untilReady(a, options.lesson)));
    return await fn(apps[0], apps[1]);
  } finally {
    await Promise.all(apps.map((a) => a.stop()));
    await db.drop();
  }
}

/**
 * Waits for the process to exit, or to sit idle (no CPU used for `quietMs`, on the development
 * machine's scale) while still alive: the two outcomes a check can see without a clock deciding.
 * `notBefore` (ms from now) keeps waiting at least that long (a deadline the process was given).
 * A process still busy when the hard limit comes is a timeout.
 *
 * The idle watch may not conclude on a crowded machine (a thread waiting for the CPU is never
 * idle), and then an exit that ends the wait can be a later one than the check expects (another
 * deadline's). `lookAt` (a Date.now() moment) reads then, from the kernel, whether the process
 * still runs (`isRunning`: not inferred from when the exit was seen, late on a busy machine and
 * never early); an exit that follows such a look carries `runningAt`, that moment.
 */
export async function exitOrIdle(
  app: AppProcess,
  { quietMs = 2500, notBefore = 0, quietCapMs, lookAt, what }: { quietMs?: number; notBefore?: number; quietCapMs?: number; lookAt?: number; what: string },
): Promise<{ exited: number | string; runningAt?: number } | { idle: true }> {
  let runningAt: number | undefined;
  const look = lookAt === undefined ? undefined : setTimeout(() => (runningAt = isRunning(app.proc.child) ? Date.now() : undefined), Math.max(0, lookAt - Date.now()));
  try {
    const end = await waitForExitOrIdle(app, { quietMs, notBefore, quietCapMs, what });
    return 'exited' in end && runningAt !== undefined ? { ...end, runningAt } : end;
  } finally {
    clearTimeout(look);
  }
}

async function waitForExitOrIdle(
  app: AppProcess,
  { quietMs, notBefore, quietCapMs, what }: { quietMs: number; notBefore: number; quietCapMs?: number; what: string },
): Promise<{ exited: number | string } | { idle: true }> {
  const started = Date.now();
  const exited = app.proc.exited.then((code) => ({ exited: code }) as const);
  let timer: NodeJS.Timeout | undefined;
  if (notBefore > 0) {
    const first = await track(Promise.race([exited, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), notBefore)))]));
    clearTimeout(timer);
    if (first) return first;
  }
  // On Linux a thread waiting for the CPU is seen (state R) and never counts as idle, so a quiet
  // window need not grow without end on a crowded machine: `quietCapMs` bounds it there.
  const quiet = quietCapMs !== undefined && process.platform === 'linux' ? Math.min(budget(quietMs), quietCapMs) : budget(quietMs);
  const idle = whenIdle(app.proc.child, quiet);
  try {
    const outcome = await track(
      Promise.race([
        exited,
        idle.idle.then(() => ({ idle: true }) as const),
        new Promise<{ hard: true }>((resolve) => (timer = setTimeout(() => resolve({ hard: true }), budget(30_000)))),
      ]),
    );
    if ('hard' in outcome) timeout({ expected: what, got: `after ${seconds(Date.now() - started)} the process was still running and busy${app.tail(6)}`, operation: what });
    return outcome;
  } finally {
    clearTimeout(timer);
    idle.cancel();
  }
}

type Body = { status?: unknown; checks?: Record<string, unknown> };
export const bodyOf = (res: Response): Body => (res.body ?? {}) as Body;
export const isReady = (res: Response): boolean => res.status === 200 && bodyOf(res).status === 'ready';

/**
 * Polls /health/ready until it is 200 again after a dependency came back. A client that never
 * tries to connect again is seen at the proxy (no new connection) and is a failure; one that did
 * connect but whose readiness stays 503 runs out of the wait (a timeout: it may be slow).
 */
export async function expectRecovery(app: AppProcess, proxy: TcpProxy, what: string, lessonUrl = L.health): Promise<void> {
  const before = proxy.connections;
  const deadline = Date.now() + budget(15_000);
  let res = await api(app.url).get('/health/ready');
  while (!isReady(res) && Date.now() < deadline) {
    ensure(app.exitCode() === undefined, { expected: `the server to keep running while ${what} is away and after it is back`, got: `it exited (code ${app.exitCode()})${app.tail(8)}`, lesson: lessonUrl });
    await new Promise((r) => setTimeout(r, budget(200)));
    res = await api(app.url).get('/health/ready');
  }
  if (isReady(res)) return;
  const failure = {
    expected: `once ${what} answers again, /health/ready answers 200 {"status":"ready"} again, in the same process (no restart)`,
    got: `after ${seconds(budget(15_000))} it still answers ${describeResponse(res)}; ${proxy.connections === before ? `the server never even connected to ${what} again` : `the server connected to ${what} again (${proxy.connections - before} connection(s)), but readiness did not follow yet`}`,
    hint: 'ask the dependency on every probe (SELECT 1, PING), never a verdict remembered from earlier; let the client reconnect by itself (node-redis does, with its default reconnectStrategy)',
    lesson: lessonUrl,
  };
  // Connected again but not ready yet: maybe only slow (a busy machine); the retry waits longer.
  if (proxy.connections > before) timeout({ expected: failure.expected, got: failure.got, lesson: lessonUrl, operation: `readiness after ${what} is back` });
  fail(failure);
}

/**
 * Polls /health/ready until it answers 200: a server connects to Redis in the background after it
 * starts listening, and a login sent before that meets a limiter that cannot count yet (503). One
 * that exits, or answers anything but 200 or 503, fails; one still answering 503 when the wait runs
 * out is a timeout (it may be slow).
 */
export async function untilReady(app: AppProcess, lessonUrl: string): Promise<void> {
  const deadline = Date.now() + budget(15_000);
  let res = await api(app.url).get('/health/ready');
  // Only a 503 means "not ready yet": any other answer (a 404 or 501 where readiness is not written,
  // a 500, a 200 without "ready") is what this server says, and waiting longer would not change it.
  while (!isReady(res) && res.status === 503 && Date.now() < deadline && app.exitCode() === undefined) {
    await new Promise((r) => setTimeout(r, budget(200)));
    res = await api(app.url).get('/health/ready');
  }
  if (isReady(res)) return;
  const failure = {
    expected: 'the server, with its database and Redis up, to become ready: GET /health/ready 200 {"status":"ready"}',
    got: app.exitCode() !== undefined ? `it exited (code ${app.exitCode()})${app.tail(6)}` : `after ${seconds(budget(15_000))} still ${describeResponse(res)}`,
    lesson: lessonUrl,
  };
  // Alive and answering 503, not ready yet: it connects in the background, and may only be slow.
  if (app.exitCode() === undefined && res.status === 503) timeout({ ...failure, operation: 'readiness at start-up' });
  if (app.exitCode() === undefined) failure.got = `it answers ${describeResponse(res)}: GET /health/ready answers 503 while the server is not ready yet, 200 once it is`;
  fail(failure);
}

/** Each printed line parsed as JSON when it is a JSON object, else undefined. */
export function jsonOf(line: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(line.trim()) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export const short = (text: string, max = 200): string => (text.length > max ? `${text.slice(0, max)}…` : text);

/** A user for the checks: a unique name and email, a password nobody else uses. */
export function person(name: string): { username: string; email: string; password: string } {
  const tag = uniqueTag();
  return { username: `${name}${tag}`, email: `${name}-${tag}@deploy-check.test`, password: `pw-${name}-${tag}-Secret!` };
}

/** The answer's token, when it is the Conduit user envelope. */
export const tokenOf = (res: Response): string | undefined => (res.body as { user?: { token?: unknown } } | undefined)?.user?.token as string | undefined;

export function expectAnswer(res: Response, status: number, what: string, lessonUrl: string, hint?: string): void {
  if (res.status !== status) fail({ expected: `${what}: ${status}`, got: describeResponse(res), lesson: lessonUrl, hint });
}

/** Reads a text file of the target, or undefined. */
export function readTargetFile(rel: string): string | undefined {
  try {
    return fs.readFileSync(path.join(dir, rel), 'utf8');
  } catch {
    return undefined;
  }
}
