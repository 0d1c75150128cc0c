/**
 * Where a server process asks to listen, seen from outside its code. A small preload (given to
 * the process through NODE_OPTIONS) wraps `net.Server#listen`: it writes to a file what the
 * server passed to `listen()` (the port, or `none` when it passed none, which means a random
 * port), then the port it really got. Asked for one of the ports in `redirect`, it binds a free
 * port instead, so a check can prove a server uses its default port 3000 (or a boundary such as
 * 65535) without taking that port from the learner's own dev server.
 *
 * Also here: `scratchCopy`, a throw-away copy of the project, for checks that need to write a
 * `.env` of their own (they never write into the learner's folder).
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { copyProject, SKIPPED } from '../../runner/lib/fsutil.js';
import { scratchDir, shortPath } from '../../runner/lib/paths.js';
import { freePort, LogTail, startTsProcess, startupDeadline, whenIdle, type ManagedProcess } from '../../runner/lib/processes.js';
import { budget, seconds, timeout, track } from './budget.js';
import { hasDatabase, serverDatabase } from './db.js';
import { saysPortInUse } from './server.js';

const HOOK = `// Written by the workshop's checks: reports what the server passes to listen().
import fs from 'node:fs';
import net from 'node:net';
const report = process.env.WORKSHOP_LISTEN_REPORT;
const redirect = new Set((process.env.WORKSHOP_LISTEN_REDIRECT || '').split(',').filter(Boolean));
const to = Number(process.env.WORKSHOP_LISTEN_TO);
const original = net.Server.prototype.listen;
let first = true;
const write = (entry) => { try { fs.appendFileSync(report, JSON.stringify(entry) + '\\n'); } catch {} };
net.Server.prototype.listen = function (...args) {
  if (report && first) {
    first = false;
    const a = args[0];
    let requested;
    if (a === undefined || a === null || typeof a === 'function') {
      requested = 'none';
      if (redirect.has(requested)) args.unshift(to);
    } else if (typeof a === 'number' || (typeof a === 'string' && /^\\d+$/.test(a))) {
      requested = String(a);
      if (redirect.has(requested)) args[0] = to;
    } else if (typeof a === 'object' && !('_handle' in a) && !('fd' in a)) {
      requested = a.port === undefined || a.port === null ? 'none' : String(a.port);
      if (redirect.has(requested)) args[0] = { ...a, port: to };
    } else {
      requested = String(a);
    }
    write({ requested });
    this.once('listening', () => {
      const address = this.address();
      write(address && typeof address === 'object' ? { port: address.port, address: address.address } : { port: null });
    });
  }
  return original.apply(this, args);
};
`;

let hookUrl: string | undefined;
function hookFile(): string {
  if (hookUrl) return hookUrl;
  const file = path.join(scratchDir, `listen-hook-${createHash('sha1').update(HOOK).digest('hex').slice(0, 8)}.mjs`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(scratchDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, HOOK);
    fs.renameSync(tmp, file);
  }
  return (hookUrl = pathToFileURL(file).href);
}

export interface ObservedServer {
  /** What the server passed to listen(): a port as text ("3000"), "none", or whatever else it passed. */
  requested?: string;
  /** Where it listens (the free port it got instead, when the request was redirected). */
  port?: number;
  /** How to reach it: 127.0.0.1 when it listens on every interface, else the address it chose. */
  url?: string;
  /** The exit code, when the process ended before it listened. */
  exited?: number | string;
  /** True when it started, used no CPU for a while and never called listen(). */
  idleWithoutListening?: boolean;
  /** How long the start was watched, in ms. */
  watchedMs: number;
  /** The last lines the process printed. */
  output(): string[];
  /** Every complete line the process wrote to stdout (stderr left out), up to the last 500. */
  stdoutLines(): string[];
  proc: ManagedProcess;
  stop(): Promise<void>;
}

export interface ObserveOptions {
  /** Added to the environment; a key set to undefined is removed from it. */
  env?: NodeJS.ProcessEnv;
  /** Ports ("3000", "0", "none") that, when the server asks for them, bind a free port instead. */
  redirect?: string[];
  /** How long start-up takes at most on the development machine (scaled to this machine). */
  timeoutMs?: number;
  lesson?: string;
}

/**
 * Starts the project's `src/server.ts` and waits until it listens, exits, or sits idle without
 * ever calling listen(). Never a verdict from time: a wait that runs out is a timeout.
 * From step 03 the server gets a fresh database of its own (unless `env` names one).
 */
export async function startObserved(dir: string, options: ObserveOptions = {}): Promise<ObservedServer> {
  for (let attempt = 1; ; attempt++) {
    const server = await observeOnce(dir, options, await freePort());
    // The free port it was given instead, taken by something else before the server bound it: the
    // machine's doing, not the learner's. Another port, at most twice more.
    const redirected = server.requested !== undefined && (options.redirect ?? []).includes(server.requested);
    if (attempt < 3 && server.exited !== undefined && redirected && saysPortInUse(server.output())) continue;
    return server;
  }
}

async function observeOnce(dir: string, options: ObserveOptions, to: number): Promise<ObservedServer> {
  const report = path.join(scratchDir, `listen-${randomUUID()}.jsonl`);
  fs.mkdirSync(scratchDir, { recursive: true });
  const own = hasDatabase(dir) && !options.env?.DB_DIALECT ? await serverDatabase(dir, { migrate: false }) : undefined;
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'development',
    ...own?.env,
    ...options.env,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${hookFile()}`.trim(),
    WORKSHOP_LISTEN_REPORT: report,
    WORKSHOP_LISTEN_REDIRECT: (options.redirect ?? []).join(','),
    WORKSHOP_LISTEN_TO: String(to),
  };
  // stdout apart from stderr: what the server prints is its log (JSON lines), while Node's own
  // warnings go to stderr.
  const stdout = new LogTail(500);
  const proc = startTsProcess({
    cwd: dir,
    env,
    onOutput: (chunk, stream) => {
      if (stream === 'stdout') stdout.push(chunk);
    },
  });
  let exited: number | string | undefined;
  void proc.exited.then((code) => (exited = code));
  // Idle means no CPU for a while. A server that waits for its database at start-up (a busy MySQL
  // server, a lock) is idle too, without being stuck: with a database, idle must last longer.
  const idle = whenIdle(proc.child, budget(hasDatabase(dir) ? 6000 : 1500));
  let isIdle = false;
  void idle.idle.then(() => (isIdle = true));
  const entries = (): { requested?: string; port?: number | null; address?: string }[] => {
    try {
      return fs
        .readFileSync(report, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { requested?: string; port?: number | null; address?: string });
    } catch {
      return [];
    }
  };
  const stop = async () => {
    idle.cancel();
    await proc.stop();
    fs.rmSync(report, { force: true });
    await own?.drop().catch(() => undefined);
  };
  const started = Date.now();
  const result: ObservedServer = { proc, output: () => proc.logs.last(), stdoutLines: () => stdout.complete(), stop, watchedMs: 0 };
  const wait = budget(options.timeoutMs ?? 7000);
  // A start-up still using CPU past the wait gets more time; a loop that never ends stops at the CPU limit.
  const deadline = startupDeadline(proc, wait, { cpuLimitMs: budget(20_000), graceMs: budget(2000) });
  try {
    await track(
      (async () => {
        for (;;) {
          const seen = entries();
          result.requested ??= seen.find((e) => e.requested !== undefined)?.requested;
          const listening = seen.find((e) => e.port !== undefined);
          if (typeof listening?.port === 'number') {
            result.port = listening.port;
            result.url = `http://${hostFor(listening.address)}:${listening.port}`;
            return;
          }
          if (exited !== undefined) {
            // It may have asked for a port and crashed on it: keep what it asked for.
            result.requested ??= entries().find((e) => e.requested !== undefined)?.requested;
            result.exited = exited;
            return;
          }
          if (isIdle && result.requested === undefined) {
            result.idleWithoutListening = true;
            return;
          }
          if (deadline.expired()) {
            timeout({
              expected: `npx tsx src/server.ts to start and call listen()`,
              got: `after ${seconds(deadline.elapsedMs())} it was still starting${proc.logs.last().length ? `; last output:\n          | ${proc.logs.last(8).join('\n          | ')}` : ''}`,
              lesson: options.lesson,
              operation: `start ${shortPath(dir)}`,
            });
          }
          await new Promise((r) => setTimeout(r, 50));
        }
      })(),
    );
  } catch (err) {
    await stop();
    throw err;
  }
  result.watchedMs = Date.now() - started;
  if (result.exited !== undefined || result.idleWithoutListening) await stop();
  return result;
}

/** A host to reach a server at, from the address it listens on. */
function hostFor(address: string | undefined): string {
  if (address === undefined || address === '' || address === '::' || address === '0.0.0.0') return '127.0.0.1';
  return address.includes(':') ? `[${address}]` : address;
}

/**
 * A throw-away copy of the project in the scratch folder, without node_modules, build output and
 * the learner's own `.env` (pass `env` to write one). Packages resolve from the workshop's
 * node_modules; when the project has its own, the copy links to them. `cleanUp()` removes it.
 */
export function scratchCopy(dir: string, { env, name = 'copy' }: { env?: string; name?: string } = {}): { copy: string; cleanUp(): void } {
  fs.mkdirSync(scratchDir, { recursive: true });
  const copy = fs.mkdtempSync(path.join(scratchDir, `${name}-`));
  copyProject(dir, copy, { skip: new Set([...SKIPPED, '.env']) });
  if (env !== undefined) fs.writeFileSync(path.join(copy, '.env'), env);
  const link = path.join(copy, 'node_modules');
  if (fs.existsSync(path.join(dir, 'node_modules'))) fs.symlinkSync(path.join(dir, 'node_modules'), link, 'junction');
  return {
    copy,
    cleanUp() {
      // Remove the link itself first, so nothing can ever delete through it into the learner's folder.
      try {
        if (fs.lstatSync(link).isSymbolicLink()) fs.unlinkSync(link);
      } catch {
        // No link: nothing to unlink.
      }
      fs.rmSync(copy, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}

/** Shows paths inside a scratch copy as the learner's own paths in messages. */
export function asLearnerPaths(text: string, copy: string, dir: string): string {
  return text
    .replaceAll(pathToFileURL(copy).href, pathToFileURL(dir).href)
    .replaceAll(copy, dir)
    .replaceAll(shortPath(copy), shortPath(dir));
}
