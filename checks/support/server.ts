import { freePort, killTree, startTsProcess, waitForServer, NotReadyError, type ManagedProcess } from '../../runner/lib/processes.js';
import { fail } from './expect.js';
import { budget, timeout, track } from './budget.js';
import { locateInDir } from './learner-code.js';
import { hasDatabase, serverDatabase } from './db.js';

export interface RunningServer {
  url: string;
  port: number;
  proc: ManagedProcess;
  /** The last lines the server printed. */
  logs(): string[];
  stop(): Promise<void>;
}

const RUNNING = Symbol.for('workshop.checks.running-servers');
/**
 * The servers check files started and have not stopped yet, killed if the worker exits first: a
 * check run torn down early must not leave learner servers behind. One set per process, not per
 * module, because a worker runs several check files and evaluates this module afresh for each.
 */
export function runningServers(): Set<ManagedProcess> {
  const holder = globalThis as { [RUNNING]?: Set<ManagedProcess> };
  if (holder[RUNNING]) return holder[RUNNING];
  const servers = new Set<ManagedProcess>();
  process.once('exit', () => servers.forEach((p) => killTree(p.child)));
  return (holder[RUNNING] = servers);
}
const running = runningServers();

export interface StartServerOptions {
  env?: NodeJS.ProcessEnv;
  /** Set PORT in the environment (default). Step 00 turns this off to test that .env is read. */
  passPort?: boolean;
  /** Use this port instead of a fresh free one. */
  port?: number;
  /** How long start-up takes at most on the development machine (scaled to this machine). */
  timeoutMs?: number;
  lesson?: string;
}

/**
 * Starts the target's `src/server.ts` as its own process on a free port and waits until it
 * answers HTTP. A server that crashes or never listens fails the check with its last log lines.
 */
export async function startServer(dir: string, options: StartServerOptions = {}, attempt = 1): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  // From step 03 a server needs a database: unless the check brings its own, it gets a fresh,
  // empty one (never the learner's development database), dropped when the server stops. Checks
  // that use the tables bring a migrated one (serverDatabase).
  const own = hasDatabase(dir) && !options.env?.DB_DIALECT ? await serverDatabase(dir, { migrate: false }) : undefined;
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'development', ...own?.env, ...options.env };
  if (options.passPort !== false) env.PORT = String(port);
  const proc = startTsProcess({ cwd: dir, env });
  running.add(proc);
  const url = `http://127.0.0.1:${port}`;
  const dropOwn = async () => {
    await own?.drop().catch(() => undefined);
  };
  try {
    await track(waitForServer(url, proc, budget(options.timeoutMs ?? 7_000)));
  } catch (err) {
    await proc.stop(500);
    running.delete(proc);
    await dropOwn();
    // A port this run handed out, taken by something else in the moment before the server bound it,
    // is the machine's doing, not the learner's: another port, once more.
    if (err instanceof NotReadyError && !err.stillRunning && options.port === undefined && options.passPort !== false && attempt < 3 && portClash(err.logs, port)) {
      return startServer(dir, options, attempt + 1);
    }
    if (err instanceof NotReadyError) {
      const where = locateInDir({ stack: err.logs.join('\n') }, dir);
      const failure = {
        expected: `npx tsx src/server.ts to start and answer HTTP on port ${port}`,
        got: `${err.message}${where ? ` — see ${where}` : ''}${err.logs.length ? `\n          last output:\n          | ${err.logs.join('\n          | ')}` : ''}`,
        lesson: options.lesson,
      };
      // Still running but not listening yet: slow, or never going to listen. Not a verdict.
      if (err.stillRunning) timeout({ ...failure, operation: `start ${dir}`, hint: 'does src/server.ts call app.listen(PORT)? If it does and the machine is busy, run the checks again (docs/troubleshooting.md#the-checks-time-out)' });
      fail(failure);
    }
    throw err;
  }
  return {
    url,
    port,
    proc,
    logs: () => proc.logs.last(),
    stop: async () => {
      await proc.stop();
      running.delete(proc);
      await dropOwn();
    },
  };
}

/** True when a server's output says a port it tried was already taken. */
export function saysPortInUse(output: string[]): boolean {
  return /EADDRINUSE|already in use|address in use/i.test(output.join('\n'));
}

/** True when a server's output says the port it was given was already taken. */
export function portClash(output: string[], port: number): boolean {
  return output.join('\n').includes(String(port)) && saysPortInUse(output);
}
